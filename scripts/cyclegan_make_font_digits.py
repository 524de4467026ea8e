"""Render the CycleGAN tab's second domain: typeset digits, framed the way MNIST was.

    python scripts/cyclegan_make_font_digits.py [--fonts-dir /usr/share/fonts/truetype] [--out PATH]

Domain A is handwritten MNIST (assets/mnist10k.npz); domain B, made here, is
the digits 0-9 set in 37 faces of the DejaVu and Liberation fonts (Debian
packages fonts-dejavu-core, fonts-dejavu-extra, fonts-liberation), each
rendered once with a small random rotation, weight and size, then framed by
`playground.imaging.digit_from_user` exactly as a student's upload is (20x20
box, centred by mass in 28x28). Written to assets/cyclegan/font_digits.npz:

    images  uint8 [10000, 28, 28]   white ink on black, like MNIST
    labels  uint8 [10000]           the digit
    font    uint8 [10000]           index into `fonts`
    fonts   str   [n_fonts]         font file names
    split   uint8 [10000]           0 = train, 1 = test: every digit of 4 whole faces
                                    (1,073 digits), so the test faces are never trained on

The test faces are drawn with TEST_FACES_SEED, apart from the rendering's random
stream. They come from four families (DejaVu Sans Mono, DejaVu Serif Condensed,
Liberation Mono, Liberation Sans); other weights and slants of those families are in
training, so "test" means faces the model never saw, not type designs it never saw.

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
N, SEED = 10_000, 0
N_TEST_FACES, TEST_FACES_SEED = 4, 0


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


def test_faces(n_fonts: int) -> list[int]:
    """The indices (into `fonts`) of the faces whose digits are all held out for test."""
    rng = np.random.default_rng(TEST_FACES_SEED)
    return sorted(rng.choice(n_fonts, N_TEST_FACES, replace=False).tolist())


def face_split(font: np.ndarray, n_fonts: int) -> np.ndarray:
    """0 = train, 1 = test: whole faces, never a face in both."""
    return np.isin(font, test_faces(n_fonts)).astype(np.uint8)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--fonts-dir", type=Path, default=Path("/usr/share/fonts/truetype"))
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    out = args.out
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
    split = face_split(which, len(files))
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out, images=images, labels=labels.astype(np.uint8), font=which.astype(np.uint8),
                        fonts=np.array([f.name for f in files]), split=split)
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB): {N} digits in {len(files)} faces; "
          f"test: {int(split.sum())} digits of {[files[i].name for i in test_faces(len(files))]}")


if __name__ == "__main__":
    main()
