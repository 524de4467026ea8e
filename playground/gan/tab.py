"""The "GAN training" tab: Gradio wiring only (the work is in session.py, views.py, mnist.py)."""

from __future__ import annotations

import math
import time
import uuid
from dataclasses import dataclass

import gradio as gr
from gradio.components.plot import PlotData
from gradio.context import LocalContext

from playground import files, i18n, links, queues, ui
from playground.gan import datasets, engine, host, mnist, presets, text, toy, views
from playground.gan.session import Session
from playground.imaging import InputError
from playground.weights import WeightsError

T = i18n.strings(text)
TITLE = T.title
WEIGHTS = list(mnist.WEIGHTS)

# One press of Train is one stream of frames, pushed until Pause. The frames come from the
# GAN engine, a process of its own that trains and draws every student's GAN (engine.py,
# host.py): this process only relays them, so a class training at once never slows the
# other tabs' sliders. FRAME_WAIT_S: how long a stream waits for its next frame before it
# says the machine is too busy.
FRAME_WAIT_S = 30.0
LR_RANGE = (1e-6, 100.0)
LR_CHOICES = ["0.00001", "0.0001", "0.0003", "0.001", "0.002", "0.003", "0.01", "0.03", "0.1", "1", "10"]

LIVE_FIELDS = host.LIVE_FIELDS
FRESH_FIELDS = ("data", "g_layers", "g_width", "d_layers", "d_width", "z_dim", "seed")
FIELDS = ("data", "loss", "g_layers", "g_width", "d_layers", "d_width", "g_optimizer", "d_optimizer",
          "g_lr", "d_lr", "d_steps", "batch", "z_dim", "noise", "noise_half_life", "seed")


# --- settings <-> components --------------------------------------------------------

def _lr(value, which: str) -> float:
    try:
        lr = float(value)
    except (TypeError, ValueError):
        lr = float("nan")
    if not (math.isfinite(lr) and LR_RANGE[0] <= lr <= LR_RANGE[1]):
        raise InputError(T.err_lr.format(which=T.lr_which.get(which, which), lo=LR_RANGE[0], hi=LR_RANGE[1],
                                         value=value))
    return lr


def _int(value, lo: int, hi: int) -> int:
    """A whole number from a control, kept inside the control's own range (an API call
    can send anything)."""
    try:
        v = float(value or 0)
    except (TypeError, ValueError):
        v = 0.0
    return int(min(max(v if math.isfinite(v) else lo, lo), hi))


def _choice(value, allowed, default):
    return value if value in allowed else default


def settings_from(*values) -> toy.Settings:
    v = dict(zip(FIELDS, values))
    noise = _int(float(v["noise"] or 0) * 100, 0, 200) / 100
    return toy.Settings(
        data=_choice(v["data"], (*datasets.BUILTIN, "drawn"), "ring"),
        loss=_choice(v["loss"], toy.LOSSES, "non-saturating"),
        g_layers=_int(v["g_layers"], 1, 4), g_width=_int(v["g_width"], 8, 256),
        d_layers=_int(v["d_layers"], 1, 4), d_width=_int(v["d_width"], 8, 256),
        g_optimizer=_choice(v["g_optimizer"], toy.OPTIMIZERS, "adam"),
        d_optimizer=_choice(v["d_optimizer"], toy.OPTIMIZERS, "adam"),
        g_lr=_lr(v["g_lr"], "generator"), d_lr=_lr(v["d_lr"], "discriminator"),
        d_steps=_int(v["d_steps"], 1, 10), batch=_int(v["batch"], 16, 512), z_dim=_int(v["z_dim"], 1, 8),
        noise=noise, noise_half_life=_int(v["noise_half_life"], 0, 10000),
        seed=_int(v["seed"], 0, 2**31 - 1))


def values_of(s: toy.Settings) -> list:
    return [getattr(s, f) if f not in ("g_lr", "d_lr") else f"{getattr(s, f):g}" for f in FIELDS]


# what a link may say for each setting (playground/links.py): the controls' own ranges
LINK_PARAMS = {
    "data": links.Choice(tuple(datasets.BUILTIN)), "loss": links.Choice(tuple(toy.LOSSES)),
    "g_layers": links.Int(1, 4), "g_width": links.Float(8, 256, 8), "d_layers": links.Int(1, 4),
    "d_width": links.Float(8, 256, 8), "g_optimizer": links.Choice(tuple(toy.OPTIMIZERS)),
    "d_optimizer": links.Choice(tuple(toy.OPTIMIZERS)), "g_lr": links.Float(*LR_RANGE, text=True),
    "d_lr": links.Float(*LR_RANGE, text=True), "d_steps": links.Int(1, 10), "batch": links.Float(16, 512, 16),
    "z_dim": links.Int(1, 8), "noise": links.Float(0, 2, 0.05), "noise_half_life": links.Float(0, 10000, 250),
    "seed": links.Int(0, 2**31 - 1),
}


# --- the session's handle and its frames ----------------------------------------------

@dataclass(frozen=True)
class Handle:
    """What a page's gr.State holds: the name of its GAN in the engine (the GAN itself
    lives there). The page's session id, so that closing the page can drop it."""
    sid: str


def _handle(handle: Handle | None) -> Handle:
    if isinstance(handle, Handle):
        return handle
    request = LocalContext.request.get(None)
    return Handle(getattr(request, "session_hash", None) or uuid.uuid4().hex)


def _language() -> str:
    """The student's language, for the engine to draw their frames in."""
    return i18n.current()


def _plot(fig_json: str) -> dict:
    """A plotly figure's JSON as gr.Plot's value, ready to send (events here skip Gradio's
    post-processing: queues.RAW)."""
    return PlotData(type="plotly", plot=fig_json).model_dump()


def _shown(outputs: tuple | None, last: list | None = None) -> tuple:
    """The engine's (canvas, meters, losses json, status) as the tab's outputs; None (all of
    them, or one of the last three): unchanged.

    `last` (a Train stream's): the values this stream sent last, repeated for an unchanged
    output instead of gr.skip(). For a stream Gradio sends only what changed since its last
    yield (nothing, for a repeated value), while every gr.skip() makes Gradio build a new
    component object for the session: three per frame were ~11% of the server's Python
    time with a class training (py-spy, 30 students)."""
    if outputs is None:
        return (gr.skip(),) * 4
    canvas, meters, losses, status = outputs
    shown = [canvas, meters, _plot(losses) if losses is not None else None, status]
    if last is not None:
        for i, value in enumerate(shown):
            if value is None:
                shown[i] = last[i]
            else:
                last[i] = value
    return tuple(gr.skip() if value is None else value for value in shown)


def _answer(handle: Handle, reply: dict, last: list | None = None) -> tuple:
    """A command's reply as the frame outputs, with its warning or error for the student."""
    if reply.get("error_key"):   # the student's input: a message of this tab's text
        raise InputError(getattr(T, reply["error_key"]))
    if reply.get("error"):       # the engine failed (a bug): say so, in plain words
        raise InputError(T.err_engine.format(reason=reply["error"]))
    if reply.get("warning"):
        gr.Warning(reply["warning"])
    return (handle, *_shown(reply.get("outputs"), last))


def _request(op: str, **kw) -> dict:
    try:
        return engine.get().request(op, **kw)
    except engine.EngineError as err:
        raise InputError(T.err_engine.format(reason=err)) from err


def _initial() -> tuple:
    """The first frame of the default preset, shown before a session exists (same seed);
    at build time its words in every language (`i18n.render`)."""
    sess = Session(presets.PRESETS[presets.DEFAULT].settings)
    frame = sess.snapshot()
    return (i18n.render(views.canvas_html, sess, frame), i18n.render(views.meters_html, sess, frame, T),
            PlotData(type="plotly", plot=views.figure_json(views.losses_figure(sess))), T.status_idle)


# --- handlers -----------------------------------------------------------------------------

@ui.friendly
def play(handle, *values):
    """Train: a stream of the engine's frames until Pause, the time limit, divergence, or
    another button taking over (then its last yield changes nothing: Gradio repeats a
    stream's last yield when the stream ends).

    Nothing is held between yields: if the page closes, Gradio closes this generator
    (possibly from another thread) and `finally` tells the engine to stop the run."""
    s = settings_from(*values)
    handle = _handle(handle)
    try:
        stream = engine.get().play(handle.sid, s, _language())
    except engine.EngineError as err:
        raise InputError(T.err_engine.format(reason=err)) from err
    last = [None] * 4   # what this stream showed last (see _shown)
    try:
        while True:
            payload = stream.next(FRAME_WAIT_S)
            if payload is None:
                raise InputError(T.err_engine.format(reason=T.err_no_frame.format(seconds=FRAME_WAIT_S)))
            if payload.get("engine_error"):
                raise InputError(T.err_engine.format(reason=payload["engine_error"]))
            yield _answer(handle, payload, last)
            if payload["final"]:
                return
    finally:
        stream.close()


@ui.friendly
def pause(handle, *values):
    """Stop training; the stream itself sends the frame at the step where it stopped."""
    if not isinstance(handle, Handle):
        return gr.skip()
    return _request("pause", sid=handle.sid, lang=_language())["status"]


def _stepper(action: str):
    @ui.friendly
    def step(handle, *values):
        s = settings_from(*values)
        handle = _handle(handle)
        return _answer(handle, _request("step", sid=handle.sid, action=action, settings=s, lang=_language()))
    return step


@ui.friendly
def reset(handle, *values):
    s = settings_from(*values)
    handle = _handle(handle)
    return _answer(handle, _request("reset", sid=handle.sid, settings=s, lang=_language()))


def story(name: str, s: toy.Settings) -> str:
    """The preset's story, headed by what the student has changed since picking it."""
    p = presets.PRESETS.get(name)
    if p is None:
        return ""
    changed = [T.field_short[f] for f in FIELDS if getattr(s, f) != getattr(p.settings, f)]
    if not changed:
        return T.preset_stories[name]
    return (T.story_changed.format(name=T.preset_names[name], changed=", ".join(changed)) + "\n\n"
            + T.preset_stories[name])


@ui.friendly
def change_live(handle, name, *values):
    """A setting that applies mid-run (learning rate, loss, ...): no reset."""
    s = settings_from(*values)  # a bad learning rate gets its message even before any training
    if isinstance(handle, Handle):
        _request("update", sid=handle.sid, settings=s)
    return story(name, s)


@ui.friendly
def change_fresh(handle, name, *values):
    """Data, network sizes, z dimension or seed changed: a fresh model (keeps playing if it was)."""
    s = settings_from(*values)
    handle = _handle(handle)
    reply = _request("reset", sid=handle.sid, settings=s, lang=_language(), keep_playing=True)
    return (*_answer(handle, reply), story(name, s))


@ui.friendly
def choose_preset(handle, name):
    p = presets.PRESETS.get(name)
    if p is None:
        raise InputError(T.err_preset.format(name=name))
    handle = _handle(handle)
    reply = _request("reset", sid=handle.sid, settings=p.settings, lang=_language())
    return (*_answer(handle, reply), T.preset_stories[name], *values_of(p.settings))


@ui.friendly
def use_drawing(handle, drawing, name, *values):
    points = views.drawing_points(ui.editor_image(drawing))
    if points is None:
        raise InputError(T.err_draw_empty)
    if len(points) < datasets.MIN_DRAWN:
        raise InputError(T.err_draw_few.format(n=len(points), min=datasets.MIN_DRAWN))
    s = settings_from(*values)
    s = toy.Settings(**{**s.as_dict(), "data": "drawn"})
    handle = _handle(handle)
    reply = _request("reset", sid=handle.sid, settings=s, lang=_language(), points=points)
    return (*_answer(handle, reply), "drawn", story(name, s))


@ui.friendly
def export_gif(handle):
    if not isinstance(handle, Handle):
        raise InputError(T.err_nothing_to_export)
    reply = _request("export", sid=handle.sid, kind="gif")
    if reply.get("error_key"):
        raise InputError(getattr(T, reply["error_key"]))
    return str(files.write(f"gan_step{reply['step']}.gif", reply["data"]))


@ui.friendly
def export_png(handle):
    sid = handle.sid if isinstance(handle, Handle) else uuid.uuid4().hex
    reply = _request("export", sid=sid, kind="png")
    return str(files.write(f"gan_step{reply['step']}.png", reply["data"]))


def forget(request: gr.Request) -> None:
    """The page closed: the engine drops its GAN (starts no engine if none runs)."""
    eng = engine.running()
    if eng is not None and request is not None and request.session_hash:
        eng.send("close", sid=request.session_hash)


# --- layout ---------------------------------------------------------------------------------

def _settings_controls() -> dict:
    c = {}
    with gr.Row():
        c["data"] = gr.Radio([(v, k) for k, v in T.data_choices.items()], value="ring", label=T.data)
        c["loss"] = gr.Radio([(v, k) for k, v in T.loss_choices.items()], value="non-saturating",
                             label=T.loss)
    with gr.Row():
        c["g_lr"] = gr.Dropdown(LR_CHOICES, value="0.001", label=T.g_lr, allow_custom_value=True)
        c["d_lr"] = gr.Dropdown(LR_CHOICES, value="0.001", label=T.d_lr, allow_custom_value=True)
        c["g_optimizer"] = gr.Dropdown(list(toy.OPTIMIZERS), value="adam", label=T.g_opt)
        c["d_optimizer"] = gr.Dropdown(list(toy.OPTIMIZERS), value="adam", label=T.d_opt)
    with gr.Row():
        c["g_layers"] = gr.Slider(1, 4, 2, step=1, label=T.g_layers)
        c["g_width"] = gr.Slider(8, 256, 64, step=8, label=T.g_width)
        c["d_layers"] = gr.Slider(1, 4, 2, step=1, label=T.d_layers)
        c["d_width"] = gr.Slider(8, 256, 64, step=8, label=T.d_width)
    with gr.Row():
        c["d_steps"] = gr.Slider(1, 10, 1, step=1, label=T.d_steps)
        c["batch"] = gr.Slider(16, 512, 128, step=16, label=T.batch)
        c["z_dim"] = gr.Slider(1, 8, 2, step=1, label=T.z_dim)
        c["seed"] = gr.Number(0, label=T.seed, precision=0, minimum=0, maximum=2**31 - 1)
    with gr.Row():
        c["noise"] = gr.Slider(0, 2, 0, step=0.05, label=T.noise)
        c["noise_half_life"] = gr.Slider(0, 10000, 0, step=250, label=T.noise_half_life)
    return c


def build() -> None:
    gr.HTML(f"<style>{views.METERS_CSS}{views.CANVAS_CSS}</style>", padding=False)
    ui.explain(T.intro)
    gr.Markdown(T.live_heading)
    state = gr.State(None)
    canvas0, meters0, losses0, status0 = _initial()
    with gr.Row(equal_height=False):
        with gr.Column(scale=3):
            gr.Markdown(T.canvas_label, elem_classes=["explain"])
            canvas = gr.HTML(canvas0, elem_id="gan-canvas", js_on_load=views.canvas_js(), padding=False)
            with gr.Row():
                train_btn = gr.Button(T.train, variant="primary", elem_id="gan-train", min_width=90)
                pause_btn = gr.Button(T.pause, elem_id="gan-pause", min_width=90)
                reset_btn = gr.Button(T.reset, elem_id="gan-reset", min_width=90)
            with gr.Row():
                step_d = gr.Button(T.step_d, size="sm", elem_id="gan-step-d", min_width=80)
                step_g = gr.Button(T.step_g, size="sm", elem_id="gan-step-g", min_width=80)
                step_both = gr.Button(T.step_both, size="sm", elem_id="gan-step-both", min_width=80)
            status = gr.Markdown(status0, elem_id="gan-status")
        with gr.Column(scale=2):
            # shown: the preset's name in the page's language; sent: its key (presets.PRESETS)
            preset = gr.Dropdown([(T.preset_names[k], k) for k in presets.PRESETS], value=presets.DEFAULT,
                                 label=T.preset, info=T.preset_info, elem_id="gan-preset")
            story = gr.Markdown(T.preset_stories[presets.DEFAULT], elem_id="gan-story")
            meters = gr.HTML(meters0, elem_id="gan-meters", js_on_load=views.meters_js())
            gr.Markdown(T.losses_label, elem_classes=["explain"])
            losses = gr.Plot(losses0, show_label=False, elem_id="gan-losses")
    ui.explain(T.how_to_read)
    with gr.Accordion(T.settings, open=True) as settings_box:
        gr.Markdown(T.live_note)
        c = _settings_controls()
    with gr.Accordion(T.draw_heading, open=False) as draw_box:
        gr.Markdown(T.draw_help)
        with gr.Row():
            drawing = gr.Sketchpad(value=views.drawing_background(), label=T.draw_label, type="numpy",
                                   image_mode="RGB", canvas_size=(360, 360), fixed_canvas=True,
                                   layers=False, transforms=(), elem_id="gan-drawing",
                                   brush=gr.Brush(default_size=12, colors=[views.REAL],
                                                  color_mode="fixed"))
            use_btn = gr.Button(T.draw_use, elem_id="gan-use-drawing")
    with gr.Accordion(T.export, open=False) as export_box:
        with gr.Row():
            gif_btn = gr.Button(T.export_gif, elem_id="gan-gif")
            png_btn = gr.Button(T.export_png, elem_id="gan-png")
            export_file = gr.File(label=T.export_file, elem_id="gan-export")

    controls = [c[f] for f in FIELDS]
    frame_out = [state, canvas, meters, losses, status]
    # one stream of frames per press (the engine takes the class's runs in turns).
    # Progress on the status line only: on every output it would cover the canvas and cost
    # the browser work on every frame.
    train_btn.click(play, [state, *controls], frame_out, api_name="gan_train", show_progress_on=status,
                    **queues.TRAINING, **queues.RAW)
    pause_btn.click(pause, state, status, api_name="gan_pause", **queues.LIVE, **queues.RAW)
    stops = frame_out
    for btn, action in ((step_d, "d"), (step_g, "g"), (step_both, "both")):
        btn.click(_stepper(action), [state, *controls], stops, api_name=f"gan_step_{action}",
                  **queues.INTERACTIVE, **queues.RAW)
    reset_btn.click(reset, [state, *controls], stops, api_name="gan_reset", **queues.INTERACTIVE, **queues.RAW)
    preset.input(choose_preset, [state, preset], [*stops, story, *controls], api_name="gan_preset",
                 **queues.INTERACTIVE, **queues.RAW)
    for f in LIVE_FIELDS:
        c[f].input(change_live, [state, preset, *controls], story, **queues.LIVE, **queues.RAW)
    for f in FRESH_FIELDS:
        c[f].input(change_fresh, [state, preset, *controls], [*frame_out, story], **queues.INTERACTIVE,
                   **queues.RAW)
    use_btn.click(use_drawing, [state, drawing, preset, *controls], [*stops, c["data"], story],
                  api_name="gan_use_drawing", **queues.INTERACTIVE, **queues.RAW_OUT)
    gif_btn.click(export_gif, state, export_file, api_name="gan_export_gif", **queues.COMPUTE)
    png_btn.click(export_png, state, export_file, api_name="gan_export_png", **queues.INTERACTIVE)

    root = gr.context.Context.root_block
    if root is not None:
        root.unload(forget)
    # a link sets the preset and the settings; the tab then starts that GAN afresh (seeded: the same frame)
    link = links.declare("gan", {"preset": (preset, links.Choice(tuple(presets.PRESETS), slug=True)),
                                 **{f: (c[f], LINK_PARAMS[f]) for f in FIELDS}},
                         main="gan-canvas", run="gan-train",
                         sections={"settings": settings_box, "export": export_box, "draw": draw_box},
                         presets=("preset", {k: dict(zip(FIELDS, values_of(p.settings)))
                                             for k, p in presets.PRESETS.items()}))
    link.then(change_fresh, [state, preset, *controls], [*frame_out, story], **queues.INTERACTIVE, **queues.RAW)
    mnist_section()


# --- MNIST: the DCGAN timelines -------------------------------------------------------------

def _runs() -> list[tuple[str, str]]:
    """(run, its title) in the order the columns show them: the recipe, the recipe without
    batch norm, the collapsing settings (mnist.RUNS)."""
    return [("healthy", T.run_healthy), ("no_bn", T.run_no_bn), ("collapse", T.run_collapse)]


def mnist_section() -> None:
    gr.Markdown(T.mnist_heading)
    intro = ui.explain(T.mnist_intro.format(acc="≥ 98%"))
    n = mnist.N_SNAPSHOTS
    timeline = gr.Slider(0, n - 1, n - 1, step=1, label=T.timeline, elem_id="gan-timeline")
    info = gr.Markdown(elem_id="gan-timeline-info")
    with gr.Row():
        cols = {}
        for run, title in _runs():
            with gr.Column(min_width=200):
                covered = gr.Markdown(f"**{title}**", elem_id=f"gan-covered-{run}")
                grid = gr.Image(label=title, type="numpy", format="png", interactive=False,
                                elem_classes=["pixelated"], elem_id=f"gan-grid-{run}",
                                buttons=["download"])
                hist = gr.Plot(show_label=False, elem_id=f"gan-hist-{run}")
                cols[run] = (covered, grid, hist)
    with gr.Row():
        play_tl = gr.Button(T.play_timeline, elem_id="gan-play-timeline")
        fresh_btn = gr.Button(T.fresh, elem_id="gan-fresh")
    with gr.Row():
        fresh_out = [gr.Image(type="numpy", format="png", interactive=False, elem_classes=["pixelated"],
                              elem_id=f"gan-fresh-{run}", label=T.fresh_label_empty.format(run=title))
                     for run, title in _runs()]
    shown = [info, *(c for run, _ in _runs() for c in cols[run])]

    @ui.friendly
    def show(i):
        return mnist_view(int(i))

    def on_load():
        try:
            acc = mnist.accuracy_text()
        except WeightsError:  # the banner says why
            acc = "≥ 98%"
        return (T.mnist_intro.format(acc=acc), *mnist_view(n - 1))

    timeline.input(show, timeline, shown, api_name="gan_timeline", **queues.LIVE)

    @ui.friendly
    def play_timeline():
        for i in range(n):
            yield (i, *mnist_view(i))
            time.sleep(0.25)

    play_tl.click(play_timeline, None, [timeline, *shown], api_name="gan_play_timeline", **queues.STREAM)

    @ui.friendly
    def fresh():
        return mnist_fresh()

    fresh_btn.click(fresh, None, fresh_out, api_name="gan_fresh_samples", **queues.INTERACTIVE)
    root = gr.context.Context.root_block
    if root is not None:
        root.load(on_load, None, [intro, *shown], **queues.LIVE)


def mnist_view(i: int) -> tuple:
    """Every run at snapshot i; a run whose weights are missing says so in its column."""
    out = [T.timeline_info.format(i=i + 1, n=mnist.N_SNAPSHOTS)]
    for run, title in _runs():
        try:
            r = mnist.run_view(run, i)
        except WeightsError as err:
            out += [f"**{title}** · *{err}*", gr.skip(), gr.skip()]
            continue
        line = T.snapshot_line.format(title=title, step=r["step"], epoch=r["epoch"],
                                      covered=T.classes_covered.format(k=r["covered"]))
        held = mnist.heldout(run)
        if held is not None:
            line += "  \n" + T.heldout_line.format(fd=held["fd"], ref=held["ref"])
        out += [line, r["grid"],
                views.class_histogram(r["labels"], r["sure"], T.hist_title)]
    return tuple(out)


def mnist_fresh() -> tuple:
    out, missing = [], []
    for run, title in _runs():
        try:
            grid, k = mnist.fresh_samples(run)
        except WeightsError as err:
            missing.append(str(err))
            out.append(gr.skip())
            continue
        out.append(gr.Image(value=grid, label=T.fresh_label.format(run=title, k=k)))
    if len(missing) == len(out):
        raise InputError(missing[0])
    return tuple(out)
