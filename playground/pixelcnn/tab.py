"""The "Pixel by pixel" tab: Gradio wiring only (the work is in views.py)."""

from __future__ import annotations

import random

import gradio as gr
import numpy as np

from playground import i18n, imaging, links, queues, ui
from playground.pixelcnn import render, text, views

T = i18n.strings(text)
W = T  # the same words as a mapping, for views.py (read when used: in the session's language)
TITLE = T.title
WEIGHTS = [views.GATED, views.PLAIN, views.NADE, views.continuous.NAME]
ANY = "any"  # the class choice "any digit": views.class_index reads it as no label


def _digit_choices() -> list[tuple[str, str]]:
    return [(T.any_class, ANY)] + [(str(k), str(k)) for k in range(10)]


def _speed_choices() -> list[tuple[str, str]]:
    return [(T.speed_watch, "watch"), (T.speed_fast, "fast"), (T.speed_max, "max")]


# ----------------------------------------------------------------------------------
# handlers (thin: check input, call views)
# ----------------------------------------------------------------------------------

def _model_choices() -> list[tuple[str, str]]:
    return [(T.gen_model_gated, views.GATED), (T.gen_model_nade, views.NADE)]


@ui.friendly
def on_generate(choice, n, temperature, seed, speed, model_name=views.GATED):
    yield from views.generate(choice, int(n), float(temperature), int(seed or 0), speed, W,
                              model_name if model_name in (views.GATED, views.NADE) else views.GATED)


def on_temperature(t):
    return views.temperature_curve(float(t), W)


def new_seed():
    return random.randint(0, 99_999)


def _drawn_digit(drawing):
    image = ui.editor_image(drawing)
    if image is None:
        raise imaging.InputError(T.error_blank)
    return views.user_digit(image, W)


def _source_digit(source, index, drawing):
    if source == "drawing":
        return _drawn_digit(drawing)
    return views.heldout_digit(int(index))[0]


def _heldout_note(index) -> str:
    return T.heldout_note.format(index=int(index), label=views.heldout_digit(int(index))[1])


@ui.friendly
def on_complete_preview(source, index, drawing, hide):
    try:
        digit = _source_digit(source, index, drawing)
    except imaging.InputError as err:
        return f"<p>{err}</p>"
    note = _heldout_note(index) if source == "heldout" else ""
    return views.completion_preview(digit, int(hide), W, note)


@ui.friendly
def on_complete(source, index, drawing, hide, n, seed, choice):
    digit = _source_digit(source, index, drawing)
    yield from views.complete(digit, int(hide), int(n), int(seed or 0), choice, 1.0, W)


def _likelihood(digit, note=""):
    report = views.likelihood_report(digit, W)
    nll, bpd = float(report["nll"][0]), float(report["bits_per_dim"][0])
    typical = views.heldout_range()
    if typical is None:
        verdict = T.verdict_unknown
    elif nll > typical["p95"]:
        verdict = T.verdict_unlikely
    elif nll < typical["p05"]:
        verdict = T.verdict_likely
    else:
        verdict = T.verdict_typical
    summary = T.score_summary.format(nll=nll, bpd=bpd, log10=nll / np.log(10), verdict=note + verdict)
    gallery = [(imaging.upscale(d, 112), T.gallery_caption.format(name=name, nats=v))
               for d, name, v in zip(report["digits"], report["names"], report["nll"])]
    models = views.comparison_figure(digit, views.model_comparison(digit, W), W)
    return (summary, gallery, views.nll_bar_figure(report, W), views.heatmap_figure(report, W),
            views.class_figure(report, W), models)


@ui.friendly
def on_score_drawing(drawing):
    return _likelihood(_drawn_digit(drawing))


@ui.friendly
def on_score_upload(path):
    if not path:
        raise imaging.InputError(T.error_no_upload)
    image = imaging.open_image(path, "L", need=imaging.DIGIT_NEED)
    if min(image.size) < 8:
        raise imaging.InputError(T.error_upload_small.format(w=image.width, h=image.height))
    return _likelihood(views.user_digit(image, W))


@ui.friendly
def on_score_heldout(index):
    return _likelihood(views.heldout_digit(int(index))[0], _heldout_note(index))


@ui.friendly
def on_field(index, row, col):
    digit = views.heldout_digit(int(index or 0))[0]
    row, col = (int(np.clip(v or 0, 0, views.SIZE - 1)) for v in (row, col))
    f = views.fields(digit, row, col)
    summary = T.field_summary.format(
        i=row * views.SIZE + col, row=row, col=col, earlier=f["plain"]["earlier"],
        plain_seen=f["plain"]["seen"], plain_blind=f["plain"]["blind"], plain_future=f["plain"]["future_seen"],
        gated_seen=f["gated"]["seen"], gated_blind=f["gated"]["blind"], gated_future=f["gated"]["future_seen"])
    rnn = views.rnn_fields(digit, row, col)
    row_lstm, diagonal = rnn["row_lstm"], rnn["diagonal_bilstm"]
    summary += T.field_summary_rnn.format(
        row_seen=row_lstm["seen"], row_missed=row_lstm["missed"], diag_seen=diagonal["seen"],
        diag_missed=diagonal["missed"], future=row_lstm["future_seen"] + diagonal["future_seen"])
    return f["plain"]["picture"], f["gated"]["picture"], row_lstm["picture"], diagonal["picture"], summary


def on_field_click(index, evt: gr.SelectData):
    x, y = evt.index[0], evt.index[1]
    row, col = int(np.clip(y // 10, 0, 27)), int(np.clip(x // 10, 0, 27))
    return (row, col, *on_field(index, row, col))


def on_count(n):
    n = int(n)
    counts = views.parameter_counts(n)
    models = views.model_parameters(W)
    rows = "".join(T.count_model_row.format(label=label, count=f"{c:,}") for label, c in models.items())
    table = T.count_table.format(n=n, models=rows, **{k: views.format_count(v) for k, v in counts.items()})
    return views.parameter_figure(n, W, models), table


# ----------------------------------------------------------------------------------
# layout
# ----------------------------------------------------------------------------------

def _idle_frame() -> str:
    blank = np.zeros((1, 28, 28), np.float32)
    nan = np.full((1, 28, 28), np.nan, np.float32)
    return render.generation_frame(blank, nan, 0, None, None, W, T.status_idle, "idle")


def build() -> None:
    ui.explain(T.intro)
    with gr.Tabs():
        with gr.Tab(T.tab_generate, id="pixelcnn-generate"):
            gen = _build_generate()
        with gr.Tab(T.tab_complete, id="pixelcnn-complete") as complete_tab:
            preview = _build_complete()
        with gr.Tab(T.tab_likelihood, id="pixelcnn-likelihood"):
            _build_likelihood()
        with gr.Tab(T.tab_field, id="pixelcnn-field") as field_tab:
            field_inputs, field_outputs = _build_field()
        # drawn when the sub-tab is shown: the weights load on first use, not at build time
        field_tab.select(on_field, field_inputs, field_outputs, api_name=False, **queues.INTERACTIVE)
        with gr.Tab(T.tab_count, id="pixelcnn-count") as count_tab:
            count = _build_count()
        with gr.Tab(T.tab_continuous, id="pixelcnn-continuous") as continuous_tab:
            cont = _build_continuous()
    # Sub-tabs are filled when first shown: building the page loads no data, no model and
    # makes no figure (the first plotly figure of a process alone takes a second).
    complete_tab.select(*preview, api_name=False, **queues.LIVE)
    count_tab.select(*count, api_name=False, **queues.LIVE)
    continuous_tab.select(*cont, api_name=False, **queues.LIVE)
    # what a link carries (playground/links.py): the Generate settings; run=1 presses Generate
    # (seeded: the same digits)
    link = links.declare("pixelcnn", {
        "digit": (gen["choice"], links.Choice(tuple(v for _, v in _digit_choices()))),
        "temperature": (gen["temperature"], links.Float(0.1, 2.0, 0.05)),
        "samples": (gen["n"], links.Int(1, views.MAX_SAMPLES)),
        "seed": (gen["seed"], links.Int(0, 2**31 - 1)),
        "speed": (gen["speed"], links.Choice(tuple(v for _, v in _speed_choices()))),
        "model": (gen["model"], links.Choice(tuple(v for _, v in _model_choices()))),
    }, main="pixelcnn-frame", run="pixelcnn-generate-btn")
    link.then(on_temperature, gen["temperature"], gen["temp_plot"], **queues.LIVE)


def _build_generate() -> dict:
    with gr.Row():
        with gr.Column(scale=1, min_width=280):
            model_name = gr.Radio(_model_choices(), value=views.GATED, label=T.gen_model,
                                  elem_id="pixelcnn-model")
            choice = gr.Radio(_digit_choices(), value=ANY, label=T.class_label,
                              elem_id="pixelcnn-class")
            temperature = gr.Slider(0.1, 2.0, value=1.0, step=0.05, label=T.temperature,
                                    elem_id="pixelcnn-temperature")
            temp_plot = gr.HTML(i18n.render(views.temperature_curve, 1.0, W),
                                elem_id="pixelcnn-temperature-curve", js_on_load=None)
            n = gr.Slider(1, views.MAX_SAMPLES, value=1, step=1, label=T.samples, elem_id="pixelcnn-samples")
            with gr.Row():
                seed = gr.Number(value=0, precision=0, label=T.seed, minimum=0, elem_id="pixelcnn-seed",
                                 scale=2, min_width=120)
                dice = gr.Button(T.new_seed, size="sm", scale=1, min_width=80)
            speed = gr.Radio(_speed_choices(), value="fast", label=T.speed, elem_id="pixelcnn-speed")
            with gr.Row():
                go = gr.Button(T.generate, variant="primary", elem_id="pixelcnn-generate-btn")
                stop = gr.Button(T.stop, variant="stop", elem_id="pixelcnn-stop-btn")
        with gr.Column(scale=3):
            frame = gr.HTML(i18n.render(_idle_frame), css_template=render.CSS, elem_id="pixelcnn-frame",
                            js_on_load=None)
            ui.explain(T.generate_explain)
    dice.click(new_seed, None, seed, api_name=False, **queues.LIVE)
    temperature.input(on_temperature, temperature, temp_plot, api_name=False, **queues.LIVE, **queues.RAW)
    # the frames are HTML strings, up to 25 a second: no per-frame post-processing (queues.RAW)
    run = go.click(on_generate, [choice, n, temperature, seed, speed, model_name], frame,
                   api_name="pixelcnn_generate", **queues.STREAM, **queues.RAW)
    stop.click(None, None, None, cancels=[run], api_name=False)
    return {"choice": choice, "temperature": temperature, "n": n, "seed": seed, "speed": speed,
            "model": model_name, "temp_plot": temp_plot}


def _build_complete() -> None:
    with gr.Row():
        with gr.Column(scale=1, min_width=300):
            source = gr.Radio([(T.source_heldout, "heldout"), (T.source_drawing, "drawing")],
                              value="heldout", label=T.source, elem_id="pixelcnn-complete-source")
            index = gr.Slider(0, 999, value=700, step=1, label=T.heldout_index, elem_id="pixelcnn-complete-index")
            dice = gr.Button(T.random_digit, size="sm")
            drawing = ui.digit_sketchpad(T.draw_here, elem_id="pixelcnn-complete-draw")
        with gr.Column(scale=2):
            hide = gr.Slider(1, 27, value=14, step=1, label=T.hide_rows, elem_id="pixelcnn-hide")
            with gr.Row():
                n = gr.Slider(1, views.MAX_SAMPLES, value=6, step=1, label=T.completions)
                choice = gr.Dropdown([(T.guess_class, views.GUESS)] + _digit_choices(),
                                     value=views.GUESS, label=T.complete_class, elem_id="pixelcnn-complete-class")
                seed = gr.Number(value=0, precision=0, label=T.seed, minimum=0)
            with gr.Row():
                go = gr.Button(T.complete, variant="primary", elem_id="pixelcnn-complete-btn")
                stop = gr.Button(T.stop, variant="stop")
            frame = gr.HTML(css_template=render.CSS, elem_id="pixelcnn-complete-frame", js_on_load=None)
            ui.explain(T.complete_explain)
    preview_inputs = [source, index, drawing, hide]
    for control in (source, index, hide):
        control.input(on_complete_preview, preview_inputs, frame, api_name=False, **queues.LIVE)
    drawing.change(on_complete_preview, preview_inputs, frame, api_name=False, **queues.LIVE)
    dice.click(lambda: random.randint(0, 999), None, index, api_name=False, **queues.LIVE).then(
        on_complete_preview, preview_inputs, frame, api_name=False, **queues.LIVE)
    run = go.click(on_complete, [source, index, drawing, hide, n, seed, choice], frame, **queues.RAW_OUT,
                   api_name="pixelcnn_complete", **queues.STREAM)
    stop.click(None, None, None, cancels=[run], api_name=False)
    return on_complete_preview, preview_inputs, frame


def _build_likelihood() -> None:
    with gr.Row():
        with gr.Column(scale=1, min_width=300):
            with gr.Tabs():
                with gr.Tab(T.draw_tab):
                    drawing = ui.digit_sketchpad(T.draw_score, elem_id="pixelcnn-score-draw")
                    score_draw = gr.Button(T.score, variant="primary", elem_id="pixelcnn-score-btn")
                with gr.Tab(T.upload_tab):
                    upload = gr.File(label=T.upload_label, file_count="single", type="filepath",
                                     elem_id="pixelcnn-upload")
                    score_upload = gr.Button(T.score_upload, variant="primary")
                with gr.Tab(T.heldout_tab):
                    index = gr.Slider(0, 999, value=700, step=1, label=T.heldout_index,
                                      elem_id="pixelcnn-score-index")
                    score_heldout = gr.Button(T.score_heldout, variant="primary")
            ui.explain(T.likelihood_explain)
        with gr.Column(scale=2):
            summary = gr.HTML(elem_id="pixelcnn-score-summary", js_on_load=None,
                              css_template=".pix-score { display: flex; gap: 28px; align-items: baseline; }"
                                           ".pix-big { font-size: 2em; font-weight: 700; }")
            gallery = gr.Gallery(label=T.gallery, columns=4, height=190, object_fit="contain",
                                 elem_id="pixelcnn-score-gallery", allow_preview=False)
            bars = gr.Plot(show_label=False, elem_id="pixelcnn-score-bars")
            heat = gr.Plot(show_label=False, elem_id="pixelcnn-score-heat")
            classes = gr.Plot(show_label=False, elem_id="pixelcnn-score-classes")
            models = gr.Plot(show_label=False, elem_id="pixelcnn-score-models")
            ui.explain(T.nade_explain)
    outputs = [summary, gallery, bars, heat, classes, models]
    score_draw.click(on_score_drawing, drawing, outputs, api_name="pixelcnn_score", **queues.INTERACTIVE)
    upload.upload(on_score_upload, upload, outputs, api_name="pixelcnn_score_upload", **queues.INTERACTIVE)
    score_upload.click(on_score_upload, upload, outputs, api_name=False, **queues.INTERACTIVE)
    score_heldout.click(on_score_heldout, index, outputs, api_name="pixelcnn_score_heldout",
                        **queues.INTERACTIVE)
    index.release(on_score_heldout, index, outputs, api_name=False, **queues.INTERACTIVE)


def _build_field() -> None:
    with gr.Row():
        index = gr.Slider(0, 999, value=213, step=1, label=T.field_digit, elem_id="pixelcnn-field-index")
        row = gr.Number(value=14, precision=0, minimum=0, maximum=27, label=T.field_row, elem_id="pixelcnn-field-row")
        col = gr.Number(value=14, precision=0, minimum=0, maximum=27, label=T.field_col, elem_id="pixelcnn-field-col")
    gr.Markdown(T.field_click)
    with gr.Row():
        plain_img = gr.Image(label=T.field_plain, format="png", interactive=False, buttons=[],
                             elem_id="pixelcnn-field-plain", elem_classes=["pixelated"], height=300)
        gated_img = gr.Image(label=T.field_gated, format="png", interactive=False, buttons=[],
                             elem_id="pixelcnn-field-gated", elem_classes=["pixelated"], height=300)
    with gr.Row():
        row_img = gr.Image(label=T.field_row_lstm, format="png", interactive=False, buttons=[],
                           elem_id="pixelcnn-field-rowlstm", elem_classes=["pixelated"], height=300)
        diag_img = gr.Image(label=T.field_diagonal, format="png", interactive=False, buttons=[],
                            elem_id="pixelcnn-field-diagonal", elem_classes=["pixelated"], height=300)
    summary = gr.HTML(elem_id="pixelcnn-field-summary", js_on_load=None)
    gr.Markdown(T.field_legend)
    ui.explain(T.field_explain)
    ui.explain(T.field_rnn_explain)
    outputs = [plain_img, gated_img, row_img, diag_img, summary]
    for image in (plain_img, gated_img, row_img, diag_img):
        image.select(on_field_click, index, [row, col, *outputs], api_name=False, **queues.INTERACTIVE)
    for control in (row, col):
        control.submit(on_field, [index, row, col], outputs, api_name=False, **queues.INTERACTIVE)
    index.release(on_field, [index, row, col], outputs, api_name="pixelcnn_field", **queues.INTERACTIVE)
    return [index, row, col], outputs


def _build_count() -> None:
    n = gr.Slider(1, 784, value=64, step=1, label=T.count_n, elem_id="pixelcnn-count-n")
    with gr.Row():
        with gr.Column(scale=3):
            plot = gr.Plot(show_label=False, elem_id="pixelcnn-count-plot")
        with gr.Column(scale=2):
            table = ui.explain("", elem_id="pixelcnn-count-table")
    ui.explain(T.count_explain)
    n.input(on_count, n, [plot, table], api_name="pixelcnn_count", **queues.LIVE)
    return on_count, n, [plot, table]


@ui.friendly
def on_continuous(left, k):
    return views.continuous_view(int(left or 0), int(k or 1), W)


def _build_continuous():
    with gr.Row():
        k = gr.Slider(1, 10, value=3, step=1, label=T.cont_k, elem_id="pixelcnn-cont-k")
        left = gr.Slider(0, 255, value=255, step=1, label=T.cont_left, elem_id="pixelcnn-cont-left")
    with gr.Row():
        with gr.Column(scale=3):
            plot = gr.Plot(show_label=False, elem_id="pixelcnn-cont-plot")
        with gr.Column(scale=2):
            table = ui.explain("", elem_id="pixelcnn-cont-table")
            ui.explain(T.cont_explain)
    for control in (k, left):
        control.input(on_continuous, [left, k], [plot, table], api_name=False, **queues.LIVE)
    return on_continuous, [left, k], [plot, table]
