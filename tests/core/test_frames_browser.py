"""An idle page asks the browser for few frames (playground/frames.py), and a sketchpad
draws at full rate again as soon as the student touches it.

The test's own wrapper of requestAnimationFrame is installed before the page's scripts, so
the page's wrapper calls it only for the frames it lets through: it counts what the
browser is actually asked to draw.
"""

import time

import pytest

from tests.browser import open_tab, wait_for

pytestmark = pytest.mark.browser

COUNT_FRAMES = """
window.__frames = 0;
{
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (callback) => { window.__frames++; return raf(callback); };
}
"""


def frames_in(page, seconds: float) -> int:
    page.evaluate("() => { window.__frames = 0; }")
    time.sleep(seconds)
    return page.evaluate("() => window.__frames")


def test_an_idle_page_asks_for_few_frames_and_a_sketchpad_wakes_at_once(open_app):
    page = open_app(init_script=COUNT_FRAMES)
    assert page.evaluate("() => document.head.firstElementChild.tagName") == "SCRIPT"
    open_tab(page, "VAE")
    canvas = page.locator("#vae-sketch canvas").first
    canvas.wait_for()
    # Gradio's two endless loops (a status tracker's counter, the sketchpad's Pixi ticker) at
    # 60 a second would ask for >= 240 frames in 2 s; slowed, for about 2 x (10 + 4), once the
    # tab's own opening animations are over
    wait_for(lambda: frames_in(page, 2.0) <= 40, timeout=30, interval=0)

    # the student reaches for the sketchpad: Pixi draws every frame again
    box = canvas.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.evaluate("() => { window.__frames = 0; }")
    t0 = time.time()
    k = 0
    while time.time() - t0 < 1.0:
        k += 1
        page.mouse.move(box["x"] + box["width"] * (0.3 + 0.04 * (k % 10)), box["y"] + box["height"] / 2)
        time.sleep(0.02)
    page.mouse.up()
    assert page.evaluate("() => window.__frames") >= 30
