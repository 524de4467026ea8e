"""What the tab shows, as pure functions: inputs -> HTML frames, arrays, numbers, figures.

No Gradio here. Models are loaded lazily through `playground.weights` (once per
process, shared by every session). `words` arguments carry the tab's text.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from typing import Iterator

import numpy as np
import plotly.graph_objects as go
import torch
from PIL import Image, ImageDraw
from plotly.subplots import make_subplots

from playground import data, imaging, plots, weights
from playground.plots import style
from playground.pixelcnn import model as M
from playground.pixelcnn import continuous, nade, pixelrnn, render, sampling, worker

log = logging.getLogger("playground")

GATED, PLAIN, NADE = "pixelcnn_gated", "pixelcnn_plain", "pixelcnn_nade"
SIZE = M.SIZE
N_PIXELS = SIZE * SIZE
FRAME_INTERVAL = 1 / 25      # at most 25 frames a second reach the browser
# All pixel streams together send at most this many frames a second: every frame costs the
# server's one Python thread its event handling, so with a class drawing at once each
# stream slows its frame rate (never its sampling: the digits come as fast) to share it.
FRAMES_PER_S_ALL = 60
_streaming = [0]                 # pixel streams running now
_streaming_lock = threading.Lock()


def frame_interval() -> float:
    """Seconds between two frames of one stream, with the others streaming now."""
    return max(FRAME_INTERVAL, _streaming[0] / FRAMES_PER_S_ALL)
SPEEDS = {"watch": 12.0, "fast": 120.0, "max": None}  # pixels per second (None: no pause)
MAX_SAMPLES = worker.MAX_BATCH  # samples drawn at once


def _load(name: str) -> torch.nn.Module:
    # never build the shared model inside an inference-mode block: its parameters would
    # become inference tensors, and the receptive field view needs gradients through them
    with torch.inference_mode(False):
        return weights.get(name, M.build)


def gated() -> M.GatedPixelCNN:
    return _load(GATED)


def plain() -> M.PlainPixelCNN:
    return _load(PLAIN)


def nade_model() -> nade.NADE:
    with torch.inference_mode(False):
        return weights.get(NADE, nade.build)


def class_index(choice: str | int | None) -> int:
    """'0'..'9' -> that digit; anything else ('any digit', None) -> NONE: no label."""
    try:
        k = int(choice)
    except (TypeError, ValueError):
        return M.NONE
    return k if 0 <= k < M.N_CLASSES else M.NONE


def heldout_digit(index: int) -> tuple[np.ndarray, int]:
    """Held-out digit `index` (0..999) of the "test" split, which no training or model selection
    read; fixed binarization: (0/1 float [28, 28], label)."""
    images, labels = data.digits("test", binarized=True)
    index = int(np.clip(index, 0, len(images) - 1))
    return images[index].astype(np.float32), int(labels[index])


def binarize(grey: np.ndarray) -> np.ndarray:
    """A grey digit in [0, 1] -> 0/1 pixels (the model only knows black or white)."""
    return (np.asarray(grey) >= 0.5).astype(np.float32)


def user_digit(image, words: dict) -> np.ndarray:
    """A drawing or upload -> 28x28 MNIST framing (imaging.digit_from_user) -> 0/1."""
    grey = np.asarray(imaging.open_image(image, "L", need=imaging.DIGIT_NEED), dtype=np.float32)
    if grey.max() - grey.min() < 25:  # all black, all white: nothing to frame
        raise imaging.InputError(words["error_uniform"])
    digit = binarize(imaging.digit_from_user(image))
    if digit.sum() < 3:
        raise imaging.InputError(words["error_faint"])
    return digit


# ----------------------------------------------------------------------------------
# Generate: streamed pixel by pixel
# ----------------------------------------------------------------------------------

def generate(choice: str, n: int, temperature: float, seed: int, speed: str,
             words: dict, model_name: str = GATED) -> Iterator[str]:
    """HTML frames of `n` digits drawn pixel by pixel; the last frame is the finished one.
    `model_name` GATED (class-conditional, in a sampler process) or NADE (no class)."""
    n = int(np.clip(n, 1, MAX_SAMPLES))
    u = sampling.uniforms(int(seed), n)
    pace = SPEEDS.get(speed, None)
    note = ""
    if model_name == NADE:
        sampler = NadeStream(nade_model(), u, float(temperature), pace)
        note = words["nade_no_class"] + " "
    else:
        y = torch.full((n,), class_index(choice), dtype=torch.long)
        sampler = worker.SamplerProcess(gated(), y, u, float(temperature), pace)
    yield from _stream(sampler, words,
                       lambda step, status, done: render.generation_frame(
                           step.canvas.numpy(), step.probs.numpy(), step.index + 1, step.index,
                           step.prob.numpy(), words, note + status, "done" if done else "running"))


class NadeStream:
    """NADE's samples, shown pixel by pixel like the PixelCNN's (the same interface as
    worker.SamplerProcess, for `_stream`).

    No worker process: those exist because a Gated PixelCNN pixel is ~100 tiny torch
    operations that fight the server's threads for Python's lock for a minute. A NADE
    pixel is one step of the running sum (a_{i+1} = a_i + W[:, i] x_i, then two small
    dot products): all 784 pixels take ~50 ms in numpy for one sample, ~140 ms for eight
    (measured on the busy 2-core machine), against seconds for the Gated PixelCNN. They
    are drawn at once in `start()`, in order, pixel by pixel; the stream then reveals
    them at the chosen pace (the probabilities shown are the ones each pixel was drawn with).
    """

    def __init__(self, model: nade.NADE, u: torch.Tensor, temperature: float, pace: float | None):
        self.model, self.u, self.temperature, self.pace = model, u, temperature, pace
        self._stopped_at: int | None = None

    def start(self) -> "NadeStream":
        t = time.perf_counter()
        x, p = nade.sample(self.model, self.u.numpy(), self.temperature)
        self.computing = time.perf_counter() - t
        self.canvas = torch.from_numpy(x.astype(np.float32)).reshape(-1, SIZE, SIZE)
        self.probs = torch.from_numpy(p.astype(np.float32)).reshape(-1, SIZE, SIZE)
        self.t0 = time.monotonic()
        return self

    def _shown(self) -> int:
        """The newest pixel on screen."""
        if self._stopped_at is not None:
            return self._stopped_at
        if not self.pace:
            return N_PIXELS - 1
        return min(N_PIXELS - 1, int((time.monotonic() - self.t0) * self.pace))

    def wait(self, timeout: float) -> bool:
        if self._stopped_at is not None or self._shown() == N_PIXELS - 1:
            return True
        left = (N_PIXELS - 1) / self.pace - (time.monotonic() - self.t0)
        time.sleep(max(0.0, min(timeout, left)))
        return self._shown() == N_PIXELS - 1

    def latest(self) -> sampling.Step:
        i = self._shown()
        b = len(self.canvas)
        canvas, probs = self.canvas.clone(), self.probs.clone()
        canvas.view(b, N_PIXELS)[:, i + 1:] = 0.0
        probs.view(b, N_PIXELS)[:, i + 1:] = float("nan")
        r, c = divmod(i, SIZE)
        return sampling.Step(i, probs[:, r, c], canvas[:, r, c], canvas, probs)

    def result(self) -> worker.Result:
        i = self._shown()
        return worker.Result(i + 1, self.computing + time.monotonic() - self.t0, self.computing,
                             self._stopped_at is not None)

    def stop(self) -> None:
        if self._stopped_at is None:
            self._stopped_at = self._shown()


def temperature_curve(temperature: float, words: dict) -> str:
    """How the temperature reshapes every p(x_i = 1 | x_<i) before the coin is tossed
    (a small SVG: cheap enough to redraw on every slider move)."""
    t = max(float(temperature), sampling.MIN_TEMPERATURE)
    p = np.linspace(0.0005, 0.9995, 80)
    used = 1 / (1 + np.exp(-np.log(p / (1 - p)) / t))
    return render.curve_svg(p, used, words["temp_x"], words["temp_y"].format(t=t))


def _stream(sampler: worker.SamplerProcess, words: dict, frame) -> Iterator[str]:
    """Frames of a running sampler: at most 25 a second, each showing the newest pixel
    (every pixel when the pace is slow); the last frame shows the finished digits.

    The sampler runs in its own process (worker.py): drawing and sending frames here
    never holds it up."""
    sampler.start()
    shown = None
    with _streaming_lock:
        _streaming[0] += 1
    try:
        while not sampler.wait(frame_interval()):
            step = sampler.latest()
            if step is not None and step.index != shown:
                shown = step.index
                status = words["status_running"].format(i=step.index, row=step.row, col=step.col,
                                                        total=N_PIXELS)
                yield frame(step, status, False)
        result, step = sampler.result(), sampler.latest()
        if isinstance(result.error, worker.SamplerEnded):
            raise imaging.InputError(words["error_sampler_ended"].format(code=result.error.code))
        if result.error is not None:
            raise result.error
        if step is None:
            return
        status = words["status_done"].format(n=result.count, seconds=result.elapsed,
                                             compute=result.computing)
        yield frame(step, status, True)
    finally:
        with _streaming_lock:  # held for microseconds (this may run on Gradio's event loop)
            _streaming[0] -= 1
        sampler.stop()  # Stop pressed, or the page closed: the sampler ends too
        if not sampler.wait(0):
            log.info("pixelcnn sampler stopped near pixel %s", shown)


# ----------------------------------------------------------------------------------
# Complete: hide the lower rows, let the model fill them in
# ----------------------------------------------------------------------------------

def completion_preview(digit01: np.ndarray, hide_rows: int, words: dict, note: str = "") -> str:
    """The digit with the rows that will be hidden greyed (answers while the slider moves)."""
    visible = SIZE - int(hide_rows)
    blank = np.zeros((0, SIZE, SIZE), np.float32)
    hint = note + words["complete_hint"].format(hidden=int(hide_rows), visible=visible)
    return render.completion_frame(digit01, visible, blank, visible * SIZE, None, words, hint, "preview")


GUESS = "guess"  # completion's default: draw the class from p(y | visible rows)


def visible_posterior(digit01: np.ndarray, start: int) -> np.ndarray:
    """p(y | x_<start): which digit the visible pixels suggest, by Bayes' rule (p(y) = 1/10)."""
    model = gated()
    x = torch.from_numpy(np.asarray(digit01, np.float32)).reshape(1, 1, SIZE, SIZE)
    with torch.inference_mode():
        per_class = M.log_prob_per_class(model, x.to(next(model.parameters()).device))
        return M.class_posterior(per_class, upto=start)[0].cpu().numpy()


def complete(digit01: np.ndarray, hide_rows: int, n: int, seed: int, choice: str,
             temperature: float, words: dict) -> Iterator[str]:
    """HTML frames of `n` completions of the digit's hidden lower rows, streamed.

    `choice` GUESS draws each completion's class from p(y | visible rows) first: the
    completions are then exact samples of p(hidden | visible) under the mixture
    p(x) = 1/10 sum_y p(x | y). A digit '0'..'9' fixes the class; anything else uses
    the "no label" class.
    """
    model = gated()
    hide_rows = int(np.clip(hide_rows, 1, SIZE))
    n = int(np.clip(n, 1, MAX_SAMPLES))
    visible = SIZE - hide_rows
    start = visible * SIZE
    titles = [f"{words['completion']} {b + 1}" for b in range(n)]
    note = ""
    if choice == GUESS:
        posterior = visible_posterior(digit01, start)
        g = torch.Generator().manual_seed(int(seed) + 7919)  # not the pixels' random numbers
        y = torch.multinomial(torch.from_numpy(posterior), n, replacement=True, generator=g)
        titles = [words["completion_as"].format(b=b + 1, y=int(k)) for b, k in enumerate(y)]
        top = np.argsort(posterior)[::-1][:3]
        note = words["posterior_note"].format(
            top=", ".join(f"{k}: {posterior[k]:.2f}" for k in top)) + " "
    else:
        y = torch.full((n,), class_index(choice), dtype=torch.long)
    given = torch.from_numpy(np.asarray(digit01, np.float32))
    u = sampling.uniforms(int(seed), n)
    sampler = worker.SamplerProcess(model, y, u, float(temperature), start=start, given=given)
    yield from _stream(sampler, words, lambda step, status, done: render.completion_frame(
        digit01, visible, step.canvas.numpy(), step.index + 1, step.index, words, note + status,
        "done" if done else "running", titles))


# ----------------------------------------------------------------------------------
# Likelihood: how probable is a digit under the model?
# ----------------------------------------------------------------------------------

def log_probs(digits01: np.ndarray, model: torch.nn.Module | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Per pixel log p(x_i | x_<i) in nats under p(x) = 1/10 sum_y p(x | y): [N, 28, 28]
    (their sum is log p(x)); and the class posterior p(y | x): [N, 10]."""
    model = model or gated()
    x = torch.from_numpy(np.asarray(digits01, np.float32)).reshape(-1, 1, SIZE, SIZE)
    x = x.to(next(model.parameters()).device)
    with torch.inference_mode():
        per_class = M.log_prob_per_class(model, x)
        per_pixel = M.mixture_log_prob_per_pixel(per_class)
        posterior = M.class_posterior(per_class)
    return per_pixel.reshape(-1, SIZE, SIZE).cpu().numpy(), posterior.cpu().numpy()


def scribble(seed: int = 3) -> np.ndarray:
    """A random pen tangle in a digit-sized box, framed like a digit: ink, strokes, no digit."""
    rng = np.random.default_rng(seed)
    img = Image.new("L", (280, 280), 255)
    lo, hi = np.array([85.0, 30.0]), np.array([195.0, 250.0])   # tall, like a digit's box
    point, heading = rng.uniform(lo, hi), rng.uniform(0, 2 * np.pi)
    points = [tuple(point)]
    for _ in range(40):
        heading += rng.normal(0, 1.0)
        nxt = point + 40 * np.array([np.cos(heading), np.sin(heading)])
        if np.any(nxt < lo) or np.any(nxt > hi):  # bounce off the box
            heading += np.pi
            nxt = np.clip(nxt, lo, hi)
        point = nxt
        points.append(tuple(point))
    ImageDraw.Draw(img).line(points, fill=0, width=16, joint="curve")
    return binarize(imaging.digit_from_user(np.asarray(img)))


def scrambled(digit01: np.ndarray, seed: int = 0) -> np.ndarray:
    """The same ink pixels, scattered at random: as much ink, no strokes."""
    rng = np.random.default_rng(seed)
    return rng.permutation(digit01.reshape(-1)).reshape(SIZE, SIZE)


def likelihood_report(digit01: np.ndarray, words: dict) -> dict:
    """NLL of the digit and of three impostors; per-pixel maps; a verdict."""
    cases = {
        words["case_yours"]: digit01,
        words["case_upside_down"]: np.rot90(digit01, 2).copy(),
        words["case_scribble"]: scribble(),
        words["case_scrambled"]: scrambled(digit01, 0),
    }
    names = list(cases)
    stack = np.stack([cases[k] for k in names])
    lp, posterior = log_probs(stack)
    nll = -lp.reshape(len(stack), -1).sum(1)
    return dict(names=names, digits=stack, log_probs=lp, nll=nll, posterior=posterior,
                bits_per_dim=nll / (N_PIXELS * math.log(2)))


def heldout_range() -> dict | None:
    """Typical test-digit NLLs (percentiles stored in the manifest when the model was trained)."""
    try:
        metrics = weights.entry(GATED)["metrics"]
    except weights.WeightsError:
        return None
    keys = ("test_nll_nats_p05", "test_nll_nats_p50", "test_nll_nats_p95")
    if not all(k in metrics for k in keys):
        return None
    return {k[-3:]: metrics[k] for k in keys} | {"mean": metrics.get("test_nll_nats")}


def nll_bar_figure(report: dict, words: dict) -> go.Figure:
    """-log p(x) of the digit and its impostors, against the range of real held-out digits."""
    names, nll = report["names"][::-1], report["nll"][::-1]   # first case on top
    colours = ["#4f46e5", "#e15759", "#f28e2b", "#9c755f"][:len(names)][::-1]
    fig = go.Figure(go.Bar(
        y=names, x=nll, orientation="h", marker_color=colours,
        text=[words["bar_text"].format(nats=v, bpd=b) for v, b in zip(nll, report["bits_per_dim"][::-1])],
        textposition="outside", cliponaxis=False,
        hovertemplate="%{y}: %{x:.1f} nats<extra></extra>"))
    typical = heldout_range()
    if typical:
        fig.add_vrect(x0=typical["p05"], x1=typical["p95"], fillcolor="#59a14f", opacity=0.18,
                      line_width=0, layer="below")
        fig.add_vline(x=typical["p50"], line_dash="dot", line_color="#3f7f3a",
                      annotation_text=words["typical_band"], annotation_position="top",
                      annotation_font_color="#3f7f3a")
    fig.update_xaxes(title_text=words["nll_axis"], rangemode="tozero",
                     range=[0, float(max(nll.max(), typical["p95"] if typical else 0)) * 1.35])
    style(fig, words["nll_bar_title"], height=300, showlegend=False)
    return fig.update_layout(margin={"l": 130, "r": 20, "t": 70, "b": 45})


def heatmap_figure(report: dict, words: dict, which: tuple[int, ...] = (0, 1)) -> go.Figure:
    """-log p(x_i | x_<i) of every pixel: where the surprise (the cost in nats) is."""
    titles = [f"{report['names'][k]}: {report['nll'][k]:.0f} nats" for k in which]
    fig = make_subplots(1, len(which), subplot_titles=titles, horizontal_spacing=0.08)
    cost = -report["log_probs"]
    zmax = float(max(2.0, np.percentile(cost[list(which)], 99.5)))
    for j, k in enumerate(which):
        x = report["digits"][k]
        p_ink = np.where(x > 0.5, np.exp(-cost[k]), 1 - np.exp(-cost[k]))
        custom = np.stack([x, p_ink], -1)
        fig.add_trace(go.Heatmap(
            z=cost[k], zmin=0, zmax=zmax, colorscale="Reds", showscale=(j == len(which) - 1),
            colorbar=dict(title=dict(text=words["nats"]), thickness=12), customdata=custom,
            hovertemplate=words["heat_hover"] + "<extra></extra>"), 1, j + 1)
        # outline the ink so that the digit is visible under the colours
        fig.add_trace(go.Contour(z=x, showscale=False, contours=dict(start=0.5, end=0.5, coloring="none"),
                                 line=dict(color="#1e293b", width=1), hoverinfo="skip"), 1, j + 1)
    fig.update_yaxes(autorange="reversed", scaleanchor="x", showticklabels=False, showgrid=False)
    fig.update_xaxes(showticklabels=False, showgrid=False)
    for j in range(1, len(which)):
        fig.update_yaxes(scaleanchor=f"x{j + 1}", row=1, col=j + 1)
    style(fig, words["heat_title"], height=400, showlegend=False)
    return fig.update_layout(margin={"l": 20, "r": 20, "t": 85, "b": 10})


def class_figure(report: dict, words: dict) -> go.Figure:
    """p(y | x) for the first case, from the same ten passes: Bayes' rule turns the
    class-conditional density into a classifier."""
    post = report["posterior"][0]
    fig = go.Figure(go.Bar(x=[str(k) for k in range(10)], y=post, marker_color="#4f46e5",
                           hovertemplate=words["class_hover"] + "<extra></extra>"))
    fig.update_yaxes(title_text="p(y | x)", range=[0, 1])
    fig.update_xaxes(title_text=words["class_axis"], type="category")
    return style(fig, words["class_title"], height=280)


def nade_log_probs(digits01: np.ndarray) -> np.ndarray:
    """Per pixel log p(x_i | x_<i) in nats under NADE: [N, 28, 28] (their sum is log p(x))."""
    model = nade_model()
    x = torch.from_numpy(np.asarray(digits01, np.float32)).reshape(-1, N_PIXELS)
    with torch.inference_mode():
        return nade.log_prob_per_pixel(model, x).reshape(-1, SIZE, SIZE).numpy()


def _test_mean(name: str) -> float | None:
    try:
        m = weights.entry(name)["metrics"]
    except weights.WeightsError:
        return None
    return m.get("heldout_nll_nats", m.get("test_nll_nats"))


def model_comparison(digit01: np.ndarray, words: dict) -> list[dict]:
    """The digit under each model that loads (gated and plain PixelCNN as class mixtures,
    NADE): name, per-pixel log-probabilities [28, 28], -log p(x), the test-set mean.
    A model whose weights are missing is left out (the others still show)."""
    out = []
    for name, label, score in ((GATED, words["model_gated"], lambda d: log_probs(d, gated())[0]),
                               (PLAIN, words["model_plain"], lambda d: log_probs(d, plain())[0]),
                               (NADE, words["model_nade"], nade_log_probs)):
        try:
            lp = score(digit01[None])[0]
        except weights.WeightsError as err:
            log.warning("pixelcnn: %s not scored: %s", name, err)
            continue
        out.append(dict(name=name, label=label, log_probs=lp, nll=float(-lp.sum()), test_mean=_test_mean(name)))
    return out


def comparison_figure(digit01: np.ndarray, rows: list[dict], words: dict) -> go.Figure:
    """Each model's cost per pixel, -log p(x_i | x_<i), side by side on one colour scale."""
    titles = [words["model_title"].format(label=r["label"], nats=r["nll"],
                                          mean=r["test_mean"] if r["test_mean"] is not None else float("nan"))
              for r in rows]
    fig = make_subplots(1, max(1, len(rows)), subplot_titles=titles, horizontal_spacing=0.06)
    costs = [-r["log_probs"] for r in rows]
    zmax = float(max(2.0, np.percentile(np.stack(costs), 99.5))) if rows else 2.0
    for j, cost in enumerate(costs):
        p_value = np.exp(-cost)
        fig.add_trace(go.Heatmap(
            z=cost, zmin=0, zmax=zmax, colorscale="Reds", showscale=(j == len(rows) - 1),
            colorbar=dict(title=dict(text=words["nats"]), thickness=12),
            customdata=np.stack([digit01, p_value], -1),
            hovertemplate=words["heat_hover"] + "<extra></extra>"), 1, j + 1)
        fig.add_trace(go.Contour(z=digit01, showscale=False, contours=dict(start=0.5, end=0.5, coloring="none"),
                                 line=dict(color="#1e293b", width=1), hoverinfo="skip"), 1, j + 1)
    fig.update_yaxes(autorange="reversed", showticklabels=False, showgrid=False, zeroline=False)
    fig.update_xaxes(showticklabels=False, showgrid=False, zeroline=False)
    for j in range(len(rows)):
        fig.update_yaxes(scaleanchor=f"x{j + 1 if j else ''}", row=1, col=j + 1)
    fig.update_annotations(font_size=12)
    style(fig, words["models_title"], height=360, showlegend=False)
    return fig.update_layout(margin={"l": 20, "r": 20, "t": 90, "b": 10})


# ----------------------------------------------------------------------------------
# Receptive field: which pixels can the prediction for pixel i depend on?
# ----------------------------------------------------------------------------------

def receptive_field(model: torch.nn.Module, digit01: np.ndarray, row: int, col: int,
                    label: int = M.NONE) -> np.ndarray:
    """|d logit_i / d x_j| for every pixel j: from the real model, by backpropagation."""
    x = torch.from_numpy(np.asarray(digit01, np.float32)).reshape(1, 1, SIZE, SIZE)
    x.requires_grad_(True)
    with torch.enable_grad():
        logit = model(x, torch.tensor([label]))[0, 0, row, col]
        (grad,) = torch.autograd.grad(logit, x)
    return grad[0, 0].abs().numpy()


def reach(config: dict) -> int:
    """How many rows up (and columns sideways) the stacked kernels can reach."""
    return config["first_kernel"] // 2 + (config["layers"] - 1) * (config["kernel"] // 2)


def field_summary(grad: np.ndarray, row: int, col: int, reach_px: int) -> dict:
    """Earlier pixels seen, and the blind spot: earlier pixels within the kernels' reach
    (rows above up to `reach_px`, columns within `reach_px`) that have no influence."""
    i = row * SIZE + col
    index = np.arange(N_PIXELS).reshape(SIZE, SIZE)
    earlier = index < i
    rr, cc = np.mgrid[:SIZE, :SIZE]
    within = earlier & (rr >= row - reach_px) & (np.abs(cc - col) <= reach_px)
    within &= ~((rr == row) & (cc < col - reach_px))
    seen = grad > 0
    return dict(seen=int((seen & earlier).sum()), earlier=int(earlier.sum()),
                future_seen=int((seen & ~earlier).sum()), blind=within & ~seen)


def field_picture(digit01: np.ndarray, grad: np.ndarray, row: int, col: int,
                  blind: np.ndarray, px: int = 10) -> np.ndarray:
    """RGB [280, 280]: influence as heat over the digit, later pixels hatched, the blind
    spot in blue, the chosen pixel boxed."""
    i = row * SIZE + col
    later = np.arange(N_PIXELS).reshape(SIZE, SIZE) >= i
    g = grad / grad.max() if grad.max() > 0 else grad
    # log scale: influence spans orders of magnitude; 1e-3 of the strongest is still shown
    level = np.where(g > 0, np.clip(1 + np.log10(np.maximum(g, 1e-12)) / 3, 0.08, 1.0), 0.0)
    rgb = render.colormap(level, render.HEAT).astype(np.float32)
    ink = digit01 > 0.5
    rgb[ink] = rgb[ink] * 0.55  # the digit shows through, darker
    rgb[blind] = np.array([96, 165, 250]) * np.where(ink[blind, None], 0.6, 1.0)
    rgb[later] = np.array([226, 232, 240]) * np.where(ink[later, None], 0.75, 1.0)
    big = render.upscale_rgb(rgb.astype(np.uint8), px)
    # hatch the pixels not yet generated (diagonal lines)
    yy, xx = np.mgrid[:SIZE * px, :SIZE * px]
    hatch = ((yy + xx) % 8 == 0) & render.upscale_rgb(later[..., None], px)[..., 0]
    big[hatch] = [148, 163, 184]
    # grid lines between pixels, faint
    big[::px, :] = (big[::px, :] * 0.9).astype(np.uint8)
    big[:, ::px] = (big[:, ::px] * 0.9).astype(np.uint8)
    # the chosen pixel: a thick amber box
    r0, c0 = row * px, col * px
    for t in range(2):
        big[max(r0 - t, 0), max(c0 - 2, 0):c0 + px + 2] = [245, 158, 11]
        big[min(r0 + px - 1 + t, SIZE * px - 1), max(c0 - 2, 0):c0 + px + 2] = [245, 158, 11]
        big[max(r0 - 2, 0):r0 + px + 2, max(c0 - t, 0)] = [245, 158, 11]
        big[max(r0 - 2, 0):r0 + px + 2, min(c0 + px - 1 + t, SIZE * px - 1)] = [245, 158, 11]
    return big


def fields(digit01: np.ndarray, row: int, col: int) -> dict:
    """Both models' receptive fields for pixel (row, col) of the digit."""
    row, col = int(np.clip(row, 0, SIZE - 1)), int(np.clip(col, 0, SIZE - 1))
    out = {}
    for name, model in (("plain", plain()), ("gated", gated())):
        grad = receptive_field(model, digit01, row, col)
        summary = field_summary(grad, row, col, reach(model.config))
        out[name] = dict(picture=field_picture(digit01, grad, row, col, summary["blind"]),
                         blind=int(summary["blind"].sum()), **{k: v for k, v in summary.items() if k != "blind"})
    return out


def pixelrnn_layers() -> dict[str, torch.nn.Module]:
    """PixelRNN's Row LSTM and Diagonal BiLSTM, small, random weights (built once per process)."""
    def make():
        with torch.inference_mode(False):
            return pixelrnn.random_layers()
    return weights.cached("pixelcnn:pixelrnn_layers", make)


def rnn_fields(digit01: np.ndarray, row: int, col: int) -> dict:
    """Row LSTM and Diagonal BiLSTM: which pixels the output at (row, col) depends on, from
    the gradients of the real layers (random weights: the shape comes from the wiring).
    Per layer: picture, seen (earlier pixels it depends on), earlier, missed (earlier
    pixels it never sees), future_seen (the pixel itself or later ones: always 0)."""
    row, col = int(np.clip(row, 0, SIZE - 1)), int(np.clip(col, 0, SIZE - 1))
    earlier = pixelrnn.earlier_pixels(row, col).numpy()
    out = {}
    for name, layer in pixelrnn_layers().items():
        grad = pixelrnn.dependency(layer, digit01, row, col).numpy()
        seen = grad > 0
        out[name] = dict(picture=field_picture(digit01, grad, row, col, np.zeros_like(seen)),
                         seen=int((seen & earlier).sum()), earlier=int(earlier.sum()),
                         missed=int((earlier & ~seen).sum()), future_seen=int((seen & ~earlier).sum()))
    return out


# ----------------------------------------------------------------------------------
# Parameter counting: why conditional independence (and weight sharing) matters
# ----------------------------------------------------------------------------------

def parameter_counts(n: int) -> dict[str, int]:
    """Numbers needed to specify a distribution over n binary pixels."""
    n = int(n)
    return {
        "joint": 2 ** n - 1,            # one probability per configuration, minus one (they sum to 1)
        "chain": 2 ** n - 1,            # chain rule, no assumption: p(x_i | x_<i) has 2^(i-1) rows
        "independent": n,               # p(x_i = 1) for each pixel
        "markov": 2 * n - 1,            # p(x_1), then p(x_i | x_{i-1}): 2 numbers per pixel
        "logistic": n * (n + 1) // 2,   # p(x_i | x_<i) = sigmoid(w.x_<i + b): i numbers per pixel
    }


def format_count(k: int) -> str:
    """Exact below 10^15, else '≈ 1.02 × 10<sup>236</sup>' (HTML)."""
    if k < 10 ** 15:
        return f"{k:,}"
    digits = str(k)
    return f"≈ {int(digits[:3]) / 100:.2f} × 10<sup>{len(digits) - 1}</sup>"


def parameter_figure(n: int, words: dict, model_params: dict[str, int]) -> go.Figure:
    """Each count as a function of the number of pixels, 1..n, on a log axis."""
    n = int(np.clip(n, 1, N_PIXELS))
    ns = np.arange(1, n + 1)
    curves = {  # as floats: 2^784 ~ 1e236 still fits in a double (and in JavaScript)
        "joint": 2.0 ** ns - 1,
        "logistic": ns * (ns + 1) / 2,
        "markov": 2.0 * ns - 1,
        "independent": ns.astype(float),
    }
    colours = {"joint": "#e15759", "independent": "#59a14f", "markov": "#f28e2b", "logistic": "#76b7b2"}
    fig = go.Figure()
    for key, ys in curves.items():
        fig.add_trace(go.Scatter(x=ns, y=ys, name=words[f"count_{key}"], mode="lines",
                                 line=dict(color=colours[key], width=2.5,
                                           dash="dash" if key == "logistic" else "solid"),
                                 hovertemplate="n = %{x}: %{y:.3g}<extra></extra>"))
    for (label, count), colour in zip(model_params.items(), ("#4f46e5", "#b07aa1")):
        fig.add_trace(go.Scatter(x=[1, max(n, 2)], y=[count, count], mode="lines", name=label,
                                 line=dict(color=colour, dash="dot", width=2),
                                 hovertemplate=f"{label}: {count:,}<extra></extra>"))
    fig.add_trace(go.Scatter(
        x=[n] * len(curves), y=[ys[-1] for ys in curves.values()], mode="markers", showlegend=False,
        marker=dict(size=9, color=[colours[k] for k in curves], line=dict(color="white", width=1)),
        hoverinfo="skip"))
    fig.update_xaxes(title_text=words["count_x"], range=[0.5, n + 0.5] if n > 1 else [0.5, 1.5])
    fig.update_yaxes(title_text=words["count_y"], type="log", exponentformat="power")
    return style(fig, words["count_title"], height=440,
                 legend=dict(x=0.01, y=0.99, bgcolor="rgba(255,255,255,0.85)", bordercolor="#ddd",
                             borderwidth=1, font=dict(size=11)))


def model_parameters(words: dict) -> dict[str, int]:
    """Parameter counts of the shipped models, from the manifest (no weights loaded)."""
    out = {}
    for name, label in ((GATED, words["count_gated"]), (PLAIN, words["count_plain"])):
        try:
            e = weights.entry(name)
            out[label] = M.count_parameters(M.build(e["config"]))
        except weights.WeightsError:
            continue
    return out


# ----------------------------------------------------------------------------------
# Continuous pixels: one grey pixel under a Bernoulli, a 256-way softmax, a mixture of logistics
# ----------------------------------------------------------------------------------

def continuous_fits() -> continuous.Fits:
    """The saved fits (pretrained/pixelcnn_continuous.safetensors), loaded on first use."""
    return weights.cached("pixelcnn:continuous",
                          lambda: continuous.Fits(weights.load_state_dict(continuous.NAME)[0]))


def continuous_view(left_value: int, k: int, words: dict) -> tuple[go.Figure, str]:
    """The pixel's value distribution over 0..255 given its left neighbour's grey level, under
    the three models, on the data's histogram; and their parameter counts and held-out bits.

    The figure is written as plain dicts with plotly's validation off: make_subplots and
    update_layout alone took ~0.4 s, and this answers a slider while it is dragged."""
    fits = continuous_fits()
    b = continuous.context_bin(left_value)
    k = int(np.clip(k, 1, continuous.K_MAX))
    lo, hi = b * 16, b * 16 + 15
    floor = 1e-6

    def ys(p):
        return np.round(np.maximum(p, floor), 8).tolist()

    data_p = fits.train[b] / fits.train[b].sum()
    p_ink = float(fits.p_ink[b])
    mix = fits.mixture(b, k)
    counts = continuous.parameter_counts(k)
    soft_bits, mix_bits = float(fits.softmax_bits[b]), float(fits.mixture_bits[b, k - 1])
    titles = [words["cont_bernoulli_title"].format(p=p_ink),
              words["cont_softmax_title"].format(bits=soft_bits),
              words["cont_mixture_title"].format(k=k, n=counts["mixture"], bits=mix_bits)]
    v = list(range(continuous.LEVELS))
    data_line = dict(type="scatter", x=v, y=ys(data_p), mode="lines", name=words["cont_data"],
                     line=dict(color="#94a3b8", width=1.5, shape="hvh"),
                     hovertemplate=words["cont_hover_data"] + "<extra></extra>")
    model_hover = words["cont_hover_model"] + "<extra></extra>"
    traces = []
    for j, axis in enumerate(("", "2", "3")):
        traces.append({**data_line, "xaxis": "x" + axis, "yaxis": "y" + axis})
    traces.append(dict(type="bar", x=[0, 255], y=[1 - p_ink, p_ink], width=5, marker=dict(color="#e15759"),
                       name="Bernoulli", hovertemplate=model_hover, xaxis="x", yaxis="y"))
    traces.append(dict(type="bar", x=v, y=ys(fits.softmax[b]), marker=dict(color="#4f46e5", line=dict(width=0)),
                       name="softmax", hovertemplate=model_hover, xaxis="x2", yaxis="y2"))
    for part in mix["parts"]:
        traces.append(dict(type="scatter", x=v, y=ys(part), mode="lines", hoverinfo="skip",
                           line=dict(color="#f28e2b", width=1, dash="dot"), xaxis="x3", yaxis="y3"))
    traces.append(dict(type="scatter", x=v, y=ys(mix["probs"]), mode="lines", name=words["cont_mixture_name"],
                       line=dict(color="#f28e2b", width=2.5), hovertemplate=model_hover,
                       xaxis="x3", yaxis="y3"))
    domains = ([0.74, 0.97], [0.39, 0.62], [0.04, 0.27])
    layout = {"showlegend": False, "bargap": 0}
    y_axis = dict(type="log", range=[-5, 0.05], exponentformat="power", title=dict(text="p"))
    for j, (axis, dom) in enumerate(zip(("", "2", "3"), domains)):
        layout["xaxis" + axis] = dict(range=[-3, 258], anchor="y" + axis,
                                      )
        layout["yaxis" + axis] = dict(y_axis, domain=dom, anchor="x" + axis)
    layout["xaxis3"]["title"] = dict(text=words["cont_x"])
    layout["annotations"] = [dict(text=t, x=0.5, y=dom[1] + 0.005, xref="paper", yref="paper", showarrow=False,
                                  xanchor="center", yanchor="bottom", font=dict(size=12))
                             for t, dom in zip(titles, domains)]
    fig = _plain_figure(traces, layout, 640, words["cont_title"].format(lo=lo, hi=hi))
    table = words["cont_table"].format(
        lo=lo, hi=hi, n=int(fits.train[b].sum()), p=p_ink, soft_bits=soft_bits, k=k,
        mix_n=counts["mixture"], mix_bits=mix_bits)
    return fig, table


def _plain_figure(data: list[dict], layout: dict, height: int, title: str) -> plots.Figure:
    """playground.plots.style's look as one dict, plotly's validation off (fast)."""
    return plots.house_figure(data, layout, height, title, margin={"l": 60, "r": 20, "t": 60, "b": 45})
