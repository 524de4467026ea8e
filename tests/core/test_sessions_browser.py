"""Several students at once, each in their own browser session: nothing leaks between them.

Two pages on one server, side by side (two browser contexts: two students): one trains
its GAN while the other takes single steps of its own; one drags a VAE slider while the
other's picture stays as it was.
"""

import re
import time

import pytest

from tests.browser import GAN_PLANE, gan_picture, image_bytes, open_tab, wait_for

pytestmark = pytest.mark.browser

METERS_JS = """() => {
  const box = document.querySelector('#gan-meters .gan-meters');
  return box ? +box.dataset.step : null;
}"""


STORED_RUNS_JS = """() => Object.keys(localStorage).concat(Object.keys(sessionStorage))
  .filter((k) => k.startsWith('gradio:run-history'))"""


def step(page) -> int:
    return wait_for(lambda: page.evaluate(METERS_JS) is not None and [page.evaluate(METERS_JS)], 60)[0]


@pytest.fixture
def two_students(browser, app_url):
    pages = []
    for _ in range(2):
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
        page.set_default_timeout(30_000)
        page.goto(app_url)
        page.wait_for_selector("#footer-device", timeout=60_000)
        pages.append((page, errors))
    yield [p for p, _ in pages]
    for page, errors in pages:
        assert not errors, errors
        page.context.close()


def test_two_students_train_and_step_their_own_gans(two_students):
    a, b = two_students
    for page in (a, b):
        open_tab(page, "GAN training")
        page.wait_for_selector(GAN_PLANE, timeout=60_000)
    start_b = gan_picture(b)
    a.click("#gan-train")
    wait_for(lambda: step(a) > 100, 60)
    # B has not trained: its counter and picture are its own
    assert step(b) == 0
    assert gan_picture(b) == start_b
    b.click("#gan-step-g")
    wait_for(lambda: step(b) == 1)  # a button ignores clicks while its last one is answered
    b.click("#gan-step-g")
    wait_for(lambda: step(b) == 2)
    assert step(a) > 2  # A is still training, from its own step
    a.click("#gan-pause")
    wait_for(lambda: "Paused" in a.inner_text("#gan-status"))
    paused = int(re.sub(r"\D", "", a.inner_text("#gan-status")))
    time.sleep(1.0)
    assert step(a) == paused and step(b) == 2
    # a classroom computer is shared: the page keeps no record of a student's runs (Gradio's
    # run history would store every event's inputs and outputs in localStorage)
    for page in (a, b):
        assert page.evaluate(STORED_RUNS_JS) == []


def test_one_students_slider_moves_only_their_picture(two_students):
    a, b = two_students
    for page in (a, b):
        open_tab(page, "VAE")
        page.wait_for_selector("#vae-decoded img", timeout=120_000)
        # the tab's first look has arrived (it also draws the sliders' picture)
        page.wait_for_function("document.querySelector('#vae-numbers')?.innerText.includes('nats')",
                               timeout=120_000)
        time.sleep(0.5)
    before_a = image_bytes(a, a.locator("#vae-decoded img"))
    before_b = image_bytes(b, b.locator("#vae-decoded img"))
    slider = a.locator("#vae-z1 input[type=range]")
    slider.evaluate("(el) => { el.value = 2.5; el.dispatchEvent(new Event('input', {bubbles: true})); }")
    wait_for(lambda: image_bytes(a, a.locator("#vae-decoded img")) != before_a)
    time.sleep(1.0)
    assert image_bytes(b, b.locator("#vae-decoded img")) == before_b
