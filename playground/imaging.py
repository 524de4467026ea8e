"""Images in and out, shared by every tab (no Gradio here: pure functions).

* `open_image`: a user's file -> a sane PIL image, or an `InputError` that says
  what is wrong (not an image, empty, truncated, too many pixels...). EXIF
  orientation is applied; RGBA, palette, CMYK, greyscale and 16-bit all work.
* `digit_from_user`: a drawing or photo of a digit -> 28x28 in [0, 1], white ink
  on black, framed the way MNIST was (20x20 box, centred by mass).
* `upscale`: small arrays -> large, crisp pixels (nearest neighbour) for display.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

# Refuse before decoding: a 40-megapixel RGB image is already 120 MB in memory.
MAX_PIXELS = 40_000_000
MAX_SIDE = 12_000
# Pillow refuses (DecompressionBombError) above twice its MAX_IMAGE_PIXELS, wherever an image
# is opened: also where Gradio itself decodes a sketchpad or webcam payload, which never
# reaches open_image. So Pillow's own limit is the app's.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS // 2
# A digit is framed into 20x20 pixels: a drawing or photo needs no more than this.
DIGIT_NEED = 512
# MNIST put each digit's centre of mass at pixel (14, 14) (row, column index)
MNIST_CENTRE = 14.0


class InputError(ValueError):
    """The user's input cannot be used; the message is shown to them as is."""


def open_image(source: Any, mode: str = "RGB", max_pixels: int = MAX_PIXELS,
               need: int | None = None) -> Image.Image:
    """Open a path, bytes, PIL image or array safely and return it in `mode` ("RGB" or "L").

    `need`: the shorter side the caller works at (None: full size). The image is then
    decoded no larger than that needs: a JPEG at 1/2, 1/4 or 1/8 of its size while
    decoding (a 12-megapixel phone photo for a 256-pixel translation takes ~3 MB instead of
    36 MB), anything else reduced right after.
    """
    if source is None:
        raise InputError("No image was given.")
    if isinstance(source, np.ndarray):
        return _normalise_mode(Image.fromarray(to_uint8(source)), mode)
    if isinstance(source, Image.Image):
        img = source
    else:
        data = source if isinstance(source, bytes) else None
        if data is None:
            path = Path(source)
            if not path.exists():
                raise InputError("The uploaded file could not be found on the server.")
            if path.stat().st_size == 0:
                raise InputError("The file is empty (0 bytes).")
            data = path.read_bytes()
        if not data:
            raise InputError("The file is empty (0 bytes).")
        try:
            img = Image.open(io.BytesIO(data))
        except (UnidentifiedImageError, OSError):
            raise InputError("That file is not an image this app can read (try PNG or JPEG).") from None
        except Image.DecompressionBombError:
            raise InputError(f"That image has far too many pixels; the limit is {max_pixels / 1e6:.0f} "
                             "megapixels. Please upload a smaller one.") from None
    w, h = img.size
    if w * h > max_pixels or max(w, h) > MAX_SIDE:
        raise InputError(f"That image is {w}x{h} pixels; the limit is {max_pixels / 1e6:.0f} "
                         f"megapixels and {MAX_SIDE} pixels per side. Please upload a smaller one.")
    if w < 1 or h < 1:
        raise InputError("That image has no pixels.")
    if need is not None and min(w, h) > need:
        short = min(w, h)
        img.draft(mode if mode in ("RGB", "L") else None, (-(-w * need // short), -(-h * need // short)))
    try:
        img.load()
        img = ImageOps.exif_transpose(img)
    except (OSError, SyntaxError, ValueError) as e:
        raise InputError(f"The image file is damaged or truncated ({e}).") from None
    landscape = (w >= h) == (img.width >= img.height)  # False: EXIF turned it by 90 degrees
    original = (w, h) if landscape else (h, w)
    if need is not None and min(img.size) > need:
        factor = min(img.size) // need  # whole-number reduction keeps the short side >= need
        if factor > 1:
            img = img.reduce(factor)
    img = _normalise_mode(img, mode)
    img.info["original_size"] = original  # (width, height) as uploaded, upright
    return img


def _normalise_mode(img: Image.Image, mode: str) -> Image.Image:
    if img.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        # 16-bit and float images: scale the actual range to 0..255
        a = np.asarray(img, dtype=np.float64)
        lo, hi = float(a.min()), float(a.max())
        a = (a - lo) / (hi - lo) * 255 if hi > lo else np.zeros_like(a)
        img = Image.fromarray(a.astype(np.uint8), "L")
    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        # transparent areas become white, as they look in a browser or viewer
        rgba = img.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        img = Image.alpha_composite(white, rgba)
    return img.convert(mode)


def to_uint8(a: np.ndarray) -> np.ndarray:
    """Float images in [0, 1] (or already uint8) -> uint8 0..255."""
    a = np.asarray(a)
    if a.dtype == np.uint8:
        return a
    if a.dtype == bool:
        return a.astype(np.uint8) * 255
    return (np.clip(a, 0.0, 1.0) * 255 + 0.5).astype(np.uint8)


def upscale(a: np.ndarray, size: int = 224) -> Image.Image:
    """A small image array -> a PIL image about `size` pixels wide, with hard pixel edges."""
    img = Image.fromarray(to_uint8(a))
    scale = max(1, round(size / img.width))
    return img.resize((img.width * scale, img.height * scale), Image.NEAREST)


def grid(images: np.ndarray, cols: int, pad: int = 1, value: float = 0.5) -> np.ndarray:
    """[N, H, W] images -> one [rows*H, cols*W] mosaic with `pad` pixels between."""
    images = np.asarray(images, dtype=np.float32)
    n, h, w = images.shape
    rows = -(-n // cols)
    out = np.full((rows * (h + pad) - pad, cols * (w + pad) - pad), value, dtype=np.float32)
    for i, im in enumerate(images):
        r, c = divmod(i, cols)
        out[r * (h + pad): r * (h + pad) + h, c * (w + pad): c * (w + pad) + w] = im
    return out


def digit_from_user(image: Any, min_ink: float = 0.002) -> np.ndarray:
    """A user's drawing or photo of one digit -> float [28, 28] in [0, 1], ink = 1.

    MNIST digits are white on black, scaled to fit a 20x20 box and centred by
    their centre of mass in a 28x28 frame: do the same, so the models see a
    digit like the ones they were trained on. Dark-on-light input is inverted.
    """
    grey = np.asarray(open_image(image, "L", need=DIGIT_NEED), dtype=np.float32) / 255.0
    border = np.concatenate([grey[0], grey[-1], grey[:, 0], grey[:, -1]])
    if np.median(border) > 0.5:  # dark ink on light paper: flip to MNIST's polarity
        grey = 1.0 - grey
    grey = np.clip((grey - 0.1) / 0.9, 0, 1)  # paper grain and JPEG noise are not ink
    ink = grey > 0.2
    if ink.mean() < min_ink:
        raise InputError("The drawing is blank: draw a digit (or upload one) first.")
    if ink.mean() > 0.7:
        raise InputError("The image is almost all ink; draw or upload a single digit "
                         "on a plain background.")
    rows, cols = np.flatnonzero(ink.any(1)), np.flatnonzero(ink.any(0))
    crop = grey[rows[0]: rows[-1] + 1, cols[0]: cols[-1] + 1]
    h, w = crop.shape
    scale = 20.0 / max(h, w)
    new_h, new_w = max(1, round(h * scale)), max(1, round(w * scale))
    small = np.asarray(Image.fromarray(to_uint8(crop)).resize((new_w, new_h), Image.LANCZOS),
                       dtype=np.float32) / 255.0
    out = np.zeros((28, 28), np.float32)
    top, left = (28 - new_h) // 2, (28 - new_w) // 2
    out[top: top + new_h, left: left + new_w] = small
    # shift so the centre of mass sits at the frame's centre, as in MNIST
    mass = out.sum()
    cy = (out.sum(1) * np.arange(28)).sum() / mass
    cx = (out.sum(0) * np.arange(28)).sum() / mass
    dy, dx = int(round(MNIST_CENTRE - cy)), int(round(MNIST_CENTRE - cx))
    dy = int(np.clip(dy, -top, 28 - top - new_h))
    dx = int(np.clip(dx, -left, 28 - left - new_w))
    return np.clip(np.roll(out, (dy, dx), axis=(0, 1)), 0.0, 1.0)
