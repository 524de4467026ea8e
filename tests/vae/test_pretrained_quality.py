"""Each shipped VAE's test numbers, recomputed from its weights on the 1,000 test digits.

The KL term is exact (closed form, one encoder pass), so `test_kl_nats` must come back to
float precision; the reconstruction term is a Monte Carlo average, recomputed here with 2
samples of z per digit instead of the trainer's 16, so -ELBO gets a tolerance of 1 nat (the
MC error of a 2-sample mean over 1,000 digits is ~0.1 nat). The models' KL values lie
5 to 11 nats apart and their -ELBOs 2 to 47 nats apart: a file swapped for another model's,
or retrained without its manifest entry, fails (the last test checks that on the real files).
"""

import itertools

import pytest
import torch

from playground import data, weights
from playground.vae.model import PRETRAINED, estimate_elbo

NAMES = list(PRETRAINED)
KL_TOLERANCE, ELBO_TOLERANCE = 1e-3, 1.0


@pytest.fixture(scope="module")
def measured() -> dict[str, dict[str, float]]:
    from playground.vae.model import build
    x, _ = data.tensors("test", binarized=True)
    out = {}
    with torch.inference_mode():
        for name in NAMES:
            model = weights.load(name, build, device="cpu")
            est = estimate_elbo(model, x, samples=2, seed=0)
            out[name] = {"kl": est["kl"].mean().item(), "neg_elbo": -est["elbo"].mean().item()}
    return out


def matches(value: dict[str, float], metrics: dict) -> bool:
    return (abs(value["kl"] - metrics["test_kl_nats"]) <= KL_TOLERANCE
            and abs(value["neg_elbo"] - metrics["test_neg_elbo_nats"]) <= ELBO_TOLERANCE)


@pytest.mark.parametrize("name", NAMES)
def test_weights_reproduce_their_test_numbers(measured, name):
    m = weights.entry(name)["metrics"]
    assert measured[name]["kl"] == pytest.approx(m["test_kl_nats"], abs=KL_TOLERANCE)
    assert measured[name]["neg_elbo"] == pytest.approx(m["test_neg_elbo_nats"], abs=ELBO_TOLERANCE)


def test_a_swapped_file_would_fail(measured):
    """Every model's weights, checked against every other model's manifest entry: no match."""
    for a, b in itertools.permutations(NAMES, 2):
        assert not matches(measured[a], weights.entry(b)["metrics"]), (a, b)
