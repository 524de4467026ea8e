"""Continuous pixels (playground/pixelcnn/continuous.py): the discretized mixture of
logistics against a brute-force reference, normalisation, the fits, the view."""

import time

import numpy as np
import pytest
import torch

from playground import weights
from playground.pixelcnn import continuous as C
from playground.pixelcnn import views
from playground.pixelcnn.text import EN, KO


def _logistic_cdf(x, mu, s):
    return 1.0 / (1.0 + np.exp(-(x - mu) / s))


def test_discretized_mixture_is_the_cdf_differences():
    w = np.array([0.2, 0.5, 0.3])
    mu, s = np.array([0.0, 120.0, 250.0]), np.array([5.0, 30.0, 2.0])
    probs = C.logistic_mixture_probs(torch.tensor(np.log(w)), torch.tensor(mu), torch.tensor(np.log(s))).numpy()
    ref = np.zeros(256)
    for wk, mk, sk in zip(w, mu, s):
        for v in range(256):
            upper = 1.0 if v == 255 else _logistic_cdf(v + 0.5, mk, sk)
            lower = 0.0 if v == 0 else _logistic_cdf(v - 0.5, mk, sk)
            ref[v] += wk * max(upper - lower, 1e-12)
    np.testing.assert_allclose(probs, ref, rtol=1e-6, atol=1e-12)
    assert probs.sum() == pytest.approx(1.0, abs=1e-9)


def test_softmax_bernoulli_and_counts():
    counts = np.zeros((1, 256))
    counts[0, 0], counts[0, 255], counts[0, 128] = 6, 3, 1
    p = C.softmax_probs(counts)[0]
    assert p.sum() == pytest.approx(1.0) and p[0] == pytest.approx(6.5 / 138)
    assert C.bernoulli_p(counts)[0] == pytest.approx((3 * 255 + 128) / (10 * 255))
    assert C.parameter_counts(4) == {"bernoulli": 1, "softmax": 255, "mixture": 12}
    assert C.bits(np.full(256, 1 / 256), counts[0]) == pytest.approx(8.0)


def test_fitting_finds_two_bumps():
    rng = np.random.default_rng(0)
    values = np.concatenate([np.zeros(3000), np.clip(rng.normal(200, 10, 1000).round(), 0, 255)]).astype(int)
    counts = np.bincount(values, minlength=256)[None].astype(float)
    fits = C.fit_mixtures(counts, k_max=3, steps=300)
    b = C.bits(fits["probs"][0], counts[0])                 # K = 1, 2, 3
    assert b[1] < b[0] - 0.5 and b[2] <= b[1] + 0.01
    assert np.allclose(fits["probs"].sum(-1), 1.0)
    assert np.allclose(fits["weights"][0, 0, 1:], 0.0)      # K = 1 uses one component only


def test_context_bins():
    assert C.context_bin(0) == 0 and C.context_bin(15) == 0 and C.context_bin(16) == 1
    assert C.context_bin(255) == 15 and C.context_bin(999) == 15


def _has_fits() -> bool:
    try:
        views.continuous_fits()
        return True
    except weights.WeightsError:
        return False


@pytest.mark.skipif(not _has_fits(), reason="pretrained/pixelcnn_continuous.safetensors missing")
def test_the_view_answers_fast_and_follows_k():
    views.continuous_view(255, 3, EN)                        # warm
    t = time.perf_counter()
    fig, table = views.continuous_view(255, 3, EN)
    assert time.perf_counter() - t < 1.0                     # the bench holds the 100 ms goal
    assert "3K = 9" in table and "| 255 |" in table
    fig5, table5 = views.continuous_view(255, 5, KO)
    assert "3K = 15" in table5
    mixture_lines = [d for d in fig5.data if d.type == "scatter" and d.xaxis == "x3"]
    assert len(mixture_lines) == 1 + 5 + 1                   # data, five components, their sum
    after_paper = views.continuous_fits().p_ink[0]
    after_ink = views.continuous_fits().p_ink[15]
    assert after_paper < 0.1 < 0.6 < after_ink
