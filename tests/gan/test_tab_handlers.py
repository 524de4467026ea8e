"""The tab's handlers called directly (no browser): frames, limits, bad input, export."""

import re

import gradio as gr
import numpy as np
import pytest
from PIL import Image

from playground.gan import engine, host, presets, tab, views
from playground.imaging import InputError


def values(**change):
    s = presets.PRESETS["Healthy"].settings
    v = dict(zip(tab.FIELDS, tab.values_of(s)))
    v.update(change)
    return [v[f] for f in tab.FIELDS]


def test_bad_learning_rates_get_a_clear_message():
    for bad in ("abc", "-1", "0", "1e9", "nan", None):
        with pytest.raises(InputError, match="learning rate"):
            tab.settings_from(*values(g_lr=bad))
    assert tab.settings_from(*values(g_lr="0.01")).g_lr == 0.01


@pytest.fixture(autouse=True)
def engine_thread(monkeypatch):
    """An engine in a thread of this process (same code as the engine process, faster to start)."""
    eng = engine.Engine(in_thread=True)
    monkeypatch.setattr(engine, "_ENGINE", eng)
    yield eng
    eng.stop()


def step_of(html: str) -> int:
    return int(re.search(r'data-step="(\d+)"', html).group(1))


def test_train_streams_frames_until_pause(engine_thread):
    stream = tab.play(None, *values())
    out = next(stream)
    handle = out[0]
    assert len(out) == 5 and isinstance(handle, tab.Handle)
    canvas, meters = out[1], out[2]
    assert '<canvas role="img"' in canvas and 'data-heat="' in canvas and 'data-fake="' in canvas
    assert "real data" in canvas and "generated G(z)" in canvas
    assert step_of(canvas) == step_of(meters) > 0
    steps = [step_of(canvas)]
    status = out[4]
    meters_steps = []
    for _ in range(12):
        out = next(stream)
        steps.append(step_of(out[1]))
        status = out[4] if isinstance(out[4], str) else status
        meters_steps.append(step_of(out[2]))
        # an output a frame leaves unchanged repeats the stream's last value, never gr.skip()
        # (Gradio sends a stream only what changed; a skip costs it a new component object)
        assert not any(isinstance(v, dict) and v.get("__type__") == "update" for v in out[1:])
    assert steps == sorted(set(steps))  # every frame shows more training
    assert meters_steps and set(meters_steps) <= set(steps)
    assert "steps/s" in status
    said = tab.pause(handle, *values())
    paused = int(re.sub(r"\D", "", said))
    # the stream ends with a frame at the step where it stopped, saying so
    last = list(stream)
    assert len(last) == 1 and step_of(last[0][1]) == paused and paused >= steps[-1]
    assert last[0][4] == said == tab.T.status_paused.format(step=paused)
    assert engine_thread.request("stats")["runs"] == 0 and engine_thread.streams() == 0


def test_a_step_button_ends_the_stream_without_a_stale_frame(engine_thread):
    """Gradio repeats a stream's last yield when it ends: after another handler took over,
    that yield must change nothing, or it would paint over that handler's frame."""
    stream = tab.play(None, *values())
    handle = next(stream)[0]
    out = tab._stepper("g")(handle, *values())
    stepped = step_of(out[1])
    last = list(stream)
    assert len(last) >= 1 and all(isinstance(v, dict) and v.get("__type__") == "update" for v in last[-1][1:])
    assert step_of(tab._stepper("d")(handle, *values())[1]) == stepped  # D alone: G's count stays
    assert step_of(tab._stepper("both")(handle, *values())[1]) == stepped + 1


def test_absurd_learning_rate_resets_with_a_message(engine_thread):
    with pytest.warns(UserWarning, match="reset"):
        frames = list(tab.play(None, *values(g_lr="100", d_lr="100")))  # ends when it blows up
    out = frames[-1]
    assert "blew up" in out[2] and step_of(out[1]) == 0
    # the session lives on: lower rates and it trains again
    stream = tab.play(out[0], *values())
    assert step_of(next(stream)[1]) > 0
    stream.close()


def test_each_press_of_train_is_bounded(monkeypatch, engine_thread):
    monkeypatch.setattr(host, "MAX_PLAY_S", 0.0)
    frames = list(tab.play(None, *values()))
    assert len(frames) == 1 and "at most" in frames[0][4]


def test_drawing_with_too_few_points_is_refused(engine_thread):
    canvas = views.drawing_background().copy()
    with pytest.raises(gr.Error, match="empty"):
        tab.use_drawing(None, canvas, "Healthy", *values())
    canvas[100:102, 100:102] = views._rgb(views.REAL)     # a speck: 4 painted pixels
    with pytest.raises(gr.Error, match="Only 4 points"):
        tab.use_drawing(None, canvas, "Healthy", *values())
    canvas[150:170, 40:300] = views._rgb(views.REAL)
    out = tab.use_drawing(None, canvas, "Healthy", *values())
    assert out[-2] == "drawn"
    assert engine_thread.request("stats", sid=out[0].sid)["settings"]["data"] == "drawn"
    assert "You changed the preset 'Healthy' (data)" in out[-1]


def test_the_story_says_when_a_preset_was_changed():
    name = "Saturating loss stalls"
    p = tab.presets.PRESETS[name]
    v = dict(zip(tab.FIELDS, tab.values_of(p.settings)))
    assert tab.change_live(None, name, *v.values()) == p.story
    v["loss"] = "non-saturating"
    text = tab.change_live(None, name, *v.values())
    assert text.startswith("*You changed the preset") and "(loss)" in text and p.story in text


def test_export_gif_and_png(engine_thread):
    with pytest.raises(gr.Error, match="Nothing to export"):
        tab.export_gif(None)
    stream = tab.play(None, *values())
    handle = [next(stream) for _ in range(4)][-1][0]
    tab.pause(handle, *values())
    list(stream)
    gif = Image.open(tab.export_gif(handle))
    assert gif.format == "GIF" and gif.n_frames >= 4
    png = Image.open(tab.export_png(handle))
    assert png.format == "PNG" and png.size[0] >= 400


def test_mnist_section_shows_the_run_it_has(monkeypatch):
    """While one DCGAN is missing (being trained), the other run's column still works."""
    from playground.weights import WeightsError

    def run_view(run, i):
        if run == "collapse":
            raise WeightsError("gan_dcgan_collapse", "not trained yet")
        return {"grid": np.zeros((32, 32, 3), np.uint8), "labels": np.array([1, 2]),
                "sure": np.array([True, True]), "covered": 2, "step": 10 * i, "epoch": 0.5}

    monkeypatch.setattr(tab.mnist, "run_view", run_view)
    out = tab.mnist_view(3)
    assert "Snapshot 4 of" in out[0]
    assert "generator step 30" in out[1] and "classes covered: 2 of 10" in out[1]
    assert out[2].shape == (32, 32, 3) and list(out[3].data[0].y)[:3] == [0, 1, 1]
    # the columns: healthy, the recipe without batch norm, collapse (three outputs each)
    assert "Recipe without batch norm" in out[4] and "generator step 30" in out[4]
    assert "not trained yet" in out[7]


def test_a_class_training_at_once_takes_turns_and_every_run_moves(engine_thread):
    """Every Train stream runs (no queue for whole runs); the engine takes them in turns."""
    import threading

    steps, errors = {}, []

    def student(k):
        try:
            stream = tab.play(None, *values(seed=k))
            for _ in range(6):
                out = next(stream)
            steps[k] = step_of(out[1])
            tab.pause(out[0], *values())
            list(stream)
        except Exception as err:  # noqa: BLE001 (reported below)
            errors.append(err)

    threads = [threading.Thread(target=student, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors and len(steps) == 4 and all(s > 0 for s in steps.values())
    assert engine_thread.request("stats") == {"sessions": 4, "runs": 0}


def test_a_stream_repeats_what_a_frame_leaves_unchanged():
    last = [None] * 4
    first = tab._shown(("canvas 1", "meters 1", '{"data": [], "layout": {}}', "status 1"), last)
    second = tab._shown(("canvas 2", None, None, None), last)
    assert second == ("canvas 2", "meters 1", first[2], "status 1")
    # a button's reply (no stream) leaves them to the page: skipped
    assert tab._shown(("canvas 3", None, None, None))[1:] == (gr.skip(),) * 3
