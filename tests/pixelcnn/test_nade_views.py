"""NADE in the tab's pure functions, on tiny random models (no pretrained weights needed):
the pixel-by-pixel stream, and scoring beside the PixelCNNs."""

import re

import numpy as np
import pytest
import torch

from playground import weights
from playground.pixelcnn import model as M
from playground.pixelcnn import nade, sampling, views
from playground.pixelcnn.text import EN


@pytest.fixture(autouse=True)
def tiny_models(monkeypatch):
    torch.manual_seed(0)
    gated = M.GatedPixelCNN(channels=8, layers=3, kernel=3, first_kernel=5).eval()
    plain = M.PlainPixelCNN(channels=8, layers=6).eval()
    small = nade.NADE(hidden=16).eval()
    monkeypatch.setattr(views, "gated", lambda: gated)
    monkeypatch.setattr(views, "plain", lambda: plain)
    monkeypatch.setattr(views, "nade_model", lambda: small)
    return small


def _state(frame: str) -> tuple[str, int]:
    m = re.search(r'data-state="(\w+)" data-decided="(\d+)"', frame)
    return m[1], int(m[2])


def test_nade_stream_draws_the_sampler_digits(tiny_models):
    frames = list(views.generate("7", 2, 1.0, 3, "max", EN, views.NADE))
    state, decided = _state(frames[-1])
    assert state == "done" and decided == 784
    assert EN["nade_no_class"] in frames[-1]
    # what the stream ended on is exactly nade.sample with the same seed's uniforms
    stream = views.NadeStream(tiny_models, sampling.uniforms(3, 2), 1.0, None).start()
    x, _ = nade.sample(tiny_models, sampling.uniforms(3, 2).numpy())
    np.testing.assert_array_equal(stream.latest().canvas.numpy().reshape(2, -1), x)


def test_nade_stream_reveals_pixels_in_order_at_the_pace(tiny_models):
    s = views.NadeStream(tiny_models, sampling.uniforms(0, 1), 1.0, pace=200.0).start()
    assert not s.wait(0.05)
    first = s.latest()
    assert 0 < first.index < 784
    assert np.isnan(first.probs.numpy().reshape(-1)[first.index + 1:]).all()
    assert not np.isnan(first.probs.numpy().reshape(-1)[:first.index + 1]).any()
    s.stop()
    stopped = s.latest().index
    assert s.wait(0.01) and s.latest().index == stopped
    assert s.result().stopped and s.result().count == stopped + 1


def test_scores_beside_the_pixelcnns():
    digit = views.heldout_digit(5)[0]
    rows = views.model_comparison(digit, EN)
    assert [r["name"] for r in rows] == [views.GATED, views.PLAIN, views.NADE]
    for r in rows:
        assert r["log_probs"].shape == (28, 28) and np.all(r["log_probs"] <= 0)
        assert r["nll"] == pytest.approx(-r["log_probs"].sum())
    x = torch.from_numpy(digit).reshape(1, -1)
    assert rows[2]["nll"] == pytest.approx(nade.nll(views.nade_model(), x).item(), rel=1e-5)
    fig = views.comparison_figure(digit, rows, EN)
    assert sum(t.type == "heatmap" for t in fig.data) == 3


def test_a_missing_model_is_left_out(monkeypatch):
    def missing():
        raise weights.WeightsError(views.NADE, "no file")
    monkeypatch.setattr(views, "nade_model", missing)
    rows = views.model_comparison(views.heldout_digit(5)[0], EN)
    assert [r["name"] for r in rows] == [views.GATED, views.PLAIN]
