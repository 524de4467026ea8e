"""The two unpaired digit domains of the trained pair, as tensors in [-1, 1].

    A: handwritten digits (MNIST, playground.data: 8,000 "train" / 1,000 "test"; the
       1,000 "validation" digits are not used, nothing is selected)
    B: typeset digits (assets/cyclegan/font_digits.npz, made by
       scripts/cyclegan_make_font_digits.py: 8,927 "train" in 33 faces / 1,073 "test",
       every digit of 4 other faces, so the test faces are never trained on)

Unpaired: the trainer draws a batch from A and a batch from B independently;
the labels are never used for training, only to check that G keeps the digit.
"""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np
import torch

from playground import data

FONT_PATH = Path(__file__).resolve().parents[2] / "assets" / "cyclegan" / "font_digits.npz"
DOMAINS = {"A": "handwritten (MNIST)", "B": "typeset (DejaVu and Liberation fonts)"}
B_SPLITS = {"train": 0, "test": 1}   # the codes in font_digits.npz's `split`


@functools.lru_cache(maxsize=1)
def _fonts() -> dict[str, np.ndarray]:
    if not FONT_PATH.exists():
        raise FileNotFoundError(f"{FONT_PATH} is missing; re-create it with "
                                "`python scripts/cyclegan_make_font_digits.py`")
    with np.load(FONT_PATH) as f:
        return {k: f[k] for k in ("images", "labels", "split")}


def to_signed(images_uint8: np.ndarray) -> torch.Tensor:
    """uint8 [N, 28, 28] -> float [N, 1, 28, 28] in [-1, 1] (0 -> -1 black, 255 -> +1 white)."""
    x = torch.from_numpy(np.asarray(images_uint8, dtype=np.float32)) / 127.5 - 1.0
    return x.unsqueeze(1)


def domain(name: str, split: str = "train") -> tuple[torch.Tensor, np.ndarray]:
    """Images [N, 1, 28, 28] in [-1, 1] and labels [N] of domain 'A' or 'B'."""
    if name == "A":
        images, labels = data.digits(split)
    elif name == "B":
        f = _fonts()
        if split not in B_SPLITS:
            raise ValueError(f"split must be one of {[*B_SPLITS]}, not {split!r}")
        keep = f["split"] == B_SPLITS[split]
        images, labels = f["images"][keep], f["labels"][keep]
    else:
        raise ValueError(f"domain must be 'A' or 'B', not {name!r}")
    return to_signed(images), np.asarray(labels, dtype=np.int64)
