"""Pure functions from the GAN's state to what the tab shows (no Gradio here).

The live canvas is streamed at >= 10 frames a second, so it is plain HTML carrying the
frame's data, which the page draws on a <canvas> (`canvas_html`, CANVAS_JS), and the losses chart is a plotly figure built as a plain dict and
serialised once (`figure_json`), skipping plotly's per-property validation (~30 ms a
figure). The GIF export draws the same frames with Pillow.
"""

from __future__ import annotations

import base64
import functools
import html
import io
import json
import math

import numpy as np
import plotly.graph_objects as go
from PIL import Image, ImageDraw

from playground import fonts, i18n, imaging, plots
from playground.gan import datasets
from playground.gan import text as gan_text
from playground.gan.session import Frame, History, Session

T = i18n.strings(gan_text)

REAL = "#1a9850"        # real data: green, as in GAN Lab
FAKE = "#7b3294"        # generated: purple
ARROW = "#222222"
# The map's value in [0, 1] (session.Frame.heat): purple at 0, white at 1/2, green at 1.
# What 0, 1/2 and 1 mean depends on the loss (T.heat_label / heat_ticks / heat_reading):
# D(x) = P(real) for the cross-entropy losses, the least-squares score clipped to [0, 1]
# (targets 1 real, 0 fake), or for WGAN-GP the critic score min-max rescaled per frame,
# where 1/2 is only the middle of this frame's range.
HEAT_SCALE = [[0.0, "#c2a5cf"], [0.5, "#f7f7f7"], [1.0, "#a6dba0"]]
ARROW_LEN = 0.45        # plane units for the longest arrow
ARROW_REF = 1.0         # |dL/dx| that gets ~3/4 of the longest arrow
LOG4, LOG2 = math.log(4), math.log(2)
# Each loss's (D, G) values at the game's equilibrium, p_G = p_data (None: no fixed value).
# Cross-entropy and least squares: the best D is 1/2 everywhere there. WGAN-GP: E[s(fake)] -
# E[s(real)] = 0, plus the penalty; G's loss -E[s(G(z))] moves with any constant added to s.
EQUILIBRIUM = {"non-saturating": (LOG4, LOG2), "saturating": (LOG4, -LOG2),
               "least-squares": (0.25, 0.125), "wgan-gp": (0.0, None)}


def arrow_tips(points: np.ndarray, direction: np.ndarray) -> np.ndarray:
    """Arrow ends: length grows with |gradient| and saturates (tanh), so tiny gradients look tiny."""
    norm = np.linalg.norm(direction, axis=1, keepdims=True)
    length = ARROW_LEN * np.tanh(norm / ARROW_REF)
    return points + direction / np.maximum(norm, 1e-12) * length


def _r(a: np.ndarray, digits: int = 3) -> list:
    return np.round(np.asarray(a, dtype=np.float64), digits).tolist()


def _base_layout(height: int, margin: dict) -> dict:
    """plots.style as a plain dict (building a go.Figure costs ~0.1 s of validation)."""
    axis = {"gridcolor": "#eee", "zerolinecolor": "#ccc"}
    return {"font": {"family": plots.FONT, "size": 12}, "height": height, "margin": margin,
            "paper_bgcolor": "white", "plot_bgcolor": "white", "xaxis": dict(axis),
            "yaxis": dict(axis)}


PLANE_PX = 480


def heat_words(loss: str, score_range: tuple[float, float] | None = None) -> dict:
    """What the canvas's colours mean for this loss: the colour bar's label, its three ticks
    (top, middle, bottom) and one sentence to read the map by. For WGAN-GP the map is the
    critic's score rescaled to each frame's own range, so nothing claims that 1/2 means
    'cannot tell'; `score_range` (the raw scores at purple and green), when known, is named."""
    reading = T.heat_reading[loss]
    if loss == "wgan-gp" and score_range is not None:
        reading += T.heat_range.format(lo=score_range[0], hi=score_range[1])
    return {"label": T.heat_label[loss], "ticks": list(T.heat_ticks[loss]), "reading": reading}


def _f32(a: np.ndarray) -> str:
    """Float32 little-endian bytes as base64 (the page reads them with a Float32Array)."""
    return base64.b64encode(np.ascontiguousarray(a, dtype="<f4").tobytes()).decode()


def _u8(p: np.ndarray) -> str:
    """A map of values in [0, 1] as one byte each, base64 (the page reads it with atob)."""
    return base64.b64encode(np.round(np.clip(p, 0, 1) * 255).astype(np.uint8).tobytes()).decode()


def canvas_html(sess: Session, frame: Frame) -> str:
    """The main view as plain HTML: the plane (D(x) shading, real and generated points, G's
    gradient arrows) with axis ticks, a D(x) colour bar and a legend.

    The frame travels as data, and the page draws it (CANVAS_JS, on a <canvas>): D(x) as
    41x41 bytes (`data-heat`, also what hover reads), the points and the arrows' ends as
    float32 (`data-fake`, `data-real`, `data-tips`): ~10 KB a frame. Drawing the same
    picture as a JPEG here cost the engine ~6 ms of its ~8 ms per frame and 47 KB on the
    wire; with a class training at once that was most of the engine's time, taken from
    the training steps (measured: 30 students, 15-40 steps/s per run). The PNG and GIF
    exports still draw with Pillow (`draw_plane`), in the same colours.
    """
    ext = datasets.EXTENT
    heat = _u8(frame.heat)
    tips = arrow_tips(frame.fake[: len(frame.arrows)], frame.arrows)
    # the raw critic scores behind WGAN-GP's rescaled map, if the frame carries them
    words = heat_words(sess.settings.loss, getattr(frame, "score_range", None))
    label = html.escape(words["label"])
    ticks = range(-int(ext), int(ext) + 1)
    pos = lambda v: f"{100 * (v + ext) / (2 * ext):.3f}%"  # noqa: E731
    xt = "".join(f'<span style="left:{pos(v)}">{v}</span>' for v in ticks)
    yt = "".join(f'<span style="bottom:{pos(v)}">{v}</span>' for v in ticks)
    legend = "".join(f'<span><i class="gc-{kind}" style="background:{colour}"></i>{html.escape(name)}</span>'
                     for name, colour, kind in ((T.legend_real, REAL, "dot"), (T.legend_fake, FAKE, "dot"),
                                                (T.legend_push, ARROW, "line")))
    bar = ", ".join(f"{c} {100 * (1 - v):.0f}%" for v, c in reversed(HEAT_SCALE))  # 1 at the top
    bar_ticks = "".join(f'<span style="top:{100 * (1 - v):.0f}%">{html.escape(tick)}</span>'
                        for v, tick in zip((1, 0.5, 0), words["ticks"]))
    return f"""<div class="gan-canvas" data-step="{frame.step}" data-ext="{ext:g}" data-n="{frame.heat.shape[0]}" \
data-loss="{html.escape(sess.settings.loss)}" data-label="{label}" data-heat="{heat}" \
data-real="{_f32(sess.real_show)}" data-fake="{_f32(frame.fake)}" data-tips="{_f32(tips)}">
 <div class="gc-row">
  <div class="gc-plot"><div class="gc-pr"><div class="gc-yt">{yt}</div>
   <div class="gc-plane"><canvas role="img" aria-label="{html.escape(T.canvas_alt)}" width="{PLANE_PX}" \
height="{PLANE_PX}"></canvas></div></div><div class="gc-xt">{xt}</div></div>
  <div class="gc-bar"><div class="gc-grad" style="background:linear-gradient({bar})">{bar_ticks}</div>
   <div class="gc-barlabel">{label}</div></div>
 </div>
 <div class="gc-legend">{legend}</div>
 <div class="gc-reading">{html.escape(words["reading"])}</div>
</div>"""


# The plane from its data, on a <canvas> (the live canvas: D's map; the meters: D*): what
# `draw_plane` draws with Pillow for the exports, in the same colours: HEAT_SCALE's, bilinear
# between the grid's points (the grid's first and last points on the plane's edges), real
# points green, generated purple, and with `tips` a line from each of the first generated
# points to its arrow's end, with a head where there is room. Defined once per page, by
# whichever of the two components mounts first (each gr.HTML's js_on_load runs on its own).
PLANE_JS = """
if (!window.playgroundPlane) {
  const STOPS = %(stops)s, REAL = '%(real)s', FAKE = '%(fake)s';
  const floats = (b64) => {
    const s = atob(b64 || ''), bytes = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
    return new Float32Array(bytes.buffer, 0, bytes.length >> 2);
  };
  const colour = (p) => {
    const [a, b] = p < 0.5 ? [STOPS[0], STOPS[1]] : [STOPS[1], STOPS[2]];
    const t = p < 0.5 ? p / 0.5 : (p - 0.5) / 0.5;
    return [0, 1, 2].map((k) => a[k] + (b[k] - a[k]) * t);
  };
  // cv: the canvas; d: its element's dataset (n, ext, heat, real, fake, tips); px: its CSS size
  const draw = (cv, d, px, fakeRadius) => {
    const n = +d.n, ext = +d.ext, heat = atob(d.heat);
    const size = Math.round(px * Math.min(2, Math.max(1, window.devicePixelRatio || 1)));
    cv.width = size; cv.height = size;
    const ctx = cv.getContext('2d');
    const grid = document.createElement('canvas');
    grid.width = n; grid.height = n;
    const g = grid.getContext('2d'), img = g.createImageData(n, n);
    for (let row = 0; row < n; row++) {      // heat row 0 is the smallest y: the bottom
      for (let col = 0; col < n; col++) {
        const rgb = colour(heat.charCodeAt(row * n + col) / 255), k = 4 * ((n - 1 - row) * n + col);
        img.data[k] = rgb[0]; img.data[k + 1] = rgb[1]; img.data[k + 2] = rgb[2]; img.data[k + 3] = 255;
      }
    }
    g.putImageData(img, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(grid, 0.5, 0.5, n - 1, n - 1, 0, 0, size, size);  // grid points on the edges
    const x_ = (x) => (x + ext) / (2 * ext) * size, y_ = (y) => (ext - y) / (2 * ext) * size;
    const r = Math.max(1, size / 200);
    const dots = (xy, radius, fill) => {
      ctx.beginPath();
      for (let i = 0; i + 1 < xy.length; i += 2) {
        const x = x_(xy[i]), y = y_(xy[i + 1]);
        ctx.moveTo(x + radius, y); ctx.arc(x, y, radius, 0, 2 * Math.PI);
      }
      ctx.fillStyle = fill; ctx.fill();
    };
    dots(floats(d.real), 0.9 * r, REAL);
    const fake = floats(d.fake), tips = floats(d.tips);
    dots(fake, fakeRadius * r, FAKE);
    ctx.strokeStyle = ctx.fillStyle = 'rgb(20,20,20)';
    ctx.lineWidth = Math.max(1, Math.round(r / 2));
    for (let i = 0; i + 1 < tips.length; i += 2) {
      const a = x_(fake[i]), b = y_(fake[i + 1]), cx = x_(tips[i]), cy = y_(tips[i + 1]);
      const len = Math.hypot(cx - a, cy - b);
      ctx.beginPath(); ctx.moveTo(a, b); ctx.lineTo(cx, cy); ctx.stroke();
      if (len > 3 * r) {                       // a head only where there is room for one
        const ux = (cx - a) / len, uy = (cy - b) / len, h = 2.2 * r;
        ctx.beginPath(); ctx.moveTo(cx, cy);
        ctx.lineTo(cx - h * ux + 0.6 * h * uy, cy - h * uy - 0.6 * h * ux);
        ctx.lineTo(cx - h * ux - 0.6 * h * uy, cy - h * uy + 0.6 * h * ux);
        ctx.closePath(); ctx.fill();
      }
    }
  };
  // Draw the picture of every `selector` element inside `element` (the element is the canvas,
  // or holds one) from its data attributes: now, and whenever a frame changes them. Each frame
  // changes the component's HTML (Gradio may replace it or only update the changed attributes);
  // a MutationObserver runs before the browser paints, so no blank or stale frame is shown.
  const watch = (element, selector, px, fakeRadius) => {
    const one = (el) => {
      const cv = el.tagName === 'CANVAS' ? el : el.querySelector('canvas'), d = el.dataset;
      const key = d.heat + d.fake + (d.tips || '');
      if (!cv || cv.__key === key) return;   // Gradio may keep the element and change its data
      cv.__key = key;
      draw(cv, d, px, fakeRadius);
    };
    const all = () => element.querySelectorAll(selector).forEach(one);
    new MutationObserver(all).observe(element, {childList: true, subtree: true, attributes: true,
                                                attributeFilter: ['data-heat', 'data-fake', 'data-tips']});
    all();
  };
  window.playgroundPlane = {watch: watch};
}
"""

# Runs once when the component mounts (gr.HTML js_on_load): the live canvas, drawn from each
# frame's data (PLANE_JS). Hover: the D(x) value under the pointer (the tooltip lives on
# <body>, so frames replacing the canvas's HTML keep it).
CANVAS_JS = """
if (!element.__ganCanvas) {
  element.__ganCanvas = true;
  window.playgroundPlane.watch(element, '.gan-canvas', %(px)d, 1.1);
  const tip = document.createElement('div');
  tip.className = 'gan-canvas-tip';
  document.body.appendChild(tip);
  const hide = () => { tip.style.display = 'none'; };
  element.addEventListener('mouseleave', hide);
  element.addEventListener('mousemove', (e) => {
    const c = element.querySelector('.gan-canvas'), cv = c && c.querySelector('.gc-plane canvas');
    if (!cv) return hide();
    const r = cv.getBoundingClientRect();
    const u = (e.clientX - r.left) / r.width, v = (e.clientY - r.top) / r.height;
    if (!(u >= 0 && u <= 1 && v >= 0 && v <= 1)) return hide();
    const ext = +c.dataset.ext, n = +c.dataset.n, heat = atob(c.dataset.heat);
    const x = -ext + 2 * ext * u, y = ext - 2 * ext * v;
    const col = Math.round(u * (n - 1)), row = Math.round((1 - v) * (n - 1));
    const d = heat.charCodeAt(row * n + col) / 255;
    tip.textContent = `x=${x.toFixed(2)}, y=${y.toFixed(2)} · ${c.dataset.label} = ${d.toFixed(2)}`;
    tip.style.left = (e.clientX + 12) + 'px';
    tip.style.top = (e.clientY + 12) + 'px';
    tip.style.display = 'block';
  });
}
"""

# The meters' D* picture (optimal_html), drawn the same way whenever a frame brings new data.
METERS_JS = """
if (!element.__ganMeters) {
  element.__ganMeters = true;
  window.playgroundPlane.watch(element, 'canvas.gm-dstar', %(px)d, 0.9);
}
"""


def _plane_js() -> str:
    stops = json.dumps([list(_rgb(c)) for _, c in HEAT_SCALE])
    return PLANE_JS % {"stops": stops, "real": REAL, "fake": FAKE}


def canvas_js() -> str:
    """The live canvas's script (js_on_load): PLANE_JS and CANVAS_JS with this module's
    colours and size."""
    return _plane_js() + CANVAS_JS % {"px": PLANE_PX}


def meters_js() -> str:
    """The meters' script (js_on_load): draws D* (PLANE_JS and METERS_JS)."""
    return _plane_js() + METERS_JS % {"px": OPTIMAL_PX}


CANVAS_CSS = """
.gan-canvas { font-size: 12px; color: #444; user-select: none; }
.gan-canvas .gc-row { display: flex; align-items: flex-start; gap: 14px; }
.gan-canvas .gc-plot { flex: 0 1 520px; }
.gan-canvas .gc-pr { display: flex; }
.gan-canvas .gc-yt { position: relative; width: 22px; flex: none; }
.gan-canvas .gc-yt span { position: absolute; right: 4px; transform: translateY(50%); line-height: 1; }
.gan-canvas .gc-plane { flex: 1; border: 1px solid #bbb; }
.gan-canvas .gc-plane canvas { display: block; width: 100%; height: auto; aspect-ratio: 1; }
.gan-canvas .gc-xt { position: relative; height: 18px; margin-left: 22px; }
.gan-canvas .gc-xt span { position: absolute; top: 3px; transform: translateX(-50%); line-height: 1; }
.gan-canvas .gc-bar { display: flex; gap: 4px; height: 300px; margin-top: 40px; flex: none; }
.gan-canvas .gc-grad { position: relative; width: 12px; border: 1px solid #bbb; }
.gan-canvas .gc-grad span { position: absolute; left: 16px; transform: translateY(-50%); line-height: 1;
  white-space: nowrap; }
.gan-canvas .gc-barlabel { writing-mode: vertical-rl; margin-left: 50px; text-align: center; }
.gan-canvas .gc-legend { display: flex; flex-wrap: wrap; gap: 18px; justify-content: center; margin: 2px 0 4px; }
.gan-canvas .gc-legend i { display: inline-block; vertical-align: middle; margin-right: 6px; }
.gan-canvas .gc-dot { width: 9px; height: 9px; border-radius: 50%; }
.gan-canvas .gc-line { width: 18px; height: 2px; }
.gan-canvas .gc-reading { max-width: 600px; margin: 2px auto 6px; font-size: 12.5px; color: #333; text-align: center; }
.gan-canvas-tip { position: fixed; display: none; z-index: 1000; pointer-events: none; background: white;
  border: 1px solid #999; border-radius: 3px; padding: 3px 6px; font-size: 12px; color: #222; }
"""


def losses_figure(sess: Session, height: int = 260) -> dict:
    """Both losses over training, with the value each has at the game's equilibrium."""
    h: History = sess.history
    loss = sess.settings.loss
    step, d, g = np.asarray(h.step), np.asarray(h.d_loss), np.asarray(h.g_loss)
    if len(step) > 400:  # keep the figure light: thin to ~400 points
        keep = np.linspace(0, len(step) - 1, 400).round().astype(int)
        step, d, g = step[keep], d[keep], g[keep]
    x = step.tolist()
    data = [
        {"type": "scatter", "mode": "lines", "name": T.loss_critic if loss == "wgan-gp" else T.loss_d,
         "x": x, "y": _r(d), "line": {"color": REAL, "width": 1.6}},
        {"type": "scatter", "mode": "lines", "name": T.loss_g, "x": x, "y": _r(g),
         "line": {"color": FAKE, "width": 1.6}},
        *divergence_traces(h, loss),
    ]
    # the chosen loss's values at the equilibrium: dotted lines across the chart, each named
    # at its right end (a legend entry each would wrap onto the plot in the tab's narrow column)
    shapes, notes = [], []
    for value, colour, name in zip(EQUILIBRIUM.get(loss, (None, None)), (REAL, FAKE),
                                   T.eq_lines.get(loss, ["", ""])):
        if value is not None and name:
            shapes.append({"type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": value, "y1": value,
                           "line": {"color": colour, "dash": "dot", "width": 1}})
            notes.append({"xref": "paper", "x": 1, "xanchor": "right", "y": value, "yanchor": "bottom",
                          "text": name, "showarrow": False, "font": {"size": 10.5, "color": colour}})
    return {"data": data, "layout": {**_losses_layout(height), "shapes": shapes, "annotations": notes}}


DIVERGENCE = "#e08214"   # the divergences from the densities: orange, on the chart's right axis


def divergence_traces(h: History, loss: str) -> list[dict]:
    """JSD(p_data || p_G) over training (every loss), and for least squares also the triangular
    discrimination its D measures; measured from the densities once per frame (divergence.py)."""
    step = np.asarray(h.div_step)
    if len(step) == 0:
        return []
    keep = np.linspace(0, len(step) - 1, min(len(step), 400)).round().astype(int)
    x = step[keep].tolist()
    traces = [{"type": "scatter", "mode": "lines", "name": T.jsd_trace, "x": x,
               "y": _r(np.asarray(h.jsd)[keep]), "yaxis": "y2",
               "line": {"color": DIVERGENCE, "width": 2}}]
    if loss == "least-squares":
        traces.append({"type": "scatter", "mode": "lines", "name": T.tri_trace, "x": x,
                       "y": _r(np.asarray(h.tri)[keep]), "yaxis": "y2",
                       "line": {"color": DIVERGENCE, "width": 1.4, "dash": "dash"}})
    return traces


def _losses_layout(height: int) -> dict:
    """The chart's layout in the reader's language (cached per language: the engine draws
    every student's frames, in English and in Korean)."""
    return _losses_layout_in(height, "markers" if i18n.marking() else i18n.current())


@functools.lru_cache(maxsize=8)
def _losses_layout_in(height: int, lang: str) -> dict:
    layout = _base_layout(height, {"l": 50, "r": 50, "t": 30, "b": 40})
    layout["xaxis"]["title"] = {"text": T.step_axis}
    layout["yaxis"]["title"] = {"text": T.loss_axis}
    layout["yaxis2"] = {"title": {"text": T.divergence_axis, "font": {"color": DIVERGENCE}},
                        "overlaying": "y", "side": "right", "rangemode": "tozero", "showgrid": False,
                        "tickfont": {"color": DIVERGENCE}, "zeroline": False}
    layout.update(legend={"orientation": "h", "y": 1.12, "x": 0}, uirevision="losses")
    return layout


def figure_json(fig: dict) -> str:
    return json.dumps(fig, separators=(",", ":"))


# --- the meters -------------------------------------------------------------------

def diagnosis(sess: Session, frame: Frame, T) -> list[tuple[str, str]]:
    """What the meters say about this run, in plain words: [(level, message), ...]."""
    m, s = frame.meters, sess.settings
    if sess.message.startswith("diverged:"):
        return [("bad", T.msg_diverged.format(step=sess.message.split(":")[1], g_lr=s.g_lr, d_lr=s.d_lr))]
    if frame.step < 300:
        return [("info", T.msg_start)]
    what = T.region_words.get(sess.data.region_label, sess.data.region_label)
    if m.covered == m.n_regions and m.high_quality >= 0.8:
        return [("good", T.msg_healthy.format(what=what))]
    found = []
    probabilistic = s.loss in ("non-saturating", "saturating")
    # only the saturating loss is flat where D rejects: -log D's push is largest there
    if s.loss == "saturating" and frame.d_fake < 0.05 and frame.grad_norm < 0.05:
        found.append(("bad", T.msg_vanishing.format(d_fake=frame.d_fake)))
    if found:  # G is stuck where it started: its bunched points are not a collapse
        return found
    if m.spread < datasets.BUNCHED:
        found.append(("warn", T.msg_bunched.format(spread=100 * m.spread, what=what)))
    elif m.collapsed and m.high_quality >= 0.3:
        found.append(("warn", T.msg_collapse.format(k=m.covered, n=m.n_regions, what=what)))
    if probabilistic and frame.d_real > 0.85 and frame.d_fake < 0.2 and frame.grad_norm >= 0.05:
        found.append(("warn", T.msg_strong_d.format(d_real=frame.d_real, d_fake=frame.d_fake)))
    if not found:
        if m.covered == 0 or m.high_quality < 0.3:
            found.append(("info", T.msg_off_data.format(hq=100 * m.high_quality)))
        else:
            found.append(("info", T.msg_partial.format(k=m.covered, n=m.n_regions, what=what)))
    return found


def meters_html(sess: Session, frame: Frame, T) -> str:
    """Modes covered, share of high-quality samples, per-mode histogram and the diagnosis."""
    m = frame.meters
    messages = "".join(f'<div class="gm-msg gm-{level}">{html.escape(text)}</div>'
                       for level, text in diagnosis(sess, frame, T))
    region = sess.data.region_label
    what = html.escape(T.region_words.get(region, region))
    one = T.region_one.get(region, region)
    peak = max(float(m.per_region.max()), 1.0 / m.n_regions) if m.n_regions else 1.0
    fair = 100 * (1.0 / m.n_regions) / peak

    def bar_title(i: int, share: float) -> str:
        return html.escape(T.region_bar.format(region=one, i=i + 1, share=100 * share))

    bars = "".join(
        f'<div class="gm-bar" title="{bar_title(i, share)}">'
        f'<div style="height:{100 * share / peak:.0f}%"></div></div>'
        for i, share in enumerate(m.per_region))
    hq = 100 * m.high_quality
    d_line = ""
    if not math.isnan(frame.d_real):
        d_line = (f'<div class="gm-small">{T.mean_d_real}: <b>{frame.d_real:.2f}</b> · '
                  f'{T.mean_d_fake}: <b>{frame.d_fake:.2f}</b> · '
                  f'{T.grad_norm}: <b>{frame.grad_norm:.3f}</b></div>')
    return f"""
<div class="gan-meters" data-step="{frame.step}" data-covered="{m.covered}" data-hq="{hq:.1f}">
 <div class="gm-row">
  <div class="gm-big"><span id="gan-covered">{m.covered}</span><small> / {m.n_regions}</small>
   <div class="gm-label">{html.escape(T.covered_label.format(what=what))}</div></div>
  <div class="gm-big"><span id="gan-hq">{hq:.0f}%</span>
   <div class="gm-label">{html.escape(T.hq_label)}</div></div>
  <div class="gm-big"><span id="gan-step">{frame.step:,}</span>
   <div class="gm-label">{html.escape(T.step_label)}</div></div>
 </div>
 <div class="gm-hq"><div style="width:{hq:.0f}%"></div></div>
 <div class="gm-label">{html.escape(T.hist_label.format(what=what))}</div>
 <div class="gm-hist" style="--fair:{fair:.0f}%">{bars}</div>
 {d_line}
 <div id="gan-message">{messages}</div>
 {optimal_html(sess, frame, T)}
</div>"""


OPTIMAL_PX = 200


def optimal_html(sess: Session, frame: Frame, T) -> str:
    """The optimal discriminator D* beside the learned D: a small plane in the same colours,
    and the divergences read off the densities, with what D's loss would be at D*.

    Like the live canvas, the picture travels as data that the page draws (METERS_JS):
    D*(x) as 41x41 bytes and the points as float32, ~9 KB. As a JPEG drawn here it cost
    the engine 0.75 ms of a full frame's ~2.6 ms (twice a second per training student)."""
    if frame.d_star is None:
        return ""
    loss = sess.settings.loss
    lines = [T.jsd_line.format(jsd=frame.jsd)]
    if loss in ("non-saturating", "saturating"):
        lines.append(T.at_optimum_ce.format(best=LOG4 - 2 * frame.jsd, now=frame.d_loss))
    elif loss == "least-squares":
        lines.append(T.tri_line.format(tri=frame.tri))
        lines.append(T.at_optimum_ls.format(best=0.25 - frame.tri / 8, now=frame.d_loss))
    else:
        lines.append(T.at_optimum_wgan.format(w=-frame.d_loss))
    numbers = "".join(f"<div>{html.escape(line)}</div>" for line in lines)
    return f"""<div class="gm-optimal" data-jsd="{frame.jsd:.4f}" data-tri="{frame.tri:.4f}">
  <div class="gm-label"><b>{html.escape(T.dstar_title)}</b></div>
  <div class="gm-opt-row"><canvas class="gm-dstar" role="img" \
aria-label="{html.escape(T.dstar_alt.format(jsd=frame.jsd))}" width="{OPTIMAL_PX}" height="{OPTIMAL_PX}" \
data-n="{frame.d_star.shape[0]}" data-ext="{datasets.EXTENT:g}" data-heat="{_u8(frame.d_star)}" \
data-real="{_f32(sess.real_show)}" data-fake="{_f32(frame.fake)}"></canvas>
   <div><div class="gm-numbers">{numbers}</div>
   <div class="gm-note">{html.escape(T.dstar_note[loss].format(n=len(sess.z_eval), h=sess.theory.bandwidth))}</div></div>
  </div>
 </div>"""


METERS_CSS = """
.gan-meters { font-size: 14px; }
.gan-meters .gm-row { display: flex; gap: 18px; }
.gan-meters .gm-big { font-size: 30px; font-weight: 650; line-height: 1.1; }
.gan-meters .gm-big small { font-size: 18px; font-weight: 500; opacity: .7; }
.gan-meters .gm-label { font-size: 12.5px; font-weight: 400; opacity: .8; margin: 2px 0 4px; }
.gan-meters .gm-hq { height: 10px; background: #eee; border-radius: 5px; overflow: hidden; margin: 4px 0 10px; }
.gan-meters .gm-hq div { height: 100%; background: #7b3294; }
.gan-meters .gm-hist { position: relative; display: flex; align-items: flex-end; gap: 2px; height: 70px;
  border-bottom: 1px solid #999; margin-bottom: 8px; }
.gan-meters .gm-hist::after { content: ""; position: absolute; left: 0; right: 0; bottom: var(--fair);
  border-top: 1px dashed #1a9850; }
.gan-meters .gm-bar { flex: 1; height: 100%; display: flex; align-items: flex-end; }
.gan-meters .gm-bar div { width: 100%; background: #7b3294; min-height: 1px; }
.gan-meters .gm-small { font-size: 12.5px; margin-bottom: 8px; }
.gan-meters .gm-msg { border-left: 4px solid; padding: 8px 10px; border-radius: 4px; margin-bottom: 6px; }
.gan-meters .gm-good { background: #e7f5ea; border-color: #1a9850; }
.gan-meters .gm-warn { background: #fff4e0; border-color: #e08214; }
.gan-meters .gm-bad { background: #fde8e8; border-color: #c0392b; }
.gan-meters .gm-info { background: #eef2fb; border-color: #6475b5; }
.gan-meters .gm-optimal { margin-top: 10px; }
.gan-meters .gm-opt-row { display: flex; flex-wrap: wrap; gap: 10px; align-items: flex-start; }
.gan-meters .gm-opt-row > div { flex: 1 1 180px; }
.gan-meters .gm-optimal canvas { display: block; width: 200px; max-width: 100%; height: auto; aspect-ratio: 1;
  border: 1px solid #bbb; flex: none; }
.gan-meters .gm-numbers { font-size: 12.5px; margin: 0 0 4px; }
.gan-meters .gm-numbers div:first-child { font-weight: 600; color: #b35806; }
.gan-meters .gm-note { font-size: 12px; opacity: .85; max-width: 420px; }
"""


# --- the same frame as a picture (for the GIF and PNG export) ------------------------

def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i: i + 2], 16) for i in (1, 3, 5))


def _heat_rgb(p: np.ndarray) -> np.ndarray:
    """D(x) in [0, 1] -> RGB with HEAT_SCALE's colours (linear between the three stops)."""
    lo, mid, hi = (np.array(_rgb(c), np.float32) for _, c in HEAT_SCALE)
    p = np.clip(p, 0, 1)[..., None]
    below = lo + (mid - lo) * (p / 0.5)
    above = mid + (hi - mid) * ((p - 0.5) / 0.5)
    return np.where(p < 0.5, below, above).astype(np.uint8)


@functools.lru_cache(maxsize=8)
def _disc(radius: float) -> tuple[np.ndarray, np.ndarray]:
    """Pixel offsets (dy, dx) of a filled disc of this radius."""
    k = int(math.ceil(radius))
    dy, dx = np.mgrid[-k:k + 1, -k:k + 1]
    inside = dy ** 2 + dx ** 2 <= radius ** 2 + 0.5
    return dy[inside], dx[inside]


def _dots(pixels: np.ndarray, xs: np.ndarray, ys: np.ndarray, radius: float, colour: str) -> None:
    """Stamp a disc of `colour` at every (x, y), all at once (600 dots a frame: one PIL
    ellipse call each took ~2.3 ms, this ~0.2 ms)."""
    dy, dx = _disc(radius)
    h, w = pixels.shape[:2]
    rows = (np.rint(ys).astype(np.int64)[:, None] + dy[None]).ravel()
    cols = (np.rint(xs).astype(np.int64)[:, None] + dx[None]).ravel()
    keep = (rows >= 0) & (rows < h) & (cols >= 0) & (cols < w)
    pixels[rows[keep], cols[keep]] = _rgb(colour)


def draw_plane(sess: Session, frame: Frame, size: int) -> Image.Image:
    """The plane [-3, 3]^2 as a picture: D(x) shading, real (green) and generated (purple)
    points, and an arrow from each of the first generated points along -dL_G/dx."""
    ext = datasets.EXTENT
    heat = Image.fromarray(_heat_rgb(frame.heat[::-1]))  # row 0 = top = largest y
    pixels = np.array(heat.resize((size, size), Image.BILINEAR))
    to_px = lambda p: ((p[..., 0] + ext) / (2 * ext) * size, (ext - p[..., 1]) / (2 * ext) * size)  # noqa: E731
    r = size / 200
    _dots(pixels, *to_px(sess.real_show), 0.9 * r, REAL)
    _dots(pixels, *to_px(frame.fake), 1.1 * r, FAKE)
    img = Image.fromarray(pixels)
    draw = ImageDraw.Draw(img)
    tips = arrow_tips(frame.fake[: len(frame.arrows)], frame.arrows)
    (x0, y0), (x1, y1) = to_px(frame.fake[: len(tips)]), to_px(tips)
    for a, b, c, d in zip(x0.tolist(), y0.tolist(), x1.tolist(), y1.tolist()):
        length = math.hypot(c - a, d - b)
        draw.line([a, b, c, d], fill=(20, 20, 20), width=max(1, round(r / 2)))
        if length > 3 * r:  # a head only where there is room for one
            ux, uy = (c - a) / length, (d - b) / length
            h = 2.2 * r
            draw.polygon([(c, d), (c - h * ux + 0.6 * h * uy, d - h * uy - 0.6 * h * ux),
                          (c - h * ux - 0.6 * h * uy, d - h * uy + 0.6 * h * ux)], fill=(20, 20, 20))
    return img


def render_png(sess: Session, frame: Frame, size: int = 420) -> Image.Image:
    """One frame for export: the plane with a caption (step, coverage, quality)."""
    plane = draw_plane(sess, frame, size)
    img = Image.new("RGB", (size, size + 24), (255, 255, 255))
    img.paste(plane, (0, 24))
    m = frame.meters
    region = sess.data.region_label

    def caption(words) -> str:
        return words["png_caption"].format(step=frame.step, what=words["region_words"].get(region, region),
                                           k=m.covered, n=m.n_regions, hq=100 * m.high_quality)

    label = caption(vars(T))
    font = fonts.font(15, label)
    if font is None:  # no font here draws Hangul: the English caption in Pillow's own font, not boxes
        label, font = caption(gan_text.EN), fonts.font(15)
    ImageDraw.Draw(img).text((6, 4), label, fill=(20, 20, 20), font=font)
    return img


def gif_bytes(sess: Session, size: int = 360, fps: int = 8) -> bytes:
    """The run so far as an animated GIF (the last frame held for 2 s)."""
    frames = [render_png(sess, f, size).convert("P", palette=Image.ADAPTIVE, colors=128)
              for f in sess.frames]
    if not frames:
        raise ValueError("nothing to export yet")
    durations = [1000 // fps] * (len(frames) - 1) + [2000]
    buf = io.BytesIO()
    frames[0].save(buf, format="GIF", save_all=True, append_images=frames[1:], duration=durations,
                   loop=0, optimize=False)
    return buf.getvalue()


# --- MNIST: the DCGAN timelines ------------------------------------------------------

def labelled_grid(images: np.ndarray, labels: np.ndarray, sure: np.ndarray, cols: int = 10,
                  scale: int = 2) -> np.ndarray:
    """uint8 [N, 28, 28] digits -> RGB mosaic, each tile framed in its class colour
    (grey frame: the classifier is not sure what it is)."""
    n = len(images)
    rows = -(-n // cols)
    tile = 28 + 4
    out = np.full((rows * tile, cols * tile, 3), 255, np.uint8)
    for i in range(n):
        r, c = divmod(i, cols)
        y, x = r * tile, c * tile
        colour = _rgb(plots.DIGIT_COLOURS[int(labels[i])]) if sure[i] else (190, 190, 190)
        out[y: y + tile, x: x + tile] = colour
        out[y + 2: y + 30, x + 2: x + 30] = images[i][..., None]
    return np.asarray(imaging.upscale(out, out.shape[1] * scale))


def class_histogram(labels: np.ndarray, sure: np.ndarray, title: str, height: int = 250) -> go.Figure:
    counts = np.bincount(labels[sure], minlength=10)
    unsure = int((~sure).sum())
    fig = go.Figure(go.Bar(
        x=[str(d) for d in range(10)] + ["?"], y=counts.tolist() + [unsure],
        marker_color=plots.DIGIT_COLOURS + ["#bebebe"],
        hovertemplate=T.hist_hover + "<extra></extra>"))
    plots.style(fig, title=title, height=height)
    fig.update_layout(xaxis_title=T.hist_x, yaxis_title=T.hist_y,
                      yaxis_range=[0, max(len(labels) * 0.6, counts.max() + 2)], bargap=0.15)
    return fig


def covered_count(labels: np.ndarray, sure: np.ndarray, min_share: float = 0.03) -> int:
    """Digit classes with at least `min_share` of the samples, recognised with confidence."""
    counts = np.bincount(labels[sure], minlength=10)
    return int((counts >= min_share * len(labels)).sum())


# --- drawing your own data -------------------------------------------------------------

DRAW_SIZE = 360


@functools.lru_cache(maxsize=1)
def drawing_background(size: int = DRAW_SIZE) -> np.ndarray:
    """A white square with a light grid every 1 unit and the axes, for painting data on."""
    img = np.full((size, size, 3), 255, np.uint8)
    ext = datasets.EXTENT
    for v in np.arange(-ext, ext + 1e-9, 1.0):
        px = int(round((v + ext) / (2 * ext) * (size - 1)))
        shade = 200 if abs(v) < 1e-9 else 232
        img[:, px] = shade
        img[px, :] = shade
    return img


def drawing_points(image: np.ndarray | None, max_points: int = 600, seed: int = 0) -> np.ndarray | None:
    """Painted pixels of a sketch -> points of the plane [-3, 3]^2 (None if nothing is painted).

    Ink is told from the white paper and the grey grid by its colour (the green brush).
    """
    if image is None:
        return None
    rgb = np.asarray(image)
    if rgb.ndim != 3 or rgb.shape[2] < 3:
        return None
    r, g, b = (rgb[..., i].astype(np.int16) for i in range(3))
    ink = (g - r > 50) & (g - b > 25)
    if rgb.shape[2] == 4:
        ink &= rgb[..., 3] > 0
    rows, cols = np.nonzero(ink)
    if len(rows) == 0:
        return None
    h, w = ink.shape
    ext = datasets.EXTENT
    pts = np.stack([(cols + 0.5) / w * 2 * ext - ext, ext - (rows + 0.5) / h * 2 * ext], 1)
    if len(pts) > max_points:
        pts = pts[np.random.default_rng(seed).choice(len(pts), max_points, replace=False)]
    return pts.astype(np.float32)
