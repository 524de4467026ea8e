"""The CycleGAN tab: Gradio wiring only (the work is in views.py, models.py and model.py)."""

from __future__ import annotations

import itertools
import threading
import time
from pathlib import Path

import gradio as gr
import numpy as np

from playground import files, i18n, links, queues, ui, weights
from playground.cyclegan import text
from playground.cyclegan.upload import UploadedImage

T = i18n.strings(text)
TITLE = T.title
WEIGHTS = ["cyclegan_vintage", "cyclegan_digits"]

EXAMPLES = Path(__file__).resolve().parents[2] / "assets" / "cyclegan" / "examples"
PHOTO_EXAMPLES = ["astronaut.jpg", "chelsea_the_cat.jpg", "coffee.jpg", "rocket.jpg"]
DIGIT_EXAMPLES = [("digit_handwritten_3.png", "digits_ab"), ("digit_handwritten_4.png", "digits_ab"),
                  ("digit_typeset_7.png", "digits_ba"), ("digit_typeset_2.png", "digits_ba")]
RESOLUTIONS = [128, 256, 384, 512]
LINK_PICTURES = PHOTO_EXAMPLES + [f for f, _ in DIGIT_EXAMPLES]


def _views():
    from playground.cyclegan import views  # torch, plotly: imported on first use
    return views


def _translators():
    from playground.cyclegan import models
    return models.translators()


def _download_file(pixels, model_key: str) -> str:
    """A PNG of the translation with a telling name (playground.files: gone within the hour)."""
    h, w = pixels.shape[:2]
    return str(files.write(f"cyclegan-{model_key}-{w}x{h}.png", _views().png_bytes(pixels)))


def _labels(names=("x", "G", "F")) -> dict[str, str]:
    x, G, F = names
    return {k: getattr(T, k).format(x=x, G=G, F=F)
            for k in ("seen_label", "output_label", "back_label", "heatmap_title")}


def _blank():
    views, L = _views(), _labels()
    return (gr.update(value=None, label=L["seen_label"]), gr.update(value=None, label=L["output_label"]),
            gr.update(value=None, label=L["back_label"], visible=True),
            views.error_figure(None, L["heatmap_title"], T.empty_note), "",
            gr.update(value=None, visible=False), gr.update(visible=False))


# Replacing a picture makes gr.Image fire `change` twice with the same file (Gradio 6.31);
# `upload` fires once but a webcam snapshot fires only `change`. And an example sets both the
# picture and the translator. So: a call identical to one running, or finished in the last
# few seconds, in the same session, is answered with "no change" instead of computed again.
REPEAT_S = 3.0
_calls: dict[tuple, float | None] = {}  # key -> finish time (None: still running)
_calls_lock = threading.Lock()


def _claim(key: tuple) -> bool:
    """True if this call should run (and marks it running); False for a repeat."""
    now = time.monotonic()
    with _calls_lock:
        for old in [k for k, t in _calls.items() if t is not None and now - t > 60]:
            del _calls[old]
        if key in _calls and (_calls[key] is None or now - _calls[key] < REPEAT_S):
            return False
        _calls[key] = None
        return True


def _release(key: tuple) -> None:
    with _calls_lock:
        _calls[key] = time.monotonic()


def link_translate(values: dict, image, model_key: str, resolution: int):
    """A link's example picture through its model (as a student's pick would)."""
    if "picture" not in values:
        return (gr.skip(),) * 7
    return translate(image, model_key, resolution)


# A session's newest translation is the one its page shows, whichever ends last. A link sets
# the picture, the model and the size one after another, each a change that translates, and
# two translations run side by side (queues.COMPUTE): on a busy server the one started with
# the page's default picture could end after the link's own and replace it.
_newest: dict[str, int] = {}   # session -> number of its newest translation
_numbers = itertools.count(1)


def _begin(sid: str) -> int:
    with _calls_lock:
        n = _newest[sid] = next(_numbers)
        return n


def _end(sid: str, n: int) -> bool:
    """True if call `n` is still its session's newest (and then forgets the session)."""
    with _calls_lock:
        if _newest.get(sid) != n:
            return False
        del _newest[sid]
        return True


def translate(image, model_key: str, resolution: int, request: gr.Request = None, progress=gr.Progress()):
    """The picture through the chosen generator, and back through its reverse if there is one."""
    sid = getattr(request, "session_hash", None)
    if sid is None:
        return _translate(image, model_key, resolution, progress)
    key = (sid, image, model_key, resolution)
    if image is not None and not _claim(key):
        return (gr.skip(),) * 7
    n = _begin(sid)
    try:
        out = _translate(image, model_key, resolution, progress)
    finally:
        newest = _end(sid, n)
        if image is not None:
            _release(key)
    return out if newest else (gr.skip(),) * 7   # a newer one of this session will show


@ui.friendly
def _translate(image, model_key: str, resolution: int, progress):
    if image is None:
        return _blank()
    translators = _translators()
    if model_key not in translators:
        raise gr.Error(T.unknown_model.format(key=model_key))
    return _outputs(translators[model_key], image, resolution, progress)


def _outputs(t, image, resolution: int = 256, progress=None):
    views = _views()
    r = views.translate(image, t, int(resolution or 256), progress=progress)
    L = _labels(t.names)
    if r.error is None:
        fig = views.error_figure(None, L["heatmap_title"], T.no_reverse_note)
    else:
        fig = views.error_figure(r.error, T.heatmap_mean.format(title=L["heatmap_title"], err=r.mean_error),
                                 T.empty_note)
    return (gr.update(value=views.display(r.x, r.kind), label=L["seen_label"]),
            gr.update(value=views.display(r.y, r.kind), label=L["output_label"]),
            # one-way models: no empty third frame (the note under the heatmap says why)
            gr.update(value=None if r.back is None else views.display(r.back, r.kind), label=L["back_label"],
                      visible=r.back is not None),
            fig, _summary(t, r),
            gr.update(value=_download_file(np.asarray(views.display(r.y, r.kind)), t.key), visible=True),
            gr.update(visible=r.back is None))


@ui.friendly
def translate_drawing(sketch, model_key: str):
    """A digit drawn on the canvas, through the digit pair (live: a few milliseconds)."""
    drawing = ui.editor_image(sketch)
    if drawing is None or _views().blank(drawing):
        return (gr.skip(),) * 8  # nothing drawn yet (or just cleared): keep what is shown
    key = model_key if model_key == "digits_ba" else "digits_ab"  # a drawing is handwriting
    # the menu shows which translator answered (a programmatic change: no second translation)
    return (*_outputs(_translators()[key], drawing), key)


def _score(v: float) -> float:
    return round(v, 2) + 0.0  # no "-0.00" on the page


def _summary(t, r) -> str:
    if r.kind == "digit":
        m = weights.entry("cyclegan_digits")["metrics"]
        s = T.summary_digit.format(model=t.label, err=r.mean_error, n=int(m["test_digits"]),
                                   heldout=m["test_cycle_l1"])
        if r.critic:
            ab = t.key == "digits_ab"
            s += "\n\n" + T.summary_critic.format(critic="$D_B$" if ab else "$D_A$",
                                                  domain=T.domain_B if ab else T.domain_A, G=t.names[1],
                                                  cin=_score(r.critic["input"]), cout=_score(r.critic["output"]))
        return s
    g = r.geometry
    s = T.summary_photo.format(model=t.label, w=g.resized[0], h=g.resized[1], ow=g.original[0],
                               oh=g.original[1], tg=r.seconds["G"])
    if g.shrunk:
        s += T.summary_shrunk.format(limit=int(_views().MAX_ASPECT))
    if r.back is not None:
        s += T.summary_back.format(tf=r.seconds["F"], err=r.mean_error)
    return s


def describe(model_key: str):
    """The chosen translator's origin; the working size only matters for photos."""
    t = _translators().get(model_key)
    if t is None:
        return "", gr.update()
    digit = t.kind == "digit"
    return (f"*{t.source}*", gr.update(interactive=not digit,
                                       info=T.digits_ignore_size if digit else T.resolution_info))


@ui.friendly
def trained_pair():
    """The two piles the pair learned from, a test-digit round trip strip, and its numbers."""
    from playground.cyclegan import gallery
    e = weights.entry("cyclegan_digits")
    m = e["metrics"]
    # "keeps the digit" only when the gain over the untranslated digits is clear of its 95% interval
    better = m["test_digit_kept_ab_gain"] - m["test_digit_kept_ab_gain_ci95"] > 0
    verdict = (T.kept_better if better else T.kept_not_better).format(
        kept=m["test_digit_kept_ab"], kept_in=m["test_digit_kept_ab_input"])
    md = T.trained_metrics.format(all=m["test_cycle_l1"], aba=m["test_cycle_l1_aba"],
                                  bab=m["test_cycle_l1_bab"], kept_verdict=verdict, steps=e["steps"],
                                  command=e["command"])
    piles, strip = gallery.pictures()
    return piles, strip, md


def build() -> None:
    from playground.cyclegan.models import user_translators  # lists files only: cheap

    choices = [(T.model_vintage, "vintage"), (T.model_digits_ab, "digits_ab"),
               (T.model_digits_ba, "digits_ba")]
    users = user_translators()
    choices += [(t.label, t.key) for t in users]

    ui.explain(T.intro)
    with gr.Row(equal_height=False):
        with gr.Column(scale=2):
            with gr.Tabs():
                with gr.Tab(T.tab_picture, id="picture"):
                    image = UploadedImage(label=T.input_label, sources=["upload", "webcam", "clipboard"],
                                          type="filepath", height=300, elem_id="cyclegan-input")
                with gr.Tab(T.tab_draw, id="draw", elem_id="cyclegan-draw-tab"):
                    sketch = ui.digit_sketchpad(T.draw_label, elem_id="cyclegan-draw")
        with gr.Column(scale=3):
            model = gr.Dropdown(choices, value="vintage", label=T.model_label, elem_id="cyclegan-model")
            source = ui.explain(f"*{T.source_vintage}*", elem_id="cyclegan-source")
            resolution = gr.Radio(RESOLUTIONS, value=256, label=T.resolution_label,
                                  info=T.resolution_info, elem_id="cyclegan-resolution")
            go = gr.Button(T.translate, variant="primary", elem_id="cyclegan-go")
            gr.Examples([[str(EXAMPLES / f), "vintage"] for f in PHOTO_EXAMPLES], [image, model],
                        label=T.examples_photos, examples_per_page=8, visible_columns=[0])
            gr.Examples([[str(EXAMPLES / f), k] for f, k in DIGIT_EXAMPLES], [image, model],
                        label=T.examples_digits, examples_per_page=8, visible_columns=[0])
    summary = ui.explain("", elem_id="cyclegan-summary")
    with gr.Row(equal_height=True):
        L = _labels()
        seen = gr.Image(label=L["seen_label"], interactive=False, format="png", height=300,
                        elem_id="cyclegan-seen", elem_classes=["pixelated"], buttons=["fullscreen"])
        output = gr.Image(label=L["output_label"], interactive=False, format="png", height=300,
                          elem_id="cyclegan-output", elem_classes=["pixelated"],
                          buttons=["download", "fullscreen"])
        back = gr.Image(label=L["back_label"], interactive=False, format="png", height=300,
                        elem_id="cyclegan-back", elem_classes=["pixelated"], buttons=["fullscreen"])
    download = gr.DownloadButton(T.download, visible=False, elem_id="cyclegan-download", size="sm")
    ui.explain(T.cycle_heading)
    with gr.Row(equal_height=False):
        with gr.Column(scale=3):
            heat = gr.Plot(show_label=False, elem_id="cyclegan-heatmap")
        with gr.Column(scale=2):
            no_reverse = ui.explain(T.no_reverse, visible=False, elem_id="cyclegan-no-reverse")
            ui.explain(T.cycle_explain)
    with gr.Accordion(T.trained_heading, open=False) as pair_box:
        ui.explain(T.trained_explain)
        with gr.Row():
            piles = gr.Image(show_label=False, interactive=False, format="png", elem_classes=["pixelated"],
                             buttons=["fullscreen"], elem_id="cyclegan-piles")
        strip = gr.Image(show_label=False, interactive=False, format="png", elem_classes=["pixelated"],
                         buttons=["fullscreen"], elem_id="cyclegan-strip")
        pair_md = ui.explain("")
    with gr.Accordion(T.objective_heading, open=False):
        ui.explain(T.objective)
    with gr.Accordion(T.user_heading, open=False):
        found = i18n.join(", ", [f"`{t.label}`" for t in users]) or T.user_none
        ui.explain(T.user_explain.format(found=found))

    outputs = [seen, output, back, heat, summary, download, no_reverse]
    # model.input: a student's own choice (an example sets the model too, and then its picture's
    # change event runs the translation once)
    gr.on([image.change, model.input, resolution.change, go.click], translate, [image, model, resolution],
          outputs, api_name="cyclegan_translate", trigger_mode="always_last", **queues.COMPUTE)
    model.change(describe, model, [source, resolution], api_name="cyclegan_describe", **queues.LIVE)
    # what a link carries (playground/links.py): an example picture (by file name), the model,
    # the resolution; the tab translates it (a student's own picture is not in a link)
    link = links.declare("cyclegan", {
        "model": (model, links.Choice(tuple(k for _, k in choices))),
        "resolution": (resolution, links.Choice(tuple(RESOLUTIONS))),
        # last: setting the picture translates it, with the model and size already set
        "picture": (image, links.Choice(tuple(LINK_PICTURES), file=str(EXAMPLES))),
    }, main="cyclegan-output", run="cyclegan-go")
    link.then(link_translate, [image, model, resolution], outputs, values=True, **queues.COMPUTE)
    sketch.change(translate_drawing, [sketch, model], [*outputs, model], api_name="cyclegan_translate_drawing",
                  **queues.LIVE)
    pair_box.expand(trained_pair, None, [piles, strip, pair_md], api_name="cyclegan_trained_pair",
                    **queues.INTERACTIVE)
