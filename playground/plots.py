"""One look for every plotly figure in the app (no Gradio, no web fonts, no MathJax)."""

from __future__ import annotations

import base64
import functools

import numpy as np
import orjson
import plotly.graph_objects as go

FONT = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif"
GRID = {"gridcolor": "#eee", "zerolinecolor": "#ccc"}   # every axis's grid and zero line
# Ten distinguishable colours for the ten digit classes, used by every tab.
DIGIT_COLOURS = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
                 "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#7f7f7f"]


def style(fig: go.Figure, title: str | None = None, height: int = 360, **layout) -> go.Figure:
    """Consistent fonts, margins and background; plain-text titles (plotly's LaTeX needs MathJax)."""
    fig.update_layout(
        title={"text": title, "x": 0.02, "font": {"size": 15}} if title else None,
        font={"family": FONT, "size": 12}, height=height,
        margin={"l": 50, "r": 20, "t": 45 if title else 15, "b": 40},
        paper_bgcolor="white", plot_bgcolor="white", **layout)
    fig.update_xaxes(**GRID)
    fig.update_yaxes(**GRID)
    return fig


def house_figure(data: list[dict], layout: dict, height: int, title: str | None = None,
                 margin: dict | None = None) -> "Figure":
    """`style`'s look written as one dict, for a `Figure` (no plotly object tree: make_subplots,
    update_layout and validation cost 0.1-0.4 s a figure). Every axis named in `layout`, and
    the first x and y axes, get the house grid."""
    base = {"font": {"family": FONT, "size": 12}, "height": height, "paper_bgcolor": "white",
            "plot_bgcolor": "white", "margin": margin or {"l": 50, "r": 20, "t": 45 if title else 15, "b": 40},
            "xaxis": dict(GRID), "yaxis": dict(GRID)}
    if title:
        base["title"] = {"text": title, "x": 0.02, "font": {"size": 15}}
    for key, value in layout.items():
        base[key] = {**GRID, **value} if key.startswith(("xaxis", "yaxis")) else value
    return Figure(data, base)


# --- figures sent without plotly's object tree ---------------------------------------------

# the numeric arrays plotly.js reads as typed arrays (plotly's own names, _plotly_utils.utils)
_TYPED = {"int8": "i1", "uint8": "u1", "int16": "i2", "uint16": "u2", "int32": "i4", "uint32": "u4",
          "float32": "f4", "float64": "f8"}
_AS_LISTS = ("geojson", "layer", "layers", "range")   # keys plotly leaves as plain lists


class Figure:
    """A plotly figure kept as the plain dicts it is written from, for the views that redraw
    while a slider moves (LSTM gates, attention steps, PixelCNN).

    gr.Plot sends a figure as `to_json()`. plotly's own go.Figure, even with validation off,
    builds its object tree and deep-copies it to write the JSON: for the LSTM's six gate
    heatmaps ~6 ms to build and ~5 ms to write, on the server's one Python thread, at every
    step of a drag (with a class those figures were ~9% of the server's Python time,
    py-spy, 30 students). This writes the same JSON from the dicts in ~1 ms: numeric arrays
    as plotly's typed arrays (base64), NaN as null, plotly's default template where the
    layout names none (tests/core/test_plots.py compares the two, key by key).

    Anything else (`fig.data`, `fig.layout`, `update_layout`...) builds the go.Figure once and
    goes to it: tests read figures that way, and a changed figure is written by plotly."""

    def __init__(self, data: list[dict], layout: dict):
        self._data, self._layout, self._fig = data, layout, None

    def figure(self) -> go.Figure:
        if self._fig is None:
            self._fig = go.Figure(data=self._data, layout=self._layout, _validate=False)
        return self._fig

    def __getattr__(self, name: str):
        if name.startswith("__") or name in ("_data", "_layout", "_fig"):
            raise AttributeError(name)
        return getattr(self.figure(), name)

    def to_json(self) -> str:
        if self._fig is not None:   # built (and perhaps changed) since: plotly writes it
            return self._fig.to_json()
        layout = self._layout if "template" in self._layout else {**self._layout, "template": _template()}
        return orjson.dumps({"data": _plain(self._data), "layout": _plain(layout)},
                            default=_scalar).decode()


@functools.lru_cache(maxsize=1)
def _template() -> dict:
    """The template plotly puts in a layout that names none (pio.templates.default)."""
    return go.Figure().layout.template.to_plotly_json()


def _plain(value, key: str = ""):
    """`value` with numpy arrays as plotly writes them: typed arrays, or lists."""
    if isinstance(value, dict):
        return {k: _plain(v, k) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v, key) for v in value]
    if isinstance(value, np.ndarray):
        return _typed(value) if key not in _AS_LISTS else value.tolist()
    return value


def _typed(v: np.ndarray):
    if v.size == 0:
        return v.tolist()
    if v.dtype == np.int64:   # plotly.js reads no 64-bit integers: the smallest type that holds them
        v = next((v.astype(t) for t in (np.int8, np.int16, np.int32)
                  if np.iinfo(t).min <= v.min() and v.max() <= np.iinfo(t).max), v)
    elif v.dtype == np.uint64:
        v = next((v.astype(t) for t in (np.uint8, np.uint16, np.uint32) if v.max() <= np.iinfo(t).max), v)
    code = _TYPED.get(str(v.dtype))
    if code is None:
        return v.tolist()
    spec = {"dtype": code, "bdata": base64.b64encode(np.ascontiguousarray(v)).decode("ascii")}
    if v.ndim > 1:
        spec["shape"] = str(v.shape)[1:-1]
    return spec


def _scalar(value):
    """What orjson cannot write by itself: numpy numbers."""
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"cannot write {type(value).__name__} in a figure")
