"""Numbers and reasons the Attention tab states, checked against the code."""

import re

import numpy as np

from playground.attention import minilm, text

EN = text.EN


def test_the_quadratic_cost_arithmetic_counts_attention_scores():
    """'6 x 12 x 128^2 ~ 1.2 million attention scores, 512 tokens almost 19 million': the
    tab's token limit and the model's position table, 6 layers x 12 heads of n x n scores."""
    about = EN["minilm_about"]
    assert "128^2" in about and minilm.MAX_TOKENS == 128
    shown = 6 * 12 * minilm.MAX_TOKENS ** 2 / 1e6
    assert re.search(rf"\\approx {shown:.1f}\$ million attention scores", about)
    limit = 6 * 12 * minilm.MODEL_LIMIT ** 2 / 1e6
    assert 18 < limit < 19 and "almost 19 million" in about
    assert "million weights" not in about  # model weights are another thing


def test_scaling_by_sqrt_dk_keeps_the_score_variance_near_one():
    """The reason given in steps_about: unit-variance q and k give q.k a variance of about d_k;
    dividing by sqrt(d_k) brings it back to about 1."""
    d_k = 32
    rng = np.random.default_rng(0)
    q, k = rng.standard_normal((2, 20000, d_k))
    scores = (q * k).sum(1)
    assert abs(scores.var() / d_k - 1) < 0.05
    assert abs((scores / np.sqrt(d_k)).var() - 1) < 0.05
    assert "variance about $d_k$" in EN["steps_about"] and "gradients vanish" in EN["steps_about"]
