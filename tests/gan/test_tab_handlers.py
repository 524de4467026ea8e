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


def test_train_ticks_stream_frames_then_pause():
    sess, timer, status = tab.play(None, *values())
    assert timer.active is True and sess.playing
    out = tab.tick(sess, *values())
    assert len(out) == 6 and sess.gan.step > 0
    canvas, meters = out[1], out[2]
    assert canvas.type == "plotly" and "data:image/jpeg;base64," in canvas.plot
    assert f'data-step="{sess.gan.step}"' in meters
    status, timer = tab.pause(sess, *values())
    assert "Paused" in status and timer.active is False and sess.playing is None
    assert tab.tick(sess, *values())[-1].active is False  # a late tick after Pause trains nothing


def test_absurd_learning_rate_resets_with_a_message():
    sess, _, _ = tab.play(None, *values(g_lr="100", d_lr="100"))
    sess.update(g_lr=100.0, d_lr=100.0)
    for _ in range(200):
        out = tab.tick(sess, *values(g_lr="100", d_lr="100"))
        if sess.playing is None:
            break
    assert out[-1].active is False
    assert "blew up" in out[2] and sess.gan.step == 0
    # the session lives on: lower rates and it trains again
    sess.update(g_lr=1e-3, d_lr=1e-3)
    sess.train(20)
    assert sess.gan.step == 20


def test_each_press_of_train_is_bounded(monkeypatch):
    monkeypatch.setattr(tab, "MAX_PLAY_S", 0.0)
    sess, _, _ = tab.play(None, *values())
    out = tab.tick(sess, *values())
    assert out[-1].active is False and "at most" in out[4] and sess.playing is None


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
    assert text.startswith("*You changed the preset") and "generator loss" in text and p.story in text


def test_export_gif_and_png(tmp_path):
    with pytest.raises(gr.Error, match="Nothing to export"):
        tab.export_gif(None)
    sess, _, _ = tab.play(None, *values())
    for _ in range(4):
        tab.tick(sess, *values())
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
