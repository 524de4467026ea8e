"""Pictures of the trained pair for the tab's accordion (pure numpy/PIL, no Gradio)."""

from __future__ import annotations

import numpy as np
import torch
from PIL import Image

from playground import weights
from playground.cyclegan import digits, models
from playground.imaging import grid, upscale

N_PILE, N_STRIP = 24, 12


def _unsigned(x: torch.Tensor) -> np.ndarray:
    return ((x.clamp(-1, 1) + 1) / 2).squeeze(1).numpy()


def _pile(domain: str, n: int, seed: int) -> np.ndarray:
    x, _ = digits.domain(domain, "train")
    idx = np.random.default_rng(seed).choice(len(x), n, replace=False)
    return grid(_unsigned(x[idx]), cols=8, pad=2, value=0.35)


def pictures() -> tuple[Image.Image, Image.Image]:
    """(the two training piles side by side, a strip of test digits: rows a / G(a) / F(G(a)))."""
    return weights.cached("cyclegan:gallery", _make)


def _make() -> tuple[Image.Image, Image.Image]:
    a, b = _pile("A", N_PILE, 0), _pile("B", N_PILE, 1)
    gap = np.full((a.shape[0], 12), 1.0, np.float32)
    piles = upscale(np.concatenate([a, gap, b], axis=1), 900)
    held, labels = digits.domain("A", "test")
    pick = [int(np.flatnonzero(labels == d % 10)[d // 10]) for d in range(N_STRIP)]
    x = held[pick]
    G, F = models.digits_G(), models.digits_F()
    y = G(x)
    back = F(y)
    rows = np.concatenate([_unsigned(x), _unsigned(y), _unsigned(back)])
    strip = upscale(grid(rows, cols=N_STRIP, pad=2, value=0.35), 900)
    return piles, strip
