"""Sampling: the fast sampler draws exactly the naive sampler's digit, the same seed
gives the same digit, completion never alters the visible rows, and the NLL is the
sum of the per-pixel log-probabilities."""

import math

import pytest
import torch

from playground.pixelcnn import sampling as S
from playground.pixelcnn.model import (NONE, SIZE, GatedPixelCNN, PlainPixelCNN, bits_per_dim,
                                       log_prob_per_pixel, nll)


@pytest.fixture(scope="module")
def gated():
    torch.manual_seed(0)
    m = GatedPixelCNN(channels=8, layers=3, kernel=3, first_kernel=5).eval()
    # a confident, structured model: random weights scaled up, so that probabilities
    # spread over (0, 1) instead of all sitting near the initial bias
    for p in m.parameters():
        p.data.mul_(3.0)
    m.head[3].bias.data.zero_()
    return m


def test_fast_sampler_matches_naive_probabilities_and_pixels(gated):
    y = torch.tensor([3, NONE])
    u = S.uniforms(seed=7, batch=2)
    fast = list(S.fast_steps(gated, y, u, temperature=1.0))
    naive = list(S.naive_steps(gated, y, u, temperature=1.0))
    assert len(fast) == len(naive) == SIZE * SIZE
    for a, b in zip(fast, naive):
        assert a.index == b.index
        assert torch.allclose(a.prob, b.prob, atol=1e-5), a.index
        assert torch.equal(a.value, b.value), a.index
    assert torch.equal(fast[-1].canvas, naive[-1].canvas)
    p = fast[-1].probs
    assert 0.02 < p.mean() < 0.98 and p.std() > 0.05  # a real test: probabilities vary


def test_same_seed_same_sample_other_seed_other_sample(gated):
    y = torch.tensor([5, 5])
    a, pa = S.sample(gated, y, seed=1)
    b, pb = S.sample(gated, y, seed=1)
    c, _ = S.sample(gated, y, seed=2)
    assert torch.equal(a, b) and torch.equal(pa, pb)
    assert not torch.equal(a, c)
    assert not torch.equal(a[0], a[1])  # two samples in one batch differ


def test_temperature_sharpens(gated):
    y = torch.tensor([NONE])
    _, cold = S.sample(gated, y, seed=3, temperature=0.3)
    _, hot = S.sample(gated, y, seed=3, temperature=3.0)
    def entropy(p):
        return -(p * p.log() + (1 - p) * (1 - p).log()).nan_to_num().mean()
    assert entropy(cold) < entropy(hot)


@pytest.mark.parametrize("start", [14 * SIZE, 10 * SIZE + 5])
def test_completion_keeps_visible_pixels_and_matches_naive(gated, start):
    given = (torch.rand(SIZE, SIZE, generator=torch.Generator().manual_seed(4)) < 0.3).float()
    y = torch.tensor([NONE, NONE, NONE])
    fast, _ = S.sample(gated, y, seed=9, start=start, given=given)
    naive, _ = S.sample(gated, y, seed=9, start=start, given=given, fast=False)
    for out in (fast, naive):
        assert torch.equal(out.flatten(1)[:, :start], given.flatten()[None, :start].expand(3, -1))
    assert torch.equal(fast, naive)
    assert not torch.equal(fast[0], fast[1])  # several different completions


def test_nll_is_sum_of_per_pixel_log_probs_and_bits_per_dim(gated):
    x = (torch.rand(4, 1, SIZE, SIZE, generator=torch.Generator().manual_seed(5)) < 0.2).float()
    y = torch.tensor([0, 1, 2, NONE])
    with torch.no_grad():
        logits = gated(x, y)
        per_pixel = log_prob_per_pixel(logits, x)
        p = torch.sigmoid(logits)
        by_hand = torch.where(x > 0, p.log(), (1 - p).log())
        assert torch.allclose(per_pixel, by_hand, atol=1e-5)
        assert torch.allclose(nll(gated, x, y), -per_pixel.flatten(1).sum(1))
    assert bits_per_dim(784 * math.log(2)) == pytest.approx(1.0)


def test_sampler_probabilities_are_the_models_conditionals(gated):
    """p recorded while sampling = the model's p(x_i = 1 | x_<i) on the finished image."""
    y = torch.tensor([2])
    img, probs = S.sample(gated, y, seed=11)
    with torch.no_grad():
        p = torch.sigmoid(gated(img[:, None], y))[:, 0]
    assert torch.allclose(p, probs, atol=1e-5)


def test_plain_model_samples_with_the_naive_sampler():
    torch.manual_seed(1)
    plain = PlainPixelCNN(channels=4, layers=2).eval()
    img, probs = S.sample(plain, torch.tensor([NONE]), seed=0)
    assert img.shape == (1, SIZE, SIZE) and not probs.isnan().any()


def test_class_mixture_is_a_chain_rule_density(gated):
    """p(x) = 1/10 sum_y p(x|y): its per-pixel terms sum to log p(x), each term is a
    proper conditional (p(x_i = 0 | x_<i) + p(x_i = 1 | x_<i) = 1), and Bayes gives p(y|x)."""
    from playground.pixelcnn.model import class_posterior, log_prob_per_class, mixture_log_prob_per_pixel
    x = (torch.rand(2, 1, SIZE, SIZE, generator=torch.Generator().manual_seed(6)) < 0.2).float()
    with torch.no_grad():
        per_class = log_prob_per_class(gated, x)                          # [2, 10, 784]
        per_pixel = mixture_log_prob_per_pixel(per_class)
        direct = torch.logsumexp(per_class.sum(-1), 1) - math.log(10)
        assert torch.allclose(per_pixel.sum(1), direct, atol=1e-3)
        i = 300  # flip pixel i: the two conditionals of the mixture sum to one
        x2 = x.clone().view(2, -1)
        x2[:, i] = 1 - x2[:, i]
        other = mixture_log_prob_per_pixel(log_prob_per_class(gated, x2.view_as(x)))
        assert torch.allclose(per_pixel[:, i].exp() + other[:, i].exp(), torch.ones(2), atol=1e-4)
        post = class_posterior(per_class)
        assert torch.allclose(post.sum(1), torch.ones(2)) and torch.allclose(class_posterior(per_class, 0), torch.full((2, 10), 0.1))
