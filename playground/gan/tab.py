"""The "GAN training" tab: Gradio wiring only (the work is in session.py, views.py, mnist.py)."""

from __future__ import annotations

import math
import os
import tempfile
import threading
import time
from pathlib import Path

import gradio as gr
from gradio.components.plot import PlotData

from playground import i18n, queues, ui
from playground.gan import datasets, mnist, presets, text, toy, views
from playground.gan.session import Session
from playground.imaging import InputError
from playground.weights import WeightsError

T = i18n.strings(text)
TITLE = T.title
WEIGHTS = list(mnist.WEIGHTS)

# Streaming: one press of Train is one generator event that pushes frames until Pause.
# Each frame trains for up to TRAIN_S of CPU time in chunks of ~CHUNK_S, sleeping briefly
# between chunks so other sessions' handlers get the GIL, then draws. Pushing, not pulling:
# the next burst trains while the browser paints the last frame. (A gr.Timer that pulled
# each frame added a queue round trip and the timer's wait, ~60 ms, to every frame.)
TRAIN_S = 0.050
CHUNK_S = 0.005
MAX_PLAY_S = 120          # one press of Train runs at most this long
# The losses chart and the status line change slowly; redrawn every frame, the chart alone
# took ~70 ms of the browser's main thread per redraw (plotly), more than a frame's budget.
SLOW_S = 0.5              # so they are sent at most twice a second
# How many sessions train at the same instant. Every student's Train stream runs (see
# queues.TRAINING), but on a 2-core machine more than two computing at once only adds
# GIL and cache contention; the rest wait for a turn between frames.
TRAINING_SLOTS = threading.BoundedSemaphore(max(1, min(2, os.cpu_count() or 1)))
LR_RANGE = (1e-6, 100.0)
LR_CHOICES = ["0.00001", "0.0001", "0.0003", "0.001", "0.002", "0.003", "0.01", "0.03", "0.1", "1", "10"]

LIVE_FIELDS = ("loss", "g_optimizer", "d_optimizer", "g_lr", "d_lr", "d_steps", "batch", "noise",
               "noise_half_life")
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
        raise InputError(T.err_lr.format(which=which, lo=LR_RANGE[0], hi=LR_RANGE[1], value=value))
    return lr


def settings_from(*values) -> toy.Settings:
    v = dict(zip(FIELDS, values))
    return toy.Settings(
        data=v["data"], loss=v["loss"], g_layers=int(v["g_layers"]), g_width=int(v["g_width"]),
        d_layers=int(v["d_layers"]), d_width=int(v["d_width"]), g_optimizer=v["g_optimizer"],
        d_optimizer=v["d_optimizer"], g_lr=_lr(v["g_lr"], "generator"),
        d_lr=_lr(v["d_lr"], "discriminator"), d_steps=int(v["d_steps"]), batch=int(v["batch"]),
        z_dim=int(v["z_dim"]), noise=float(v["noise"] or 0), noise_half_life=int(v["noise_half_life"] or 0),
        seed=int(v["seed"] or 0))


def values_of(s: toy.Settings) -> list:
    return [getattr(s, f) if f not in ("g_lr", "d_lr") else f"{getattr(s, f):g}" for f in FIELDS]


# --- frames ---------------------------------------------------------------------------

def _plot(fig: dict) -> PlotData:
    return PlotData(type="plotly", plot=views.figure_json(fig))


def outputs(sess: Session, status: str, losses: bool = True) -> tuple:
    frame = sess.snapshot()
    return (sess, views.canvas_html(sess, frame), views.meters_html(sess, frame, T),
            _plot(views.losses_figure(sess)) if losses else gr.skip(), status)


def _initial() -> tuple:
    """The first frame of the default preset, shown before a session exists (same seed);
    at build time its words in every language (`i18n.render`)."""
    sess = Session(presets.PRESETS[presets.DEFAULT].settings)
    frame = sess.snapshot()
    return (views.canvas_html(sess, frame), i18n.render(views.meters_html, sess, frame, T),
            _plot(views.losses_figure(sess)), T.status_idle)


def _session(sess: Session | None, values) -> Session:
    if sess is None:
        s = settings_from(*values)
        if s.data == "drawn":
            s = toy.Settings(**{**s.as_dict(), "data": "ring"})
        sess = Session(s)
    return sess


def _diverged(sess: Session) -> tuple:
    gr.Warning(T.diverged_toast)
    return outputs(sess, T.status_idle)


# --- handlers -----------------------------------------------------------------------------

def _burst(sess: Session, run: dict) -> None:
    """Train for ~TRAIN_S in chunks sized to ~CHUNK_S, until then or until the run is stopped.

    Only while holding one of the TRAINING_SLOTS: with a class training at once, the runs
    take turns (a stream that has drawn its frame waits behind those already waiting).
    """
    while not TRAINING_SLOTS.acquire(timeout=0.1):
        if sess.playing is not run:  # paused while waiting for a turn
            return
    try:
        _train_for(sess, run)
    finally:
        TRAINING_SLOTS.release()


def _train_for(sess: Session, run: dict) -> None:
    t_frame = time.perf_counter()
    chunk = run["chunk"]
    while time.perf_counter() - t_frame < TRAIN_S and sess.playing is run:
        t = time.perf_counter()
        sess.train(chunk)
        # aim each chunk at CHUNK_S, then let other threads run (time.sleep releases the GIL)
        chunk = max(1, min(200, round(chunk * CHUNK_S / max(time.perf_counter() - t, 1e-4))))
        time.sleep(0)
    run["chunk"] = chunk


def _running_status(sess: Session, run: dict) -> str:
    elapsed = time.perf_counter() - run["since"]
    return T.status_running.format(sps=(sess.gan.step - run["step0"]) / elapsed,
                                   fps=run["frames"] / elapsed)


@ui.friendly
def play(sess, *values):
    """Train: a stream of frames, each one burst of training and then the pictures.

    It ends on Pause (with a last frame at the step where it stopped), on the time limit,
    when the model diverges, or when another button takes over (step, reset, preset, ...;
    that handler draws the frame, so this stream's last yield changes nothing: Gradio
    repeats a stream's last yield when the stream ends). Gradio stops iterating when the
    page closes, so training stops with it.
    """
    sess = _session(sess, values)
    with sess.lock:
        sess.message = ""
        run = {"since": time.perf_counter(), "frames": 0, "step0": sess.gan.step, "chunk": 10,
               "slow_at": 0.0}
        sess.playing = run
    while True:
        try:
            _burst(sess, run)
        except toy.Diverged:
            sess.playing = None
            yield _diverged(sess)
            return
        with sess.lock:
            if sess.playing is not run:
                yield (outputs(sess, T.status_paused.format(step=sess.gan.step)) if run.get("paused")
                       else (sess, gr.skip(), gr.skip(), gr.skip(), gr.skip()))
                return
            run["frames"] += 1
            if time.perf_counter() - run["since"] > MAX_PLAY_S:
                sess.playing = None
                yield outputs(sess, T.status_limit.format(seconds=MAX_PLAY_S))
                return
            slow = time.perf_counter() - run["slow_at"] >= SLOW_S
            if slow:
                run["slow_at"] = time.perf_counter()
            frame = outputs(sess, _running_status(sess, run) if slow else gr.skip(), losses=slow)
        yield frame


def _stop(sess: Session) -> None:
    """End a running stream. Under the lock, so no training chunk is half done: what the
    caller then draws or steps is where the stream stopped."""
    with sess.lock:
        sess.playing = None


@ui.friendly
def pause(sess, *values):
    """Stop training; the stream itself sends the frame at the step where it stopped."""
    if sess is None:
        return gr.skip()
    with sess.lock:
        if sess.playing is not None:
            sess.playing["paused"] = True
        _stop(sess)
        return T.status_paused.format(step=sess.gan.step)


def _stepper(action: str):
    @ui.friendly
    def step(sess, *values):
        sess = _session(sess, values)
        _stop(sess)
        sess.message = ""
        try:
            if action in ("d", "both"):
                for _ in range(sess.settings.d_steps if action == "both" else 1):
                    sess.step_d()
            if action in ("g", "both"):
                sess.step_g()
        except toy.Diverged:
            return _diverged(sess)
        return outputs(sess, T.status_paused.format(step=sess.gan.step))
    return step


@ui.friendly
def reset(sess, *values):
    s = settings_from(*values)
    if sess is None:
        sess = _session(None, values)
    _stop(sess)
    sess.message = ""
    if s.data == "drawn" and sess.points is None:
        raise InputError(T.err_draw_empty)
    sess.reset(s)
    return outputs(sess, T.status_idle)


def story(name: str, s: toy.Settings) -> str:
    """The preset's story, headed by what the student has changed since picking it."""
    p = presets.PRESETS.get(name)
    if p is None:
        return ""
    changed = [T.field_short[f] for f in FIELDS if getattr(s, f) != getattr(p.settings, f)]
    if not changed:
        return p.story
    return T.story_changed.format(name=name, changed=", ".join(changed)) + "\n\n" + p.story


@ui.friendly
def change_live(sess, name, *values):
    """A setting that applies mid-run (learning rate, loss, ...): no reset."""
    s = settings_from(*values)  # a bad learning rate gets its message even before any training
    if sess is not None:
        sess.update(**{f: getattr(s, f) for f in LIVE_FIELDS})
    return story(name, s)


@ui.friendly
def change_fresh(sess, name, *values):
    """Data, network sizes, z dimension or seed changed: a fresh model (keeps playing if it was)."""
    s = settings_from(*values)
    sess = _session(sess, values)
    if s.data == "drawn" and sess.points is None:
        raise InputError(T.err_draw_empty)
    with sess.lock:
        sess.message = ""
        sess.reset(s)
        if sess.playing:  # a running stream trains the fresh model; its rates count from here
            sess.playing.update(since=time.perf_counter(), frames=0, step0=0)
    return (*outputs(sess, T.status_idle), story(name, s))


@ui.friendly
def choose_preset(sess, name):
    p = presets.PRESETS[name]
    sess = _session(sess, values_of(p.settings))
    _stop(sess)
    sess.message = ""
    sess.reset(p.settings)
    return (*outputs(sess, T.status_idle), p.story, *values_of(p.settings))


@ui.friendly
def use_drawing(sess, drawing, name, *values):
    points = views.drawing_points(ui.editor_image(drawing))
    if points is None:
        raise InputError(T.err_draw_empty)
    if len(points) < datasets.MIN_DRAWN:
        raise InputError(T.err_draw_few.format(n=len(points), min=datasets.MIN_DRAWN))
    s = settings_from(*values)
    s = toy.Settings(**{**s.as_dict(), "data": "drawn"})
    sess = _session(sess, values)
    _stop(sess)
    sess.points = points
    sess.message = ""
    sess.reset(s)
    return (*outputs(sess, T.status_idle), "drawn", story(name, s))


@ui.friendly
def export_gif(sess):
    if sess is None or len(sess.frames) < 2:
        raise InputError(T.err_nothing_to_export)
    with sess.lock:
        data = views.gif_bytes(sess)
    path = Path(tempfile.mkdtemp(prefix="gan_")) / f"gan_step{sess.gan.step}.gif"
    path.write_bytes(data)
    return str(path)


@ui.friendly
def export_png(sess):
    if sess is None:
        sess = Session(presets.PRESETS[presets.DEFAULT].settings)
    with sess.lock:
        img = views.render_png(sess, sess.snapshot(), size=640)
    path = Path(tempfile.mkdtemp(prefix="gan_")) / f"gan_step{sess.gan.step}.png"
    img.save(path)
    return str(path)


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
            canvas = gr.HTML(canvas0, elem_id="gan-canvas", js_on_load=views.CANVAS_JS, padding=False)
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
            preset = gr.Dropdown(list(presets.PRESETS), value=presets.DEFAULT, label=T.preset,
                                 info=T.preset_info, elem_id="gan-preset")
            story = gr.Markdown(presets.PRESETS[presets.DEFAULT].story, elem_id="gan-story")
            meters = gr.HTML(meters0, elem_id="gan-meters")
            gr.Markdown(T.losses_label, elem_classes=["explain"])
            losses = gr.Plot(losses0, show_label=False, elem_id="gan-losses")
    ui.explain(T.how_to_read)
    with gr.Accordion(T.settings, open=True):
        gr.Markdown(T.live_note)
        c = _settings_controls()
    with gr.Accordion(T.draw_heading, open=False):
        gr.Markdown(T.draw_help)
        with gr.Row():
            drawing = gr.Sketchpad(value=views.drawing_background(), label=T.draw_label, type="numpy",
                                   image_mode="RGB", canvas_size=(360, 360), fixed_canvas=True,
                                   layers=False, transforms=(), elem_id="gan-drawing",
                                   brush=gr.Brush(default_size=12, colors=[views.REAL],
                                                  color_mode="fixed"))
            use_btn = gr.Button(T.draw_use, elem_id="gan-use-drawing")
    with gr.Accordion(T.export, open=False):
        with gr.Row():
            gif_btn = gr.Button(T.export_gif, elem_id="gan-gif")
            png_btn = gr.Button(T.export_png, elem_id="gan-png")
            export_file = gr.File(label=T.export_file, elem_id="gan-export")

    controls = [c[f] for f in FIELDS]
    frame_out = [state, canvas, meters, losses, status]
    # one stream of frames per press; TRAINING_SLOTS caps how many sessions compute at once.
    # Progress (a queue position while waiting for a free slot) on the status line only:
    # on every output it would cover the canvas and cost the browser work on every frame.
    train_btn.click(play, [state, *controls], frame_out, api_name="gan_train", show_progress_on=status,
                    **queues.TRAINING)
    pause_btn.click(pause, [state, *controls], status, api_name="gan_pause", **queues.LIVE)
    stops = frame_out
    for btn, action in ((step_d, "d"), (step_g, "g"), (step_both, "both")):
        btn.click(_stepper(action), [state, *controls], stops, api_name=f"gan_step_{action}",
                  **queues.INTERACTIVE)
    reset_btn.click(reset, [state, *controls], stops, api_name="gan_reset", **queues.INTERACTIVE)
    preset.input(choose_preset, [state, preset], [*stops, story, *controls], api_name="gan_preset",
                 **queues.INTERACTIVE)
    for f in LIVE_FIELDS:
        c[f].input(change_live, [state, preset, *controls], story, **queues.LIVE)
    for f in FRESH_FIELDS:
        c[f].input(change_fresh, [state, preset, *controls], [*frame_out, story], **queues.INTERACTIVE)
    use_btn.click(use_drawing, [state, drawing, preset, *controls], [*stops, c["data"], story],
                  api_name="gan_use_drawing", **queues.INTERACTIVE)
    gif_btn.click(export_gif, state, export_file, api_name="gan_export_gif", **queues.COMPUTE)
    png_btn.click(export_png, state, export_file, api_name="gan_export_png", **queues.INTERACTIVE)

    mnist_section()


# --- MNIST: the DCGAN timelines -------------------------------------------------------------

def mnist_section() -> None:
    gr.Markdown(T.mnist_heading)
    intro = ui.explain(T.mnist_intro.format(acc="≥ 98%"))
    n = mnist.N_SNAPSHOTS
    timeline = gr.Slider(0, n - 1, n - 1, step=1, label=T.timeline, elem_id="gan-timeline")
    info = gr.Markdown(elem_id="gan-timeline-info")
    with gr.Row():
        cols = {}
        for run, title in (("healthy", T.run_healthy), ("collapse", T.run_collapse)):
            with gr.Column():
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
                     for run, title in (("healthy", T.run_healthy), ("collapse", T.run_collapse))]
    shown = [info, *cols["healthy"], *cols["collapse"]]

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
    """Both runs at snapshot i; a run whose weights are missing says so in its column."""
    out = [T.timeline_info.format(i=i + 1, n=mnist.N_SNAPSHOTS)]
    for run, title in (("healthy", T.run_healthy), ("collapse", T.run_collapse)):
        try:
            r = mnist.run_view(run, i)
        except WeightsError as err:
            out += [f"**{title}** · *{err}*", gr.skip(), gr.skip()]
            continue
        out += [T.snapshot_line.format(title=title, step=r["step"], epoch=r["epoch"],
                                       covered=T.classes_covered.format(k=r["covered"])), r["grid"],
                views.class_histogram(r["labels"], r["sure"], T.hist_title)]
    return tuple(out)


def mnist_fresh() -> tuple:
    out, missing = [], []
    for run, title in (("healthy", T.run_healthy), ("collapse", T.run_collapse)):
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
