"""The theory moving, in a real browser: the optimal discriminator D* beside the learned D,
and the JSD from the densities falling on the losses chart while a healthy GAN trains."""

import functools
import re
import time

import pytest

from playground import weights
from playground.gan import mnist
from tests.browser import digest, image_bytes, open_tab, screenshot
from tests.browser import wait_for as browser_wait_for

pytestmark = pytest.mark.browser

OPTIMAL_JS = """() => {
  const box = document.querySelector('#gan-meters .gan-meters');
  const opt = box && box.querySelector('.gm-optimal');
  if (!opt) return null;
  const cv = opt.querySelector('canvas.gm-dstar');
  // the picture the page drew from the frame's data: how many colours, and a digest of them
  const px = cv.getContext('2d').getImageData(0, 0, cv.width, cv.height).data;
  const colours = new Set();
  let sum = 0;
  for (let i = 0; i < px.length; i += 4) {
    colours.add((px[i] << 16) | (px[i + 1] << 8) | px[i + 2]);
    sum = (sum * 31 + px[i] + 3 * px[i + 1] + 7 * px[i + 2]) % 1000000007;
  }
  return {step: +box.dataset.step, jsd: +opt.dataset.jsd, picture: sum, colours: colours.size,
          heat: cv.dataset.heat, alt: cv.getAttribute('aria-label'), text: opt.innerText};
}"""


# tests/browser.wait_for, with a minute by default: the engine trains while the page waits
wait_for = functools.partial(browser_wait_for, timeout=60.0)


def optimal(page) -> dict:
    return wait_for(lambda: page.evaluate(OPTIMAL_JS), timeout=30)


def legend(page) -> list[str]:
    return page.locator("#gan-losses .legendtext").all_text_contents()


def test_d_star_and_jsd_follow_training(app_page):
    page = app_page
    open_tab(page, "GAN training")
    page.wait_for_selector("#gan-meters .gm-optimal canvas.gm-dstar", timeout=60_000)
    start = optimal(page)
    assert start["step"] == 0
    assert "Optimal discriminator" in start["text"] and "JSD" in start["alt"]
    assert start["jsd"] > 0.3     # an untrained G: its points sit in a blob away from the ring
    assert start["colours"] > 50  # painted: D*'s shades, the real and the generated points

    # train the Healthy preset (the tab's default): D* and the JSD move with every frame
    page.click("#gan-train")
    later = wait_for(lambda: (o := optimal(page))["step"] >= 1500 and o, timeout=180)
    assert later["heat"] != start["heat"] and later["picture"] != start["picture"]
    assert later["jsd"] < start["jsd"] / 2
    wait_for(lambda: "JSD from densities" in legend(page))
    page.click("#gan-pause")
    wait_for(lambda: "Paused" in page.inner_text("#gan-status"))
    time.sleep(0.5)
    paused = optimal(page)
    # a still page (a page repainting 15 times a second can keep a screenshot waiting)
    page.locator("#gan-meters .gm-optimal").scroll_into_view_if_needed()
    screenshot(page, "gan_optimal_d", full_page=False)
    m = re.search(r"JSD\(p_data ‖ p_G\) ≈ ([0-9.]+) nats", paused["text"])
    assert m and abs(float(m[1]) - paused["jsd"]) < 1e-3
    assert "log 4 − 2·JSD" in paused["text"]

    # least squares: its D measures another divergence, drawn beside the JSD
    page.get_by_text("least squares (LSGAN)").click()
    time.sleep(0.5)
    page.click("#gan-step-both")
    wait_for(lambda: "Δ from densities" in legend(page))
    assert "Triangular discrimination" in optimal(page)["text"]


def test_d_star_in_korean(ko_page):
    page = ko_page
    page.click("#tab-gan-button")
    page.wait_for_selector("#gan-meters .gm-optimal canvas.gm-dstar", timeout=60_000)
    page.click("#gan-step-both")
    shown = wait_for(lambda: (o := optimal(page))["step"] >= 1 and o)
    assert "최적 판별기" in shown["text"] and "생성된 점" in shown["alt"]
    assert "Optimal" not in shown["text"]
    wait_for(lambda: "밀도로 계산한 JSD" in legend(page))
    # the chart's axes in Korean too (the engine draws English and Korean frames alike)
    assert page.locator("#gan-losses .g-y2title").text_content() == "발산 (주황)"
    assert page.locator("#gan-losses .g-ytitle").text_content() == "손실"
    page.locator("#gan-meters .gm-optimal").scroll_into_view_if_needed()
    screenshot(page, "gan_optimal_d_ko", full_page=False)


@pytest.mark.skipif(bool(weights.problems(list(mnist.WEIGHTS))), reason="DCGAN weights not trained yet")
def test_recipe_without_batch_norm_beside_the_others(app_page):
    """The third timeline: the healthy recipe without batch norm, scrubbed with the others."""
    page = app_page
    open_tab(page, "GAN training")
    page.locator("#gan-timeline").scroll_into_view_if_needed()
    img = page.locator("#gan-grid-no_bn img")
    img.wait_for(timeout=60_000)
    end = digest(image_bytes(page, img))
    wait_for(lambda: "Recipe without batch norm" in page.inner_text("#gan-covered-no_bn"))
    text = page.inner_text("#gan-covered-no_bn")
    assert re.search(r"classes covered: \d+ of 10", text)
    fd = {run: float(re.search(r"Fréchet distance (\d+)", page.inner_text(f"#gan-covered-{run}"))[1])
          for run in ("healthy", "no_bn", "collapse")}
    assert fd["healthy"] < fd["no_bn"] < fd["collapse"]
    page.locator("#gan-timeline input[type=range]").fill("0")
    wait_for(lambda: "generator step 0 " in page.inner_text("#gan-covered-no_bn"))
    wait_for(lambda: digest(image_bytes(page, img)) != end)
    page.locator("#gan-timeline input[type=range]").fill(str(mnist.N_SNAPSHOTS - 1))
    wait_for(lambda: digest(image_bytes(page, img)) == end)
    page.locator("#gan-covered-no_bn").scroll_into_view_if_needed()
    screenshot(page, "gan_no_bn", full_page=False)
    page.click("#gan-fresh")
    page.locator("#gan-fresh-no_bn img").wait_for(timeout=60_000)
    assert re.search(r"Recipe without batch norm: 100 new samples · classes covered: \d+ of 10",
                     page.inner_text("#gan-fresh-no_bn"))


@pytest.mark.skipif(bool(weights.problems(list(mnist.WEIGHTS))), reason="DCGAN weights not trained yet")
def test_recipe_without_batch_norm_in_korean(ko_page):
    page = ko_page
    page.click("#tab-gan-button")
    page.locator("#gan-timeline").scroll_into_view_if_needed()
    page.locator("#gan-grid-no_bn img").wait_for(timeout=60_000)
    wait_for(lambda: "배치 정규화 없이 학습" in page.inner_text("#gan-covered-no_bn"))
    text = page.inner_text("#gan-covered-no_bn")
    assert "프레셰 거리" in text and "포착한 클래스" in text and "Recipe" not in text
    page.locator("#gan-covered-no_bn").scroll_into_view_if_needed()
    screenshot(page, "gan_no_bn_ko", full_page=False)
