"""Pictures of digits, probability maps and receptive fields, as small RGB arrays and
the HTML frames that stream to the browser during generation (no Gradio here).

Frames carry 28x28 PNGs as data URIs, enlarged by the browser with crisp pixels
(`image-rendering: pixelated`): a frame is a few kilobytes and costs well under a
millisecond to make, so sampling is not slowed by showing it.
"""

from __future__ import annotations

import base64
import html
import io

import numpy as np
from PIL import Image

SIZE = 28
INK = np.array([255, 255, 255], np.uint8)       # MNIST: white ink ...
PAPER = np.array([0, 0, 0], np.uint8)           # ... on black paper
UNDECIDED = np.array([88, 92, 112], np.uint8)   # not drawn yet: slate grey
CURSOR = "#f59e0b"                              # the pixel being decided (amber)
# Viridis (plotly.colors.sequential.Viridis): p = 0 dark purple ... p = 1 yellow
VIRIDIS = np.array([[int(h[i:i + 2], 16) for i in (1, 3, 5)] for h in (
    "#440154", "#482878", "#3e4989", "#31688e", "#26828e", "#1f9e89", "#35b779",
    "#6ece58", "#b5de2b", "#fde725")], np.float32)
HEAT = np.array([[255, 255, 255], [254, 224, 139], [253, 174, 97], [244, 109, 67],
                 [215, 48, 39], [120, 0, 30]], np.float32)  # white -> dark red


def colormap(values: np.ndarray, stops: np.ndarray = VIRIDIS) -> np.ndarray:
    """Values in [0, 1] -> RGB uint8 by linear interpolation between colour stops."""
    v = np.clip(np.nan_to_num(values, nan=0.0), 0.0, 1.0) * (len(stops) - 1)
    lo = np.floor(v).astype(int).clip(0, len(stops) - 2)
    t = (v - lo)[..., None]
    return (stops[lo] * (1 - t) + stops[lo + 1] * t + 0.5).astype(np.uint8)


def canvas_rgb(canvas: np.ndarray, decided: int | np.ndarray) -> np.ndarray:
    """A digit being drawn: ink / paper where decided, grey where not yet.

    `decided` is the number of pixels drawn so far in raster order, or a bool mask.
    """
    mask = decided if isinstance(decided, np.ndarray) else (np.arange(SIZE * SIZE) < decided).reshape(SIZE, SIZE)
    out = np.where(canvas[..., None] > 0.5, INK, PAPER).astype(np.uint8)
    out[~mask] = UNDECIDED
    return out


def prob_rgb(probs: np.ndarray) -> np.ndarray:
    """p(x_i = 1 | x_<i) per pixel as colour; pixels without one (NaN) in grey."""
    out = colormap(probs)
    out[np.isnan(probs)] = UNDECIDED
    return out


def png_uri(rgb: np.ndarray) -> str:
    buf = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(rgb)).save(buf, format="PNG", compress_level=1)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


def _pixel_image(rgb: np.ndarray, px: int, cursor: tuple[int, int] | None, alt: str,
                 boundary_row: int | None = None) -> str:
    """An enlarged 28x28 image with an optional highlighted pixel and a boundary line."""
    side = SIZE * px
    parts = [f'<div class="pix-img" style="width:{side}px;height:{side}px">'
             f'<img src="{png_uri(rgb)}" width="{side}" height="{side}" alt="{html.escape(alt)}">']
    if cursor is not None:
        r, c = cursor
        parts.append(f'<div class="pix-cursor" style="left:{c * px - 2}px;top:{r * px - 2}px;'
                     f'width:{px}px;height:{px}px"></div>')
    if boundary_row is not None:
        parts.append(f'<div class="pix-boundary" style="top:{boundary_row * px - 1}px"></div>')
    parts.append("</div>")
    return "".join(parts)


def pixel_size(n: int) -> int:
    """Screen pixels per digit pixel: large for one sample, smaller for a row of them."""
    return 10 if n == 1 else 7 if n <= 2 else 5 if n <= 4 else 4


def generation_frame(canvas: np.ndarray, probs: np.ndarray, decided: int, index: int | None,
                     p_now: np.ndarray | None, words: dict, status: str, state: str) -> str:
    """One streamed frame: per sample the digit so far (the pixel being decided boxed),
    its probability map, and p(x_i = 1 | x_<i) for the current pixel.
    `state` ("idle", "running", "done") is written on the frame for scripts and tests."""
    n = len(canvas)
    px = pixel_size(n)
    cursor = None if (state != "running" or index is None) else divmod(index, SIZE)
    cells = []
    for b in range(n):
        digit = _pixel_image(canvas_rgb(canvas[b], decided), px, cursor, words["alt_digit"])
        pmap = _pixel_image(prob_rgb(probs[b]), px, cursor, words["alt_probs"])
        caption = ""
        if p_now is not None and cursor is not None:
            p = float(p_now[b])
            drawn = words["ink"] if canvas[b].flat[index] > 0.5 else words["paper"]
            caption = (f'<div class="pix-p"><span class="pix-plabel">p(x<sub>{index}</sub>=1 | x<sub>&lt;{index}</sub>)'
                       f' = <b>{p:.3f}</b></span><span class="pix-bar"><span style="width:{p * 100:.1f}%">'
                       f'</span></span><span>→ {drawn}</span></div>')
        cells.append(f'<div class="pix-cell"><div class="pix-pair">{digit}{pmap}</div>{caption}</div>')
    head = (f'<div class="pix-legend"><span>{html.escape(words["legend_digit"])}</span>'
            f'<span>{html.escape(words["legend_probs"])} &nbsp;0 <span class="pix-scale"></span> 1</span></div>')
    return (f'<div class="pix-frame" data-state="{state}" data-decided="{decided}">{head}'
            f'<div class="pix-grid">{"".join(cells)}</div>'
            f'<div class="pix-status">{html.escape(status)}</div></div>')


def completion_frame(original: np.ndarray, visible_rows: int, samples: np.ndarray, decided: int,
                     index: int | None, words: dict, status: str, state: str,
                     titles: list[str] | None = None) -> str:
    """The digit with its hidden rows greyed, then each completion (boundary marked)."""
    px = 5 if len(samples) > 4 else 6
    hidden = np.arange(SIZE * SIZE).reshape(SIZE, SIZE) >= visible_rows * SIZE
    orig = canvas_rgb(original, ~hidden)
    orig[hidden] = (0.35 * canvas_rgb(original, np.ones_like(hidden))[hidden] + 0.65 * UNDECIDED).astype(np.uint8)
    cursor = None if (state != "running" or index is None) else divmod(index, SIZE)
    cells = [f'<div class="pix-cell"><div class="pix-title">{words["original"]}</div>'
             f'{_pixel_image(orig, px, None, words["original"], visible_rows)}</div>']
    for b in range(len(samples)):
        img = canvas_rgb(samples[b], decided)
        title = titles[b] if titles else f'{words["completion"]} {b + 1}'
        cells.append(f'<div class="pix-cell"><div class="pix-title">{html.escape(title)}</div>'
                     f'{_pixel_image(img, px, cursor, words["completion"], visible_rows)}</div>')
    return (f'<div class="pix-frame" data-state="{state}" data-decided="{decided}">'
            f'<div class="pix-grid">{"".join(cells)}</div>'
            f'<div class="pix-status">{html.escape(status)}</div></div>')


CSS = """
.pix-frame { font-size: 0.92em; }
.pix-grid { display: flex; flex-wrap: wrap; gap: 14px; align-items: flex-start; }
.pix-cell { display: flex; flex-direction: column; gap: 4px; }
.pix-pair { display: flex; gap: 6px; }
.pix-title { font-weight: 600; opacity: 0.8; }
.pix-img { position: relative; border: 1px solid #cbd5e1; box-sizing: content-box; }
.pix-img img { display: block; image-rendering: pixelated; image-rendering: crisp-edges; }
.pix-cursor { position: absolute; border: 2px solid #f59e0b; box-shadow: 0 0 0 2px rgba(0,0,0,0.6), 0 0 10px #f59e0b; }
.pix-boundary { position: absolute; left: -4px; right: -4px; height: 0; border-top: 2px dashed #f59e0b; }
.pix-p { display: flex; align-items: center; gap: 6px; font-variant-numeric: tabular-nums; }
.pix-bar { display: inline-block; width: 70px; height: 10px; background: #e2e8f0; border-radius: 3px; overflow: hidden; }
.pix-bar span { display: block; height: 100%; background: #4f46e5; }
.pix-legend { display: flex; gap: 24px; margin-bottom: 6px; opacity: 0.85; }
.pix-scale { display: inline-block; width: 80px; height: 10px; vertical-align: middle;
  background: linear-gradient(90deg, #440154, #3e4989, #26828e, #35b779, #b5de2b, #fde725); }
.pix-status { margin-top: 8px; font-variant-numeric: tabular-nums; opacity: 0.85; }
"""


def upscale_rgb(rgb: np.ndarray, px: int) -> np.ndarray:
    """Nearest-neighbour enlargement of an [H, W, 3] array."""
    return np.repeat(np.repeat(rgb, px, axis=0), px, axis=1)


def curve_svg(x: np.ndarray, y: np.ndarray, x_label: str, y_label: str,
              width: int = 240, height: int = 150) -> str:
    """A tiny line chart on the unit square (with the diagonal for reference), as SVG."""
    left, bottom, top, right = 34, 30, 8, 8
    w, h = width - left - right, height - top - bottom

    def path(xs, ys):
        pts = " ".join(f"{left + a * w:.1f},{top + (1 - b) * h:.1f}" for a, b in zip(xs, ys))
        return f"M {pts}"

    ticks = "".join(
        f'<text x="{left + v * w:.0f}" y="{top + h + 12}" text-anchor="middle">{v:g}</text>'
        f'<text x="{left - 4}" y="{top + (1 - v) * h + 4:.0f}" text-anchor="end">{v:g}</text>'
        for v in (0, 0.5, 1))
    return (f'<svg class="pix-curve" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
            f'font-size="10" fill="#475569" role="img" aria-label="{html.escape(y_label)}">'
            f'<rect x="{left}" y="{top}" width="{w}" height="{h}" fill="white" stroke="#cbd5e1"/>'
            f'<path d="{path([0, 1], [0, 1])}" stroke="#cbd5e1" stroke-dasharray="3 3" fill="none"/>'
            f'<path d="{path(x, y)}" stroke="#4f46e5" stroke-width="2.5" fill="none"/>{ticks}'
            f'<text x="{left + w / 2:.0f}" y="{height - 2}" text-anchor="middle">{html.escape(x_label)}</text>'
            f'<text x="10" y="{top + h / 2:.0f}" text-anchor="middle" transform="rotate(-90 10 {top + h / 2:.0f})">'
            f'{html.escape(y_label)}</text></svg>')
