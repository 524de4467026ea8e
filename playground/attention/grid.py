"""The all-heads picture of the pretrained model (BertViz's "model view"), as one image.

72 plotly heatmaps would be megabytes of JSON; one palette image (one byte per
pixel), PNG-encoded at a fast compression level, is small and quick to make on every
slider move. `grid_hit` turns a click's pixel position back into (layer, head).
"""

from __future__ import annotations

from dataclasses import dataclass

import hashlib
import io
import os
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from playground import fonts
from playground.attention import minilm, text
from playground.attention.views import BLUES, HIGHLIGHT, T, kept_positions

# The head labels go below the thumbnails: the image's toolbar covers its top-right corner.
GRID_GAP, GRID_LEFT, GRID_TOP, GRID_BOTTOM, GRID_CELL_TARGET = 8, 40, 8, 26, 96
N_BLUES, INK, FRAME, ORANGE = 240, 240, 243, 255   # palette: blues, then a grey ramp, then orange


@dataclass(frozen=True)
class GridGeometry:
    side: int       # pixels per thumbnail side
    layers: int
    columns: int    # heads + 1 (the average)

    def origin(self, layer: int, column: int) -> tuple[int, int]:
        return (GRID_LEFT + column * (self.side + GRID_GAP), GRID_TOP + layer * (self.side + GRID_GAP))

    @property
    def size(self) -> tuple[int, int]:
        return (GRID_LEFT + self.columns * (self.side + GRID_GAP),
                GRID_TOP + self.layers * (self.side + GRID_GAP) + GRID_BOTTOM)


def grid_geometry(n: int, layers: int = 6, heads: int = 12) -> GridGeometry:
    """Thumbnails of about 96 px: short texts get several pixels per token, long ones are
    max-pooled down to 96 (a page shows a thumbnail at about that size anyway)."""
    side = n * max(1, round(GRID_CELL_TARGET / n)) if n <= GRID_CELL_TARGET else GRID_CELL_TARGET
    return GridGeometry(side=side, layers=layers, columns=heads + 1)


def _fit(level: np.ndarray, n: int, side: int) -> np.ndarray:
    """[..., n, n] -> [..., side, side]: repeat pixels, or max-pool (a strong weight never vanishes)."""
    if side >= n:
        scale = side // n
        return level.repeat(scale, -2).repeat(scale, -1)
    starts = np.linspace(0, n, side + 1).round().astype(int)[:-1]  # blocks of 1 or 2 tokens
    pooled = np.maximum.reduceat(level, starts, axis=-2)
    return np.maximum.reduceat(pooled, starts, axis=-1)


def grid_hit(geo: GridGeometry, x: float, y: float) -> tuple[int, int | None] | None:
    """(layer, head or None for the average column) under pixel (x, y), or None between cells."""
    col, dx = divmod(x - GRID_LEFT, geo.side + GRID_GAP)
    row, dy = divmod(y - GRID_TOP, geo.side + GRID_GAP)
    if not (0 <= col < geo.columns and 0 <= row < geo.layers):
        return None
    if dx >= geo.side or dy >= geo.side:  # in the white gap between two heads
        return None
    head = int(col) if col < geo.columns - 1 else None
    return int(row), head


def _palette() -> list[int]:
    stops = np.array([s for s, _ in BLUES])
    rgb = np.array([[int(c[i:i + 2], 16) for i in (1, 3, 5)] for _, c in BLUES], dtype=np.float64)
    x = np.linspace(0, 1, N_BLUES)
    blues = np.stack([np.interp(x, stops, rgb[:, ch]) for ch in range(3)], 1)
    greys = np.linspace(255, 60, ORANGE - INK)[:, None].repeat(3, 1)           # text ink ramp
    orange = np.array([[int(HIGHLIGHT[i:i + 2], 16) for i in (1, 3, 5)]])
    return np.concatenate([blues, greys, orange]).round().astype(np.uint8).ravel().tolist()


PALETTE = _palette()
_font_cache: dict = {}
# Pillow's own font has Latin letters only: a translated label (Korean "평균") is drawn with a
# system CJK font (playground.fonts), or in English where this machine has none.
_font = fonts.font


def _grid_labels(geo: GridGeometry, heads: int) -> np.ndarray:
    """Antialiased label ink (0..1) for the whole picture; the same for every text of a size."""
    avg, avg_font = T.grid_avg, _font(16, T.grid_avg)
    if avg_font is None:  # no font here can draw the translated word: the English one, not boxes
        avg, avg_font = text.EN["grid_avg"], _font(16)
    key = ("labels", geo, avg)
    if key not in _font_cache:
        ink = Image.new("L", geo.size, 0)
        draw = ImageDraw.Draw(ink)
        font = _font(16)
        _, bottom = geo.origin(geo.layers, 0)
        for c in range(geo.columns):
            x0, _ = geo.origin(0, c)
            draw.text((x0 + geo.side / 2, bottom + GRID_BOTTOM / 2 - 4), f"H{c + 1}" if c < heads else avg,
                      fill=255, font=font if c < heads else avg_font, anchor="mm")
        for l in range(geo.layers):
            _, y0 = geo.origin(l, 0)
            draw.text((GRID_LEFT / 2, y0 + geo.side / 2), f"L{l + 1}", fill=255, font=font, anchor="mm")
        _font_cache[key] = np.asarray(ink)
    return _font_cache[key]


def heads_grid(a: minilm.Analysis, hide_special: bool,
               selected: tuple[int, int | None] | None) -> tuple[Image.Image, GridGeometry]:
    """Every head as a thumbnail (each coloured 0 .. its own largest weight), the layer
    averages in the last column, the selected one framed in orange. A palette image."""
    L, H = a.attentions.shape[:2]
    keep = kept_positions(a, hide_special)
    att = a.attentions
    if hide_special:
        att = att[:, :, keep[:, None], keep[None, :]]
        att = att / att.sum(-1, keepdims=True)
    att = np.concatenate([att, att.mean(1, keepdims=True)], axis=1)           # [L, H+1, n, n]
    level = att * ((N_BLUES - 1) / att.max(axis=(2, 3), keepdims=True))
    geo = grid_geometry(len(keep), L, H)
    # colour index first, then pool: a max of bytes is 8x less memory to walk than of floats
    index = _fit(np.rint(level).astype(np.uint8), len(keep), geo.side)
    width, height = geo.size
    img = np.zeros((height, width), np.uint8)                                 # 0 = white
    for l in range(L):
        for c in range(H + 1):
            x0, y0 = geo.origin(l, c)
            img[y0 - 1: y0 + geo.side + 1, x0 - 1: x0 + geo.side + 1] = FRAME   # hairline frame
            img[y0: y0 + geo.side, x0: x0 + geo.side] = index[l, c]
    ink = _grid_labels(geo, H)
    img = np.where(ink > 0, INK + np.round(ink / 255 * (ORANGE - INK - 1)).astype(np.uint8), img)
    if selected is not None:
        l, h = selected
        x0, y0 = geo.origin(l, H if h is None else h)
        for t in range(2, 5):  # a 3-pixel frame just outside the thumbnail
            img[y0 - t, x0 - t: x0 + geo.side + t] = ORANGE
            img[y0 + geo.side + t - 1, x0 - t: x0 + geo.side + t] = ORANGE
            img[y0 - t: y0 + geo.side + t, x0 - t] = ORANGE
            img[y0 - t: y0 + geo.side + t, x0 + geo.side + t - 1] = ORANGE
    pil = Image.fromarray(img.astype(np.uint8), "P")
    pil.putpalette(PALETTE)
    return pil, geo


PNG_FOLDER = Path(tempfile.gettempdir()) / "playground_attention"
PNG_KEEP_S = 600  # Gradio copies each picture into its own cache at once; ours can go soon


def to_png_file(picture: Image.Image) -> str:
    """Save as a quickly compressed PNG (zlib level 1: 5x faster than the default, 15% larger)
    named by its content, and tidy pictures older than 10 minutes. Returns the path."""
    data = io.BytesIO()
    picture.save(data, format="png", compress_level=1)
    raw = data.getvalue()
    PNG_FOLDER.mkdir(exist_ok=True)
    path = PNG_FOLDER / f"heads_{hashlib.sha1(raw).hexdigest()[:20]}.png"
    if not path.exists():
        tmp = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_bytes(raw)
        tmp.replace(path)
        _tidy()
    return str(path)


def _tidy() -> None:
    now = time.time()
    for old in PNG_FOLDER.glob("heads_*.png"):
        try:
            if now - old.stat().st_mtime > PNG_KEEP_S:
                old.unlink()
        except OSError:
            pass  # another worker tidied it first
