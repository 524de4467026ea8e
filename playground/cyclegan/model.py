"""CycleGAN (Zhu, Park, Isola and Efros, 2017) in the syllabus' notation.

Two domains A and B, no pairs between them. Two generators and two critics:

    G: A -> B        F: B -> A
    D_B: is this b real, or G(a)?      D_A: is this a real, or F(b)?

Losses (as in the reference code, junyanz/pytorch-CycleGAN-and-pix2pix):

    adversarial (LSGAN)   E[(D_B(G(a)) - 1)^2] + E[(D_A(F(b)) - 1)^2]      for G and F
                          E[(D_B(b) - 1)^2] + E[D_B(G(a))^2], same for D_A   for the critics
    cycle consistency     ||F(G(a)) - a||_1 + ||G(F(b)) - b||_1  (weight lambda_cyc)
    identity              ||G(b) - b||_1 + ||F(a) - a||_1        (weight lambda_id * lambda_cyc)

The generator is the reference "ResNet" generator: c7s1-ngf, two stride-2
downsamplings, n residual blocks, two stride-2 upsamplings, c7s1-3, tanh.
Images are in [-1, 1] in and out.

`ResnetGenerator` has readable parameter names (stem, down, blocks, up, head);
`convert_state_dict` turns the index-based names of the reference code
(`model.10.conv_block.1.weight`) and of vintagify (`model.10.block.1.weight`)
into ours, so one class runs all of them.
"""

from __future__ import annotations

import re
from typing import Mapping

import torch
import torch.nn as nn
import torch.nn.functional as F_

from playground import i18n
from playground.cyclegan import text


def norm(channels: int, affine: bool) -> nn.InstanceNorm2d:
    # Instance norm: each image's own statistics, per channel (the reference's choice for CycleGAN).
    return nn.InstanceNorm2d(channels, affine=affine, track_running_stats=False)


class ConvNormReLU(nn.Module):
    """conv -> instance norm -> ReLU; `pad` > 0 reflects the border first (no dark frame)."""

    def __init__(self, c_in: int, c_out: int, kernel: int, stride: int = 1, pad: int = 0,
                 affine: bool = False, transpose: bool = False):
        super().__init__()
        self.pad = pad
        if transpose:  # x2 upsampling, as in the reference (output_padding makes the size exact)
            self.conv = nn.ConvTranspose2d(c_in, c_out, kernel, stride=2, padding=1, output_padding=1)
        else:
            self.conv = nn.Conv2d(c_in, c_out, kernel, stride=stride, padding=1 if stride == 2 else 0)
        self.norm = norm(c_out, affine)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self.pad:
            x = F_.pad(x, (self.pad,) * 4, mode="reflect")
        return torch.relu(self.norm(self.conv(x)))


class ResidualBlock(nn.Module):
    """x + norm(conv(relu(norm(conv(x))))): the block learns a change to x, not x itself."""

    def __init__(self, dim: int, affine: bool = False):
        super().__init__()
        self.conv1 = nn.Conv2d(dim, dim, 3)
        self.norm1 = norm(dim, affine)
        self.conv2 = nn.Conv2d(dim, dim, 3)
        self.norm2 = norm(dim, affine)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = torch.relu(self.norm1(self.conv1(F_.pad(x, (1, 1, 1, 1), mode="reflect"))))
        h = self.norm2(self.conv2(F_.pad(h, (1, 1, 1, 1), mode="reflect")))
        return x + h


class ResnetGenerator(nn.Module):
    """A generator G: image in [-1, 1] -> image in [-1, 1], same height and width.

    Height and width must be multiples of 2**n_down (4 for the reference).
    """

    def __init__(self, in_channels: int = 3, out_channels: int = 3, ngf: int = 64,
                 n_blocks: int = 9, n_down: int = 2, affine: bool = False):
        super().__init__()
        self.config = dict(in_channels=in_channels, out_channels=out_channels, ngf=ngf,
                           n_blocks=n_blocks, n_down=n_down, affine=affine)
        self.stem = ConvNormReLU(in_channels, ngf, 7, pad=3, affine=affine)
        widths = [ngf * 2 ** i for i in range(n_down + 1)]  # 64, 128, 256
        self.down = nn.ModuleList(ConvNormReLU(a, b, 3, stride=2, affine=affine)
                                  for a, b in zip(widths, widths[1:]))
        self.blocks = nn.Sequential(*(ResidualBlock(widths[-1], affine) for _ in range(n_blocks)))
        self.up = nn.ModuleList(ConvNormReLU(b, a, 3, affine=affine, transpose=True)
                                for a, b in zip(widths[::-1][1:], widths[::-1]))
        self.head = nn.Conv2d(ngf, out_channels, 7)

    @property
    def multiple(self) -> int:
        return 2 ** self.config["n_down"]

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = self.stem(x)
        for layer in self.down:
            h = layer(h)
        h = self.blocks(h)
        for layer in self.up:
            h = layer(h)
        return torch.tanh(self.head(F_.pad(h, (3, 3, 3, 3), mode="reflect")))


class PatchDiscriminator(nn.Module):
    """D: image -> a grid of real/fake scores, one per overlapping patch (PatchGAN).

    The reference's 70x70 PatchGAN is n_layers=3, ndf=64; the digits use a smaller one.
    Scores are raw (LSGAN compares them with 1 for real and 0 for fake).
    """

    def __init__(self, in_channels: int = 3, ndf: int = 64, n_layers: int = 3):
        super().__init__()
        layers: list[nn.Module] = [nn.Conv2d(in_channels, ndf, 4, 2, 1), nn.LeakyReLU(0.2)]
        width = ndf
        for i in range(1, n_layers + 1):
            stride = 2 if i < n_layers else 1
            new = ndf * min(2 ** i, 8)
            layers += [nn.Conv2d(width, new, 4, stride, 1), norm(new, False), nn.LeakyReLU(0.2)]
            width = new
        layers.append(nn.Conv2d(width, 1, 4, 1, 1))
        self.net = nn.Sequential(*layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x)


class CycleGAN(nn.Module):
    """The four networks of one trained pair: G (A->B), F (B->A), D_A, D_B."""

    def __init__(self, channels: int = 1, ngf: int = 16, n_blocks: int = 3, n_down: int = 2,
                 ndf: int = 16, d_layers: int = 2):
        super().__init__()
        gen = dict(in_channels=channels, out_channels=channels, ngf=ngf, n_blocks=n_blocks, n_down=n_down)
        self.G = ResnetGenerator(**gen)
        self.F = ResnetGenerator(**gen)
        self.D_A = PatchDiscriminator(channels, ndf, d_layers)
        self.D_B = PatchDiscriminator(channels, ndf, d_layers)


# ---- the losses, named as in the paper -------------------------------------------------

def lsgan_loss(scores: torch.Tensor, real: bool) -> torch.Tensor:
    """Least-squares GAN loss: mean (D(x) - 1)^2 for 'real', mean D(x)^2 for 'fake'."""
    return ((scores - (1.0 if real else 0.0)) ** 2).mean()


def cycle_loss(x: torch.Tensor, x_back: torch.Tensor) -> torch.Tensor:
    """||F(G(a)) - a||_1 (mean absolute error over pixels): going there and back loses nothing."""
    return (x_back - x).abs().mean()


def identity_loss(x: torch.Tensor, same: torch.Tensor) -> torch.Tensor:
    """||G(b) - b||_1: a generator fed its own target domain should leave it alone."""
    return (same - x).abs().mean()


# ---- loading other layouts --------------------------------------------------------------

STRAY = ("running_mean", "running_var", "num_batches_tracked")


class LayoutError(ValueError):
    """A state dict that is not a ResNet CycleGAN generator (message says why)."""


def _words():
    """The tab's words (a LayoutError reaches the student who placed a checkpoint, via models.load_user)."""
    return i18n.strings(text)


def infer_config(state: Mapping[str, torch.Tensor]) -> dict:
    """Generator config from a state dict in any of the three layouts."""
    state = convert_state_dict(state)
    try:
        stem = state["stem.conv.weight"]
        head = state["head.weight"]
    except KeyError as e:
        raise LayoutError(_words().layout_missing.format(key=e.args[0])) from None
    n_blocks = len({k.split(".")[1] for k in state if k.startswith("blocks.")})
    n_down = len({k.split(".")[1] for k in state if k.startswith("down.")})
    return dict(in_channels=stem.shape[1], out_channels=head.shape[0], ngf=stem.shape[0],
                n_blocks=n_blocks, n_down=n_down, affine="stem.norm.weight" in state)


def _reference_index_map(state: Mapping[str, torch.Tensor]) -> dict[str, str]:
    """Index-based module paths of the reference nn.Sequential -> our names.

    The reference builds [pad, conv, norm, relu] + n_down * [conv, norm, relu]
    + n_blocks * [ResnetBlock] + n_down * [convT, norm, relu] + [pad, conv, tanh].
    Counting the residual blocks (the only entries with sub-modules) fixes every index.
    """
    keys = list(state)
    blocks = sorted({int(m.group(1)) for k in keys if (m := re.match(r"model\.(\d+)\.(?:conv_)?block\.", k))})
    if not blocks:
        raise LayoutError(_words().layout_no_blocks)
    first, n_blocks = blocks[0], len(blocks)
    if blocks != list(range(first, first + n_blocks)) or (first - 4) % 3:
        raise LayoutError(_words().layout_block_positions.format(blocks=blocks))
    n_down = (first - 4) // 3
    names = {"model.1": "stem.conv", "model.2": "stem.norm"}
    for i in range(n_down):
        names[f"model.{4 + 3 * i}"] = f"down.{i}.conv"
        names[f"model.{5 + 3 * i}"] = f"down.{i}.norm"
    after = first + n_blocks
    for i in range(n_down):
        names[f"model.{after + 3 * i}"] = f"up.{i}.conv"
        names[f"model.{after + 1 + 3 * i}"] = f"up.{i}.norm"
    names[f"model.{after + 3 * n_down + 1}"] = "head"
    # inside a block: [pad, conv, norm, relu, (dropout), pad, conv, norm]
    # with dropout the second conv sits at 6 (a 4-d weight), otherwise a norm does (1-d, if affine)
    dropout = any(re.search(r"\.(?:conv_)?block\.6\.weight$", k) and v.ndim == 4 for k, v in state.items())
    inner = {"1": "conv1", "2": "norm1", "6" if dropout else "5": "conv2", "7" if dropout else "6": "norm2"}
    for j, b in enumerate(blocks):
        for idx, name in inner.items():
            names[f"model.{b}.conv_block.{idx}"] = f"blocks.{j}.{name}"
            names[f"model.{b}.block.{idx}"] = f"blocks.{j}.{name}"
    return names


def convert_state_dict(state: Mapping[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    """Any supported layout -> ours. Drops the stray running statistics of old checkpoints.

    * ours:       stem.conv.weight, blocks.0.conv1.weight, head.weight ...
    * reference:  model.1.weight, model.10.conv_block.1.weight ... (InstanceNorm without
                  affine; files saved by old PyTorch also hold running_mean/var, unused)
    * vintagify:  model.10.block.1.weight ... (affine InstanceNorm: norm weights present)
    A "module." prefix (saved from nn.DataParallel) is removed.
    """
    state = {k.removeprefix("module."): v for k, v in state.items()
             if not k.endswith(STRAY) and torch.is_tensor(v)}
    if not any(k.startswith("model.") for k in state):
        return dict(state)  # already ours
    names = _reference_index_map(state)
    out = {}
    for key, value in state.items():
        path, _, leaf = key.rpartition(".")
        if path not in names:
            raise LayoutError(_words().layout_unexpected.format(key=key))
        out[f"{names[path]}.{leaf}"] = value
    return out


def generator_from_state_dict(state: Mapping[str, torch.Tensor]) -> ResnetGenerator:
    """Build the generator that fits `state` (any layout) and load it, strictly."""
    ours = convert_state_dict(state)
    model = ResnetGenerator(**infer_config(ours))
    missing, unexpected = model.load_state_dict(ours, strict=False)
    if missing or unexpected:
        raise LayoutError(_words().layout_mismatch.format(missing=missing[:3], unexpected=unexpected[:3]))
    return model.eval()
