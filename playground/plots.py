"""One look for every plotly figure in the app (no Gradio, no web fonts, no MathJax)."""

from __future__ import annotations

import plotly.graph_objects as go

FONT = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif"
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
    fig.update_xaxes(gridcolor="#eee", zerolinecolor="#ccc")
    fig.update_yaxes(gridcolor="#eee", zerolinecolor="#ccc")
    return fig
