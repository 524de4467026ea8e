"""Autoregressive models of binary 28x28 digits: p(x) = prod_i p(x_i | x_<i).

Pixels are ordered in raster order (row by row, left to right). Every model here
maps an image x [B, 1, 28, 28] (0/1) and a class y [B] to one logit per pixel,
logit_i = f(x_<i, y), so that p(x_i = 1 | x_<i, y) = sigmoid(logit_i): a Bernoulli
per pixel, as NADE does. The log-likelihood of a whole image is the sum of the
per-pixel log-probabilities (`log_prob_per_pixel`, `nll`).

Two convolutional ways to make sure pixel i never sees pixel i or anything after it:

* `PlainPixelCNN` (van den Oord et al. 2016a): masked convolutions, whose masks zero
  every kernel weight after the centre in raster order. The first layer's mask "A"
  zeroes the centre too; later masks "B" keep it, letting a pixel see its own features
  (which already only depend on earlier pixels). Stacked 3x3 masks grow the view up,
  to the left, and up and to the right along the diagonal (one column right per row
  up), but never reach the wedge of earlier pixels beyond that diagonal: the
  *blind spot*.
* `GatedPixelCNN` (van den Oord et al. 2016b, "Conditional Image Generation with
  PixelCNN Decoders"): two stacks. The vertical stack sees every row above
  (the full width of the receptive field), the horizontal stack sees the current row
  to the left; the vertical stack feeds the horizontal one, shifted down a row so that
  it never leaks the current row. No blind spot. Each layer uses a gated unit,
  tanh(W_f * x + V_f y) * sigmoid(W_g * x + V_g y), with the class y added as a bias.

The class input has one extra value, `NONE` (= 10): "no label". Training replaces
the label by NONE part of the time, so the same network is also an unconditional
model p(x).

Image borders: the input is fed as 2x - 1 (ink +1, paper -1), so the zeros that
padding adds are distinguishable from paper, and the network knows where the
image edge is.
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import nn

N_CLASSES = 10
NONE = N_CLASSES  # the "no label" class: unconditional mode
SIZE = 28


def to_input(x: torch.Tensor) -> torch.Tensor:
    """0/1 pixels -> -1/+1 (padding zeros then differ from paper)."""
    return 2.0 * x - 1.0


def gate(a: torch.Tensor) -> torch.Tensor:
    """Gated activation unit: split channels into (f, g), return tanh(f) * sigmoid(g)."""
    f, g = a.chunk(2, dim=1)
    return torch.tanh(f) * torch.sigmoid(g)


def shift_down(a: torch.Tensor) -> torch.Tensor:
    """Row r gets what row r-1 had (row 0 gets zeros): rows above only."""
    return F.pad(a, (0, 0, 1, 0))[:, :, :-1, :]


def _head(channels: int) -> nn.Sequential:
    """Features -> one logit per pixel. The last bias starts at the logit of the average
    ink (about 13% of MNIST pixels are on), so training does not spend its first steps
    learning that most pixels are paper."""
    last = nn.Conv2d(channels, 1, 1)
    nn.init.constant_(last.bias, math.log(0.13 / 0.87))
    return nn.Sequential(nn.ReLU(), nn.Conv2d(channels, channels, 1), nn.ReLU(), last)


# ----------------------------------------------------------------------------------
# Gated PixelCNN: vertical + horizontal stacks
# ----------------------------------------------------------------------------------

class VerticalConv(nn.Module):
    """Output at (r, c) sees input rows r-h..r, columns c-h..c+h (h = kernel // 2).

    Kernel (h+1) x k, zero padding on top and at the sides, none below: nothing
    below row r ever reaches row r, so cropping the image's lower rows away does not
    change the rows kept (the fast sampler relies on that).
    """

    def __init__(self, c_in: int, c_out: int, kernel: int):
        super().__init__()
        self.h = kernel // 2
        self.conv = nn.Conv2d(c_in, c_out, (self.h + 1, kernel))

    def forward(self, a: torch.Tensor) -> torch.Tensor:
        return self.conv(F.pad(a, (self.h, self.h, self.h, 0)))


class HorizontalConv(nn.Module):
    """Output at (r, c) sees input row r, columns c-h..c (mask B) or c-h..c-1 (mask A).

    Padding on the left only, so cropping columns on the right changes nothing kept.
    """

    def __init__(self, c_in: int, c_out: int, kernel: int, mask_a: bool):
        super().__init__()
        self.h = kernel // 2
        self.mask_a = mask_a
        width = self.h if mask_a else self.h + 1
        self.conv = nn.Conv2d(c_in, c_out, (1, width))

    def forward(self, a: torch.Tensor) -> torch.Tensor:
        out = self.conv(F.pad(a, (self.h, 0, 0, 0)))
        # mask A: the kernel covers c-h..c-1, i.e. one column short; output width is W+1
        return out[..., :-1] if self.mask_a else out


class GatedLayer(nn.Module):
    """One layer of both stacks (the paper's figure 2).

    v' = gate(W_v * v + V_v y)
    h' = h + W_o gate(W_h * h + W_vh shift_down(W_v * v) + V_h y)     (residual, not in layer 0)
    """

    def __init__(self, c_in: int, channels: int, kernel: int, first: bool, dropout: float):
        super().__init__()
        self.first = first
        self.v_conv = VerticalConv(c_in, 2 * channels, kernel)
        self.h_conv = HorizontalConv(c_in, 2 * channels, kernel, mask_a=first)
        self.v_to_h = nn.Conv2d(2 * channels, 2 * channels, 1)
        self.h_out = nn.Conv2d(channels, channels, 1)
        self.cond = nn.Embedding(N_CLASSES + 1, 4 * channels)  # V_v y and V_h y, together
        self.drop = nn.Dropout(dropout)

    def class_bias(self, y: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        bv, bh = self.cond(y)[:, :, None, None].chunk(2, dim=1)
        return bv, bh

    def vertical(self, v: torch.Tensor, bv: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """(next vertical features, what the horizontal stack receives from above)."""
        pre = self.v_conv(v)
        return gate(pre + bv), self.v_to_h(shift_down(pre))

    def horizontal(self, h: torch.Tensor, from_above: torch.Tensor) -> torch.Tensor:
        """`from_above` already holds the class bias (see GatedPixelCNN.vertical_stack)."""
        out = self.h_out(self.drop(gate(self.h_conv(h) + from_above)))
        return out if self.first else h + out


class GatedPixelCNN(nn.Module):
    """Class-conditional Gated PixelCNN for binary images, one logit per pixel."""

    def __init__(self, channels: int = 64, layers: int = 10, kernel: int = 3,
                 first_kernel: int = 7, dropout: float = 0.0):
        super().__init__()
        self.config = dict(channels=channels, layers=layers, kernel=kernel,
                           first_kernel=first_kernel, dropout=dropout)
        self.layers = nn.ModuleList(
            [GatedLayer(1, channels, first_kernel, first=True, dropout=dropout)]
            + [GatedLayer(channels, channels, kernel, first=False, dropout=dropout)
               for _ in range(layers - 1)])
        self.head = _head(channels)

    def vertical_stack(self, x: torch.Tensor, y: torch.Tensor) -> list[torch.Tensor]:
        """For each layer, what the horizontal stack receives from the rows above, plus
        the class bias: [B, 2C, H, W]. Row r of it depends only on rows < r of x."""
        v = to_input(x)
        links = []
        for layer in self.layers:
            bv, bh = layer.class_bias(y)
            v, from_above = layer.vertical(v, bv)
            links.append(from_above + bh)
        return links

    def horizontal_stack(self, x: torch.Tensor, links: list[torch.Tensor]) -> torch.Tensor:
        """Logits from the horizontal stack; x and links may be any run of whole rows,
        or a single row cropped on the right (the fast sampler)."""
        h = to_input(x)
        for layer, from_above in zip(self.layers, links):
            h = layer.horizontal(h, from_above)
        return self.head(h)

    def forward(self, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        return self.horizontal_stack(x, self.vertical_stack(x, y))


# ----------------------------------------------------------------------------------
# Plain PixelCNN: one stack of masked convolutions (has a blind spot)
# ----------------------------------------------------------------------------------

class MaskedConv2d(nn.Conv2d):
    """A k x k convolution whose weights are zero on the pixels after the centre in
    raster order (the rest of the centre row, and every row below).

    Mask B keeps the centre: the kernel sees every row above and the centre row up to
    and including the centre. Mask A (first layer) zeroes the centre as well, so the
    centre row is seen only up to the pixel before it.
    """

    def __init__(self, c_in: int, c_out: int, kernel: int, mask_type: str):
        super().__init__(c_in, c_out, kernel, padding=kernel // 2)
        k = kernel // 2
        mask = torch.ones(kernel, kernel)
        mask[k, k + (mask_type == "B"):] = 0  # centre row: the centre (A) and what follows
        mask[k + 1:] = 0                      # rows below
        self.register_buffer("mask", mask[None, None], persistent=False)

    def forward(self, a: torch.Tensor) -> torch.Tensor:
        return F.conv2d(a, self.weight * self.mask, self.bias, padding=self.padding)


class PlainPixelCNN(nn.Module):
    """Masked-convolution PixelCNN: mask A, then residual mask B layers, ReLU.

    3x3 kernels throughout by default: the receptive field then grows by one pixel per
    layer, up, left, and up-right along the diagonal; the blind spot is the wedge of
    earlier pixels beyond that diagonal (further right in the rows above).
    """

    def __init__(self, channels: int = 32, layers: int = 12, kernel: int = 3,
                 first_kernel: int = 3):
        super().__init__()
        self.config = dict(channels=channels, layers=layers, kernel=kernel,
                           first_kernel=first_kernel)
        self.first = MaskedConv2d(1, channels, first_kernel, "A")
        self.cond = nn.Embedding(N_CLASSES + 1, channels)
        self.convs = nn.ModuleList([MaskedConv2d(channels, channels, kernel, "B")
                                    for _ in range(layers - 1)])
        self.head = _head(channels)

    def forward(self, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        a = self.first(to_input(x)) + self.cond(y)[:, :, None, None]
        for conv in self.convs:
            a = a + conv(F.relu(a))
        return self.head(a)


# ----------------------------------------------------------------------------------
# Likelihood
# ----------------------------------------------------------------------------------

def log_prob_per_pixel(logits: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """log p(x_i | x_<i) for every pixel: Bernoulli(sigmoid(logit_i)) at x_i. [B, 1, H, W]"""
    return -F.binary_cross_entropy_with_logits(logits, x, reduction="none")


def nll(model: nn.Module, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """-log p(x | y) per image, in nats: minus the sum of the per-pixel log-probs. [B]"""
    return -log_prob_per_pixel(model(x, y), x).flatten(1).sum(1)


def log_prob_per_class(model: nn.Module, x: torch.Tensor) -> torch.Tensor:
    """log p(x_i | x_<i, y) of every pixel for every class y = 0..9: [B, 10, H*W]."""
    b = len(x)
    xs = x.repeat_interleave(N_CLASSES, 0)                       # [B*10, 1, H, W]
    ys = torch.arange(N_CLASSES, device=x.device).repeat(b)      # 0..9, 0..9, ...
    return log_prob_per_pixel(model(xs, ys), xs).reshape(b, N_CLASSES, -1)


def mixture_log_prob_per_pixel(per_class: torch.Tensor) -> torch.Tensor:
    """The class-conditional model as one density, p(x) = sum_y p(y) p(x | y) with p(y) = 1/10,
    written in the chain rule again: log p(x_i | x_<i) = log p(x_<=i) - log p(x_<i), where
    log p(x_<=i) = logsumexp_y [log p(y) + sum_{j<=i} log p(x_j | x_<j, y)].
    Input [B, 10, N] from `log_prob_per_class`; output [B, N], summing to log p(x)."""
    prefix = per_class.cumsum(-1) - math.log(N_CLASSES)          # log p(y) p(x_<=i | y)
    log_p_upto = torch.logsumexp(prefix, dim=1)                  # log p(x_<=i)   [B, N]
    return torch.diff(log_p_upto, dim=-1, prepend=torch.zeros_like(log_p_upto[:, :1]))


def class_posterior(per_class: torch.Tensor, upto: int | None = None) -> torch.Tensor:
    """p(y | x_<upto) by Bayes' rule from the first `upto` pixels (all if None): [B, 10]."""
    return torch.softmax(per_class[..., :upto].sum(-1), dim=1)


def bits_per_dim(nll_nats: torch.Tensor | float, pixels: int = SIZE * SIZE):
    """Nats per image -> bits per pixel: divide by the pixel count and by ln 2."""
    return nll_nats / (pixels * math.log(2))


def build(config: dict) -> nn.Module:
    """Rebuild a model from its manifest config ({"kind": "gated"|"plain", ...})."""
    config = dict(config)
    kind = config.pop("kind", "gated")
    return {"gated": GatedPixelCNN, "plain": PlainPixelCNN}[kind](**config)


def count_parameters(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())
