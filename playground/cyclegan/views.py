"""Pure functions behind the CycleGAN tab: image in -> translation, round trip, cycle error.

No Gradio here. Images cross the boundary as uint8 arrays; the networks see
tensors in [-1, 1] (pixel 0 -> -1, 255 -> +1), as in the reference code.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import plotly.graph_objects as go
import torch
import torch.nn.functional as F_
from PIL import Image

from playground import i18n, plots
from playground.cyclegan import text
from playground.cyclegan.models import Translator
from playground.imaging import DIGIT_NEED, InputError, digit_from_user, open_image, upscale

MIN_SIDE = 16        # smaller pictures carry nothing to translate
MAX_ASPECT = 4.0     # a longer side beyond 4x the working size is shrunk (time and memory stay bounded)
HEATMAP_CELLS = 160  # the error map is averaged into at most this many cells per side for the plot
ERROR_SCALE = 0.5    # heatmap colours saturate here (errors are on the [-1, 1] scale: 0..2)
DIGIT_DISPLAY = 224  # 28x28 digits are shown with crisp pixels at this size


# ---- [-1, 1] <-> pixels ------------------------------------------------------------------

def to_signed(pixels: np.ndarray) -> torch.Tensor:
    """uint8 [H, W] or [H, W, C] -> float [1, C, H, W] in [-1, 1]."""
    a = np.asarray(pixels, dtype=np.float32)
    if a.ndim == 2:
        a = a[:, :, None]
    return torch.from_numpy(a).permute(2, 0, 1).unsqueeze(0).contiguous() / 127.5 - 1.0


def to_pixels(x: torch.Tensor) -> np.ndarray:
    """float [1, C, H, W] in [-1, 1] -> uint8 [H, W, C] ([H, W] for one channel)."""
    a = ((x[0].clamp(-1, 1) + 1) * 127.5).round().to(torch.uint8).permute(1, 2, 0).numpy()
    return a[:, :, 0] if a.shape[2] == 1 else a


# ---- keeping the aspect ratio ------------------------------------------------------------

def _check_size(w: int, h: int) -> None:
    if min(w, h) < MIN_SIDE:
        raise InputError(i18n.strings(text).small_image.format(w=w, h=h, min=MIN_SIDE))


@dataclass(frozen=True)
class Geometry:
    """How a picture was fitted to the network, so that it can be undone."""
    original: tuple[int, int]   # (width, height) as uploaded, after EXIF rotation
    resized: tuple[int, int]    # shorter side = working size, aspect kept
    padded: tuple[int, int]     # rounded up to a multiple of 4 by reflecting the border
    shrunk: bool = False        # the longer side hit MAX_ASPECT x working size


def fit(size: tuple[int, int], short_side: int, multiple: int) -> Geometry:
    """Resize so the shorter side is `short_side`; pad up to a multiple of `multiple`."""
    w, h = size
    _check_size(w, h)
    scale = short_side / min(w, h)
    shrunk = max(w, h) * scale > MAX_ASPECT * short_side
    if shrunk:
        scale = MAX_ASPECT * short_side / max(w, h)
    rw, rh = max(multiple, round(w * scale)), max(multiple, round(h * scale))
    pad = lambda n: math.ceil(n / multiple) * multiple  # noqa: E731
    return Geometry((w, h), (rw, rh), (pad(rw), pad(rh)), shrunk)


def prepare(img: Image.Image, geo: Geometry) -> torch.Tensor:
    """The resized picture as a [1, C, H', W'] tensor, border reflected out to the padded size."""
    resized = img.resize(geo.resized, Image.LANCZOS, reducing_gap=3.0)
    x = to_signed(np.asarray(resized))
    (rw, rh), (pw, ph) = geo.resized, geo.padded
    if (pw, ph) != (rw, rh):
        x = F_.pad(x, (0, pw - rw, 0, ph - rh), mode="reflect")
    return x


def unpad(x: torch.Tensor, geo: Geometry) -> torch.Tensor:
    """Undo `prepare`'s padding: the output has exactly the resized picture's size."""
    rw, rh = geo.resized
    return x[:, :, :rh, :rw]


# ---- one translation, there and back -----------------------------------------------------

@dataclass
class Result:
    kind: str                          # "photo" or "digit"
    x: np.ndarray                      # what the network saw (uint8)
    y: np.ndarray                      # G(x)
    back: np.ndarray | None            # F(G(x)), if a reverse generator exists
    error: np.ndarray | None           # per pixel |F(G(x)) - x|, averaged over colour channels, [-1, 1] scale
    seconds: dict[str, float] = field(default_factory=dict)
    geometry: Geometry | None = None
    critic: dict[str, float] | None = None  # digits: the output domain's critic on x and on G(x)

    @property
    def mean_error(self) -> float | None:
        return None if self.error is None else float(self.error.mean())


def _timed(seconds: dict, name: str, fn, *args):
    t0 = time.perf_counter()
    out = fn(*args)
    seconds[name] = time.perf_counter() - t0
    return out


def translate(image: Any, t: Translator, short_side: int = 256, progress=None) -> Result:
    """Open the user's picture safely, translate it with t, and go back if t has a reverse."""
    if t.kind == "digit":
        return translate_digit(image, t)
    img = open_image(image, "RGB", need=short_side)  # refuse a bad file before any model is loaded
    _check_size(*img.size)
    G = t.forward()
    if G.module.config["in_channels"] == 1:
        img = img.convert("L")
    # the geometry of the picture as uploaded (it may have been decoded smaller: open_image)
    geo = fit(img.info.get("original_size", img.size), short_side, G.multiple)
    x = prepare(img, geo)
    seconds: dict[str, float] = {}
    T = i18n.strings(text)
    if progress:
        progress(0.1, desc=T.progress_g)
    y = _timed(seconds, "G", G, x)
    back = error = None
    if t.reverse is not None:
        if progress:
            progress(0.55, desc=T.progress_f)
        F = t.reverse()
        x_back = _timed(seconds, "F", F, y)
        # both in [-1, 1]: the cycle-consistency term of the loss, pixel by pixel
        error = (unpad(x_back, geo) - unpad(x, geo)).abs().mean(1)[0].numpy()
        back = to_pixels(unpad(x_back, geo))
    return Result("photo", to_pixels(unpad(x, geo)), to_pixels(unpad(y, geo)), back, error,
                  seconds, geo)


def blank(drawing: np.ndarray) -> bool:
    """A canvas with no ink on it yet (all white, or all transparent)."""
    a = np.asarray(drawing)
    if a.ndim == 3 and a.shape[2] == 4:
        return bool((a[:, :, 3] < 16).all() or (a[:, :, :3] > 240).all())
    return bool((a > 240).all())


def translate_digit(image: Any, t: Translator) -> Result:
    """A drawn or photographed digit, framed like MNIST, through G and back through F."""
    img = open_image(image, "L", need=DIGIT_NEED)
    _check_size(*img.size)
    try:
        digit = digit_from_user(img)                      # [28, 28] in [0, 1], ink = 1
    except InputError as err:  # e.g. a photo still loaded when the student picked the digit pair
        raise InputError(i18n.strings(text).not_a_digit.format(reason=err)) from None
    x = torch.from_numpy(digit).float()[None, None] * 2 - 1
    G, F = t.forward(), t.reverse()
    seconds: dict[str, float] = {}
    y = _timed(seconds, "G", G, x)
    x_back = _timed(seconds, "F", F, y)
    error = (x_back - x).abs()[0, 0].numpy()
    critic = None
    if t.critic is not None:
        D = t.critic()  # the critic of the output's domain: does G(x) pass for a real one?
        with torch.inference_mode():
            critic = {"input": D(x).mean().item(), "output": D(y).mean().item()}
    return Result("digit", to_pixels(x), to_pixels(y), to_pixels(x_back), error, seconds, critic=critic)


# ---- pictures and numbers for the page ---------------------------------------------------

def display(pixels: np.ndarray, kind: str) -> Image.Image:
    """Photos as they are; 28x28 digits enlarged with hard pixel edges."""
    if kind == "digit":
        return upscale(pixels, DIGIT_DISPLAY)
    return Image.fromarray(pixels)


def block_mean(error: np.ndarray, cells: int = HEATMAP_CELLS) -> tuple[np.ndarray, int]:
    """Average k x k blocks so the map has at most `cells` per side (k = 1 for small maps)."""
    k = max(1, math.ceil(max(error.shape) / cells))
    if k == 1:
        return error, 1
    h, w = error.shape
    padded = np.pad(error, ((0, -h % k), (0, -w % k)), mode="edge")
    return padded.reshape(padded.shape[0] // k, k, padded.shape[1] // k, k).mean((1, 3)), k


def error_figure(error: np.ndarray | None, title: str, empty_note: str) -> go.Figure:
    """Heatmap of |F(G(x)) - x| per pixel (bright = the round trip lost something there)."""
    fig = go.Figure()
    if error is None:
        fig.add_annotation(text=empty_note, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper",
                           font={"size": 13})
        fig.update_xaxes(visible=False)
        fig.update_yaxes(visible=False)
        return plots.style(fig, title, height=340)
    T = i18n.strings(text)
    z, k = block_mean(error)
    hover = "x %{x}, y %{y}<br>|F(G(x)) − x| = %{z:.3f}<extra></extra>" if k == 1 else \
        T.hover_block.format(k=k, x="%{x}", y="%{y}", z="%{z:.3f}") + "<extra></extra>"
    # plain lists: the plotly.js bundled with Gradio predates plotly.py's binary arrays
    fig.add_trace(go.Heatmap(
        z=np.round(z, 4).tolist(), x=(np.arange(z.shape[1]) * k).tolist(),
        y=(np.arange(z.shape[0]) * k).tolist(), zmin=0, zmax=ERROR_SCALE,
        colorscale="Inferno", hovertemplate=hover,
        colorbar={"title": {"text": T.colorbar_error, "side": "right"}, "thickness": 12,
                  "tickvals": [0, 0.25, 0.5], "ticktext": ["0", "0.25", "≥ 0.5"]}))
    fig.update_yaxes(autorange="reversed", scaleanchor="x", constrain="domain", showgrid=False,
                     showticklabels=False, zeroline=False)
    fig.update_xaxes(constrain="domain", showgrid=False, showticklabels=False, zeroline=False)
    return plots.style(fig, title, height=340)


def png_bytes(pixels: np.ndarray) -> bytes:
    import io
    buf = io.BytesIO()
    Image.fromarray(pixels).save(buf, "PNG")
    return buf.getvalue()
