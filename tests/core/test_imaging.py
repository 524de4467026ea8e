"""Opening users' images safely, and framing a drawn digit the way MNIST was."""

import io
import struct
import zlib

import numpy as np
import pytest
from PIL import Image

from playground import data
from playground.imaging import InputError, digit_from_user, grid, open_image, upscale


def png_bytes(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims width x height pixels (a decompression bomb)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0")) + chunk(b"IEND", b"")


@pytest.mark.parametrize("payload, message", [
    (b"", "empty"),
    (b"this is a text file, not a picture", "not an image"),
    (png_header_only(50_000, 50_000), "limit is"),
    (png_header_only(7_000, 7_000), "limit is"),
], ids=["zero-bytes", "text-file", "bomb-50k-per-side", "49-megapixels"])
def test_bad_files_give_clear_messages(tmp_path, payload, message):
    f = tmp_path / "upload.png"
    f.write_bytes(payload)
    with pytest.raises(InputError, match=message):
        open_image(str(f))


def test_truncated_png(tmp_path):
    good = png_bytes(Image.fromarray(np.random.default_rng(0).integers(0, 255, (64, 64, 3), dtype=np.uint8)))
    f = tmp_path / "cut.png"
    f.write_bytes(good[: len(good) // 2])
    with pytest.raises(InputError, match="damaged or truncated"):
        open_image(str(f))


def test_image_modes_all_become_rgb():
    rgba = Image.new("RGBA", (8, 8), (255, 0, 0, 0))  # fully transparent -> white
    assert open_image(rgba).getpixel((0, 0)) == (255, 255, 255)
    assert open_image(Image.new("P", (8, 8))).mode == "RGB"
    assert open_image(Image.new("CMYK", (8, 8), (0, 0, 0, 0))).getpixel((0, 0)) == (255, 255, 255)
    sixteen = Image.fromarray(np.array([[0, 65535]], dtype=np.uint16))
    assert list(np.asarray(open_image(sixteen, "L"))[0]) == [0, 255]
    assert open_image(Image.new("L", (1, 1), 7)).size == (1, 1)


def test_exif_orientation_is_applied():
    img = Image.new("RGB", (40, 20), (0, 0, 0))
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90 degrees clockwise to display"
    buf = io.BytesIO()
    img.save(buf, "JPEG", exif=exif)
    assert open_image(buf.getvalue()).size == (20, 40)


def test_blank_and_full_drawings_are_refused():
    with pytest.raises(InputError, match="blank"):
        digit_from_user(np.full((200, 200), 255, np.uint8))  # white paper, no ink
    with pytest.raises(InputError, match="blank"):
        digit_from_user(np.full((64, 64, 3), 30, np.uint8))  # uniform dark: no strokes either
    filled = np.zeros((200, 200), np.uint8)
    filled[4:-4, 4:-4] = 255  # a light block filling the frame: not a digit
    with pytest.raises(InputError, match="almost all ink"):
        digit_from_user(filled)


def test_a_digit_drawn_dark_on_light_is_framed_like_mnist():
    grey, _ = data.digits("test")
    digit = grey[0].astype(np.float32) / 255
    # draw it big, dark ink on white paper, off-centre, as a student would
    big = np.asarray(Image.fromarray((255 - grey[0])).resize((280, 280), Image.BILINEAR))
    paper = np.full((400, 400), 255, np.uint8)
    paper[10:290, 100:380] = big
    framed = digit_from_user(paper)
    assert framed.shape == (28, 28) and 0 <= framed.min() and framed.max() <= 1
    assert np.corrcoef(framed.ravel(), digit.ravel())[0, 1] > 0.8


def test_upscale_and_grid():
    a = np.eye(4, dtype=np.float32)
    img = upscale(a, size=40)
    assert img.size == (40, 40)
    px = np.asarray(img)
    assert px[0, 0] == 255 and px[0, 9] == 255 and px[0, 10] == 0  # hard edges
    g = grid(np.ones((5, 2, 2)), cols=3, pad=1)
    assert g.shape == (5, 8)
