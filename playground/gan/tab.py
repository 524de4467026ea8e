"""The "GAN training" tab: Gradio wiring only (the work is in session.py, views.py, mnist.py)."""

from __future__ import annotations

import functools
import math
import tempfile
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

# Streaming: ~10 frames a second; each frame trains for up to TRAIN_S of CPU time in
# chunks of ~CHUNK_S, sleeping briefly between chunks so other sessions' handlers get the GIL.
FRAME_S = 0.03           # the page asks for a frame this often; asks are dropped while one is pending
TRAIN_S = 0.050
CHUNK_S = 0.005
MAX_PLAY_S = 120          # one press of Train runs at most this long
LOSSES_EVERY = 5          # redraw the losses chart every 5th frame (2 a second)
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
    return (sess, _plot(views.canvas_figure(sess, frame)), views.meters_html(sess, frame, T),
            _plot(views.losses_figure(sess)) if losses else gr.skip(), status)


@functools.lru_cache(maxsize=1)
def _initial() -> tuple:
    """The first frame of the default preset, shown before a session exists (same seed)."""
    sess = Session(presets.PRESETS[presets.DEFAULT].settings)
    return outputs(sess, T.status_idle)[1:]


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

@ui.friendly
def play(sess, *values):
    """Train: start the page's frame timer. Each tick trains a burst and returns one frame.

    The browser pulls frames (a tick is not sent while the previous one is pending),
    so a slow browser simply gets fewer frames instead of a growing backlog, and
    training stops by itself when the page closes: no more ticks arrive.
    """
    sess = _session(sess, values)
    sess.message = ""
    sess.playing = {"since": time.perf_counter(), "frames": 0, "step0": sess.gan.step}
    return sess, gr.Timer(active=True), T.status_running.format(sps=0, fps=0)


@ui.friendly
def tick(sess, *values):
    """One frame of live training: ~TRAIN_S of training in short chunks, then the pictures."""
    if sess is None or not getattr(sess, "playing", None):
        return (sess, gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.Timer(active=False))
    play = sess.playing
    t_frame = time.perf_counter()
    chunk = play.get("chunk", 10)
    while time.perf_counter() - t_frame < TRAIN_S and sess.playing is play:
        t = time.perf_counter()
        try:
            sess.train(chunk)
        except toy.Diverged:
            sess.playing = None
            return (*_diverged(sess), gr.Timer(active=False))
        # aim each chunk at CHUNK_S, then let other threads run (time.sleep releases the GIL)
        chunk = max(1, min(200, round(chunk * CHUNK_S / max(time.perf_counter() - t, 1e-4))))
        time.sleep(0)
    play["chunk"] = chunk
    play["frames"] += 1
    elapsed = time.perf_counter() - play["since"]
    if elapsed > MAX_PLAY_S:
        sess.playing = None
        return (*outputs(sess, T.status_limit.format(seconds=MAX_PLAY_S)), gr.Timer(active=False))
    status = T.status_running.format(sps=(sess.gan.step - play["step0"]) / elapsed,
                                     fps=play["frames"] / elapsed)
    return (*outputs(sess, status, losses=play["frames"] % LOSSES_EVERY == 1), gr.skip())


def _stop(sess: Session) -> None:
    sess.playing = None


@ui.friendly
def pause(sess, *values):
    if sess is None:
        return gr.skip(), gr.Timer(active=False)
    _stop(sess)
    return T.status_paused.format(step=sess.gan.step), gr.Timer(active=False)


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
            return (*_diverged(sess), gr.Timer(active=False))
        return (*outputs(sess, T.status_paused.format(step=sess.gan.step)), gr.Timer(active=False))
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
    return (*outputs(sess, T.status_idle), gr.Timer(active=False))


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
    sess.message = ""
    sess.reset(s)
    return (*outputs(sess, T.status_idle), story(name, s))


@ui.friendly
def choose_preset(sess, name):
    p = presets.PRESETS[name]
    sess = _session(sess, values_of(p.settings))
    _stop(sess)
    sess.message = ""
    sess.reset(p.settings)
    return (*outputs(sess, T.status_idle), gr.Timer(active=False), p.story, *values_of(p.settings))


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
    return (*outputs(sess, T.status_idle), gr.Timer(active=False), "drawn", story(name, s))


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
    gr.HTML(f"<style>{views.METERS_CSS}</style>", padding=False)
    ui.explain(T.intro)
    gr.Markdown(T.live_heading)
    state = gr.State(None)
    canvas0, meters0, losses0, status0 = _initial()
    with gr.Row(equal_height=False):
        with gr.Column(scale=3):
            gr.Markdown(T.canvas_label, elem_classes=["explain"])
            canvas = gr.Plot(canvas0, show_label=False, elem_id="gan-canvas")
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
    timer = gr.Timer(FRAME_S, active=False)
    train_btn.click(play, [state, *controls], [state, timer, status], api_name="gan_train",
                    **queues.INTERACTIVE)
    # each tick trains one burst; STREAM's limit caps how many sessions train at once
    timer.tick(tick, [state, *controls], [*frame_out, timer], api_name="gan_tick",
               show_progress="hidden", **queues.STREAM)
    pause_btn.click(pause, [state, *controls], [status, timer], api_name="gan_pause", **queues.LIVE)
    stops = [*frame_out, timer]
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
