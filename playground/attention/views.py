"""Pure functions for the Attention tab: an analysis or a model in, arrays and figures out.

No Gradio here. This module: shared helpers and the views of the pretrained model;
`grid.py` draws the all-heads picture, `toy_views.py` the encoder-decoder's views.
Heatmaps are plotly figures whose `layout.meta` carries the clean
row and column labels and a file name, so the tab's CSV buttons can save the
exact matrix in the browser (no server round trip, no temporary files).
"""

from __future__ import annotations

import csv
import functools
import io
import math

import numpy as np
import plotly.graph_objects as go

from playground import i18n, plots
from playground.attention import minilm, text
from playground.plots import style

T = i18n.strings(text)

# white (no attention) -> dark blue (the most), the same in every heatmap and thumbnail
BLUES = [[0.0, "#ffffff"], [0.1, "#e3eef9"], [0.3, "#a9cce3"], [0.6, "#4a90c8"], [1.0, "#08306b"]]
# blue (negative) -> white (0) -> red (positive). Spelled out: steps_figure skips plotly's
# validation (speed), and plotly.js itself does not know the name "RdBu_r".
DIVERGING = [[0.0, "#2166ac"], [0.25, "#92c5de"], [0.5, "#f7f7f7"], [0.75, "#f4a582"], [1.0, "#b2182b"]]
HIGHLIGHT = "#f28e2b"


def plotly_text(s: str) -> str:
    """Plotly reads labels as a little HTML ("<s>" strikes through): escape what a user typed."""
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def unique_labels(tokens: list[str]) -> list[str]:
    """Plotly merges equal category labels; make repeats distinct with zero-width spaces."""
    seen: dict[str, int] = {}
    out = []
    for t in tokens:
        k = seen.get(t, 0)
        seen[t] = k + 1
        out.append(plotly_text(t) + "\u200b" * k)
    return out


def _meta(name: str, rows: list[str], cols: list[str]) -> dict:
    return {"csv": {"name": name, "rows": list(rows), "cols": list(cols)}}


@functools.lru_cache(maxsize=1)
def _house_layout() -> dict:
    """`playground.plots.style`'s layout, worked out once: style() costs 10+ ms a call (plotly
    validates every update) and the MiniLM figures are redrawn on every slider move."""
    return style(go.Figure(go.Scatter()), "-").layout.to_plotly_json()  # a trace, so it has axes


def quick_figure(data: list[dict], layout: dict, title: str, height: int, meta: dict,
                 margin: dict | None = None) -> plots.Figure:
    """A figure in the house style from plain dicts, without plotly's validation.
    Every axis named in `layout` gets the house grid colours."""
    house = _house_layout()
    merged = {**house, **layout, "height": height, "meta": meta,
              "title": {**house["title"], "text": title}, "margin": {**house["margin"], **(margin or {})}}
    for key, axis in layout.items():
        if key.startswith(("xaxis", "yaxis")):
            merged[key] = {**house[key[0] + "axis"], **axis}
    return plots.Figure(data, merged)


# --- all-MiniLM-L6-v2 ---------------------------------------------------------------

def kept_positions(a: minilm.Analysis, hide_special: bool) -> np.ndarray:
    return np.flatnonzero(~a.special) if hide_special else np.arange(a.n)


def attention_matrix(a: minilm.Analysis, layer: int, head: int | None,
                     hide_special: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """One head's (or the layer's head-average) [n, n] weights and the token positions kept.

    Hiding [CLS]/[SEP] drops their rows and columns and renormalises every row to
    sum to 1 again: "of the attention that went to real words, where did it go".
    """
    m = a.attentions[layer].mean(0) if head is None else a.attentions[layer, head]
    keep = kept_positions(a, hide_special)
    if hide_special:
        m = m[np.ix_(keep, keep)]
        m = m / m.sum(1, keepdims=True)
    return m, keep


def heatmap_figure(m: np.ndarray, tokens: list[str], title: str, csv_name: str) -> go.Figure:
    """Built from plain dicts (plotly's validation of a 128 x 128 matrix costs more than the
    rest of the figure): this redraws on every slider move."""
    labels = unique_labels(tokens)
    n = len(tokens)
    tick_font = 12 if n <= 30 else 10 if n <= 60 else 8
    trace = dict(type="heatmap", z=m, x=labels, y=labels, colorscale=BLUES, zmin=0.0, zmax=float(m.max()),
                 hovertemplate=T.hover_cell + "<extra></extra>", colorbar={"title": {"text": T.weight}})
    layout = {"xaxis": {"title": {"text": T.axis_key}, "side": "top", "tickangle": -60,
                        "tickfont": {"size": tick_font}, "showgrid": False},
              "yaxis": {"title": {"text": T.axis_query}, "autorange": "reversed",
                        "tickfont": {"size": tick_font}, "showgrid": False}}
    fig = quick_figure([trace], layout, title, height=int(min(760, max(460, 220 + 9 * n))),
                       meta=_meta(csv_name, tokens, tokens), margin={"l": 90, "r": 20, "t": 150, "b": 20})
    fig.layout.title.y = 0.98
    return fig


def minilm_heatmap(a: minilm.Analysis, layer: int, head: int | None, hide_special: bool) -> go.Figure:
    """layer, head 0-based; head None = average of the heads."""
    m, keep = attention_matrix(a, layer, head, hide_special)
    title = (T.heatmap_title_avg.format(layer=layer + 1) if head is None
             else T.heatmap_title.format(layer=layer + 1, head=head + 1))
    if hide_special:
        title += T.hidden_suffix
    name = f"minilm_layer{layer + 1}_{'avg' if head is None else f'head{head + 1}'}.csv"
    return heatmap_figure(m, [a.tokens[i] for i in keep], title, name)


def grid_csv(a: minilm.Analysis, hide_special: bool) -> str:
    """All heads as one table: a row per (layer, head, query), a column per key."""
    keep = kept_positions(a, hide_special)
    tokens = [a.tokens[i] for i in keep]
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow([*T.grid_csv_cols, *tokens])
    L, H = a.attentions.shape[:2]
    for l in range(L):
        for h in range(H):
            m, _ = attention_matrix(a, l, h, hide_special)
            for i, tok in enumerate(tokens):
                w.writerow([l + 1, h + 1, i, tok, *(f"{x:.6g}" for x in m[i])])
    return out.getvalue()


def token_chips(a: minilm.Analysis) -> list[tuple[str, str | None]]:
    """(token, category) pairs for a highlighted-text view of what the model read."""
    out = []
    for t in a.tokens:
        if t in minilm.SPECIAL:
            out.append((t, T.tok_special))
        elif t == "[UNK]":
            out.append((t, T.tok_unknown))
        elif t.startswith("##"):
            out.append((t, T.tok_piece))
        else:
            out.append((t, T.tok_word))
    return out


def notices(a: minilm.Analysis) -> str:
    """Markdown: what happened to the input on its way into the model."""
    lines = []
    if a.cut_at_char is not None and a.total_tokens > minilm.MAX_TOKENS:
        tail = a.text[max(0, a.cut_at_char - 30): a.cut_at_char].replace("`", "'")
        total = f"{a.total_tokens:,}" + ("+" if a.chars_cut_before_tokenizing else "")
        lines.append(T.note_cut.format(total=total, limit=minilm.MAX_TOKENS,
                                       char=a.cut_at_char, chars=a.original_chars, tail=tail))
    elif a.chars_cut_before_tokenizing:
        lines.append(T.note_chars_cut.format(limit=minilm.MAX_CHARS, chars=a.original_chars))
    if a.removed_controls:
        lines.append(T.note_controls.format(count=a.removed_controls))
    if a.unk_sources:
        shown = sorted(set(a.unk_sources), key=a.unk_sources.index)[:12]
        short = [s if len(s) <= 24 else s[:20] + "…" for s in shown]  # a 50,000-letter "word" too
        lines.append(T.note_unk.format(count=len(a.unk_sources), items=", ".join(f"“{s}”" for s in short)))
    if any("\uac00" <= ch <= "\ud7a3" for ch in a.text[: (a.cut_at_char or len(a.text))]):
        lines.append(T.note_hangul)
    return "\n\n".join(lines)


STEP_WIDTHS = (0.22, 0.15, 0.15, 0.15, 0.33)  # keys | q.k | scaled | weights | weighted values
STEP_GAP = 0.025


def _step_domains() -> list[list[float]]:
    """Side-by-side x domains for the five panels (what make_subplots would compute, 20 ms faster)."""
    usable = 1 - STEP_GAP * (len(STEP_WIDTHS) - 1)
    out, x = [], 0.0
    for w in STEP_WIDTHS:
        out.append([x, x + w * usable])
        x += w * usable + STEP_GAP
    return out


def steps_figure(a: minilm.Analysis, s: minilm.Steps, layer: int, head: int, query: int) -> go.Figure:
    """The chain q.k -> scale -> softmax -> weighted values, one panel per step, the tokens
    aligned across panels. Built as plain dicts: this redraws on every slider move."""
    labels = unique_labels(a.tokens)
    n = a.n
    titles = list(T.steps_titles)
    titles[2] = titles[2].format(sqrt=math.sqrt(s.d_k))
    top = int(s.weights.argmax())
    colours = [HIGHLIGHT if j == top else ("#7f7f7f" if j == query else "#4a90c8") for j in range(n)]
    lim_k = float(np.abs(s.K).max()) or 1.0
    wv = s.weights[:, None] * s.V
    lim_wv = float(np.abs(wv).max()) or 1.0
    data = [dict(type="heatmap", z=s.K, y=labels, colorscale=DIVERGING, zmid=0, zmin=-lim_k, zmax=lim_k,
                 showscale=False, hovertemplate=T.hover_key, xaxis="x", yaxis="y")]
    for col, values, fmt in ((2, s.scores, ".2f"), (3, s.scaled, ".3f"), (4, s.weights, ".4f")):
        data.append(dict(type="bar", x=values, y=labels, orientation="h", marker={"color": colours},
                         hovertemplate=f"%{{y}}: %{{x:{fmt}}}<extra></extra>", showlegend=False,
                         xaxis=f"x{col}", yaxis="y"))
    data.append(dict(type="heatmap", z=wv, y=labels, colorscale=DIVERGING, zmid=0, zmin=-lim_wv, zmax=lim_wv,
                     colorbar={"len": 0.6, "thickness": 10}, hovertemplate=T.hover_wv, xaxis="x5", yaxis="y"))
    layout = {"yaxis": {"autorange": "reversed", "tickfont": {"size": 11 if n <= 40 else 8}},
              "annotations": [], "bargap": 0.15}
    for i, (domain, text_) in enumerate(zip(_step_domains(), titles), start=1):
        layout[f"xaxis{'' if i == 1 else i}"] = {"domain": domain, "anchor": "y", "showgrid": True,
                                                 **({"range": [0, 1.02]} if i == 4 else {})}
        layout["annotations"].append({"text": text_, "x": sum(domain) / 2, "y": 1.0, "xref": "paper",
                                      "yref": "paper", "xanchor": "center", "yanchor": "bottom",
                                      "showarrow": False, "font": {"size": 12}})
    title = T.steps_title.format(layer=layer + 1, head=head + 1, token=a.tokens[query], index=query)
    table = np.stack([s.scores, s.scaled, s.weights], 1)
    name = f"minilm_steps_layer{layer + 1}_head{head + 1}_token{query}.csv"
    return quick_figure(data, layout, title, height=int(min(1100, max(380, 120 + 15 * n))),
                        meta={"csv": {"name": name, "rows": a.tokens, "cols": T.steps_csv_cols,
                                      "z": table.tolist()}},
                        margin={"l": 90, "r": 20, "t": 80, "b": 30})


def vectors_figure(a: minilm.Analysis, s: minilm.Steps, query: int) -> go.Figure:
    z = np.stack([s.q, s.output])
    lim = float(np.abs(z).max()) or 1.0
    trace = dict(type="heatmap", z=z, y=list(T.vectors_rows), colorscale=DIVERGING, zmid=0, zmin=-lim, zmax=lim,
                 hovertemplate=T.hover_vec, colorbar={"thickness": 10})
    return quick_figure([trace], {"xaxis": {"title": {"text": T.dims}, "dtick": 4}, "yaxis": {}},
                        T.vectors_title.format(token=a.tokens[query]), height=220,
                        meta=_meta(f"minilm_q_and_output_token{query}.csv", T.vectors_rows,
                                   [str(i) for i in range(s.d_k)]))


def steps_sentence(a: minilm.Analysis, s: minilm.Steps, layer: int, head: int, query: int) -> str:
    j = int(s.weights.argmax())
    err = float(np.abs(s.weights - a.attentions[layer, head, query]).max())
    exponent = int(math.floor(math.log10(max(err, 1e-12))))
    return T.steps_sentence.format(key=a.tokens[j], score=s.scores[j], scaled=s.scaled[j],
                                   weight=s.weights[j], pct=100 * s.weights[j], token=a.tokens[query],
                                   n=a.n, total=s.weights.sum(), exponent=exponent + 1)
