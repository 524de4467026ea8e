"""The shipped PixelCNNs' test numbers, recomputed from their weights on a subset of the test
digits, and the manifest's record of how they were chosen.

The full test NLL takes the gated model minutes on a CPU core (the class mixture needs ten
passes per digit), so the test reads every 10th test digit (100 digits, every class) with
the "no label" class, one pass each, and compares the mean with the manifest's
`test_nll_nats_no_label` over all 1,000. The subset mean is off the full mean by its
sampling error, so the tolerance is three standard errors of the subset (about 6 nats);
the gated and plain models lie about 10 nats apart on it, so a swapped file fails
(the last test checks that on the real files).
"""

import itertools
import math

import pytest
import torch

from playground import data, weights
from playground.pixelcnn import model as M

NAMES = ("pixelcnn_gated", "pixelcnn_plain")
EVERY = 10


@pytest.fixture(scope="module")
def measured() -> dict[str, tuple[float, float]]:
    """name -> (mean -log p(x | no label) over the subset, its standard error), nats."""
    x, y = data.tensors("test", binarized=True)
    x = x[::EVERY]
    none = torch.full((len(x),), M.NONE, dtype=torch.long)
    threads = torch.get_num_threads()
    torch.set_num_threads(1)   # small convolutions: one thread is fastest, busy machine or not
    out = {}
    try:
        with torch.inference_mode():
            for name in NAMES:
                model = weights.load(name, M.build, device="cpu")
                nll = torch.cat([M.nll(model, x[i:i + 25], none[i:i + 25]) for i in range(0, len(x), 25)])
                out[name] = (nll.mean().item(), nll.std().item() / math.sqrt(len(nll)))
    finally:
        torch.set_num_threads(threads)
    return out


def matches(value: tuple[float, float], metrics: dict) -> bool:
    mean, se = value
    return abs(mean - metrics["test_nll_nats_no_label"]) <= 3 * se


@pytest.mark.parametrize("name", NAMES)
def test_weights_reproduce_their_test_nll(measured, name):
    mean, se = measured[name]
    recorded = weights.entry(name)["metrics"]["test_nll_nats_no_label"]
    assert abs(mean - recorded) <= 3 * se, (mean, se, recorded)


def test_a_swapped_file_would_fail(measured):
    for a, b in itertools.permutations(NAMES, 2):
        assert not matches(measured[a], weights.entry(b)["metrics"]), (a, b)


@pytest.mark.parametrize("name", NAMES)
def test_manifest_says_where_each_number_comes_from(name):
    e = weights.entry(name)
    assert e["split"] == {"train": 8000, "validation": 1000, "test": 1000}
    m = e["metrics"]
    assert not any(k.startswith("heldout_") for k in m)   # every number says its split
    assert m["test_nll_nats_p05"] < m["test_nll_nats_p50"] < m["test_nll_nats_p95"]
    # p(x) of the mixture = 1/10 sum_y p(x | y) >= 1/10 p(x | true label) for every digit: the
    # mixture's NLL exceeds the given-label NLL by at most log 10
    assert m["test_nll_nats"] <= m["test_nll_nats_given_label"] + math.log(10)
    assert 0 <= m["best_epoch"] and m["validation_nll_nats"] > 0


def test_gated_model_meets_its_goal_on_the_test_digits():
    assert weights.entry("pixelcnn_gated")["metrics"]["test_nll_nats"] <= 88.0
    assert (weights.entry("pixelcnn_gated")["metrics"]["test_nll_nats"]
            < weights.entry("pixelcnn_plain")["metrics"]["test_nll_nats"])
