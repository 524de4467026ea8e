"""The DCGAN and classifier for digits: shapes always; the trained runs once they exist."""

import numpy as np
import pytest
import torch

from playground import weights
from playground.gan import mnist, model, views

TRAINED = not weights.problems(list(mnist.WEIGHTS))
needs_weights = pytest.mark.skipif(not TRAINED, reason="gan_* weights not trained yet")


def test_dcgan_shapes():
    G, D = model.Generator(z_dim=16, width=8), model.Discriminator(width=8)
    x = G(torch.randn(5, 16))
    assert x.shape == (5, 1, 28, 28) and x.min() >= -1 and x.max() <= 1
    assert D(x).shape == (5,)
    assert model.DigitClassifier(width=8)(torch.rand(3, 1, 28, 28)).shape == (3, 10)
    no_bn = model.Generator(z_dim=16, width=8, batch_norm=False)
    assert not any(isinstance(m, torch.nn.BatchNorm2d) for m in no_bn.modules())


def test_labelled_grid_and_covered_count():
    images = np.zeros((20, 28, 28), np.uint8)
    labels = np.array([3] * 10 + [7] * 9 + [1])
    sure = np.array([True] * 19 + [False])
    grid = views.labelled_grid(images, labels, sure, cols=10, scale=1)
    assert grid.shape == (2 * 32, 10 * 32, 3)
    assert views.covered_count(labels, sure, min_share=0.1) == 2   # the unsure '1' does not count
    fig = views.class_histogram(labels, sure, "t")
    assert list(fig.data[0].y) == [0, 0, 0, 10, 0, 0, 0, 9, 0, 0, 1]


def test_only_digit_like_images_get_a_class():
    """Real digits have a dark frame; an untrained generator's grey noise does not, and the
    classifier's verdict on it is not counted (it never saw such images)."""
    from playground import data
    x, _ = data.tensors("test")
    assert bool(model.digit_like(x).all())
    untrained = model.Generator(z_dim=16, width=8).eval()
    with torch.no_grad():
        noise = (untrained(torch.randn(20, 16)) + 1) / 2
    assert not bool(model.digit_like(noise).any())


@needs_weights
def test_classifier_is_accurate_on_held_out_digits():
    assert weights.entry(mnist.CLASSIFIER)["metrics"]["test_accuracy"] >= 0.98
    from playground import data
    x, y = data.tensors("test")
    pred = torch.cat([mnist.classifier()(xb.to(next(mnist.classifier().parameters()).device)).argmax(1).cpu()
                      for xb in x.split(500)])
    assert (pred == y).float().mean() >= 0.98


@needs_weights
def test_timelines_tell_the_two_stories():
    for run in mnist.RUNS:
        t = mnist.timeline(run)
        assert t["samples"].shape[0] == mnist.N_SNAPSHOTS and t["samples"].dtype == np.uint8
        assert np.all(np.diff(t["steps"]) > 0)
    end = mnist.snapshot_view(mnist.N_SNAPSHOTS - 1)
    # the collapse preset's promise: few digit classes; the healthy run: most of the ten
    assert end["collapse"]["covered"] <= 3
    assert end["healthy"]["covered"] >= 7
    start = mnist.snapshot_view(0)
    assert start["healthy"]["covered"] < end["healthy"]["covered"]   # untrained G: noise, not digits
    for seed in (0, 1):
        healthy = mnist.fresh_samples("healthy", seed=seed)[1]
        collapse = mnist.fresh_samples("collapse", seed=seed)[1]
        assert healthy >= 7 and collapse <= 3, (seed, healthy, collapse)


def test_frechet_distance_against_the_closed_form():
    """For Gaussians with diagonal covariances the Frechet distance is
    |mu_a - mu_b|^2 + sum (sigma_a - sigma_b)^2; fitted to many samples, the estimate gets it."""
    g = torch.Generator().manual_seed(0)
    mu_a, mu_b = torch.tensor([0.0, 1.0, -1.0]), torch.tensor([0.5, 1.0, 0.0])
    sd_a, sd_b = torch.tensor([1.0, 2.0, 0.5]), torch.tensor([1.0, 1.0, 1.5])
    a = mu_a + sd_a * torch.randn(200_000, 3, generator=g)
    b = mu_b + sd_b * torch.randn(200_000, 3, generator=g)
    closed = float(((mu_a - mu_b) ** 2).sum() + ((sd_a - sd_b) ** 2).sum())
    assert model.frechet_distance(a, b) == pytest.approx(closed, abs=0.03)
    assert model.frechet_distance(a, a) == pytest.approx(0.0, abs=1e-6)
    # a full covariance: rotating both sets alike changes nothing
    q, _ = torch.linalg.qr(torch.randn(3, 3, generator=g))
    assert model.frechet_distance(a @ q, b @ q) == pytest.approx(model.frechet_distance(a, b), abs=1e-6)


@needs_weights
def test_the_recipe_without_batch_norm_is_a_one_change_comparison():
    from playground.gan.train import heldout_metrics
    healthy, no_bn = (weights.entry(mnist.RUNS[r]) for r in ("healthy", "no_bn"))
    # the healthy run's settings exactly, but batch norm (in G and in D)
    assert no_bn["config"]["training"] == {**healthy["config"]["training"], "batch_norm": False}
    assert no_bn["steps"] == healthy["steps"] and no_bn["seed"] == healthy["seed"]
    assert not any(isinstance(m, torch.nn.BatchNorm2d) for m in mnist.generator("no_bn").modules())
    m = {run: weights.entry(name)["metrics"] for run, name in mnist.RUNS.items()}
    # measured: fewer of its samples are recognisable digits, and they sit further from the
    # test digits than the recipe's; but it does not collapse (the collapsing run: 2 classes)
    assert m["no_bn"]["recognised_share_1000_samples"] < m["healthy"]["recognised_share_1000_samples"] - 0.05
    assert (m["healthy"]["heldout_frechet_classifier"] < m["no_bn"]["heldout_frechet_classifier"]
            < m["collapse"]["heldout_frechet_classifier"])
    assert m["no_bn"]["classes_covered_1000_samples"] >= 7
    # the manifest's held-out numbers are what the saved generator gives
    again = heldout_metrics(mnist.generator("no_bn"))
    for key, value in again.items():
        assert value == pytest.approx(m["no_bn"][key], rel=1e-4, abs=1e-4), key
