"""The tab's pure functions, on tiny random models (no pretrained weights needed)."""

import math

import numpy as np
import pytest
import torch

from playground.imaging import InputError
from playground.pixelcnn import model as M
from playground.pixelcnn import render, views, worker
from playground.pixelcnn.text import EN
from playground.pixelcnn.train import mean_nll, mean_nll_mixture


@pytest.fixture(autouse=True)
def tiny_models(monkeypatch):
    torch.manual_seed(0)
    gated = M.GatedPixelCNN(channels=8, layers=3, kernel=3, first_kernel=5).eval()
    plain = M.PlainPixelCNN(channels=8, layers=6).eval()
    monkeypatch.setattr(views, "gated", lambda: gated)
    monkeypatch.setattr(views, "plain", lambda: plain)
    monkeypatch.setattr(views, "heldout_range", lambda: {"p05": 60.0, "p50": 80.0, "p95": 120.0})
    return gated, plain


def test_parameter_counts_are_the_formulas():
    for n in (1, 2, 3, 10, 784):
        c = views.parameter_counts(n)
        assert c["joint"] == c["chain"] == 2 ** n - 1
        assert c["independent"] == n and c["markov"] == 2 * n - 1
        assert c["logistic"] == sum(range(1, n + 1))
    # the chain rule without assumptions: p(x_i | x_<i) needs 2^(i-1) numbers
    assert sum(2 ** (i - 1) for i in range(1, 11)) == views.parameter_counts(10)["chain"]
    assert views.format_count(1567) == "1,567"
    assert views.format_count(2 ** 784 - 1) == "≈ 1.01 × 10<sup>236</sup>"


def test_parameter_figure_spans_1_to_n_on_a_log_axis():
    fig = views.parameter_figure(30, EN, {"gated": 1000})
    joint = fig.data[0]
    assert list(joint.x) == list(range(1, 31)) and joint.y[-1] == 2.0 ** 30 - 1
    assert fig.layout.yaxis.type == "log"
    assert any(t.name == "gated" and t.y[0] == 1000 for t in fig.data)


def test_receptive_fields_plain_blind_spot_gated_none():
    digit = views.heldout_digit(213)[0]
    f = views.fields(digit, 12, 10)
    assert f["plain"]["blind"] > 5 and f["gated"]["blind"] == 0
    assert f["plain"]["future_seen"] == f["gated"]["future_seen"] == 0
    assert f["plain"]["earlier"] == 12 * 28 + 10
    assert f["gated"]["picture"].shape == (280, 280, 3)


def test_field_summary_on_a_synthetic_gradient():
    grad = np.zeros((28, 28))
    grad[9, 5:11] = 1.0     # sees the row above up to column 10 only
    s = views.field_summary(grad, 10, 10, reach_px=2)
    assert s["seen"] == 6
    # within reach: rows 8-9 (cols 8-12) and row 10 (cols 8-9): 12 pixels, 3 seen
    assert s["blind"].sum() == 12 - 3


def test_likelihood_report_sums_per_pixel_log_probs():
    digit = views.heldout_digit(700)[0]
    report = views.likelihood_report(digit, EN)
    assert report["digits"].shape == (4, 28, 28)
    assert np.allclose(report["nll"], -report["log_probs"].reshape(4, -1).sum(1), rtol=1e-5)
    assert np.allclose(report["bits_per_dim"], report["nll"] / (784 * math.log(2)))
    assert np.array_equal(report["digits"][1], np.rot90(digit, 2))
    assert report["digits"][3].sum() == digit.sum()  # scrambled: same ink
    assert np.allclose(report["posterior"].sum(1), 1, atol=1e-5)
    assert views.class_figure(report, EN).data[0].y.shape == (10,)
    bars = views.nll_bar_figure(report, EN)
    assert list(bars.data[0].y) == report["names"][::-1] and bars.layout.shapes  # + held-out band
    heat = views.heatmap_figure(report, EN)
    assert np.allclose(heat.data[0].z, -report["log_probs"][0])


def test_scribble_is_deterministic_ink():
    a, b = views.scribble(), views.scribble()
    assert np.array_equal(a, b) and 40 < a.sum() < 400
    assert set(np.unique(a)) <= {0.0, 1.0}


def test_user_digit_rejects_uniform_and_blank_pictures():
    for uniform in (np.full((280, 280), 255, np.uint8), np.zeros((280, 280), np.uint8)):
        with pytest.raises(InputError, match="all one colour"):
            views.user_digit(uniform, EN)
    speck = np.full((280, 280), 255, np.uint8)
    speck[100:102, 100:102] = 0
    with pytest.raises(InputError, match="blank|nothing is left"):
        views.user_digit(speck, EN)
    drawn = np.full((280, 280), 255, np.uint8)
    drawn[40:240, 130:150] = 0  # a "1"
    digit = views.user_digit(drawn, EN)
    assert digit.shape == (28, 28) and set(np.unique(digit)) == {0.0, 1.0}


def test_streamed_frames_end_with_the_finished_digit():
    frames = list(views.generate("3", 2, 1.0, 4, "max", EN))
    assert len(frames) >= 2
    assert 'data-state="running"' in frames[0] and 'data-state="done"' in frames[-1]
    assert 'data-decided="784"' in frames[-1] and "pix-cursor" not in frames[-1]
    assert frames[-1].count('class="pix-cell"') == 2


def test_completion_frames_keep_the_given_rows():
    digit = views.heldout_digit(700)[0]
    frames = list(views.complete(digit, 10, 3, 1, "any", 1.0, EN))
    assert 'data-state="done"' in frames[-1] and frames[-1].count('class="pix-cell"') == 4
    preview = views.completion_preview(digit, 10, EN)
    assert 'data-state="preview"' in preview and "18 rows visible" in preview


def test_mixture_nll_lies_between_best_class_and_best_class_plus_log10(tiny_models):
    """-log(1/10 sum_y p(x|y)) is at least min_y -log p(x|y), at most that + log 10."""
    gated, _ = tiny_models
    for i in (0, 400, 900):
        x = torch.from_numpy(views.heldout_digit(i)[0])[None, None]
        per_class = np.array([mean_nll(gated, x, torch.tensor([c])) for c in range(10)])
        mixture = mean_nll_mixture(gated, x)
        assert per_class.min() - 1e-3 <= mixture <= per_class.min() + math.log(10) + 1e-3


def test_colormap_and_canvas_colours():
    assert tuple(render.colormap(np.array([0.0]))[0]) == (68, 1, 84)
    assert tuple(render.colormap(np.array([1.0]))[0]) == (253, 231, 37)
    canvas = np.zeros((28, 28))
    canvas[0, 0] = 1
    rgb = render.canvas_rgb(canvas, 2)
    assert tuple(rgb[0, 0]) == (255, 255, 255) and tuple(rgb[0, 1]) == (0, 0, 0)
    assert tuple(rgb[0, 2]) == tuple(render.UNDECIDED)


def test_models_loaded_inside_inference_mode_still_give_gradients(monkeypatch, tmp_path):
    """The first student may trigger loading from a no-gradient view (likelihood); the
    receptive field view must still get gradients from the same shared model."""
    from playground import weights
    monkeypatch.setenv("PLAYGROUND_PRETRAINED", str(tmp_path))
    torch.manual_seed(0)
    tiny = M.GatedPixelCNN(channels=4, layers=2)
    weights.save(views.GATED, tiny, config={"kind": "gated", **tiny.config}, data="test", seed=0,
                 steps=0, command="test", metrics={})
    monkeypatch.setattr(views, "gated", lambda: views._load(views.GATED))
    monkeypatch.setattr(weights, "_cache", {})
    with torch.inference_mode():
        model = views.gated()
    grad = views.receptive_field(model, views.heldout_digit(0)[0], 10, 10)
    assert grad.sum() > 0


def _wait_until_idle(seconds: float) -> bool:
    """True once no sampler worker is drawing (polled: the worker answers a stop by itself)."""
    import time as _time
    deadline = _time.time() + seconds
    while worker.busy() and _time.time() < deadline:
        _time.sleep(0.02)
    return worker.busy() == 0


def test_closing_the_stream_stops_the_sampler_process():
    """Stop (or a closed page) closes the generator: its sampler process must stop drawing."""
    import time as _time
    frames = views.generate("any", 1, 1.0, 0, "watch", EN)  # 12 pixels/s: would take 65 s
    assert 'data-state="running"' in next(frames)
    next(frames)
    t0 = _time.perf_counter()
    frames.close()
    assert _time.perf_counter() - t0 < 0.1  # the server's worker thread is free at once
    assert _wait_until_idle(2)


def test_guessed_class_completion_uses_only_the_visible_rows():
    digit = views.heldout_digit(700)[0]
    post = views.visible_posterior(digit, 14 * 28)
    assert post.shape == (10,) and abs(post.sum() - 1) < 1e-5
    scribbled = digit.copy()
    scribbled[14:] = 1 - scribbled[14:]  # the hidden rows cannot matter
    assert np.allclose(views.visible_posterior(scribbled, 14 * 28), post, atol=1e-6)
    frames = list(views.complete(digit, 14, 3, 2, views.GUESS, 1.0, EN))
    assert "Completion 1: a " in frames[-1] and "p(y | visible)" in frames[-1]


def test_an_abandoned_stream_stops_its_sampler(monkeypatch):
    """A stream nobody reads any more (dropped without close) must not sample on forever."""
    monkeypatch.setattr(worker.SamplerProcess, "ABANDONED_S", 0.3)
    frames = views.generate("any", 1, 1.0, 0, "watch", EN)
    next(frames)  # started; now nobody looks at it
    assert worker.busy() == 1
    assert _wait_until_idle(5)
    del frames
