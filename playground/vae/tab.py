"""The VAE tab: Gradio wiring only (the pictures and numbers come from views.py).

At build time only the two decoders the page runs itself are loaded and exported
(webdecoder.py). The first time a student opens the tab (its `select` event, or the
page load when it is the first tab) every view is filled, loading the other small
models once per process.
"""

from __future__ import annotations

import functools
import json

import gradio as gr
import numpy as np

from playground import i18n, imaging, links, queues, ui
from playground.vae import text
from playground.vae import views as V
from playground.vae import webdecoder

T = i18n.strings(text)
TITLE = T.title
WEIGHTS = [V.SLIDERS_MODEL, V.MAP_MODEL, *[n for n in V.BETA_MODELS if n != V.SLIDERS_MODEL],
           V.AE_MODEL, V.AAE_MODEL]

# A live image: a 28x28 PNG inlined in the event's reply, scaled up by the browser with
# hard pixel edges (cheaper end to end than sending a large PNG as a file to fetch).
# The caption travels as `label`: the front end translates a label live (not other props).
PIXEL_IMG = """<figure class="vae-live"><img src="${value}" alt="${label}" width="${size}"
 height="${size}"><figcaption>${label}</figcaption></figure>"""
PIXEL_CSS = """
figure.vae-live { margin: 0; display: flex; flex-direction: column; align-items: center; }
figure.vae-live img { image-rendering: pixelated; border-radius: 6px; background: #000;
  box-shadow: 0 1px 4px rgba(0,0,0,.25); }
figure.vae-live figcaption { font-size: 0.9em; opacity: 0.8; margin-top: 4px; }
"""
BLANK = V.png_data_uri(np.zeros((28, 28), np.float32))
N_ANALYSIS = 16  # the outputs of `analyse`, in order

# Clicking a plotly figure anywhere (not only on a dot) -> latent coordinates.
# gr.Plot has no click event, so this bridge listens for a short click inside the
# plotting area of #vae-map or #vae-manifold, converts the pixel position with the
# axis ranges the figure was drawn with, and sends {"x", "y"} to the server as the
# value of this (hidden) HTML component. Listeners sit on the document, so they
# survive the figures being redrawn.
MAP_CLICK_JS = """
const hub = window.__vaeMapClick = window.__vaeMapClick || {};
hub.send = (x, y) => { props.value = JSON.stringify({x: x, y: y, t: Date.now()}); trigger('click'); };
if (!hub.installed) {
  hub.installed = true;
  let start = null;
  document.addEventListener('pointerdown', (e) => {
    const box = e.target.closest ? e.target.closest('#vae-map, #vae-manifold') : null;
    start = box ? {box: box, x: e.clientX, y: e.clientY} : null;
  }, true);
  window.addEventListener('pointerup', (e) => {
    const s = start; start = null;
    if (!s || Math.hypot(e.clientX - s.x, e.clientY - s.y) > 6) return;
    const gd = s.box.querySelector('.js-plotly-plot');
    const area = gd && gd.querySelector('.nsewdrag');
    if (!area || !gd.layout || !gd.layout.xaxis || !gd.layout.yaxis) return;
    const r = area.getBoundingClientRect();
    const fx = (e.clientX - r.left) / r.width, fy = (e.clientY - r.top) / r.height;
    if (!(fx >= 0 && fx <= 1 && fy >= 0 && fy <= 1)) return;
    const xr = gd.layout.xaxis.range, yr = gd.layout.yaxis.range;
    hub.send(xr[0] + fx * (xr[1] - xr[0]), yr[1] - fy * (yr[1] - yr[0]));
  }, true);
}
"""


def _live_image(caption: str, elem_id: str, size: int = 224, decoder: str | None = None) -> gr.HTML:
    """decoder: the path of the export the page decodes this picture with (webdecoder.py)."""
    extra = {"decoder": decoder} if decoder is not None else {}
    return gr.HTML(BLANK, html_template=PIXEL_IMG, css_template=PIXEL_CSS,
                   js_on_load=webdecoder.DECODER_JS if decoder is not None else None,
                   elem_id=elem_id, label=caption, size=size, **extra)


STRIP_IMG = """<figure class="vae-strip"><figcaption>${label}</figcaption>
<img src="${value}" alt="${label}" style="height: ${strip_px}px"></figure>"""
STRIP_CSS = """
figure.vae-strip { margin: 0; }
figure.vae-strip figcaption { font-weight: 600; margin-bottom: 6px; }
figure.vae-strip img { image-rendering: pixelated; display: block; margin: 0 auto; max-width: 100%;
  object-fit: contain; }
"""


def _live_strip(caption: str, elem_id: str, height: int = 76) -> gr.HTML:
    """A row of decodes that can be redrawn while a slider moves (an inline PNG, like above)."""
    return gr.HTML(BLANK, html_template=STRIP_IMG, css_template=STRIP_CSS, js_on_load=None,
                   elem_id=elem_id, label=caption, strip_px=height, padding=True)


def _still(label: str, elem_id: str, height: int | None = None) -> gr.Image:
    return gr.Image(label=label, type="pil", format="png", interactive=False, elem_id=elem_id,
                    height=height, buttons=[], elem_classes=["pixelated"])


# ---------------------------------------------------------------- handlers

def keep_views_on_bad_input(n_outputs: int):
    """A bad drawing or upload gets its message as a warning, and every view keeps showing
    the last good digit (a gr.Error would stamp "Error" over all of this event's outputs)."""
    def wrap(fn):
        @functools.wraps(fn)
        def call(*args, **kwargs):
            try:
                return fn(*args, **kwargs)
            except imaging.InputError as err:
                gr.Warning(str(err))
                return [gr.skip()] * n_outputs
        return call
    return wrap


def _row(images: np.ndarray) -> str:
    return V.png_data_uri(imaging.grid(images, cols=len(images), pad=1))


def _slider_updates(z: list[float]) -> list:
    # round in float64: a float32 0.19 would show as 0.1899999976 in the number box
    return [gr.update(value=round(float(v), 2)) for v in z]


# The sliders hold z themselves: while one moves, the page decodes it (webdecoder); a
# release sends all sixteen values, so no reply can undo another slider's newer value.

@ui.friendly
def decode_sliders(*values: float) -> str:
    """All sixteen values at once (a slider released; the `vae_decode` API)."""
    return V.slider_image([float(v) for v in values])


def _set_sliders(z) -> list:
    z = [float(v) for v in z]
    return [*_slider_updates(z), V.slider_image(z)]


@ui.friendly
def random_z() -> list:
    return _set_sliders(V.prior_z())


@ui.friendly
def reset_z() -> list:
    return _set_sliders([0.0] * V.LATENT)


@ui.friendly
def z_from_digit(chosen: dict | None) -> list:
    chosen = chosen or _default_choice()
    b = V.breakdown(V.SLIDERS_MODEL, np.asarray(chosen["x"]))
    return _set_sliders(np.clip(b.mu.astype(np.float64), -V.Z_MAX, V.Z_MAX).round(2).tolist())


def _default_choice() -> dict:
    i = V.gallery_indices(0)[0]
    return _heldout_choice(i)


def _heldout_choice(i: int) -> dict:
    x, y = V.heldout()
    return {"x": x[i], "source": T.source_heldout.format(i=i, label=int(y[i])), "index": int(i)}


def _gallery(page: int) -> tuple[list, list[int]]:
    idx = V.gallery_indices(page)
    x, y = V.heldout()
    return [(imaging.upscale(x[i], 56), str(int(y[i]))) for i in idx], idx


def analyse(chosen: dict) -> list:
    """Every view of the chosen digit: ELBO numbers and bars, the beta models, q(z|x) and samples."""
    x = np.asarray(chosen["x"], np.float32)
    b = V.breakdown(V.SLIDERS_MODEL, x)
    numbers = T.numbers.format(source=chosen["source"], recon=b.recon, kl=b.kl, elbo=b.elbo,
                               active=int((~b.unused).sum()), d=len(b.mu))
    rows = [V.breakdown(name, x) for name in V.BETA_MODELS]
    table = T.beta_table.format(rows="\n".join(
        T.beta_row.format(beta=r.beta, recon=r.recon, kl=r.kl, elbo=r.elbo,
                          active=int((~r.unused).sum()), d=len(r.mu)) for r in rows))
    z, samples = V.resample(b, seed=0)
    log_w = V.gap_log_weights(V.SLIDERS_MODEL, x)
    return [imaging.upscale(x, 168), imaging.upscale(b.reconstruction, 168), numbers,
            V.kl_figure(b, T.kl_title, T.unused),
            *[imaging.upscale(r.reconstruction, 140) for r in rows], table,
            V.beta_figure(rows, T.beta_fig),
            V.mu_sigma_figure(b, T.mu_sigma_title, T.mu_sigma_labels, z),
            _row(samples), chosen, *_gap_views(log_w, V.GAP_SAMPLES),
            gr.update(value=V.GAP_SAMPLES), log_w.tolist()]


def _gap_views(log_w, k: int) -> list:
    elbo, est, gap = V.gap_numbers(log_w, k)
    return [V.gap_figure(log_w, k, T.gap_fig),
            T.gap_numbers.format(elbo=elbo, gap=gap, est=est, k=int(k))]


@ui.friendly
def gap_slide(log_w: list | None, k: float) -> list:
    """While the K slider moves: the three numbers and the figure for the new K (the 1,000
    log-weights of the chosen digit are already in this session's state)."""
    if not log_w:
        return [gr.skip(), gr.skip()]
    try:
        k = int(k)
    except (TypeError, ValueError):
        raise gr.Error(T.gap_bad_k.format(n=V.GAP_SAMPLES)) from None
    if not 1 <= k <= len(log_w):
        raise gr.Error(T.gap_bad_k.format(n=len(log_w)))
    return _gap_views(log_w, k)


def _gap_testset_text() -> str:
    t = V.gap_testset(V.SLIDERS_MODEL)
    return "" if t is None else T.gap_testset.format(elbo=t["elbo"], iwae=t["iwae"],
                                                     gap=t["iwae"] - t["elbo"])


@ui.friendly
def pick_heldout(indices: list[int], evt: gr.SelectData) -> list:
    return analyse(_heldout_choice(int(indices[evt.index])))


@ui.friendly
@keep_views_on_bad_input(N_ANALYSIS)
def score_drawing(sketch) -> list:
    _, x = V.from_user(ui.editor_image(sketch), drawing=True)
    return analyse({"x": x, "source": T.source_drawing})


@ui.friendly
def score_drawing_live(sketch) -> list:
    """After each stroke: score what is on the canvas; an empty or cleared canvas is no error."""
    try:
        _, x = V.from_user(ui.editor_image(sketch), drawing=True)
    except imaging.InputError:
        return [gr.skip()] * N_ANALYSIS
    return analyse({"x": x, "source": T.source_drawing})


@ui.friendly
@keep_views_on_bad_input(N_ANALYSIS)
def score_upload(path: str | None) -> list:
    _, x = V.from_user(path)
    return analyse({"x": x, "source": T.source_upload})


@ui.friendly
def resample(chosen: dict | None) -> list:
    chosen = chosen or _default_choice()
    b = V.breakdown(V.SLIDERS_MODEL, np.asarray(chosen["x"], np.float32))
    z, samples = V.resample(b)
    return [V.mu_sigma_figure(b, T.mu_sigma_title, T.mu_sigma_labels, z), _row(samples)]


@ui.friendly
def other_digits(page: int) -> list:
    items, idx = _gallery(page + 1)
    return [gr.update(value=items, selected_index=None), idx, page + 1]


def _map(state: dict) -> object:
    point = state.get("point")
    path = state.get("path")
    return V.map_figure(T.map_title, T.map_labels, point=point,
                        path=None if path is None else np.asarray(path))


@ui.friendly
@keep_views_on_bad_input(6)
def map_click(value: str, state: dict) -> list:
    try:
        p = json.loads(value or "")
        x, y = float(p["x"]), float(p["y"])
    except (ValueError, KeyError, TypeError):
        raise imaging.InputError("That click could not be read; click inside the map.") from None
    lo, hi = V.map_extent()
    x, y = float(np.clip(x, lo, hi)), float(np.clip(y, lo, hi))
    state = {**state, "point": (x, y)}
    return [_map(state), V.map_point_image(x, y), gr.update(value=round(x, 2)),
            gr.update(value=round(y, 2)), T.map_clicked.format(x=x, y=y), state]


@ui.friendly
def map_release(z1: float, z2: float, state: dict) -> list:
    """z1 or z2 released: the point's picture (as the page drew it), the map and its words."""
    state = {**state, "point": (float(z1), float(z2))}
    return [V.map_point_image(z1, z2), _map(state), T.map_clicked.format(x=z1, y=z2), state]


def _interpolation_strips(a_class: str, a_k: float, b_class: str, b_k: float):
    """Both models' decodes between the two chosen digits, framed by the digits themselves."""
    x, _ = V.heldout()
    xa, xb = x[V.example_of(int(a_class), int(a_k))], x[V.example_of(int(b_class), int(b_k))]
    path, images2 = V.interpolation(V.MAP_MODEL, xa, xb)
    _, images16 = V.interpolation(V.SLIDERS_MODEL, xa, xb)
    framed = [np.concatenate([xa[None], imgs, xb[None]]) for imgs in (images2, images16)]
    return path, [_row(f) for f in framed]


@ui.friendly
def interpolate_live(a_class: str, a_k: float, b_class: str, b_k: float) -> list:
    """While an example slider moves: the two strips only (the map follows on release)."""
    return _interpolation_strips(a_class, a_k, b_class, b_k)[1]


@ui.friendly
def interpolate(a_class: str, a_k: float, b_class: str, b_k: float, state: dict) -> list:
    path, strips = _interpolation_strips(a_class, a_k, b_class, b_k)
    state = {**state, "path": path.tolist()}
    return [*strips, _map(state), state]


def _grid(images: np.ndarray, sure: np.ndarray):
    from PIL import Image
    return Image.fromarray(V.framed_grid(images, sure))


def _ae_vs_vae(seed: int) -> list:
    """The same z ~ N(0, I) through the VAE and the plain autoencoder, judged."""
    _, vae_imgs, vae_ok = V.prior_samples(V.SLIDERS_MODEL, V.N_SHOWN, seed)
    _, ae_imgs, ae_ok = V.prior_samples(V.AE_MODEL, V.N_SHOWN, seed)   # the same draws (same seed)
    vae_all, ae_all = V.prior_count(V.SLIDERS_MODEL), V.prior_count(V.AE_MODEL)
    counts = T.ae_counts.format(n=V.N_SHOWN, vae=int(vae_ok.sum()), ae=int(ae_ok.sum()),
                                vae_all=vae_all[0] if vae_all else "?", ae_all=ae_all[0] if ae_all else "?")
    return [_grid(vae_imgs, vae_ok), _grid(ae_imgs, ae_ok), counts]


def _aae_samples(seed: int) -> list:
    _, images, ok = V.prior_samples(V.AAE_MODEL, V.N_SHOWN, seed)
    return [_grid(images, ok), T.aae_counts.format(aae=int(ok.sum()), n=V.N_SHOWN)]


def _new_seed() -> int:
    return int(np.random.SeedSequence().entropy % 2**31)


@ui.friendly
def new_ae_samples() -> list:
    return _ae_vs_vae(_new_seed())


@ui.friendly
def new_aae_samples() -> list:
    return _aae_samples(_new_seed())


def _metric(name: str, key: str) -> float:
    from playground import weights
    try:
        return float(weights.entry(name)["metrics"][key])
    except (weights.WeightsError, KeyError):
        return float("nan")


def _ae_aae_static() -> list:
    """Sections 6 and 7 when the tab opens: explanations with the manifest's numbers, the
    first samples (seed 0: the first of the 1,000 the manifest counted) and the two maps."""
    from playground.weights import WeightsError
    count = lambda name: (V.prior_count(name) or ("?",))[0]  # noqa: E731
    try:   # a missing or corrupt file empties its own section, never the tab
        _, ae_std = V.code_spread(V.AE_MODEL)
        _, vae_std = V.code_spread(V.SLIDERS_MODEL)
        ae_text = T.ae_explain.format(spread=T.ae_spread.format(std=ae_std, vae_std=vae_std),
                                      ae_recon=_metric(V.AE_MODEL, "test_recon_nats"),
                                      vae_recon=_metric(V.SLIDERS_MODEL, "test_recon_nats"))
        ae = [ae_text, *_ae_vs_vae(0)]
    except WeightsError as err:
        ae = [f"**{T.weights_missing}:** {ui.without_paths(str(err))}", gr.skip(), gr.skip(), gr.skip()]
    try:
        aae_text = T.aae_explain.format(aae_recon=_metric(V.AAE_MODEL, "test_recon_nats"),
                                        vae_recon=_metric(V.MAP_MODEL, "test_recon_nats"),
                                        aae_all=count(V.AAE_MODEL), vae_all=count(V.MAP_MODEL))
        aae = [aae_text, V.codes_figure(V.AAE_MODEL, T.aae_map_title, T.aae_labels, ring=True),
               V.codes_figure(V.MAP_MODEL, T.vae_map_title, T.aae_labels), *_aae_samples(0)]
    except WeightsError as err:
        aae = [f"**{T.weights_missing}:** {ui.without_paths(str(err))}", *[gr.skip()] * 4]
    return [*ae, *aae]


N_AE_AAE = 9  # the outputs of `_ae_aae_static`


def _linked_digit(query: str | None) -> int | None:
    """The held-out digit a link to this tab names (`digit=`), if the page's address is one."""
    if not query:
        return None
    link = links.parse(query, links.specs(), default_tab="vae")
    digit = link.values.get("digit") if link.tab in (None, "vae") else None
    return None if digit is None else int(digit)


@ui.friendly
def open_tab(ready: bool, map_state: dict, a_class, a_k, b_class, b_k, query: str | None = None) -> list:
    """First visit of this session: fill every view. Later visits change nothing.

    query: the page's address. A link that names a digit gets that digit's views at once
    (the link's restore then finds them drawn: a second drawing of the sixteen views took
    ~3.5 s of a two-core machine's browser)."""
    n_static = V.LATENT + 8
    if ready:
        return [gr.skip()] * (n_static + N_ANALYSIS + 4 + N_AE_AAE + 1)
    used = V.average_kl_per_dim(V.SLIDERS_MODEL) >= V.UNUSED_KL_NATS
    labels = [gr.update(label=(T.slider_label if u else T.slider_unused).format(i=i + 1))
              for i, u in enumerate(used)]
    items, idx = _gallery(0)
    lo, hi = V.map_extent()
    static = [*labels, V.slider_image([0.0] * V.LATENT), gr.update(value=items), idx,
              V.manifold_figure(T.manifold_title), V.map_point_image(0.0, 0.0),
              gr.update(minimum=lo, maximum=hi), gr.update(minimum=lo, maximum=hi),
              _gap_testset_text()]
    interp = interpolate(a_class, a_k, b_class, b_k, map_state)
    digit = _linked_digit(query)
    choice = _default_choice() if digit is None else _heldout_choice(digit)
    return [*static, *analyse(choice), *interp, *_ae_aae_static(), True]


# ---------------------------------------------------------------- layout

def build() -> None:
    ui.explain(T.intro)
    chosen = gr.State(None)
    ready = gr.State(False)
    map_state = gr.State({})
    gallery_idx = gr.State([])
    gallery_page = gr.State(0)
    # the two decoders the page runs itself ("" where the weights are missing)
    sliders_src, map_src = webdecoder.source(V.SLIDERS_MODEL), webdecoder.source(V.MAP_MODEL)

    # 1. latent sliders
    ui.explain(T.sliders_heading)
    with gr.Row(equal_height=False):
        with gr.Column(scale=6):
            sliders = []
            with gr.Row():
                for half in range(2):
                    with gr.Column(min_width=240):
                        for i in range(half * 8, half * 8 + 8):
                            sliders.append(gr.Slider(-V.Z_MAX, V.Z_MAX, value=0.0, step=0.05,
                                                     label=T.slider_label.format(i=i + 1),
                                                     elem_id=f"vae-z{i + 1}", elem_classes=["vae-z"]))
        with gr.Column(scale=4, min_width=280):
            decoded = _live_image(T.decoded, "vae-decoded", 224, decoder=sliders_src)
            with gr.Row():
                random_btn = gr.Button(T.random_z, size="sm", elem_id="vae-random")
                reset_btn = gr.Button(T.reset_z, size="sm", elem_id="vae-reset")
            digit_btn = gr.Button(T.from_digit, size="sm", elem_id="vae-from-digit")
            ui.explain(T.sliders_explain)

    # 2. choose a digit; the ELBO taken apart
    ui.explain(T.elbo_heading)
    gr.Markdown(f"**{T.pick_label}**")
    gallery = gr.Gallery(show_label=False, columns=10, rows=2, height=250, allow_preview=False,
                         object_fit="contain", buttons=[], elem_id="vae-gallery",
                         elem_classes=["pixelated"])
    more_btn = gr.Button(T.more_digits, size="sm")
    with gr.Row(equal_height=False):
        with gr.Column(scale=3, min_width=280):
            sketch = ui.digit_sketchpad(T.draw_label, elem_id="vae-sketch")
            score_btn = gr.Button(T.score_drawing, variant="primary", size="sm", elem_id="vae-score")
        with gr.Column(scale=3, min_width=220):
            gr.Markdown(f"**{T.upload_label}**")
            upload = gr.UploadButton(T.upload_button, file_count="single", size="sm",
                                     elem_id="vae-upload")
            ui.explain(T.scoring_note)
        with gr.Column(scale=4, min_width=300):
            with gr.Row():
                input_img = _still(T.input_image, "vae-input", 200)
                recon_img = _still(T.recon_image, "vae-recon", 200)
            numbers = ui.explain(T.numbers_empty, elem_id="vae-numbers")
    with gr.Row(equal_height=False):
        with gr.Column(scale=3):
            kl_plot = gr.Plot(elem_id="vae-kl", show_label=False)
        with gr.Column(scale=2):
            ui.explain(T.elbo_explain.replace("{samples}", str(V.SCORE_SAMPLES)))
    ui.explain(T.gap_heading)
    with gr.Row(equal_height=False):
        with gr.Column(scale=3):
            gap_plot = gr.Plot(elem_id="vae-gap", show_label=False)
            gap_k = gr.Slider(1, V.GAP_SAMPLES, value=V.GAP_SAMPLES, step=1, label=T.gap_k,
                              elem_id="vae-gap-k")
            gap_text = ui.explain("", elem_id="vae-gap-numbers")
        with gr.Column(scale=2):
            ui.explain(T.gap_explain)
            gap_testset = ui.explain("", elem_id="vae-gap-testset")
    gap_state = gr.State(None)

    # 3. three betas
    ui.explain(T.beta_heading)
    with gr.Row(equal_height=False):
        beta_imgs = [_still(T.beta_image.format(beta=V.beta(n)), f"vae-beta-{i}", 170)
                     for i, n in enumerate(V.BETA_MODELS)]
        with gr.Column(scale=3):
            beta_table = gr.Markdown(elem_id="vae-beta-table")
    with gr.Row(equal_height=False):
        with gr.Column(scale=3):
            beta_plot = gr.Plot(elem_id="vae-beta-plot", show_label=False)
        with gr.Column(scale=2):
            ui.explain(T.beta_explain)

    # 4. reparameterisation
    ui.explain(T.reparam_heading)
    with gr.Row(equal_height=False):
        with gr.Column(scale=3):
            mu_sigma_plot = gr.Plot(elem_id="vae-mu-sigma", show_label=False)
        with gr.Column(scale=2):
            ui.explain(T.reparam_explain)
            resample_btn = gr.Button(T.resample, variant="primary", elem_id="vae-resample")
    samples_img = _live_strip(T.samples_image, "vae-samples", 96)

    # 5. the latent map
    ui.explain(T.map_heading)
    with gr.Row(equal_height=False):
        with gr.Column(scale=5):
            map_plot = gr.Plot(elem_id="vae-map", show_label=False)
        with gr.Column(scale=5):
            manifold_plot = gr.Plot(elem_id="vae-manifold", show_label=False)
        with gr.Column(scale=3, min_width=240):
            point_img = _live_image(T.map_point, "vae-map-decoded", 168, decoder=map_src)
            clicked = gr.Markdown(T.map_click_hint, elem_id="vae-map-clicked")
            z1 = gr.Slider(-3, 3, value=0.0, step=0.05, label=T.z1, elem_id="vae-map-z1")
            z2 = gr.Slider(-3, 3, value=0.0, step=0.05, label=T.z2, elem_id="vae-map-z2")
    bridge = gr.HTML("", visible="hidden", js_on_load=MAP_CLICK_JS, elem_id="vae-map-bridge")
    ui.explain(T.map_explain)
    ui.explain(T.interp_heading)
    with gr.Row(equal_height=False):
        classes = [str(c) for c in range(10)]
        a_class = gr.Dropdown(classes, value="3", label=T.from_class, min_width=90, scale=1,
                              elem_id="vae-interp-from")
        a_k = gr.Slider(0, 99, value=0, step=1, label=T.example, scale=2, elem_id="vae-interp-a")
        b_class = gr.Dropdown(classes, value="8", label=T.to_class, min_width=90, scale=1,
                              elem_id="vae-interp-to")
        b_k = gr.Slider(0, 99, value=0, step=1, label=T.example, scale=2, elem_id="vae-interp-b")
    interp2 = _live_strip(T.interp_2d, "vae-interp-2d")
    interp16 = _live_strip(T.interp_16d, "vae-interp-16d")

    # 6. a plain autoencoder beside the VAE
    ui.explain(T.ae_heading)
    with gr.Row(equal_height=False):
        ae_vae_img = _still(T.ae_vae_title, "vae-ae-vae")
        ae_ae_img = _still(T.ae_ae_title, "vae-ae-ae")
    with gr.Row(equal_height=False):
        with gr.Column(scale=2):
            ae_counts = gr.Markdown(elem_id="vae-ae-counts")
            ae_btn = gr.Button(T.ae_new, variant="primary", size="sm", elem_id="vae-ae-new")
        with gr.Column(scale=3):
            ae_text = ui.explain("", elem_id="vae-ae-explain")

    # 7. adversarial autoencoder
    ui.explain(T.aae_heading)
    with gr.Row(equal_height=False):
        with gr.Column(scale=1):
            aae_map = gr.Plot(elem_id="vae-aae-map", show_label=False)
        with gr.Column(scale=1):
            aae_vae_map = gr.Plot(elem_id="vae-aae-vae-map", show_label=False)
    with gr.Row(equal_height=False):
        with gr.Column(scale=3):
            aae_img = _still(T.aae_samples, "vae-aae-samples")
            aae_counts = gr.Markdown(elem_id="vae-aae-counts")
            aae_btn = gr.Button(T.aae_new, variant="primary", size="sm", elem_id="vae-aae-new")
        with gr.Column(scale=2):
            aae_text = ui.explain("", elem_id="vae-aae-explain")

    # ---------------------------------------------------------- events
    analysis = [input_img, recon_img, numbers, kl_plot, *beta_imgs, beta_table, beta_plot,
                mu_sigma_plot, samples_img, chosen, gap_plot, gap_text, gap_k, gap_state]
    assert len(analysis) == N_ANALYSIS
    # Where the events with many outputs show their progress: a few views, not all of them.
    # Gradio's front end re-reads (deep-copies) the props of EVERY component that has ever
    # shown a loading status, on every status message of every event, a slider drag's
    # included; with all ~45 views of this tab in that set, each slider update cost about
    # 100 ms of browser time (issue 3). The other views still update as before.
    progress = [input_img, recon_img, numbers]
    # While a slider moves: the page decodes z itself, and the server hears nothing
    # (playground/vae/webdecoder.py).
    decode_here = webdecoder.slider_js(sliders_src, V.Z_MAX)
    for s in sliders:
        s.input(None, [decoded, *sliders], decoded, js=decode_here)
    # On release (and for API clients): the image from all sixteen values as shown.
    gr.on([s.release for s in sliders], decode_sliders, sliders, decoded,
          api_name="vae_decode", **queues.LIVE, **queues.RAW)
    random_btn.click(random_z, None, [*sliders, decoded], api_name="vae_random", show_progress_on=decoded,
                     **queues.INTERACTIVE)
    reset_btn.click(reset_z, None, [*sliders, decoded], api_name="vae_reset", show_progress_on=decoded,
                    **queues.INTERACTIVE)
    digit_btn.click(z_from_digit, chosen, [*sliders, decoded], api_name="vae_from_digit",
                    show_progress_on=decoded, **queues.INTERACTIVE)

    gallery.select(pick_heldout, gallery_idx, analysis, api_name="vae_pick", show_progress_on=progress,
                   **queues.INTERACTIVE)
    more_btn.click(other_digits, gallery_page, [gallery, gallery_idx, gallery_page],
                   api_name="vae_more_digits", **queues.INTERACTIVE)
    score_btn.click(score_drawing, sketch, analysis, api_name="vae_score_drawing",
                    show_progress_on=progress, **queues.INTERACTIVE)
    sketch.change(score_drawing_live, sketch, analysis, show_progress_on=progress,
                  **{**queues.INTERACTIVE, "trigger_mode": "always_last", "show_progress": "hidden"})
    upload.upload(score_upload, upload, analysis, api_name="vae_score_upload", show_progress_on=progress,
                  **queues.INTERACTIVE)
    gap_k.input(gap_slide, [gap_state, gap_k], [gap_plot, gap_text], api_visibility="private",
                **queues.LIVE)
    resample_btn.click(resample, chosen, [mu_sigma_plot, samples_img], api_name="vae_resample",
                       **queues.INTERACTIVE)

    bridge.click(map_click, [bridge, map_state], [map_plot, point_img, z1, z2, clicked, map_state],
                 api_name="vae_map_click", **queues.INTERACTIVE)
    # the map's point, the same way: the page decodes while z1 or z2 moves, the server on release
    gr.on([z1.input, z2.input], None, [point_img, z1, z2], point_img,
          js=webdecoder.slider_js(map_src))
    gr.on([z1.release, z2.release], map_release, [z1, z2, map_state], [point_img, map_plot, clicked, map_state],
          **queues.INTERACTIVE)
    interp_inputs = [a_class, a_k, b_class, b_k, map_state]
    interp_outputs = [interp2, interp16, map_plot, map_state]
    gr.on([a_k.input, b_k.input], interpolate_live, interp_inputs[:4], [interp2, interp16],
          **queues.LIVE)
    gr.on([a_class.change, b_class.change, a_k.release, b_k.release], interpolate, interp_inputs,
          interp_outputs, api_name="vae_interpolate", **queues.INTERACTIVE)

    ae_btn.click(new_ae_samples, None, [ae_vae_img, ae_ae_img, ae_counts], api_name="vae_ae_samples",
                 **queues.INTERACTIVE)
    aae_btn.click(new_aae_samples, None, [aae_img, aae_counts], api_name="vae_aae_samples",
                  **queues.INTERACTIVE)
    ae_aae = [ae_text, ae_vae_img, ae_ae_img, ae_counts, aae_text, aae_map, aae_vae_map, aae_img,
              aae_counts]
    assert len(ae_aae) == N_AE_AAE

    # Fill every view the first time the student opens this tab.
    static = [*sliders, decoded, gallery, gallery_idx, manifold_plot, point_img, z1, z2, gap_testset]
    tab = gr.context.get_render_context()
    triggers = [tab.select] if isinstance(tab, gr.Tab) else []
    from playground.app import available_topics  # the first tab is open at load: no select event
    if not triggers or available_topics()[:1] == ["vae"]:
        triggers.append(gr.context.Context.root_block.load)
    address = gr.Textbox(visible=False)   # the page's query string, read by the event's script
    gr.on(triggers, open_tab, [ready, map_state, a_class, a_k, b_class, b_k, address],
          [*static, *analysis, *interp_outputs, *ae_aae, ready], api_name="vae_open",
          js="(...v) => [...v.slice(0, -1), location.search]",
          show_progress_on=[decoded, *progress], **queues.INTERACTIVE)
    _links(chosen, ready, sliders, decoded, map_state, map_plot, point_img, clicked, z1, z2,
           [a_class, a_k, b_class, b_k], analysis, static, interp_outputs, ae_aae)


def _links(chosen, ready, sliders, decoded, map_state, map_plot, point_img, clicked, z1, z2, interp,
           analysis, static, interp_outputs, ae_aae) -> None:
    """What a link carries (playground/links.py): the latent sliders, the chosen held-out digit
    (its index in the test split), the map's point and the interpolation's ends."""
    digit = gr.Number(None, precision=0, visible="hidden", elem_id="vae-digit", label="digit")
    chosen.change(lambda c: (c or {}).get("index"), chosen, digit, queue=False, api_visibility="private")
    classes = tuple(str(c) for c in range(10))
    link = links.declare("vae", {
        "z": (sliders, links.Floats(V.LATENT, -V.Z_MAX, V.Z_MAX, 0.05)),
        "digit": (digit, links.Int(0, 999)),
        "map": ([z1, z2], links.Floats(2, -8, 8, 0.05)),
        # the examples before the classes: a class's change redraws with the example already set
        "a": (interp[1], links.Int(0, 99)), "b": (interp[3], links.Int(0, 99)),
        "from": (interp[0], links.Choice(classes)), "to": (interp[2], links.Choice(classes)),
    }, main="vae-decoded")
    # the tab's first fill (as when it opens), then the link's own values on top
    link.then(open_tab, [ready, map_state, *interp], [*static, *analysis, *interp_outputs, *ae_aae, ready],
              **queues.INTERACTIVE)
    link.then(decode_sliders, sliders, decoded, **queues.LIVE, **queues.RAW)

    @ui.friendly
    def chosen_digit(values, shown):
        """The link's digit, unless its views are those shown already (the tab's first look
        drew them: `open_tab` reads the link's digit from the page's address)."""
        if "digit" not in values or (shown or {}).get("index") == int(values["digit"]):
            return [gr.skip()] * N_ANALYSIS
        return analyse(_heldout_choice(int(values["digit"])))

    link.then(chosen_digit, [chosen], analysis, values=True, **queues.INTERACTIVE)

    @ui.friendly
    def map_point(values, x, y, state):
        if "map" not in values:
            return [gr.skip()] * 4
        return map_release(x, y, state)

    link.then(map_point, [z1, z2, map_state], [point_img, map_plot, clicked, map_state], values=True,
              **queues.INTERACTIVE)
