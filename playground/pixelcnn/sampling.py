"""Drawing digits pixel by pixel: x_i ~ Bernoulli(p(x_i = 1 | x_<i)), i = 0..783.

Sampling is sequential: pixel i cannot be drawn before pixels 0..i-1 are. The
naive way runs the whole network 784 times (`naive_steps`). The Gated PixelCNN's
structure allows much less work (`fast_steps`):

* The vertical stack's contribution to row r depends only on rows < r. It is
  computed once per row (28 times), on the rows drawn so far.
* Within row r, pixel c depends only on the vertical contribution and on pixels
  0..c-1 of the same row: per pixel, only the horizontal stack runs, on one row
  cut at column c.
* Several samples share every step as one batch.

Both ways use the same pre-drawn uniform numbers u_i (from the seed):
x_i = 1 if u_i < p_i. So the same seed gives the same digit, and the fast sampler
must give exactly the naive one's digit (tests/pixelcnn/test_sampling.py).

Temperature T divides the logit: p_i = sigmoid(logit_i / T). T < 1 is bolder
(probabilities pushed to 0 or 1), T > 1 more random.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import torch

from playground.pixelcnn.model import SIZE, GatedPixelCNN

N_PIXELS = SIZE * SIZE
MIN_TEMPERATURE = 0.05


@dataclass
class Step:
    """One decided pixel (the same position in every sample of the batch)."""
    index: int               # raster index i = row * 28 + col
    prob: torch.Tensor       # [B] p(x_i = 1 | x_<i) at this temperature
    value: torch.Tensor      # [B] the drawn 0/1
    canvas: torch.Tensor     # [B, 28, 28] pixels decided so far (live view; later ones 0)
    probs: torch.Tensor      # [B, 28, 28] p given for every pixel decided so far (NaN elsewhere)

    @property
    def row(self) -> int:
        return self.index // SIZE

    @property
    def col(self) -> int:
        return self.index % SIZE


def uniforms(seed: int, batch: int) -> torch.Tensor:
    """The random numbers u_i in [0, 1) a sample uses, one per pixel: [B, 784]."""
    g = torch.Generator().manual_seed(int(seed))
    return torch.rand(batch, N_PIXELS, generator=g)


def _start(model: torch.nn.Module, y: torch.Tensor, start: int,
           given: torch.Tensor | None) -> tuple[torch.Tensor, torch.Tensor, torch.device]:
    device = next(model.parameters()).device
    batch = len(y)
    canvas = torch.zeros(batch, 1, SIZE, SIZE, device=device)
    if given is not None:  # completion: the visible pixels 0..start-1 are copied, never redrawn
        flat = canvas.view(batch, N_PIXELS)
        flat[:, :start] = given.reshape(-1, N_PIXELS)[:, :start].to(device)
    probs = torch.full((batch, SIZE, SIZE), float("nan"))
    return canvas, probs, device


def _decide(logit: torch.Tensor, u: torch.Tensor, temperature: float) -> tuple[torch.Tensor, torch.Tensor]:
    p = torch.sigmoid(logit.float().cpu() / max(temperature, MIN_TEMPERATURE))
    return p, (u < p).float()


@torch.inference_mode()
def naive_steps(model: torch.nn.Module, y: torch.Tensor, u: torch.Tensor, temperature: float = 1.0,
                start: int = 0, given: torch.Tensor | None = None) -> Iterator[Step]:
    """784 full forward passes, one per pixel: the textbook way (works for any model)."""
    canvas, probs, device = _start(model, y, start, given)
    y = y.to(device)
    for i in range(start, N_PIXELS):
        r, c = divmod(i, SIZE)
        logit = model(canvas, y)[:, 0, r, c]
        p, x = _decide(logit, u[:, i], temperature)
        canvas[:, 0, r, c] = x.to(device)
        probs[:, r, c] = p
        yield Step(i, p, x, canvas[:, 0], probs)


class _HorizontalCache:
    """The horizontal stack of one row, computed one column at a time.

    Each layer's input row is kept in a buffer (with the layer's left zero padding),
    so deciding pixel c costs, per layer, one small matrix product over the
    kernel's window (columns c-h..c, or c-h..c-1 for the first layer's mask A)
    instead of a convolution over the row: the same arithmetic as the network,
    in a different order.
    """

    def __init__(self, model: GatedPixelCNN, batch: int, device: torch.device):
        self.layers = []
        for layer in model.layers:
            conv, out = layer.h_conv, layer.h_out
            self.layers.append(dict(
                h=conv.h, mask_a=conv.mask_a, first=layer.first,
                # as matrices, transposed once: [C_in * width, 2C] and [C, C]
                w=conv.conv.weight.flatten(1).t().contiguous(), b=conv.conv.bias,
                w_out=out.weight.flatten(1).t().contiguous(), b_out=out.bias,
                buf=torch.zeros(batch, conv.conv.in_channels, SIZE + conv.h, device=device)))
        head = model.head
        self.head = [(head[k].weight.flatten(1).t().contiguous(), head[k].bias) for k in (1, 3)]

    def start_row(self, x_row: torch.Tensor, links: list[torch.Tensor]) -> None:
        """x_row [B, 28] (pixels known so far, later ones ignored), links [B, 2C, 28] per layer."""
        self.layers[0]["buf"][:, 0, self.layers[0]["h"]:] = 2.0 * x_row - 1.0
        self.links = [link + L["b"][None, :, None] for link, L in zip(links, self.layers)]

    def set_pixel(self, c: int, value: torch.Tensor) -> None:
        self.layers[0]["buf"][:, 0, self.layers[0]["h"] + c] = 2.0 * value - 1.0

    def logit(self, c: int) -> torch.Tensor:
        """The logit of pixel c of the row: needs pixels 0..c-1 of it set."""
        for k, L in enumerate(self.layers):
            h, buf = L["h"], L["buf"]
            window = buf[:, :, c:c + h] if L["mask_a"] else buf[:, :, c:c + h + 1]
            pre = torch.addmm(self.links[k][:, :, c], window.reshape(len(buf), -1), L["w"])
            f, g = pre.chunk(2, dim=1)
            out = torch.addmm(L["b_out"], torch.tanh(f) * torch.sigmoid(g), L["w_out"])
            if not L["first"]:
                out = out + buf[:, :, h + c]  # residual
            if k + 1 < len(self.layers):
                nxt = self.layers[k + 1]
                nxt["buf"][:, :, nxt["h"] + c] = out
        (w1, b1), (w2, b2) = self.head
        a = torch.addmm(b1, torch.relu(out), w1)
        return torch.addmm(b2, torch.relu(a), w2)[:, 0]


@torch.inference_mode()
def fast_steps(model: GatedPixelCNN, y: torch.Tensor, u: torch.Tensor, temperature: float = 1.0,
               start: int = 0, given: torch.Tensor | None = None) -> Iterator[Step]:
    """The same samples as `naive_steps`: the vertical stack once per row, then the
    horizontal stack one column at a time."""
    if model.training:
        raise ValueError("sample in eval mode (dropout off)")
    canvas, probs, device = _start(model, y, start, given)
    y = y.to(device)
    row_cache = _HorizontalCache(model, len(y), device)
    for r in range(start // SIZE, SIZE):
        # rows 0..r: row r of every link depends only on rows < r (already drawn), and a
        # vertical convolution never looks down, so the rows below can be left out
        links = [link[:, :, r] for link in model.vertical_stack(canvas[:, :, :r + 1], y)]
        row_cache.start_row(canvas[:, 0, r], links)
        for c in range(SIZE):
            i = r * SIZE + c
            logit = row_cache.logit(c)
            if i < start:  # a given pixel of a completion: only fill the caches
                continue
            p, x = _decide(logit, u[:, i], temperature)
            canvas[:, 0, r, c] = x.to(device)
            row_cache.set_pixel(c, x.to(device))
            probs[:, r, c] = p
            yield Step(i, p, x, canvas[:, 0], probs)


def steps(model: torch.nn.Module, *args, **kwargs) -> Iterator[Step]:
    """The fast sampler where the model allows it, else the naive one."""
    fn = fast_steps if isinstance(model, GatedPixelCNN) else naive_steps
    return fn(model, *args, **kwargs)


def sample(model: torch.nn.Module, y: torch.Tensor, seed: int = 0, temperature: float = 1.0,
           fast: bool = True, start: int = 0, given: torch.Tensor | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    """Run to the end: (images [B, 28, 28], probabilities [B, 28, 28])."""
    u = uniforms(seed, len(y))
    run = (steps if fast else naive_steps)(model, y, u, temperature, start=start, given=given)
    last = None
    for last in run:
        pass
    if last is None:  # nothing left to draw
        canvas, probs, _ = _start(model, y, start, given)
        return canvas[:, 0].cpu(), probs
    return last.canvas.cpu().clone(), last.probs.clone()
