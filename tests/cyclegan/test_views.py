"""Pictures in and out: [-1, 1] scaling, aspect ratio and size, EXIF, image modes, bad files."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from playground.cyclegan import views
from playground.cyclegan.fast import FastGenerator
from playground.cyclegan.model import ResnetGenerator
from playground.cyclegan.models import Translator

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "assets" / "cyclegan" / "examples"


def tiny_translator(reverse: bool = True, channels: int = 3) -> Translator:
    torch.manual_seed(0)
    G = FastGenerator(ResnetGenerator(channels, channels, ngf=4, n_blocks=1))
    F = FastGenerator(ResnetGenerator(channels, channels, ngf=4, n_blocks=1))
    return Translator("tiny", "tiny", "photo", lambda: G, (lambda: F) if reverse else None, "test")


def picture(w: int, h: int, mode: str = "RGB") -> Image.Image:
    rng = np.random.default_rng(w * 1000 + h)
    return Image.fromarray(rng.integers(0, 256, (h, w, 3), dtype=np.uint8)).convert(mode)


def test_pixels_map_to_minus_one_one_and_back_exactly():
    levels = np.arange(256, dtype=np.uint8).reshape(16, 16)
    x = views.to_signed(levels)
    assert x.shape == (1, 1, 16, 16)
    assert x.min() == -1 and x.max() == 1 and x[0, 0, 0, 0] == -1 and x[0, 0, -1, -1] == 1
    assert np.array_equal(views.to_pixels(x), levels)
    rgb = np.stack([levels, 255 - levels, levels], -1)
    assert np.array_equal(views.to_pixels(views.to_signed(rgb)), rgb)
    assert views.to_pixels(torch.full((1, 3, 2, 2), 7.0)).max() == 255  # out of range is clipped


@pytest.mark.parametrize("size", [(451, 300), (300, 451), (333, 217), (256, 256), (1000, 999), (20, 17)])
def test_aspect_kept_padding_undone(size):
    geo = views.fit(size, 256, 4)
    w, h = size
    rw, rh = geo.resized
    assert min(rw, rh) == 256
    assert abs(rw / rh - w / h) < 1.0 / 256 * max(1, w / h)  # the aspect ratio, to a pixel
    assert geo.padded[0] % 4 == 0 and geo.padded[1] % 4 == 0
    assert 0 <= geo.padded[0] - rw < 4 and 0 <= geo.padded[1] - rh < 4
    r = views.translate(picture(w, h), tiny_translator(), 256)
    assert r.x.shape == r.y.shape == r.back.shape == (rh, rw, 3)  # padding removed again
    assert r.error.shape == (rh, rw) and 0 <= r.mean_error <= 2
    assert r.y.dtype == np.uint8


def test_network_sees_the_resized_picture_with_reflected_padding():
    img = picture(333, 217)
    geo = views.fit(img.size, 130, 4)  # 130 x 199: both sides need padding to a multiple of 4
    assert geo.padded != geo.resized
    x = views.prepare(img, geo)
    assert x.shape[2:] == (geo.padded[1], geo.padded[0])
    assert -1 <= x.min() and x.max() <= 1
    resized = np.asarray(img.resize(geo.resized, Image.LANCZOS, reducing_gap=3.0))
    assert np.array_equal(views.to_pixels(views.unpad(x, geo)), resized)
    # reflected, not black: the padded row mirrors the one before the last
    rw, rh = geo.resized
    assert torch.equal(x[:, :, rh, :], x[:, :, rh - 2, :])
    assert torch.equal(x[:, :, :, rw], x[:, :, :, rw - 2])


def test_very_long_pictures_are_bounded():
    geo = views.fit((4000, 100), 256, 4)
    assert geo.shrunk and max(geo.resized) <= views.MAX_ASPECT * 256 + 1


def test_exif_orientation_and_image_modes():
    img = Image.new("RGB", (60, 30), (200, 10, 10))
    exif = Image.Exif()
    exif[0x0112] = 6  # stored landscape, shown portrait
    buf = io.BytesIO()
    img.save(buf, "JPEG", exif=exif)
    r = views.translate(buf.getvalue(), tiny_translator(), 64)
    assert r.x.shape[0] > r.x.shape[1]  # portrait, as a phone shows it
    modes = {
        "RGBA": Image.new("RGBA", (40, 30), (0, 0, 255, 0)),
        "P": picture(40, 30).convert("P"),
        "L": picture(40, 30, "L"),
        "CMYK": picture(40, 30, "CMYK"),
        "I;16": Image.fromarray((np.arange(1200).reshape(30, 40) * 50).astype(np.uint16)),
    }
    for mode, im in modes.items():
        buf = io.BytesIO()
        im.save(buf, "TIFF" if mode in ("CMYK", "I;16") else "PNG")
        r = views.translate(buf.getvalue(), tiny_translator(), 32)
        assert r.x.shape == (32, 42, 3) or r.x.shape == (32, 43, 3), mode
        if mode == "I;16":  # 16 bits scaled down to 8, not clipped to white
            assert r.x.min() < 30 and r.x.max() > 225, (r.x.min(), r.x.max())
    transparent = views.translate(modes["RGBA"], tiny_translator(), 32)
    assert transparent.x.min() == 255  # transparent shows as white, as in a browser


def test_one_direction_only_has_no_round_trip():
    r = views.translate(picture(64, 48), tiny_translator(reverse=False), 64)
    assert r.back is None and r.error is None and r.mean_error is None
    fig = views.error_figure(None, "t", "no way back")
    assert fig.layout.annotations[0].text == "no way back"


def test_error_map_is_the_cycle_loss_and_plots():
    err = np.random.default_rng(0).uniform(0, 0.4, (300, 200)).astype(np.float32)
    z, k = views.block_mean(err)
    assert k == 2 and z.shape == (150, 100)
    assert np.isclose(z.mean(), err.mean(), atol=1e-6)
    fig = views.error_figure(err, "cycle", "")
    assert fig.data[0].zmax == views.ERROR_SCALE
    json.dumps(fig.to_plotly_json()["data"][0]["z"][:2])  # plain lists: what Gradio's plotly.js reads


def png_header_only(width: int, height: int) -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0")) + chunk(b"IEND", b"")


def bad_files(folder: Path) -> dict[str, tuple[Path, str]]:
    """name -> (file, the words the message must contain)."""
    good = io.BytesIO()
    picture(200, 150).save(good, "PNG")
    tiny = io.BytesIO()
    Image.new("RGB", (1, 1), (90, 90, 90)).save(tiny, "PNG")
    files = {
        "text": (b"hello, I am not a picture\n", "not an image"),
        "empty": (b"", "empty"),
        "truncated": (good.getvalue()[: len(good.getvalue()) // 2], "damaged or truncated"),
        "bomb": (png_header_only(60_000, 60_000), "limit is"),
        "one_pixel": (tiny.getvalue(), "at least 16 pixels"),
    }
    out = {}
    for name, (data, words) in files.items():
        path = folder / f"{name}.png"
        path.write_bytes(data)
        out[name] = (path, words)
    return out


@pytest.mark.parametrize("kind", ["photo", "digit"])
def test_bad_files_get_clear_messages(tmp_path, kind):
    import gradio as gr

    from playground.cyclegan import tab
    key = "vintage" if kind == "photo" else "digits_ab"
    for name, (path, words) in bad_files(tmp_path).items():
        with pytest.raises(gr.Error) as err:
            tab.translate(str(path), key, 256)
        assert words in str(err.value.message), (name, err.value.message)


def test_bad_files_keep_memory_bounded(tmp_path):
    """In a fresh process: refusing every bad file adds next to nothing to peak memory."""
    bad_files(tmp_path)
    script = textwrap.dedent(f"""
        import json, resource, sys
        sys.path.insert(0, {str(REPO)!r})
        from pathlib import Path
        from playground.cyclegan import views
        from playground.cyclegan.models import translators
        from playground.imaging import InputError
        t = translators()["digits_ab"]
        peak = lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        before, refused = peak(), []
        for f in sorted(Path({str(tmp_path)!r}).glob("*.png")):
            for translator in (translators()["vintage"], t):
                try:
                    views.translate(str(f), translator, 512)
                except InputError:
                    refused.append(f.name)
        print(json.dumps({{"grew_mb": peak() - before, "refused": len(refused)}}))
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=240)
    assert out.returncode == 0, out.stderr[-2000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["refused"] == 10
    assert result["grew_mb"] < 60, result
