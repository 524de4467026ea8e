"""Views of our encoder-decoder: its generation step by step, its three attentions
(the decoder's masked cells drawn as masked, not as zeros), and the positional encoding."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go
import torch
from plotly.subplots import make_subplots

from playground.attention import tasks
from playground.attention.views import BLUES, DIVERGING, HIGHLIGHT, T, _meta
from playground.plots import style


@dataclass
class ToyTrace:
    """One generation: what was read, what has been written, and every attention on the way."""
    task: str
    source: str
    src_tokens: list[str]        # source characters + </s>
    written: list[str]           # characters written so far (</s> included once it comes)
    enc: np.ndarray              # [layers, heads, S, S]
    dec_self: np.ndarray         # [layers, heads, t, t]   rows: decoder positions so far
    cross: np.ndarray            # [layers, heads, t, S]
    probs: np.ndarray            # [t, vocab]  the distribution each step chose from
    itos: list[str]
    expected: str | None
    use_positions: bool
    finished: bool

    @property
    def steps(self) -> int:
        return len(self.written)

    @property
    def output(self) -> str:
        return "".join(c for c in self.written if c != tasks.EOS)

    def decoder_inputs(self, step: int) -> list[str]:
        return [tasks.BOS] + self.written[: step - 1]

    def row_labels(self, step: int) -> list[str]:
        """Decoder position t reads its input token and writes the next one: "<s>→5"."""
        return [f"{_show(i)}→{_show(o)}" for i, o in zip(self.decoder_inputs(step), self.written[:step])]


def check_toy_input(task: tasks.Task, source: str | None) -> str:
    from playground.imaging import InputError
    source = (source or "").strip()
    if not source:
        raise InputError(T.empty_toy)
    bad = sorted({c for c in source if c not in task.chars})
    if bad:
        allowed = T.allowed[task.name]
        raise InputError(T.bad_chars.format(allowed=allowed, bad=" ".join(repr(c) for c in bad[:8])))
    if len(source) > task.max_source:
        raise InputError(T.too_long.format(n=len(source), limit=task.max_source))
    return source


@torch.no_grad()
def toy_generate(model, task: tasks.Task, source: str, use_positions: bool = True):
    """Greedy decoding one character at a time; yields a ToyTrace after every step."""
    codec = tasks.Codec(task)
    dev = next(model.parameters()).device
    src = torch.tensor([codec.source(source)], device=dev)
    memory, enc = model.encode(src, use_positions)
    enc_np = torch.stack([w[0] for w in enc]).cpu().numpy()
    ids = [codec.bos]
    written: list[str] = []
    max_steps = task.max_target + 1
    for step in range(max_steps):
        logits, self_w, cross_w = model.decode(torch.tensor([ids], device=dev), memory, src, use_positions)
        probs = torch.softmax(logits[0], -1).cpu().numpy()
        nxt = int(probs[-1].argmax())
        ids.append(nxt)
        written.append(codec.itos[nxt])
        finished = nxt == codec.eos or step == max_steps - 1
        yield ToyTrace(task=task.name, source=source, src_tokens=list(source) + [tasks.EOS],
                       written=list(written), enc=enc_np,
                       dec_self=torch.stack([w[0] for w in self_w]).cpu().numpy(),
                       cross=torch.stack([w[0] for w in cross_w]).cpu().numpy(),
                       probs=probs, itos=codec.itos, expected=task.answer(source),
                       use_positions=use_positions, finished=finished)
        if finished:
            return


def _pick(w: np.ndarray, layer: int, head: int | None) -> np.ndarray:
    return w[layer].mean(0) if head is None else w[layer, head]


SHOWN = {tasks.BOS: T.start_mark, tasks.EOS: T.end_mark, tasks.PAD: "PAD", " ": "␣"}


def _show(tok: str) -> str:
    """How a toy token is written on screen: the special marks as words, a space as ␣."""
    return SHOWN.get(tok, tok)


def toy_heatmap(m: np.ndarray, rows: list[str], cols: list[str], title: str, csv_name: str,
                axes: tuple[str, str], masked: np.ndarray | None = None, height: int = 430) -> go.Figure:
    """A small attention map on 0..1. Masked cells are not coloured as zeros: they are
    left blank under a grey hatching, with their own hover text."""
    rows, cols = [_show(r) for r in rows], [_show(c) for c in cols]
    hover = [[f"{rows[i]} → {cols[j]}: {m[i, j]:.4f}" for j in range(len(cols))] for i in range(len(rows))]
    z = m.astype(float).copy()
    if masked is not None:
        z[masked] = np.nan
        for i, j in zip(*np.nonzero(masked)):
            hover[i][j] = f"{rows[i]} → {cols[j]}: {T.masked_hover}"
    fig = go.Figure(go.Heatmap(z=z, text=hover, hovertemplate="%{text}<extra></extra>", colorscale=BLUES,
                               zmin=0, zmax=1, xgap=1, ygap=1, colorbar={"thickness": 10},
                               hoverongaps=False))
    if masked is not None and masked.any():
        xs, ys = [], []
        for i, j in zip(*np.nonzero(masked)):
            xs += [j - 0.5, j + 0.5, j + 0.5, j - 0.5, j - 0.5, None]
            ys += [i - 0.5, i - 0.5, i + 0.5, i + 0.5, i - 0.5, None]
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", fill="toself", line={"width": 0.5, "color": "#ffffff"},
                                 fillcolor="#eeeeee", name="masked", hoverinfo="skip", showlegend=False,
                                 fillpattern={"shape": "/", "fgcolor": "#9e9e9e", "bgcolor": "#eeeeee",
                                              "size": 6, "solidity": 0.25}))
    fig.update_xaxes(tickvals=list(range(len(cols))), ticktext=cols, side="top", showgrid=False,
                     range=[-0.5, len(cols) - 0.5], zeroline=False, title_text=axes[1],
                     title_font_size=11)
    fig.update_yaxes(tickvals=list(range(len(rows))), ticktext=rows, autorange=False,
                     title_text=axes[0], title_font_size=11,
                     range=[len(rows) - 0.5, -0.5], showgrid=False, zeroline=False,
                     scaleanchor="x", constrain="domain")  # square cells
    meta = _meta(csv_name, rows, cols)
    meta["csv"]["z"] = m.tolist()  # the true weights: exactly 0 where masked
    style(fig, title, height=height, meta=meta)
    fig.update_layout(margin={"l": 100, "r": 10, "t": 110, "b": 10})
    return fig


def _head_text(head: int | None) -> str:
    return T.avg_word if head is None else T.head_word.format(head=head + 1)


def toy_figures(trace: ToyTrace, step: int, layer: int, head: int | None) -> tuple[go.Figure, ...]:
    """(encoder self-attention, decoder masked self-attention, cross-attention, next-char
    probabilities) as they were after `step` characters (1..trace.steps)."""
    step = int(min(max(step, 1), trace.steps))
    rows = trace.row_labels(step)
    keys_written = trace.decoder_inputs(step)
    where = {"layer": layer + 1, "head": _head_text(head)}
    tag = f"layer{layer + 1}_{'avg' if head is None else f'head{head + 1}'}"
    enc = toy_heatmap(_pick(trace.enc, layer, head), trace.src_tokens, trace.src_tokens,
                      T.enc_title.format(**where), f"toy_encoder_self_attention_{tag}.csv",
                      axes=(T.toy_axis_in_query, T.toy_axis_in))
    dec_m = _pick(trace.dec_self, layer, head)[:step, :step]
    future = np.triu(np.ones((step, step), dtype=bool), k=1)
    dec = toy_heatmap(dec_m, rows, keys_written, T.dec_title.format(**where),
                      f"toy_decoder_self_attention_{tag}.csv", axes=(T.toy_axis_out, T.toy_axis_written),
                      masked=future)
    cross = toy_heatmap(_pick(trace.cross, layer, head)[:step], rows, trace.src_tokens,
                        T.cross_title.format(**where), f"toy_cross_attention_{tag}.csv",
                        axes=(T.toy_axis_out, T.toy_axis_in))
    return enc, dec, cross, probs_figure(trace, step)


def probs_figure(trace: ToyTrace, step: int, top: int = 8) -> go.Figure:
    p = trace.probs[step - 1].copy()
    p_shown = p.copy()
    p_shown[[trace.itos.index(tasks.PAD), trace.itos.index(tasks.BOS)]] = -1  # never written
    order = np.argsort(-p_shown)[:top]
    names = [_show(trace.itos[i]) for i in order]
    chosen = trace.written[step - 1]
    fig = go.Figure(go.Bar(x=p[order], y=names, orientation="h",
                           marker_color=[HIGHLIGHT if trace.itos[i] == chosen else "#4a90c8" for i in order],
                           hovertemplate="%{y}: %{x:.4f}<extra></extra>"))
    fig.update_xaxes(range=[0, 1], title_text="p")
    fig.update_yaxes(autorange="reversed", type="category")
    meta = _meta(f"toy_next_char_probs_step{step}.csv", ["p"], names)
    meta["csv"]["z"] = [p[order].tolist()]
    return style(fig, T.probs_title.format(step=step), height=300, meta=meta)


def toy_output_markdown(trace: ToyTrace, step: int) -> str:
    step = int(min(max(step, 1), trace.steps))
    written = "".join(c for c in trace.written[:step] if c != tasks.EOS)
    done = step == trace.steps and trace.finished
    line = T.output_line.format(source=trace.source, written=written or " ", cursor="" if done else " …")
    if trace.expected is not None and done:
        line += T.output_expected.format(expected=trace.expected,
                                         mark=T.output_done if trace.output == trace.expected else T.output_wrong)
    if not trace.use_positions:
        line += "\n\n" + T.no_pe_note
    return line


def pe_figure(pe: np.ndarray, n_show: int) -> go.Figure:
    m = pe[:n_show]
    fig = go.Figure(go.Heatmap(z=m, colorscale=DIVERGING, zmid=0, zmin=-1, zmax=1, colorbar={"thickness": 10},
                               hovertemplate=T.hover_pe))
    fig.update_xaxes(title_text=T.pe_axis_dim)
    fig.update_yaxes(title_text=T.pe_axis_pos, autorange="reversed")
    return style(fig, T.pe_title, height=360,
                 meta=_meta("positional_encoding.csv", [str(i) for i in range(m.shape[0])],
                            [str(i) for i in range(m.shape[1])]))


@torch.no_grad()
def pe_adds_figure(model, task: tasks.Task, source: str) -> go.Figure:
    """Token embedding (scaled), the positional table and their sum for this input."""
    codec = tasks.Codec(task)
    ids = torch.tensor([codec.source(source)], device=model.pe.device)
    emb = (model.src_embed(ids)[0] * math.sqrt(model.cfg.d_model)).cpu().numpy()
    pe = model.pe[: ids.size(1)].cpu().numpy()
    labels = [_show(c) for c in list(source) + [tasks.EOS]]
    panels = (emb, pe, emb + pe)
    # each panel on its own colour scale: the table is small next to the scaled embeddings,
    # and the titles say by how much
    titles = [f"{t} (±{np.abs(m).max():.0f})" for t, m in zip(T.pe_adds_titles, panels)]
    fig = make_subplots(rows=1, cols=3, shared_yaxes=True, subplot_titles=titles, horizontal_spacing=0.03)
    for col, m in enumerate(panels, start=1):
        lim = float(np.abs(m).max()) or 1.0
        fig.add_trace(go.Heatmap(z=m, y=list(range(len(labels))), colorscale=DIVERGING, zmid=0,
                                 zmin=-lim, zmax=lim, showscale=False,
                                 hovertemplate=T.hover_pe), 1, col)
    fig.update_yaxes(tickvals=list(range(len(labels))), ticktext=labels, autorange="reversed")
    fig.update_annotations(font_size=12)
    meta = _meta("what_the_encoder_reads.csv", labels, [str(i) for i in range(emb.shape[1])])
    meta["csv"]["z"] = (emb + pe).tolist()
    style(fig, T.pe_adds_title.format(source=source), height=int(max(320, 140 + 16 * len(labels))),
          meta=meta)
    fig.update_layout(margin={"t": 80})  # room between the title and the three panel titles
    return fig
