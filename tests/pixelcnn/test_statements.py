"""What the Receptive field tab says about masks and the blind spot is what the model does.

field_explain: mask B zeroes the kernel weights after the centre in raster order, mask A
the centre too; the plain stack's view grows up, left, and up-right along the diagonal,
and the blind spot is the wedge of earlier pixels beyond that diagonal.
"""

import pytest
import torch

from playground import weights
from playground.pixelcnn import text, views
from playground.pixelcnn.model import SIZE, MaskedConv2d, PlainPixelCNN

EXPLAIN = text.EN["field_explain"]


def _after_centre(k: int, include_centre: bool) -> torch.Tensor:
    """Kernel positions after the centre in raster order (row by row, left to right)."""
    c = k // 2
    order = torch.arange(k * k).view(k, k)       # raster index of each kernel position
    centre = c * k + c
    return order >= centre if include_centre else order > centre


@pytest.mark.parametrize("k", [3, 5, 7])
def test_masks_zero_exactly_what_the_text_says(k):
    a = MaskedConv2d(1, 1, k, "A").mask[0, 0]
    b = MaskedConv2d(1, 1, k, "B").mask[0, 0]
    assert torch.equal(b == 0, _after_centre(k, include_centre=False))   # B: after the centre
    assert torch.equal(a == 0, _after_centre(k, include_centre=True))    # A: the centre too
    assert b[k // 2, k // 2] == 1 and a[k // 2, k // 2] == 0
    assert "after the centre pixel in raster order" in EXPLAIN
    assert "**Mask B**" in EXPLAIN and "keeps the centre" in EXPLAIN
    assert "**mask A**" in EXPLAIN and "zeroes the centre too" in EXPLAIN


def test_the_plain_view_follows_the_diagonal_and_the_blind_spot_is_the_wedge_beyond():
    """Pixel (14, 14) of a 5-layer plain stack (reach 5): in the rows above it sees exactly
    the columns up to dr to the right of it (the up-right diagonal), nothing further right."""
    torch.manual_seed(0)
    layers = 5
    model = PlainPixelCNN(channels=8, layers=layers).eval()
    for p in model.parameters():  # biases off zero so that no path is silently dead
        p.data.normal_(0, 0.5)
    x = (torch.rand(8, 1, SIZE, SIZE, generator=torch.Generator().manual_seed(4)) < 0.3).float()
    x.requires_grad_(True)
    row = col = 14
    (grad,) = torch.autograd.grad(model(x, torch.arange(8) + 3)[:, 0, row, col].sum(), x)
    seen = grad.abs().sum(0)[0] > 0
    for dr in range(1, layers + 1):
        for dc in range(-layers, layers + 1):
            expect = dc <= dr  # up to the diagonal: seen; beyond it: the blind spot
            assert bool(seen[row - dr, col + dc]) is expect, (dr, dc)
    assert seen[row, col - layers: col].all() and not seen[row, col:].any()  # the row: left only
    assert "up and to the right along the diagonal" in EXPLAIN and "wedge" in EXPLAIN


def test_the_stated_reach_is_the_shipped_networks():
    """count_explain: each prediction reaches '10 to 12 rows up for the networks here'."""
    reaches = [views.reach(weights.entry(name)["config"]) for name in ("pixelcnn_gated", "pixelcnn_plain")]
    assert min(reaches) == 10 and max(reaches) == 12
    assert "10 to 12 rows up" in text.EN["count_explain"]
