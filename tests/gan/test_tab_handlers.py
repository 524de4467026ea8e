"""The tab's handlers called directly (no browser): frames, limits, bad input, export."""

import gradio as gr
import numpy as np
import pytest
from PIL import Image

from playground.gan import presets, tab, views
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


def test_train_streams_frames_until_pause():
    stream = tab.play(None, *values())
    out = next(stream)
    sess = out[0]
    assert len(out) == 5 and sess.playing and sess.gan.step > 0
    canvas, meters, status = out[1], out[2], out[4]
    assert "data:image/jpeg;base64," in canvas and f'data-step="{sess.gan.step}"' in canvas
    assert 'data-heat="' in canvas and "real data" in canvas and "generated G(z)" in canvas
    assert f'data-step="{sess.gan.step}"' in meters and "steps/s" in status
    steps = [sess.gan.step]
    for _ in range(3):
        out = next(stream)
        steps.append(sess.gan.step)
        assert f'data-step="{sess.gan.step}"' in out[1]
    assert steps == sorted(set(steps))  # every frame shows more training
    assert "Paused" in tab.pause(sess, *values())
    paused = sess.gan.step
    # the stream ends with a frame at the step where it stopped, saying so
    last = list(stream)
    assert len(last) == 1 and f'data-step="{paused}"' in last[0][1]
    assert last[0][4] == tab.T.status_paused.format(step=paused) and sess.playing is None
    assert sess.gan.step == paused


def test_a_step_button_ends_the_stream_without_a_stale_frame():
    """Gradio repeats a stream's last yield when it ends: after another handler took over,
    that yield must change nothing, or it would paint over that handler's frame."""
    stream = tab.play(None, *values())
    sess = next(stream)[0]
    out = tab._stepper("g")(sess, *values())
    assert f'data-step="{sess.gan.step}"' in out[1] and sess.playing is None
    last = list(stream)
    assert len(last) == 1 and all(isinstance(v, dict) and v.get("__type__") == "update" for v in last[0][1:])


def test_absurd_learning_rate_resets_with_a_message():
    frames = list(tab.play(None, *values(g_lr="100", d_lr="100")))  # ends by itself when it blows up
    out = frames[-1]
    sess = out[0]
    assert sess.playing is None
    assert "blew up" in out[2] and sess.gan.step == 0
    # the session lives on: lower rates and it trains again
    sess.update(g_lr=1e-3, d_lr=1e-3)
    sess.train(20)
    assert sess.gan.step == 20


def test_each_press_of_train_is_bounded(monkeypatch):
    monkeypatch.setattr(tab, "MAX_PLAY_S", 0.0)
    frames = list(tab.play(None, *values()))
    assert len(frames) == 1 and "at most" in frames[0][4] and frames[0][0].playing is None


def test_drawing_with_too_few_points_is_refused():
    canvas = views.drawing_background().copy()
    with pytest.raises(gr.Error, match="empty"):
        tab.use_drawing(None, canvas, "Healthy", *values())
    canvas[100:102, 100:102] = views._rgb(views.REAL)     # a speck: 4 painted pixels
    with pytest.raises(gr.Error, match="Only 4 points"):
        tab.use_drawing(None, canvas, "Healthy", *values())
    canvas[150:170, 40:300] = views._rgb(views.REAL)
    out = tab.use_drawing(None, canvas, "Healthy", *values())
    assert out[-2] == "drawn" and out[0].data.name == "drawn"
    assert "You changed the preset 'Healthy' (data)" in out[-1]


def test_the_story_says_when_a_preset_was_changed():
    name = "Saturating loss stalls"
    p = tab.presets.PRESETS[name]
    v = dict(zip(tab.FIELDS, tab.values_of(p.settings)))
    assert tab.change_live(None, name, *v.values()) == p.story
    v["loss"] = "non-saturating"
    text = tab.change_live(None, name, *v.values())
    assert text.startswith("*You changed the preset") and "(loss)" in text and p.story in text


def test_export_gif_and_png(tmp_path):
    with pytest.raises(gr.Error, match="Nothing to export"):
        tab.export_gif(None)
    stream = tab.play(None, *values())
    sess = [next(stream) for _ in range(4)][-1][0]
    tab.pause(sess, *values())
    list(stream)
    gif = Image.open(tab.export_gif(sess))
    assert gif.format == "GIF" and gif.n_frames >= 4
    png = Image.open(tab.export_png(sess))
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
    assert "not trained yet" in out[4]


def test_a_class_training_at_once_takes_turns_and_every_run_moves(monkeypatch):
    """Every Train stream runs (no queue for whole runs); at most TRAINING_SLOTS compute at once."""
    import threading
    from playground.gan.session import Session

    monkeypatch.setattr(tab, "TRAINING_SLOTS", threading.BoundedSemaphore(1))
    inside, most = [0], [0]
    count = threading.Lock()
    real_train = Session.train

    def counted(self, n):
        with count:
            inside[0] += 1
            most[0] = max(most[0], inside[0])
        try:
            real_train(self, n)
        finally:
            with count:
                inside[0] -= 1

    monkeypatch.setattr(Session, "train", counted)
    steps = {}

    def student(k):
        stream = tab.play(None, *values(seed=k))
        for _ in range(4):
            out = next(stream)
        steps[k] = out[0].gan.step
        tab.pause(out[0], *values())

    threads = [threading.Thread(target=student, args=(k,)) for k in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert most[0] == 1
    assert len(steps) == 3 and all(s > 0 for s in steps.values())
