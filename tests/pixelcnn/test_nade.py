"""NADE (playground/pixelcnn/nade.py): the O(nH) running sum against the naive per-pixel
loop, the row-by-row training order against both, normalisation by enumeration,
causality, and the sampler against the model's own conditionals."""

import itertools

import numpy as np
import pytest
import torch

from playground.pixelcnn import nade


def _model(n=784, hidden=40, seed=0):
    torch.manual_seed(seed)
    model = nade.NADE(n=n, hidden=hidden)
    for p in model.parameters():  # biases off their start values: no term silently zero
        p.data.normal_(0, 0.7)
    return model


def test_running_sum_equals_the_naive_loop():
    model = _model()
    x = (torch.rand(5, 784, generator=torch.Generator().manual_seed(1)) < 0.3).float()
    with torch.no_grad():
        fast, naive = model.logits(x), nade.naive_logits(model, x)
    assert fast.shape == (5, 784)
    torch.testing.assert_close(fast, naive, atol=1e-4, rtol=1e-4)


def test_training_order_equals_the_running_sum():
    model = _model()
    x = (torch.rand(4, 784, generator=torch.Generator().manual_seed(2)) < 0.5).float()
    with torch.no_grad():
        torch.testing.assert_close(nade.logits_by_rows(model, x), model.logits(x), atol=1e-4, rtol=1e-4)


def test_forward_keeps_the_image_shape():
    model = _model()
    x = torch.zeros(2, 1, 28, 28)
    assert model(x, torch.zeros(2, dtype=torch.long)).shape == (2, 1, 28, 28)


@pytest.mark.parametrize("n", [1, 3, 10])
def test_probabilities_sum_to_one_over_every_configuration(n):
    """All 2^n binary vectors: sum_x p(x) = 1 (the chain rule makes NADE normalised)."""
    model = _model(n=n, hidden=7, seed=n)
    every = torch.tensor(list(itertools.product([0.0, 1.0], repeat=n)))
    with torch.no_grad():
        log_p = -nade.nll(model, every).double()
    assert every.shape[0] == 2 ** n
    assert abs(torch.logsumexp(log_p, 0).exp().item() - 1.0) < 1e-5


def test_pixel_i_never_sees_pixel_i_or_later():
    model = _model(n=30, hidden=9)
    x = torch.rand(3, 30).round().requires_grad_(True)
    logits = model.logits(x)
    for i in (0, 1, 15, 29):
        (grad,) = torch.autograd.grad(logits[:, i].sum(), x, retain_graph=True)
        assert torch.all(grad[:, i:] == 0)
        if i > 0:
            assert torch.any(grad[:, :i] != 0)


def test_sampler_uses_the_model_conditionals():
    """Each step's p is sigmoid(logit_i) of the model evaluated on the finished sample."""
    model = _model(n=50, hidden=11)
    u = np.random.default_rng(0).random((3, 50))
    x, p = nade.sample(model, u)
    assert set(np.unique(x)) <= {0.0, 1.0}
    np.testing.assert_array_equal(x, (u < p).astype(float))
    with torch.no_grad():
        expected = torch.sigmoid(model.logits(torch.from_numpy(x).float())).numpy()
    np.testing.assert_allclose(p, expected, atol=1e-5)


def test_temperature_sharpens():
    model = _model(n=50, hidden=11)
    u = np.random.default_rng(0).random((2, 50))
    _, p_cold = nade.sample(model, u, temperature=0.2)
    _, p_warm = nade.sample(model, u, temperature=1.0)
    assert np.abs(p_cold - 0.5).mean() > np.abs(p_warm - 0.5).mean()


def test_shipped_nade_reproduces_its_test_nll_and_meets_the_goal():
    """The manifest's heldout_nll_nats is the mean -log p(x) of the 1,000 test digits under
    the shipped weights (recomputed here in full), and it is at most 100 nats."""
    from playground import data, weights

    try:
        model = weights.load("pixelcnn_nade", nade.build, device="cpu")
    except weights.WeightsError as err:
        pytest.skip(str(err))
    e = weights.entry("pixelcnn_nade")
    x = data.tensors("test", binarized=True)[0].flatten(1)
    with torch.inference_mode():
        nll = torch.cat([nade.nll(model, x[i:i + 50]) for i in range(0, len(x), 50)])
    assert nll.mean().item() == pytest.approx(e["metrics"]["heldout_nll_nats"], abs=0.01)
    assert e["metrics"]["heldout_nll_nats"] <= 100.0
    assert e["split"] == {"train": 8000, "validation": 1000, "test": 1000}
    assert e["metrics"]["parameters"] == sum(p.numel() for p in model.parameters())
