"""The LSTM gates tab's views: text in -> arrays, numbers, plotly figures and HTML.

`analyse` runs everything the tab shows once per text (about 0.3 s for 2,000
characters); every other function only reads that `Analysis`, so sliders that
move through time or units answer in milliseconds. Three views read more than the
analysed model: the parameter budgets of the three code models (`budget_rows`), the
counting models AR(0..6) (`markov_*`, counts built once per process, markov.py) and
the RNN with its recurrent matrix scaled, whose gradient explodes (`exploding`: one
forward and backward pass per move of its slider, ~55 ms of CPU for 2,000 characters).
"""

from __future__ import annotations

import contextlib
import dataclasses
import html
from dataclasses import dataclass, field

import numpy as np
import plotly.graph_objects as go
import torch

from playground import i18n, plots, weights
from playground.imaging import InputError
from playground.lstm import data as lstm_data
from playground.lstm import features as feat
from playground.lstm import model as M
from playground.lstm import text as lstm_text
from playground.lstm.colours import LEVELS

T = i18n.strings(lstm_text)

MAX_CHARS = 2000     # longer text is cut (the bench goal: 2,000 characters in <= 0.5 s)
WINDOW = 100         # characters per heatmap window: enough to read every tick
TOP_K = 5            # next-character candidates shown on hover
NAMES = {"lstm": "lstm_code_lstm", "gru": "lstm_code_gru", "rnn": "lstm_code_rnn",
         "brackets": "lstm_brackets"}
CODE_MODELS = ("rnn", "lstm", "gru")
# what each model shows, gates first, then the states
STATES = {"lstm": ("input_gate", "forget_gate", "output_gate", "candidate", "cell", "hidden"),
          "gru": ("reset_gate", "update_gate", "candidate", "hidden"),
          "rnn": ("hidden",)}
SIGMOID_GATES = {"input_gate", "forget_gate", "output_gate", "reset_gate", "update_gate"}
MODEL_COLOURS = {"rnn": "#e15759", "lstm": "#4e79a7", "gru": "#59a14f"}


def kind_of(key: str) -> str:
    return "lstm" if key == "brackets" else key


def load(key: str) -> M.CharRNN:
    """The shared pretrained model (CPU: these are small, and the loop is sequential)."""
    if key not in NAMES:
        raise InputError(T.err_model.format(key=key, keys=", ".join(NAMES)))
    name = NAMES[key]
    return weights.cached(f"lstm:{name}", lambda: weights.load(name, M.build, device="cpu"))


@contextlib.contextmanager
def single_thread():
    """Run torch on one thread here: a recurrent loop is thousands of tiny steps, and
    splitting each over cores costs more than it saves (on a busy 2-core machine a
    2-thread loop was measured 10-50x slower). torch's setting is per thread: restore it."""
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def cached_cell(key: str) -> M.Cell:
    """The model's weights in syllabus names (W, U, b), made once per process."""
    return weights.cached(f"lstm:cell:{NAMES[key]}", lambda: M.cell_of(load(key)))


# ---------------------------------------------------------------- text in
UNKNOWN_SHOWN = "\ufffd"  # how the page shows a character outside the vocabulary


def prepare(text: str | None, max_chars: int = MAX_CHARS) -> tuple[str, np.ndarray, list[str]]:
    """User text -> (text as the model reads it, ids, notices). Raises InputError when empty."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    if not text:
        raise InputError(T.err_empty)
    notes = []
    if len(text) > max_chars:
        notes.append(T.note_cut.format(n=len(text), max=max_chars))
        text = text[:max_chars]
    ids = M.encode(text)
    unknown = sorted({ch for ch, i in zip(text, ids) if i == M.UNK_ID})
    if unknown:
        names = " ".join(repr(ch) if not ch.isprintable() else ch for ch in unknown[:8])
        count = int((ids == M.UNK_ID).sum())
        notes.append((T.note_unknown_1 if count == 1 else T.note_unknown).format(
            n=count, symbol=UNKNOWN_SHOWN, chars=names + (" ..." if len(unknown) > 8 else "")))
    return M.decode(ids), ids, notes


def shown(ch: str, for_tick: bool = False) -> str:
    """A character as the page shows it: newline, space and unknown made visible."""
    if ch == M.UNKNOWN:
        return UNKNOWN_SHOWN
    if ch == "\n":
        return "\u23ce"
    if ch == " " and for_tick:
        return "\u2423"
    return ch


# ---------------------------------------------------------------- the analysis
@dataclass
class Analysis:
    key: str                        # which model: lstm, gru, rnn, brackets
    text: str                       # as the model read it (unknown -> 0x1A)
    ids: np.ndarray
    notes: list[str]
    rec: dict[str, np.ndarray]      # gate / state name -> [T, H]
    top_ids: np.ndarray             # [T, TOP_K] likeliest next characters after reading t
    top_p: np.ndarray               # [T, TOP_K] their probabilities
    p_next: np.ndarray              # [T-1] probability given to the character that came
    features: dict[str, np.ndarray]
    grad_log10: dict[str, np.ndarray] = field(default_factory=dict)  # model -> [T-1]

    @property
    def kind(self) -> str:
        return kind_of(self.key)

    @property
    def hidden_size(self) -> int:
        return self.rec["hidden"].shape[1]

    @property
    def bits_per_char(self) -> float:
        return float(-np.log2(np.maximum(self.p_next, 1e-12)).mean()) if len(self.p_next) else float("nan")


def _softmax(logits: np.ndarray) -> np.ndarray:
    e = np.exp(logits - logits.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


def analyse(text: str | None, key: str = "lstm", gradients: bool = True) -> Analysis:
    """Run the chosen model over the text and prepare everything the views show."""
    text, ids, notes = prepare(text)
    with single_thread():
        return _analyse(text, ids, notes, key, gradients)


def _analyse(text: str, ids: np.ndarray, notes: list[str], key: str, gradients: bool) -> Analysis:
    rec = M.trace(load(key), ids)
    logits = rec.pop("logits")
    probs = _softmax(logits)
    top_ids = np.argsort(-probs, axis=1)[:, :TOP_K]
    an = Analysis(key=key, text=text, ids=ids, notes=notes, rec=rec, top_ids=top_ids,
                  top_p=np.take_along_axis(probs, top_ids, 1),
                  p_next=probs[np.arange(len(ids) - 1), ids[1:]],
                  features=feat.code_features(text))
    if gradients and len(ids) > 1:
        # the chosen model's trace of ids[:-1] is this trace minus its last step (causal)
        reuse = {k: v[:-1] for k, v in rec.items()} | {"logits": logits[:-1]}
        an.grad_log10 = gradient_flow(an.ids, {key: reuse} if key in CODE_MODELS else {})
    return an


def gradient_flow(ids: np.ndarray, known: dict | None = None) -> dict[str, np.ndarray]:
    """log10 ||dL/dh_t|| for RNN, LSTM and GRU on the same text (loss at the last character).

    A model whose weights are missing is left out (the tab's banner says why)."""
    out = {}
    for kind in CODE_MODELS:
        try:
            m = load(kind)
        except weights.WeightsError:
            continue
        rec = (known or {}).get(kind) or M.trace(m, ids[:-1])
        out[kind] = M.hidden_gradients(cached_cell(kind), rec, ids)
    return out


# ---------------------------------------------------------------- figures
def _figure(data: list[dict], layout: dict, height: int, title: str | None = None) -> plots.Figure:
    """playground.plots.style's look, written as one dict (plots.house_figure): every figure
    here is built as plain dicts, since make_subplots, update_layout and validation cost
    0.1-0.4 s a figure, more than computing the numbers."""
    return plots.house_figure(data, layout, height, title)


# ---------------------------------------------------------------- colours
def value_scale(an: Analysis, name: str) -> float:
    """Colour range of a heatmap: gates, candidates and hidden states live in [-1, 1]; the cell
    is unbounded, so its colours saturate at the 95th percentile of |c| on this text."""
    if name != "cell":
        return 1.0
    return float(max(1.0, np.percentile(np.abs(an.rec["cell"]), 95)))


def unit_scale(values: np.ndarray, name: str) -> float:
    """Colour range of one unit's coloured text: its own largest |value|, so a unit that only
    moves between -0.2 and +0.2 is as easy to read as one that swings to +-10."""
    if name in SIGMOID_GATES:
        return 1.0
    return float(max(1e-3, np.abs(values).max()))


# ---------------------------------------------------------------- heatmaps
# Colour scales written out (ColorBrewer Greens and RdBu): plotly.js's built-in names run the
# other way round from plotly.py's, and these figures skip plotly.py's conversion.
GREENS = [[0, "rgb(247,252,245)"], [0.25, "rgb(199,233,192)"], [0.5, "rgb(116,196,118)"],
          [0.75, "rgb(35,139,69)"], [1, "rgb(0,68,27)"]]
BLUE_WHITE_RED = [[0, "rgb(5,48,97)"], [0.25, "rgb(67,147,195)"], [0.5, "rgb(247,247,247)"],
                  [0.75, "rgb(214,96,77)"], [1, "rgb(103,0,31)"]]


def window_start(an: Analysis, t: int, width: int = WINDOW) -> int:
    """The window that shows step t, about a third of the way in."""
    return int(np.clip(t - width // 3, 0, max(0, len(an.ids) - width)))


def unit_order(an: Analysis, feature: str, name: str) -> np.ndarray:
    """Units sorted by |r| with a feature (strongest first), to sort the heatmaps' rows by."""
    if name not in an.rec:
        name = STATES[an.kind][-1]
    return np.argsort(-np.abs(feat.correlations(an.rec[name], an.features[feature])), kind="stable")


def gates_figure(an: Analysis, start: int = 0, unit: int | None = None, t: int | None = None,
                 labels: dict[str, str] | None = None, width: int = WINDOW,
                 order: np.ndarray | None = None) -> go.Figure:
    """Characters x units, one heatmap per gate and state, for a window of the text.

    `order` lists the units from top to bottom (default: 0, 1, 2, ...); the same unit
    is on the same row in every heatmap, since unit j of i, f, g, o, c and h is one cell.

    Built as one dict (see _figure): make_subplots + add_shape took 0.4 s for this figure,
    the dict a few milliseconds, so a slider drag redraws it live.
    """
    labels = labels or {}
    names = STATES[an.kind]
    start = int(np.clip(start, 0, max(0, len(an.ids) - 1)))
    stop = min(len(an.ids), start + width)
    H, rows = an.hidden_size, len(names)
    row_px = int(np.clip(1.6 * H, 120, 260))
    height = (row_px + 60) * rows + 40
    gap = 60 / height                                   # room for each row's title and characters
    x = np.arange(start, stop)
    ticks = [shown(ch, for_tick=True) for ch in an.text[start:stop]]
    font = {"family": "ui-monospace, Menlo, monospace", "size": 12}
    order = np.arange(H) if order is None else np.asarray(order)
    row_of = np.empty(H, dtype=int)
    row_of[order] = np.arange(H)
    sorted_rows = not np.array_equal(order, np.arange(H))
    unit_ticks = {"tickmode": "array", "tickvals": list(range(0, H, max(1, H // 8))),
                  "ticktext": [str(order[r]) for r in range(0, H, max(1, H // 8))]}
    data, layout, shapes, titles = [], {}, [], []
    step_w, unit_w, value_w = (labels.get(k, getattr(T, k)) for k in ("step", "unit", "value"))
    for k, name in enumerate(names):
        top = 1 - k / rows
        domain = [max(0.0, top - 1 / rows + gap * 0.75), top - gap * 0.25]
        xa, ya = ("x", "y") if k == 0 else (f"x{k + 1}", f"y{k + 1}")
        axis_x, axis_y = xa.replace("x", "xaxis"), ya.replace("y", "yaxis")
        axis = "coloraxis" if name in SIGMOID_GATES else ("coloraxis3" if name == "cell" else "coloraxis2")
        label = labels.get(name, name)
        title = label + labels.get(f"{name}_note", "")  # the GRU's z: say that green keeps the old h
        trace = {
            "type": "heatmap", "z": np.round(an.rec[name][start:stop][:, order].T, 3), "x": x,
            "y": np.arange(H), "coloraxis": axis, "xaxis": xa, "yaxis": ya,
            "hovertemplate": (f"{label}<br>{step_w} %{{x}}<br>{unit_w} "
                              f"{'%{customdata}' if sorted_rows else '%{y}'}"  # the unit, not the row
                              f"<br>{value_w} %{{z:.3f}}<extra></extra>")}
        if sorted_rows:
            trace["customdata"] = np.repeat(order[:, None], stop - start, axis=1)
        data.append(trace)
        # the characters under every heatmap: no scrolling down to read which column is which
        layout[axis_x] = {"anchor": ya, "domain": [0, 1], "matches": "x" if k else None,
                          "tickmode": "array", "tickvals": x, "ticktext": ticks, "tickangle": 0,
                          "tickfont": font, "showgrid": False, "range": [start - 0.5, stop - 0.5]}
        layout[axis_y] = {"anchor": xa, "domain": domain, "showgrid": False, "range": [H - 0.5, -0.5],
                          "title": {"text": labels.get("units_sorted", "units, sorted") if sorted_rows
                                    else labels.get("unit", "unit")}, **unit_ticks}
        titles.append({"text": title, "x": 0.5, "y": domain[1], "xref": "paper", "yref": "paper",
                       "yanchor": "bottom", "showarrow": False, "font": {"size": 14}})
        if unit is not None and 0 <= unit < H:  # the unit shown below, outlined in every heatmap
            row = int(row_of[unit])
            shapes.append({"type": "rect", "xref": xa, "yref": ya, "x0": start - 0.5, "x1": stop - 0.5,
                           "y0": row - 0.5, "y1": row + 0.5, "line": {"color": "#111", "width": 1.5}})
        if t is not None and start <= t < stop:  # the step shown in the diagram
            shapes.append({"type": "line", "xref": xa, "yref": ya, "x0": t, "x1": t, "y0": -0.5,
                           "y1": H - 0.5, "line": {"color": "#f28e2b", "width": 2}})
    bar = {"len": 0.28, "thickness": 12}
    cell_scale = value_scale(an, "cell") if "cell" in names else 1.0
    has_gates = any(n in SIGMOID_GATES for n in names)
    layout.update(
        shapes=shapes, annotations=titles,
        coloraxis={"colorscale": GREENS, "cmin": 0, "cmax": 1, "showscale": has_gates,
                   "colorbar": {**bar, "title": {"text": "gate"}, "y": 0.85}},
        coloraxis2={"colorscale": BLUE_WHITE_RED, "cmin": -1, "cmax": 1,
                    "colorbar": {**bar, "title": {"text": "value"}, "y": 0.5 if has_gates else 0.8}},
        coloraxis3={"colorscale": BLUE_WHITE_RED, "cmin": -cell_scale, "cmax": cell_scale,
                    "showscale": "cell" in names, "colorbar": {**bar, "title": {"text": "cell"}, "y": 0.15}})
    layout["margin"] = {"l": 55, "r": 20, "t": 30, "b": 30}
    return _figure(data, layout, height)


# ---------------------------------------------------------------- one unit as coloured text
def _tooltip(an: Analysis, t: int, value: float) -> str:
    nxt = "  ".join(f"{shown(M.VOCAB[i], for_tick=True)} {p:.0%}"
                    for i, p in zip(an.top_ids[t][:3], an.top_p[t][:3]))
    return T.tooltip.format(t=t, value=value, nxt=nxt)


def _classes(values: np.ndarray, name: str, scale: float) -> list[str]:
    if name in SIGMOID_GATES:
        return [f"g{k}" for k in np.rint(np.clip(values, 0, 1) * LEVELS).astype(int)]
    k = np.rint(np.clip(values / scale, -1, 1) * LEVELS).astype(int)
    return [f"p{j}" if j > 0 else (f"n{-j}" if j < 0 else "z") for j in k]


def unit_html(an: Analysis, name: str, unit: int, t: int | None = None,
              legend: str = "") -> str:
    """The text, each character's background coloured by one unit (Karpathy et al., 2015)."""
    if name not in an.rec:
        name = STATES[an.kind][-1]
    unit = int(np.clip(unit, 0, an.hidden_size - 1))
    values = an.rec[name][:, unit]
    scale = unit_scale(values, name)
    spans = []
    for i, (ch, v, cls) in enumerate(zip(an.text, values, _classes(values, name, scale))):
        glyph = html.escape(shown(ch)) if ch != " " else " "
        now = " now" if i == t else ""
        spans.append(f'<span class="{cls}{now}" title="{html.escape(_tooltip(an, i, float(v)))}">'
                     f'{glyph}</span>{"<br>" if ch == chr(10) else ""}')
    if name in SIGMOID_GATES:
        # PyTorch's GRU: z = 1 keeps h_{t-1}, z = 0 writes the candidate (see diagram.py)
        low, high = ((T.legend_update_low, T.legend_update_high) if name == "update_gate"
                     else (T.legend_closed, T.legend_open))
        key = ("linear-gradient(90deg, rgba(44,160,44,0), rgba(44,160,44,.85))", html.escape(low),
               html.escape(high))
    else:
        key = ("linear-gradient(90deg, rgba(31,119,180,.85), rgba(255,255,255,0), rgba(214,39,40,.85))",
               f"{-scale:+.2f}", f"{scale:+.2f}")
    return (f'<div class="lstm-unit-legend"><span>{html.escape(legend)}</span>'
            f'<span>{key[1]}</span><span class="bar" style="background:{key[0]}"></span>'
            f'<span>{key[2]}</span></div>'
            f'<div class="lstm-unit-text" data-unit="{unit}" data-state="{name}">{"".join(spans)}</div>')


# ---------------------------------------------------------------- find units
def find_units(an: Analysis, feature: str, name: str, top: int = 10) -> list[tuple[int, float]]:
    """Units of one gate/state ranked by |Pearson r| with a feature of the text."""
    if feature not in an.features:
        raise InputError(T.err_feature.format(feature=feature))
    if name not in an.rec:
        name = STATES[an.kind][-1]
    if np.ptp(an.features[feature]) == 0:
        return []
    return feat.best_units(an.rec[name], an.features[feature], top)


def unit_vs_feature_figure(an: Analysis, feature: str, name: str, unit: int,
                           labels: dict[str, str]) -> go.Figure:
    """The unit's activation and the feature over the text, on two axes."""
    x = np.arange(len(an.ids))
    data = [{"type": "scatter", "x": x, "y": an.features[feature], "yaxis": "y2",
             "name": labels.get(feature, feature), "line": {"color": "#bbb", "width": 3, "shape": "hv"}},
            {"type": "scatter", "x": x, "y": np.round(an.rec[name][:, unit], 4),
             "name": labels.get("unit_trace", T.unit_trace).format(state=labels.get(name, name), unit=unit),
             "line": {"color": "#4e79a7", "width": 1.5}}]
    layout = {"legend": {"orientation": "h", "y": 1.15},
              "xaxis": {"title": {"text": labels.get("step", "step")}},
              "yaxis": {"title": {"text": labels.get(name, name)}},
              "yaxis2": {"title": {"text": labels.get(feature, feature)}, "overlaying": "y",
                         "side": "right", "showgrid": False}}
    fig = _figure(data, layout, 260)
    fig.layout.margin.r = 60
    return fig


# ---------------------------------------------------------------- saturation
def saturation(an: Analysis) -> dict[str, tuple[float, float]]:
    """Share of (step, unit) values nearly closed (< 0.1) and open (> 0.9), per sigmoid gate.
    The vanilla RNN has no gate: its tanh state counts as saturated below -0.9 / above 0.9."""
    out = {}
    for name in STATES[an.kind]:
        v = an.rec[name]
        if name in SIGMOID_GATES:
            out[name] = (float((v < 0.1).mean()), float((v > 0.9).mean()))
        elif an.kind == "rnn":
            out[name] = (float((v < -0.9).mean()), float((v > 0.9).mean()))
    return out


def saturation_figure(an: Analysis, labels: dict[str, str]) -> go.Figure:
    """Left: stacked bars of closed / in between / open per gate. Right: one dot per unit."""
    sat = saturation(an)
    names = list(sat)
    low_word, high_word = ((labels["below"], labels["above"]) if an.kind == "rnn"
                           else (labels["closed"], labels["open"]))
    ys = [labels.get(n, n) for n in names]
    lo = np.array([sat[n][0] for n in names])
    hi = np.array([sat[n][1] for n in names])
    data = []
    for share, word, colour in ((lo, low_word, "#9c755f"), (1 - lo - hi, labels["between"], "#d9d9d9"),
                                (hi, high_word, "#59a14f")):
        data.append({"type": "bar", "y": ys, "x": share, "orientation": "h", "name": word,
                     "marker": {"color": colour}, "text": [f"{v:.0%}" for v in share],
                     "textposition": "inside", "hovertemplate": "%{y}: %{x:.1%} " + word + "<extra></extra>"})
    palette = ["#4e79a7", "#e15759", "#f28e2b", "#76b7b2", "#b07aa1"]
    for n, colour in zip(names, palette):
        v = an.rec[n]
        data.append({"type": "scatter", "x": (v < (-0.9 if an.kind == "rnn" else 0.1)).mean(0),
                     "y": (v > 0.9).mean(0), "mode": "markers", "name": labels.get(n, n),
                     "xaxis": "x2", "yaxis": "y2", "customdata": np.arange(v.shape[1]),
                     "marker": {"color": colour, "size": 7, "opacity": 0.7},
                     "hovertemplate": labels.get(n, n) + f", {labels.get('unit', T.unit)} %{{customdata}}<br>"
                     + low_word + " %{x:.0%}, " + high_word + " %{y:.0%}<extra></extra>"})
    data.append({"type": "scatter", "x": [0, 1], "y": [1, 0], "mode": "lines", "xaxis": "x2", "yaxis": "y2",
                 "line": {"color": "#ccc", "dash": "dot"}, "showlegend": False, "hoverinfo": "skip"})
    title = {"xref": "paper", "yref": "paper", "y": 1.0, "yanchor": "bottom", "showarrow": False,
             "font": {"size": 14}}
    layout = {"barmode": "stack", "legend": {"orientation": "h", "y": -0.25},
              "margin": {"l": 110, "r": 20, "t": 40, "b": 40},
              "xaxis": {"domain": [0, 0.42], "range": [0, 1], "tickformat": ".0%"},
              "yaxis": {"autorange": "reversed"},
              "xaxis2": {"domain": [0.55, 1], "anchor": "y2", "range": [-0.02, 1.02], "tickformat": ".0%",
                         "title": {"text": low_word}},
              "yaxis2": {"anchor": "x2", "range": [-0.02, 1.02], "tickformat": ".0%",
                         "title": {"text": high_word}},
              "annotations": [{**title, "x": 0.21, "text": labels["sat_share"]},
                              {**title, "x": 0.775, "text": labels["sat_units"]}]}
    return _figure(data, layout, max(300, 70 * len(names) + 160))


# ---------------------------------------------------------------- gradient flow
def gradient_figure(an: Analysis, labels: dict[str, str], toy: Toy | None = None) -> go.Figure:
    """||dL_T/dh_t|| against the distance T - t, one line per model, log scale.

    The values are log10 norms (a vanilla RNN's can be 1e-500, an exploding one 1e+500),
    drawn on a linear axis whose ticks are labelled 1e-k. `toy`: the RNN with a scaled U,
    after clipping when toy.clip (then also before it, dotted)."""
    if not an.grad_log10:
        return _figure([], {}, 300, title=labels["grad_need_two"])
    data, lowest, highest = [], 0.0, 0.0
    lines = [(k, an.grad_log10[k], MODEL_COLOURS[k], labels[k], "solid") for k in CODE_MODELS
             if k in an.grad_log10]
    if toy is not None:
        name = labels["toy_name"].format(scale=toy.scale)
        if toy.clip_shift:
            lines.append(("toy", toy.grad_log10, "#d4b9cc", name, "dot"))
            lines.append(("toy", toy.grad_log10 + toy.clip_shift, TOY_COLOUR,
                          labels["toy_clipped"].format(scale=toy.scale), "solid"))
        else:
            lines.append(("toy", toy.grad_log10, TOY_COLOUR, name, "solid"))
    for kind, g, colour, name, dash in lines:
        finite = np.isfinite(g)
        lowest = min(lowest, float(g[finite].min()) if finite.any() else 0.0)
        highest = max(highest, float(g[finite].max()) if finite.any() else 0.0)
        data.append({
            "type": "scatter", "x": np.arange(len(g))[::-1], "y": np.round(g, 3), "mode": "lines",
            "name": name, "line": {"color": colour, "width": 2.5, "dash": dash},
            "customdata": np.arange(len(g)),
            "hovertemplate": labels.get("grad_hover", T.grad_hover).format(model=name)
                             + "<br>|dL/dh| = 1e%{y:.1f}<extra></extra>"})
    lo, hi = int(np.floor(lowest)), int(np.ceil(highest))
    step = max(1, int(np.ceil((hi - lo) / 8)))
    ticks = [k for k in range(hi - hi % step, lo - 1, -step)][::-1]
    # the legend stays when one model is missing: the student must see whose line it is
    layout = {"showlegend": True, "legend": {"orientation": "h", "y": 1.12},
              "xaxis": {"title": {"text": labels["steps_back"]}},
              "yaxis": {"title": {"text": labels["grad_norm"]}, "tickmode": "array", "tickvals": ticks,
                        "ticktext": [_power_of_ten(k) for k in ticks],
                        "range": [lo - 0.5, max(hi, 0) + 0.5]}}
    return _figure(data, layout, 380)


# ---------------------------------------------------------------- exploding gradients
TOY_COLOUR = "#b07aa1"
SCALE_DEFAULT = 2.0     # the recurrent matrix of the exploding RNN, times this, at first
CLIP_AT = 1.0           # the threshold the code models were trained with (clip_grad_norm_ at 1)


@dataclass
class Toy:
    """The vanilla RNN with U multiplied by `scale`, on the analysed text."""
    scale: float
    grad_log10: np.ndarray  # log10 ||dL_T/dh_t||, [T-1]
    total_log10: float      # log10 ||dL_T/d(all parameters)||
    clip: bool = False

    @property
    def clip_shift(self) -> float:
        """log10 of the factor clipping at CLIP_AT multiplies every gradient by (0: none)."""
        return min(0.0, float(np.log10(CLIP_AT)) - self.total_log10) if self.clip else 0.0


def exploding(an: Analysis, scale: float, clip: bool = False) -> Toy | None:
    """h_t = tanh(W x_t + scale * U h_{t-1} + b) with the trained RNN's W, U, b over the text,
    back-propagated by hand (model.rnn_gradient). None when the RNN or the text is missing."""
    if len(an.ids) < 2:
        return None
    try:
        m = load("rnn")
    except weights.WeightsError:
        return None
    scale = float(np.clip(scale, 0.1, 10.0))
    with single_thread():
        rec = M.scaled_rnn_trace(m, an.ids[:-1], scale)
        cell = cached_cell("rnn")
        g, total = M.rnn_gradient(dataclasses.replace(cell, U=cell.U * scale), rec, an.ids)
    return Toy(scale, g, total, bool(clip))


def toy_summary(toy: Toy | None, labels: dict[str, str]) -> str:
    if toy is None:
        return ""
    if not toy.clip:
        clip = labels["explode_clip_off"]
    elif toy.clip_shift == 0:
        clip = labels["explode_clip_none"]
    else:
        clip = labels["explode_clip_on"].format(factor=ratio_text(toy.clip_shift))
    return labels["explode_info"].format(scale=toy.scale, norm=ratio_text(toy.total_log10), clip=clip)


def _power_of_ten(k: int) -> str:
    return {0: "1", 1: "10", 2: "100"}.get(k, f"1e{k}")


def ratio_text(log10: float) -> str:
    """10**log10 for a person: 0.079, 3.2e-05, 1.4e-300, 420, 2.6e394 (no float holds the
    last two; text does)."""
    if not np.isfinite(log10):
        return "0"
    if -3 <= log10 < 3:
        v = 10 ** log10
        return f"{v:.2g}" if v < 99.5 else f"{v:.0f}"
    e = int(np.floor(log10))
    m = 10 ** (log10 - e)
    if round(m, 1) >= 10:
        m, e = m / 10, e + 1
    return f"{m:.1f}e{e}"


def gradient_summary(an: Analysis, distances=(10, 50, 200, 1000),
                     toy: Toy | None = None) -> list[list[str]]:
    """How much of the gradient is left k steps back, relative to the last step, per model
    (and the RNN with a scaled U, row name "toy", when given)."""
    rows = []
    curves = [(k, an.grad_log10.get(k)) for k in CODE_MODELS] + ([("toy", toy.grad_log10)] if toy else [])
    for kind, g in curves:
        if g is None:
            continue
        row = [kind]
        for k in distances:
            row.append(ratio_text(g[-1 - k] - g[-1]) if k < len(g) else "–")
        rows.append(row)
    return rows


# ---------------------------------------------------------------- equal budgets
GATE_ROWS = {"lstm": 4, "gru": 3, "rnn": 1}   # weight rows per unit: i f g o / r z n / h


def budget_rows(labels: dict[str, str]) -> list[list]:
    """Each code model's parameters, counted in the loaded module and by the formula.

    A cell with g gate rows per unit has g * (H * x + H * H + 2H) weights (W: H x x,
    U: H x H, and PyTorch's two bias vectors b_ih, b_hh); the output layer V * H + V.
    One unit therefore costs g * (x + H + 2): the LSTM's 4 rows make a unit dearer than
    the GRU's 3 and the RNN's 1, so for the same budget the GRU gets more units."""
    rows = []
    for kind in ("lstm", "gru", "rnn"):
        try:
            m = load(kind)
        except weights.WeightsError:
            continue
        H, x, V, g = m.hidden_size, m.rnn.input_size, m.vocab_size, GATE_ROWS[kind]
        cell = sum(p.numel() for p in m.rnn.parameters())
        rows.append([labels[kind], H,
                     f"{g}·({H}·{x} + {H}² + 2·{H}) = {g * (H * x + H * H + 2 * H):,}", f"{cell:,}",
                     f"{g}·({x} + {H} + 2) = {g * (x + H + 2):,}",
                     f"{V}·{H} + {V} = {V * H + V:,}", f"{M.n_parameters(m):,}"])
    return rows


# ---------------------------------------------------------------- counting models
MARKOV_COLOUR = "#9c755f"


def markov_results() -> dict:
    """assets/lstm/markov.json: the chosen smoothing and held-out bits/char of every order."""
    from playground.lstm import markov

    def read():
        try:
            return markov.load_results()
        except (OSError, ValueError) as err:
            raise InputError(T.err_markov.format(command=markov.COMMAND)) from err
    return weights.cached("lstm:markov:results", read)


def markov_counts():
    """The counts of orders 0..6 on the training text: built once per process, on first use
    (about a second on an idle machine, bench: markov_build_ms)."""
    from playground.lstm import markov
    return weights.cached("lstm:markov:counts",
                          lambda: markov.Counts.build(markov.encode(lstm_data.code_text("train"))))


def markov_figure(labels: dict[str, str]) -> go.Figure:
    """Held-out bits/char of the counting models against their order tau, and the networks'."""
    per = markov_results()["orders"]
    tau = [o["order"] for o in per]
    held = [round(o["heldout_bits_per_char"], 4) for o in per]
    data = [{"type": "scatter", "x": tau, "y": held, "mode": "lines+markers+text",
             "name": labels["markov_name"], "line": {"color": MARKOV_COLOUR, "width": 2.5},
             "marker": {"size": 9}, "text": [f"{b:.2f}" for b in held], "textposition": "top center",
             "customdata": [o["pairs_seen"] for o in per],
             "hovertemplate": labels["markov_hover"] + "<extra></extra>"}]
    for kind in ("rnn", "lstm", "gru"):
        try:
            bpc = weights.entry(NAMES[kind])["metrics"]["heldout_bits_per_char"]
        except (weights.WeightsError, KeyError):
            continue
        data.append({"type": "scatter", "x": [tau[0] - 0.3, tau[-1] + 0.3], "y": [round(bpc, 4)] * 2,
                     "mode": "lines", "name": f"{labels[kind]} ({bpc:.2f})",
                     "line": {"color": MODEL_COLOURS[kind], "dash": "dash", "width": 2},
                     "hovertemplate": f"{labels[kind]}: {bpc:.3f}<extra></extra>"})
    layout = {"legend": {"orientation": "h", "y": 1.14},
              "xaxis": {"title": {"text": labels["markov_order"]}, "dtick": 1, "zeroline": False},
              "yaxis": {"title": {"text": labels["markov_bpc"]}, "rangemode": "tozero"}}
    return _figure(data, layout, 380)


def percent(p: float) -> str:
    """12%, 3.4%, 0.07%, <0.01%: two significant digits below 10%, so small is not shown as 0."""
    if p >= 0.095:
        return f"{p:.0%}"
    return f"{100 * p:.2g}%" if p >= 1e-4 else "<0.01%"


def markov_predictions(an: Analysis, t: int, labels: dict[str, str], top: int = 3) -> list[list[str]]:
    """After character t of the student's text: each order's top guesses, and the network's.

    Rows: model, the context it reads, its `top` likeliest next characters with their
    probabilities, and the probability it gave the character that came (if one did)."""
    from playground.lstm import markov
    t = int(np.clip(t, 0, len(an.ids) - 1))
    counts, results = markov_counts(), markov_results()
    actual = int(an.ids[t + 1]) if t + 1 < len(an.ids) else None

    def guesses(p: np.ndarray) -> list[str]:
        best = np.argsort(-p, kind="stable")[:top]
        return [f"{shown(M.VOCAB[i], True)}  {percent(p[i])}" for i in best]

    rows = []
    for order in markov.ORDERS:
        p = markov.distribution(counts, an.ids[:t + 1], order, markov.params_for(results, order))
        context = "".join(shown(ch, True) for ch in an.text[max(0, t + 1 - order): t + 1]) if order else "–"
        rows.append([labels["markov_row"].format(tau=order), context, *guesses(p),
                     percent(p[actual]) if actual is not None else "–"])
    net = np.zeros(len(M.VOCAB))
    net[an.top_ids[t]] = an.top_p[t]
    rows.append([labels[an.kind] if an.key != "brackets" else labels["model_brackets"],
                 labels["markov_all"].format(n=t + 1), *guesses(net),
                 percent(an.p_next[t]) if actual is not None else "–"])
    return rows


# ---------------------------------------------------------------- next character
def next_char_figure(an: Analysis, t: int, labels: dict[str, str]) -> go.Figure:
    """The model's top guesses for the character after step t; the one that came is orange."""
    t = int(np.clip(t, 0, len(an.ids) - 1))
    context = "".join(shown(ch) for ch in an.text[max(0, t - 24): t + 1])
    chars = [shown(M.VOCAB[i], for_tick=True) for i in an.top_ids[t]][::-1]
    p = an.top_p[t][::-1]
    actual = an.text[t + 1] if t + 1 < len(an.text) else None
    colours = ["#f28e2b" if actual is not None and M.VOCAB[i] == actual else "#4e79a7"
               for i in an.top_ids[t]][::-1]
    title = _plotly_text(labels["next_after"].format(context=context))
    if actual is not None:
        title += "<br><span style='font-size:13px'>" + _plotly_text(labels["next_actual"].format(
            char=shown(actual, True), p=float(an.p_next[t]))) + "</span>"
    data = [{"type": "bar", "x": p, "y": [f"{c} " for c in chars], "orientation": "h",
             "marker": {"color": colours}, "text": [f"{q:.0%}" for q in p], "textposition": "outside",
             "hovertemplate": "%{y}: %{x:.1%}<extra></extra>"}]
    layout = {"margin": {"l": 50, "r": 20, "t": 70, "b": 40},
              "xaxis": {"range": [0, 1.1], "tickformat": ".0%"},
              "yaxis": {"tickfont": {"family": "ui-monospace, Menlo, monospace", "size": 16}}}
    return _figure(data, layout, 290, title=title)


def _plotly_text(s: str) -> str:
    """Plotly titles are a small HTML subset: escape only what would start a tag or entity."""
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def continue_text(key: str, text: str | None, n: int, temperature: float, seed: int = 0) -> str:
    """Sample n characters after the (last 2,000 characters of the) text."""
    text = (text or "").replace("\r\n", "\n")[-MAX_CHARS:]
    ids = M.encode(text)
    with single_thread():
        out = M.sample(load(key), ids, int(np.clip(n, 1, 2000)), float(temperature), seed)
    return M.decode(out)
