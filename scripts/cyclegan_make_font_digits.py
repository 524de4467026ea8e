"""Render the CycleGAN tab's second domain: typeset digits, framed the way MNIST was.

    python scripts/cyclegan_make_font_digits.py [--fonts-dir /usr/share/fonts/truetype]

Domain A is handwritten MNIST (assets/mnist10k.npz); domain B, made here, is
the digits 0-9 set in 38 faces of the DejaVu and Liberation fonts (Debian
packages fonts-dejavu-core, fonts-dejavu-extra, fonts-liberation), each
rendered once with a small random rotation, weight and size, then framed by
`playground.imaging.digit_from_user` exactly as a student's upload is (20x20
box, centred by mass in 28x28). Written to assets/cyclegan/font_digits.npz:

    images  uint8 [10000, 28, 28]   white ink on black, like MNIST
    labels  uint8 [10000]           the digit
    font    uint8 [10000]           index into `fonts`
    fonts   str   [n_fonts]         font file names
    split   uint8 [10000]           0 = train (9,000), 1 = held out (1,000), stratified

The fonts are only needed to run this script; the app and the tests use the .npz.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from playground.imaging import digit_from_user  # noqa: E402

OUT = REPO / "assets" / "cyclegan" / "font_digits.npz"
N, N_HELDOUT, SEED = 10_000, 1_000, 0


def font_files(root: Path) -> list[Path]:
    files = sorted((root / "dejavu").glob("DejaVu*.ttf")) + sorted((root / "liberation").glob("Liberation*.ttf"))
    return [f for f in files if "MathTeX" not in f.name]  # a maths font, not text digits


def render(font: ImageFont.FreeTypeFont, digit: int, rng: np.random.Generator) -> np.ndarray:
    """One digit, dark on light, on a 160x160 canvas, slightly rotated and emboldened."""
    canvas = Image.new("L", (160, 160), 255)
    draw = ImageDraw.Draw(canvas)
    stroke = int(rng.integers(0, 4))  # extra weight, so thin faces also look like pen strokes
    draw.text((80, 80), str(digit), font=font, fill=0, anchor="mm", stroke_width=stroke, stroke_fill=0)
    angle = float(rng.uniform(-12, 12))
    canvas = canvas.rotate(angle, resample=Image.BILINEAR, fillcolor=255)
    return np.asarray(canvas)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--fonts-dir", type=Path, default=Path("/usr/share/fonts/truetype"))
    args = ap.parse_args()
    files = font_files(args.fonts_dir)
    if not files:
        sys.exit(f"no DejaVu/Liberation fonts under {args.fonts_dir}; "
                 "apt-get install fonts-dejavu-core fonts-dejavu-extra fonts-liberation")
    rng = np.random.default_rng(SEED)
    labels = np.arange(N) % 10
    rng.shuffle(labels)
    which = rng.integers(0, len(files), N)
    images = np.zeros((N, 28, 28), np.uint8)
    for i, (digit, f) in enumerate(zip(labels, which)):
        font = ImageFont.truetype(str(files[f]), size=int(rng.integers(90, 120)))
        images[i] = np.round(digit_from_user(render(font, int(digit), rng)) * 255).astype(np.uint8)
    split = np.zeros(N, np.uint8)
    for d in range(10):  # stratified: 100 of each digit held out
        idx = np.flatnonzero(labels == d)
        split[rng.choice(idx, N_HELDOUT // 10, replace=False)] = 1
    OUT.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(OUT, images=images, labels=labels.astype(np.uint8), font=which.astype(np.uint8),
                        fonts=np.array([f.name for f in files]), split=split)
    print(f"wrote {OUT} ({OUT.stat().st_size / 1e6:.1f} MB): {N} digits in {len(files)} faces")


if __name__ == "__main__":
    main()
