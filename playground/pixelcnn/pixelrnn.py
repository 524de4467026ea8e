"""PixelRNN's two LSTM layers (van den Oord et al. 2016a), small and untrained, for one
question: which earlier pixels can the prediction for pixel i depend on?

The receptive field view answers it by backpropagation, as for the PixelCNNs: the
gradient of logit_i with respect to every input pixel, nonzero where there is a path.
The weights are random (fixed seed): the *shape* of the dependency comes from how the
layer is wired, not from training.

* `RowLSTM`: a masked 3x3 convolution (mask A), then an LSTM that processes the image
  a row at a time, top to bottom. A row's gates come from a 1x3 convolution of the row
  above's hidden state (state-to-state) plus a masked 1x3 convolution of the row's own
  features (input-to-state, mask B: columns c-1 and c). Each row up widens the view by
  one pixel to each side: a **triangle above** the pixel (`row_lstm_shape`). Pixels
  beside the triangle, earlier in raster order, are never seen.
* `DiagonalBiLSTM`: an LSTM that sweeps the image along diagonals: after *skewing* (row
  r shifted r pixels right) each column is one diagonal, and the state at (r, c) comes
  from (r, c-1) and (r-1, c): a 2x1 convolution over the previous skewed column. Fed by
  a mask-A 3x3 convolution, that direction sees everything above and to the left. A
  second LSTM sweeps from the right (the image flipped); its output is shifted down one
  row, so it only brings in rows above (which is also why its input convolution may keep
  the centre, mask B). Together: **every earlier pixel**, all rows above and the current
  row to the left (`earlier_pixels`).
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from playground.pixelcnn.model import SIZE, MaskedConv2d


def _lstm(gates: torch.Tensor, c: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Gates [B, 4C, ...] -> (h, c): c' = f c + i g, h = o tanh(c')."""
    i, f, o, g = gates.chunk(4, dim=1)
    c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
    return torch.sigmoid(o) * torch.tanh(c), c


class RowLSTM(nn.Module):
    """One Row LSTM layer on a binary image, one logit per pixel."""

    def __init__(self, channels: int = 4, hidden: int = 4):
        super().__init__()
        self.hidden = hidden
        self.first = MaskedConv2d(1, channels, 3, "A")
        self.input_to_state = nn.Conv1d(channels, 4 * hidden, 3, padding=1)
        mask = torch.tensor([1.0, 1.0, 0.0])   # mask B: columns c-1 and c, never c+1
        self.register_buffer("mask", mask[None, None], persistent=False)
        self.state_to_state = nn.Conv1d(hidden, 4 * hidden, 3, padding=1, bias=False)
        self.out = nn.Conv2d(hidden, 1, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        b, _, height, width = x.shape
        v = self.first(2 * x - 1)
        h = v.new_zeros(b, self.hidden, width)
        c = v.new_zeros(b, self.hidden, width)
        rows = []
        for r in range(height):
            gates = (F.conv1d(v[:, :, r], self.input_to_state.weight * self.mask,
                              self.input_to_state.bias, padding=1)
                     + self.state_to_state(h))
            h, c = _lstm(gates, c)
            rows.append(h)
        return self.out(torch.stack(rows, dim=2))


def skew(a: torch.Tensor) -> torch.Tensor:
    """[B, C, H, W] -> [B, C, H, W + H - 1], row r shifted r places right: each column of
    the result is one diagonal of the image."""
    b, ch, height, width = a.shape
    out = a.new_zeros(b, ch, height, width + height - 1)
    for r in range(height):
        out[:, :, r, r:r + width] = a[:, :, r]
    return out


def unskew(a: torch.Tensor, width: int) -> torch.Tensor:
    return torch.stack([a[:, :, r, r:r + width] for r in range(a.shape[2])], dim=2)


class DiagonalLSTM(nn.Module):
    """One direction: the state at (r, c) from the states at (r, c-1) and (r-1, c)."""

    def __init__(self, channels: int, hidden: int):
        super().__init__()
        self.hidden = hidden
        self.input_to_state = nn.Conv2d(channels, 4 * hidden, 1)
        self.state_to_state = nn.Conv1d(hidden, 4 * hidden, 2, bias=False)  # rows r-1, r

    def forward(self, a: torch.Tensor) -> torch.Tensor:
        b, _, height, width = a.shape
        inputs = skew(self.input_to_state(a))                   # [B, 4h, H, W + H - 1]
        h = a.new_zeros(b, self.hidden, height)
        c = a.new_zeros(b, self.hidden, height)
        columns = []
        for j in range(inputs.shape[3]):
            # previous diagonal's states at rows r-1 and r (a zero row on top)
            gates = inputs[:, :, :, j] + self.state_to_state(F.pad(h, (1, 0)))
            h, c = _lstm(gates, c)
            columns.append(h)
        return unskew(torch.stack(columns, dim=3), width)


class DiagonalBiLSTM(nn.Module):
    """Mask-A 3x3 convolution, then a left-to-right and a right-to-left diagonal LSTM;
    the right-to-left output shifted down a row; one logit per pixel."""

    def __init__(self, channels: int = 4, hidden: int = 4):
        super().__init__()
        self.first = MaskedConv2d(1, channels, 3, "A")
        self.first_right = MaskedConv2d(1, channels, 3, "B")   # shifted down later: may see x_i
        self.left = DiagonalLSTM(channels, hidden)
        self.right = DiagonalLSTM(channels, hidden)
        self.out = nn.Conv2d(hidden, 1, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        v = 2 * x - 1
        from_left = self.left(self.first(v))
        from_right = self.right(self.first_right(v).flip(3)).flip(3)
        from_right = F.pad(from_right, (0, 0, 1, 0))[:, :, :-1]   # rows above only
        return self.out(from_left + from_right)


def random_layers(seed: int = 0) -> dict[str, nn.Module]:
    """Both layers with random weights (float64, so that no long path underflows to 0)."""
    g = torch.Generator().manual_seed(seed)
    layers = {"row_lstm": RowLSTM(), "diagonal_bilstm": DiagonalBiLSTM()}
    for layer in layers.values():
        for p in layer.parameters():
            p.data = torch.randn(p.shape, generator=g) * 0.7
        layer.double().eval()
    return layers


def dependency(layer: nn.Module, digit01, row: int, col: int) -> torch.Tensor:
    """|d logit(row, col) / d x| for every input pixel: [28, 28] (float64)."""
    x = torch.as_tensor(digit01, dtype=torch.float64).reshape(1, 1, SIZE, SIZE).clone()
    x.requires_grad_(True)
    with torch.enable_grad():
        logit = layer(x)[0, 0, row, col]
        (grad,) = torch.autograd.grad(logit, x)
    return grad[0, 0].abs()


def row_lstm_shape(row: int, col: int) -> torch.Tensor:
    """The documented Row LSTM field: two pixels to the left, and k rows up the columns
    col-k-2 .. col+k (a triangle widening one pixel per row to each side). [28, 28] bool"""
    rr, cc = torch.meshgrid(torch.arange(SIZE), torch.arange(SIZE), indexing="ij")
    k = row - rr
    above = (k >= 1) & (cc >= col - k - 2) & (cc <= col + k)
    return above | ((rr == row) & (cc >= col - 2) & (cc < col))


def earlier_pixels(row: int, col: int) -> torch.Tensor:
    """Every pixel before (row, col) in raster order: [28, 28] bool."""
    return (torch.arange(SIZE * SIZE) < row * SIZE + col).reshape(SIZE, SIZE)
