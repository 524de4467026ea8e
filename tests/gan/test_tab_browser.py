"""The GAN tab in a real browser, driven like a student: train, watch, pause, step, reset,
switch presets, break it with an absurd learning rate, draw data, export."""

import re
import time

import pytest

from playground import weights
from playground.gan import mnist
from tests.browser import GAN_PLANE, digest, gan_picture, image_bytes, open_tab, screenshot, wait_for

pytestmark = pytest.mark.browser


METERS_JS = """() => {
  const box = document.querySelector('#gan-meters .gan-meters');
  if (!box) return null;
  return {step: +box.dataset.step, covered: +box.dataset.covered, hq: +box.dataset.hq, text: box.innerText};
}"""


def meters(page, timeout: float = 30.0) -> dict:
    """The meters as one read in the page: while training, the box is replaced ~15 times a
    second, and reading its attributes one call at a time can keep missing it on a loaded
    machine."""
    return wait_for(lambda: page.evaluate(METERS_JS), timeout=timeout)


def test_live_training_pause_step_reset(app_page):
    page = app_page
    open_tab(page, "GAN training")
    page.wait_for_selector(GAN_PLANE, timeout=60_000)
    assert meters(page)["step"] == 0
    before = gan_picture(page)

    # train: frames stream in, the step counter and the points move
    page.click("#gan-train")
    seen = set()
    wait_for(lambda: seen.add(meters(page)["step"]) or len(seen) >= 4, timeout=60)
    assert max(seen) > 0
    wait_for(lambda: "steps/s" in page.inner_text("#gan-status"))
    assert gan_picture(page) != before
    screenshot(page, "gan_training", full_page=False)  # a page repainting 15 times a second: the viewport only

    # pause: the counter stops
    page.click("#gan-pause")
    wait_for(lambda: "Paused" in page.inner_text("#gan-status"))
    time.sleep(0.5)
    paused = meters(page)["step"]
    time.sleep(1.5)
    assert meters(page)["step"] == paused

    # single steps: D alone moves D's shading (and so G's arrows) but not G's step count;
    # G and D+G add one each
    points = gan_picture(page)
    page.click("#gan-step-d")
    wait_for(lambda: gan_picture(page) != points)   # fails if Step D does nothing
    assert meters(page)["step"] == paused
    points = gan_picture(page)
    page.click("#gan-step-g")
    wait_for(lambda: meters(page)["step"] == paused + 1)
    assert gan_picture(page) != points
    page.click("#gan-step-both")
    wait_for(lambda: meters(page)["step"] == paused + 2)

    # reset: back to step 0 and the first picture
    page.click("#gan-reset")
    wait_for(lambda: meters(page)["step"] == 0)
    wait_for(lambda: gan_picture(page) == before)


def test_presets_absurd_rate_drawing_and_export(app_page):
    page = app_page
    open_tab(page, "GAN training")
    page.wait_for_selector(GAN_PLANE, timeout=60_000)

    # a preset sets every control and tells its story
    page.locator("#gan-preset input").click()
    page.get_by_role("option", name="Mode collapse").click()
    wait_for(lambda: "bunch" in page.inner_text("#gan-story") or "stuck" in page.inner_text("#gan-story")
             or "D " in page.inner_text("#gan-story"))
    story = page.inner_text("#gan-story")
    assert "Healthy" not in story and len(story) > 40

    # an absurd learning rate: caught, explained, model reset, session still alive
    lr = page.get_by_label("G learning rate")
    lr.fill("100")
    lr.press("Enter")
    page.get_by_label("D learning rate").fill("100")
    page.get_by_label("D learning rate").press("Enter")
    # the story now says the preset was changed, and how
    wait_for(lambda: "You changed the preset 'Mode collapse'" in page.inner_text("#gan-story"))
    assert "learning rate" in page.inner_text("#gan-story")
    page.click("#gan-train")
    wait_for(lambda: "blew up" in page.inner_text("#gan-meters"), timeout=60)
    assert meters(page)["step"] == 0
    page.get_by_label("G learning rate").fill("0.001")
    page.get_by_label("G learning rate").press("Enter")
    page.get_by_label("D learning rate").fill("0.001")
    page.get_by_label("D learning rate").press("Enter")
    time.sleep(0.5)
    page.click("#gan-step-both")
    wait_for(lambda: meters(page)["step"] == 1)

    # drawing: empty canvas -> a clear message; a painted stroke -> a new data set
    page.get_by_text("Draw your own data").click()
    page.click("#gan-use-drawing")
    wait_for(lambda: page.get_by_text("The drawing is empty").count() > 0)
    box = page.locator("#gan-drawing canvas").first.bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2  # the square is centred
    page.mouse.move(cx - 100, cy - 60)
    page.mouse.down()
    for i in range(1, 21):
        page.mouse.move(cx - 100 + 10 * i, cy - 60 + 6 * i)
        page.wait_for_timeout(20)
    page.mouse.up()
    page.click("#gan-use-drawing")
    wait_for(lambda: "regions" in page.inner_text("#gan-meters"))
    screenshot(page, "gan_drawing")

    # export the current frame as a PNG file
    page.get_by_text("Export", exact=True).click()
    page.click("#gan-png")
    wait_for(lambda: page.locator("#gan-export a").count() > 0, timeout=30)
    href = page.locator("#gan-export a").first.get_attribute("href")
    assert re.search(r"gan_step\d+\.png", href)
    png = page.request.get(href if href.startswith("http") else page.url.rstrip("/") + href).body()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.skipif(bool(weights.problems(list(mnist.WEIGHTS))), reason="DCGAN weights not trained yet")
def test_mnist_timeline_scrubber_and_fresh_samples(app_page):
    page = app_page
    open_tab(page, "GAN training")
    page.locator("#gan-timeline").scroll_into_view_if_needed()  # the grids load lazily, once in view
    img = page.locator("#gan-grid-healthy img")
    img.wait_for(timeout=60_000)
    last = digest(image_bytes(page, img))
    covered_end = page.inner_text("#gan-covered-healthy")
    assert re.search(r"classes covered: \d+ of 10", covered_end)
    slider = page.locator("#gan-timeline input[type=range]")
    slider.fill("0")
    wait_for(lambda: "Snapshot 1 of" in page.inner_text("#gan-timeline-info"))
    wait_for(lambda: digest(image_bytes(page, img)) != last)
    wait_for(lambda: "generator step 0 " in page.inner_text("#gan-covered-healthy"))
    collapse_end = page.inner_text("#gan-covered-collapse")
    assert "classes covered" in collapse_end
    page.click("#gan-fresh")
    page.locator("#gan-fresh-healthy").scroll_into_view_if_needed()
    page.locator("#gan-fresh-healthy img").wait_for(timeout=30_000)
    page.locator("#gan-fresh-collapse img").wait_for(timeout=30_000)
    assert re.search(r"classes covered: \d+ of 10", page.inner_text("#gan-fresh-healthy"))
    screenshot(page, "gan_mnist")


def test_the_canvas_legend_follows_the_loss(app_page):
    """Cross-entropy: D(x) = P(real), white = 1/2 = cannot tell. WGAN-GP: a per-frame rescaled
    critic score, and nothing on the canvas says 1/2 any more."""
    page = app_page
    open_tab(page, "GAN training")
    page.wait_for_selector(GAN_PLANE, timeout=60_000)
    canvas = page.locator("#gan-canvas .gan-canvas")
    assert canvas.get_attribute("data-loss") == "non-saturating"
    assert "½" in page.inner_text("#gan-canvas .gc-grad")
    assert "cannot tell" in page.inner_text("#gan-canvas .gc-reading")
    page.get_by_text("Wasserstein + gradient penalty").click()
    time.sleep(0.5)  # the loss applies live; the next frame shows it
    page.click("#gan-step-both")
    wait_for(lambda: canvas.get_attribute("data-loss") == "wgan-gp")
    ticks = page.inner_text("#gan-canvas .gc-grad")
    reading = page.inner_text("#gan-canvas .gc-reading")
    assert "½" not in ticks and "½" not in reading and "highest" in ticks
    assert "rescaled" in canvas.get_attribute("data-label") and "P(real)" not in canvas.get_attribute("data-label")
    wait_for(lambda: any("critic" in t for t in page.locator("#gan-losses .legendtext").all_text_contents()))
    assert any("critic at equilibrium" in t
               for t in page.locator("#gan-losses .annotation-text").all_text_contents())
    page.locator("#gan-canvas").scroll_into_view_if_needed()
    screenshot(page, "gan_wgan_legend", full_page=False)
    # the four losses, one paragraph and formula each, rendered under the plane
    page.get_by_text("The four losses.").evaluate("e => e.scrollIntoView({block: 'start'})")
    assert page.locator(".explain li").filter(has_text="WGAN-GP").locator(".katex").count() >= 3
    screenshot(page, "gan_losses_explained", full_page=False)
