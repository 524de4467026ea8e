"""plots.Figure: a figure written from its plain dicts is the one plotly would write."""

import json

import numpy as np
import plotly.graph_objects as go
import pytest
from gradio.components.plot import Plot

from playground import plots


def _figure() -> plots.Figure:
    z = np.arange(12, dtype=np.float32).reshape(3, 4) / 7
    z[1, 2] = np.nan
    data = [{"type": "heatmap", "z": z, "x": np.arange(4), "y": ["a", "b", "c"],
             "hovertemplate": "unit %{y}<br>value %{z:.3f}<extra></extra>", "coloraxis": "coloraxis"},
            {"type": "scatter", "x": np.linspace(0, 1, 5), "y": [0.5, float("nan"), 1, 2, 3],
             "text": np.array(["p", "q", "r", "s", "t"]), "marker": {"size": np.array([3, 4, 5, 6, 7])},
             "customdata": np.array([True, False, True, True, False])},
            {"type": "bar", "x": np.array([1, 2], dtype=np.int64) * 10**10, "y": np.array([], dtype=np.float64)}]
    layout = {"height": np.int64(300), "xaxis": {"range": np.array([0.0, 1.5]), "title": {"text": "step"}},
              "yaxis": {"tickvals": np.array([1, 2], dtype=np.uint64)}, "coloraxis": {"cmin": np.float32(-1)},
              "font": {"family": plots.FONT}}
    return plots.Figure(data, layout)


def test_a_figure_from_dicts_is_written_as_plotly_writes_it():
    fast = json.loads(_figure().to_json())
    built = _figure()
    assert isinstance(built.figure(), go.Figure)
    assert fast == json.loads(built.to_json())              # plotly's own writer, key by key
    assert fast["data"][0]["z"]["dtype"] == "f4"             # a typed array, as plotly sends it
    assert fast["layout"]["template"]["layout"]              # plotly's default look included
    assert fast["data"][1]["y"][1] is None                   # NaN as null: valid JSON for the page


def test_a_figure_reads_and_changes_like_plotlys():
    fig = _figure()
    assert fig.data[0].z.shape == (3, 4) and fig.layout.xaxis.title.text == "step"
    fig.update_layout(height=420)                            # a changed figure: plotly writes it
    assert json.loads(fig.to_json())["layout"]["height"] == 420
    assert json.loads(Plot().postprocess(_figure()).plot) == json.loads(_figure().to_json())


def test_what_a_figure_cannot_hold_is_an_error():
    with pytest.raises(TypeError):
        plots.Figure([{"type": "scatter", "x": [object()]}], {}).to_json()
