"""The canvas travels as data that the page draws (views.CANVAS_JS): the data must be the
frame's, exactly, and the cheap frames between two full ones must show the model as it is."""

import base64
import re

import numpy as np

from playground.gan import host, toy, views
from playground.gan.session import Session


def _attr(page: str, name: str) -> str:
    return re.search(rf'data-{name}="([^"]*)"', page).group(1)


def _floats(page: str, name: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(_attr(page, name)), dtype="<f4").reshape(-1, 2)


def test_the_canvas_carries_the_frame():
    sess = Session(toy.Settings(seed=4))
    sess.train(40)
    frame = sess.snapshot()
    page = views.canvas_html(sess, frame)
    np.testing.assert_array_equal(_floats(page, "fake"), frame.fake.astype(np.float32))
    np.testing.assert_array_equal(_floats(page, "real"), sess.real_show.astype(np.float32))
    tips = views.arrow_tips(frame.fake[: len(frame.arrows)], frame.arrows)
    np.testing.assert_allclose(_floats(page, "tips"), tips, rtol=1e-6)
    heat = np.frombuffer(base64.b64decode(_attr(page, "heat")), np.uint8).reshape(frame.heat.shape)
    np.testing.assert_array_equal(heat, np.round(np.clip(frame.heat, 0, 1) * 255).astype(np.uint8))
    assert int(_attr(page, "step")) == frame.step == 40
    # the page draws it: no picture on the wire, and the canvas says what it shows
    assert "data:image" not in page and 'role="img" aria-label="' in page


def test_a_glance_is_the_snapshot_without_its_meters():
    sess = Session(toy.Settings(seed=5))
    sess.train(25)
    kept = len(sess.frames)
    quick = sess.glance()
    assert len(sess.frames) == kept + 1 and sess.frames[-1] is quick  # a frame of the GIF
    full = sess.snapshot()
    assert len(sess.frames) == kept + 1 and sess.frames[-1] is full   # the same step: replaced
    assert quick.step == full.step == 25
    for name in ("fake", "arrows", "heat"):
        np.testing.assert_allclose(getattr(quick, name), getattr(full, name), rtol=1e-5, atol=1e-6)
    assert quick.d_star is None and full.d_star is not None


def test_frames_between_two_full_ones_are_canvas_only():
    sess = Session(toy.Settings(seed=6))
    canvas, meters, losses, status = host.frame_outputs(sess, None, False, "en", full=False)
    assert 'data-fake="' in canvas and meters is None and losses is None and status is None
    full = host.frame_outputs(sess, "x", True, "en")
    assert 'class="gan-meters"' in full[1] and full[2] is not None and full[3] == "x"
    # a glance frame is a fraction of a full one on the wire
    assert len(canvas) < 0.5 * (len(full[0]) + len(full[1]) + len(full[2]))
