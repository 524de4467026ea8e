"""Causality: the logit of pixel i depends only on pixels before i in raster order.

Checked two ways for both models, with random (untrained) weights: changing
pixels >= i never changes logits <= i, and the gradient of logit i with respect
to the input is zero on pixels >= i. Also: the gated model has no blind spot,
the plain one has it.
"""

import pytest
import torch

from playground.pixelcnn.model import GatedPixelCNN, PlainPixelCNN, SIZE

N = SIZE * SIZE


def _models():
    torch.manual_seed(0)
    gated = GatedPixelCNN(channels=8, layers=4, kernel=3, first_kernel=5).eval()
    plain = PlainPixelCNN(channels=8, layers=5).eval()
    for m in (gated, plain):  # biases off zero so that no path is silently dead
        for p in m.parameters():
            p.data.normal_(0, 0.5)
    return {"gated": gated, "plain": plain}


MODELS = _models()
POSITIONS = [0, 1, 27, 28, 29, 100, 13 * 28 + 14, 14 * 28, 14 * 28 + 27, 500, N - 29, N - 2, N - 1]


def _gradient_map(model, x, y, i):
    """|d logit_i / d x_j| summed over the batch (several inputs: a ReLU that is off
    for one input does not hide a connection)."""
    x = x.clone().requires_grad_(True)
    logits = model(x, y).flatten(1)
    (grad,) = torch.autograd.grad(logits[:, i].sum(), x)
    return grad.abs().sum(0).flatten()


@pytest.mark.parametrize("kind", ["gated", "plain"])
def test_changing_later_pixels_never_changes_earlier_outputs(kind):
    model = MODELS[kind]
    g = torch.Generator().manual_seed(1)
    x = (torch.rand(1, 1, SIZE, SIZE, generator=g) < 0.3).float()
    y = torch.tensor([3])
    with torch.no_grad():
        base = model(x, y).flatten()
        for i in POSITIONS:
            x2 = x.clone().flatten()
            x2[i:] = (torch.rand(N - i, generator=g) < 0.5).float()
            out = model(x2.view_as(x), y).flatten()
            assert torch.equal(out[: i + 1], base[: i + 1]), f"{kind}: pixel <= {i} saw a pixel >= {i}"
            if i < N - 1:  # and the test can see a dependence when there is one
                assert not torch.equal(out[i + 1:], base[i + 1:])


@pytest.mark.parametrize("kind", ["gated", "plain"])
def test_gradient_of_pixel_i_is_zero_on_pixels_from_i_on(kind):
    model = MODELS[kind]
    x = (torch.rand(8, 1, SIZE, SIZE, generator=torch.Generator().manual_seed(2)) < 0.3).float()
    y = torch.arange(8) + 3  # digits 3..9 and the "none" class
    for i in POSITIONS:
        grad = _gradient_map(model, x, y, i)
        assert torch.all(grad[i:] == 0), f"{kind}: logit {i} has gradient on a pixel >= {i}"
        if i > 0:
            assert grad[:i].abs().sum() > 0, f"{kind}: logit {i} sees nothing at all"


def test_gated_has_no_blind_spot_and_plain_has_one():
    """Pixel (10, 10): the pixel up one row and 2 to the right is visible to the gated
    model (vertical stack) but falls in the plain model's blind spot (3x3 masks)."""
    x = (torch.rand(8, 1, SIZE, SIZE, generator=torch.Generator().manual_seed(3)) < 0.3).float()
    y = torch.arange(8) + 3
    i = 10 * 28 + 10
    up_right = 9 * 28 + 12
    gated = _gradient_map(MODELS["gated"], x, y, i)
    plain = _gradient_map(MODELS["plain"], x, y, i)
    assert gated[up_right] != 0
    assert plain[up_right] == 0
    assert plain[9 * 28 + 11] != 0  # one to the right on the row above: seen by both
