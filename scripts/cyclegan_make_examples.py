"""Example inputs of the CycleGAN tab: four real photos and four digits.

    python scripts/cyclegan_make_examples.py [path/to/scikit_image-0.26.0-...whl]

Photos: taken from the sample data inside the scikit-image 0.26.0 wheel
(fetched with `pip download --no-deps` when no path is given; nothing is
installed), downscaled to 384 pixels on the shorter side, saved as JPEG. Their
licences are in assets/cyclegan/CREDITS.md (public domain or CC0, as stated in
skimage/data/_fetchers.py). The rocket is cropped to a portrait frame so the
examples show that the aspect ratio is kept.

Digits: two handwritten ones from the MNIST test digits and two typeset ones
from the test faces of assets/cyclegan/font_digits.npz (faces the pair never
trained on), drawn dark on light at 168x168, the way a student would draw or
photograph one.
"""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np
from PIL import Image

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from playground.cyclegan import digits  # noqa: E402

OUT = REPO / "assets" / "cyclegan" / "examples"
REQUIREMENT = "scikit-image==0.26.0"
# file in the wheel -> (our name, crop box as fractions (left, top, right, bottom) or None)
PHOTOS = {
    "skimage/data/astronaut.png": ("astronaut.jpg", None),
    "skimage/data/chelsea.png": ("chelsea_the_cat.jpg", None),
    "skimage/data/coffee.png": ("coffee.jpg", None),
    "skimage/data/rocket.jpg": ("rocket.jpg", (0.22, 0.0, 0.72, 1.0)),  # portrait: taller than wide
}
SHORT_SIDE = 384


def fetch_wheel(folder: Path) -> Path:
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
                    "--python-version", "3.11", "--platform", "manylinux_2_28_x86_64",
                    "--dest", str(folder), REQUIREMENT], check=True)
    return next(folder.glob("scikit_image-*.whl"))


def photo(raw: bytes, crop: tuple[float, float, float, float] | None) -> Image.Image:
    img = Image.open(io.BytesIO(raw)).convert("RGB")
    if crop:
        w, h = img.size
        img = img.crop((round(crop[0] * w), round(crop[1] * h), round(crop[2] * w), round(crop[3] * h)))
    scale = SHORT_SIDE / min(img.size)
    if scale < 1:
        img = img.resize((round(img.width * scale), round(img.height * scale)), Image.LANCZOS)
    return img


def digit_picture(image_signed: np.ndarray) -> Image.Image:
    """[-1, 1] white-on-black 28x28 -> dark ink on white paper, 168x168, smooth."""
    grey = ((1 - image_signed) / 2 * 255).round().astype(np.uint8)
    return Image.fromarray(grey).resize((168, 168), Image.BICUBIC)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        wheel = Path(sys.argv[1]) if len(sys.argv) > 1 else fetch_wheel(Path(tmp))
        with zipfile.ZipFile(wheel) as z:
            for member, (name, crop) in PHOTOS.items():
                photo(z.read(member), crop).save(OUT / name, quality=88, optimize=True)
    for dom, picks, prefix in (("A", (3, 4), "handwritten"), ("B", (7, 2), "typeset")):
        images, labels = digits.domain(dom, "test")
        for d in picks:
            i = int(np.flatnonzero(labels == d)[0])
            digit_picture(images[i, 0].numpy()).save(OUT / f"digit_{prefix}_{d}.png", optimize=True)
    total = sum(f.stat().st_size for f in OUT.iterdir())
    print(f"wrote {len(list(OUT.iterdir()))} files to {OUT} ({total / 1e3:.0f} kB)")


if __name__ == "__main__":
    main()
