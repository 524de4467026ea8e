"""The VAE tab in a real browser, used like a student: drag, pick, click, draw, upload."""

import io
import re

import numpy as np
import pytest
from PIL import Image

from playground import data
from tests.browser import (digest, drag_slider, image_bytes, open_tab, press_and_drag, screenshot,
                           used_latent_slider)

pytestmark = pytest.mark.browser


def _open(page):
    open_tab(page, "VAE")
    page.wait_for_function(
        "document.querySelector('#vae-numbers')?.innerText.includes('Held-out digit')", timeout=90_000)


def _img(page, elem_id):
    return page.locator(f"#{elem_id} img").first


def _digest(page, elem_id):
    return digest(image_bytes(page, _img(page, elem_id)))


def _wait_changed(page, elem_id, before, timeout=60_000):
    """Wait until the picture in #elem_id is a different image from `before`."""
    page.wait_for_function(
        "([id, old]) => { const i = document.querySelector('#' + id + ' img'); return i && i.src !== old; }",
        arg=[elem_id, _img(page, elem_id).get_attribute("src")] if before is None else [elem_id, before],
        timeout=timeout)


def _numbers(page):
    """(reconstruction, KL, ELBO) as shown in the numbers table."""
    text = page.locator("#vae-numbers").inner_text()
    values = [float(v) for v in re.findall(r"\t(-?\d+\.\d)\s*$", text, flags=re.M)[:3]]
    assert len(values) == 3, text
    return values


def _set_files(page, button_id, name, payload, mime):
    with page.expect_file_chooser() as chooser:
        page.locator(f"#{button_id}").click()
    chooser.value.set_files({"name": name, "mimeType": mime, "buffer": payload})


def _png(array):
    buf = io.BytesIO()
    Image.fromarray(array).save(buf, "PNG")
    return buf.getvalue()


def _toast(page, words):
    page.locator(".toast-body", has_text=words).first.wait_for(timeout=60_000)


def test_sliders_elbo_beta_reparameterisation_and_map(app_page):
    page = app_page
    page.set_default_timeout(60_000)  # generous: the CI machine may be busy
    _open(page)

    # 1. a slider (of a dimension the model uses) redraws the picture WHILE it is dragged
    slider = used_latent_slider(page)
    slider.scroll_into_view_if_needed()
    src = _img(page, "vae-decoded").get_attribute("src")
    before = _digest(page, "vae-decoded")
    press_and_drag(page, slider, 0.5, 0.9)
    _wait_changed(page, "vae-decoded", src)  # the mouse button is still down
    page.mouse.up()
    assert _digest(page, "vae-decoded") != before
    assert float(slider.locator("input[type=number]").input_value()) > 0.5

    # 2. random z from the prior: new values on the sliders, a new picture
    src = _img(page, "vae-decoded").get_attribute("src")
    page.locator("#vae-random").click()
    _wait_changed(page, "vae-decoded", src)
    values = [float(page.locator(f"#vae-z{i} input[type=number]").input_value()) for i in range(1, 17)]
    assert sum(abs(v) > 0.01 for v in values) >= 12

    # 3. picking a held-out digit fills the numbers, the formula and the KL bars
    input_src = _img(page, "vae-input").get_attribute("src")
    page.locator("#vae-gallery .thumbnail-item").nth(7).click()  # two per class, 0 to 9: a 3
    page.wait_for_function("document.querySelector('#vae-numbers').innerText.includes('(a 3)')",
                           timeout=60_000)
    recon, kl, elbo = _numbers(page)
    assert recon < 0 < kl and abs((recon - kl) - elbo) <= 0.11
    formulas = page.locator("#vae-numbers annotation").all_text_contents()  # KaTeX keeps the TeX
    assert any(f"= {recon:.1f} - {kl:.1f} = {elbo:.1f}" in f for f in formulas), formulas
    _wait_changed(page, "vae-input", input_src)
    assert page.locator("#vae-kl .bars .point").count() == 16
    labels = [float(t) for t in page.locator("#vae-kl .bartext").all_text_contents()]
    assert len(labels) == 16 and sum(labels) == pytest.approx(kl, abs=0.05 * 16 + 0.1)  # bars add up
    ticks = page.locator("#vae-kl .xtick").all_text_contents()
    assert [("unused" in t) for t in ticks] == [v < 0.05 for v in labels]  # collapsed dims are marked

    # the same digit through beta = 0.5, 1, 4
    table = page.locator("#vae-beta-table").inner_text()
    rows = re.findall(r"β = (0\.5|1|4)\t(-?\d+\.\d)\t(\d+\.\d)\t(-?\d+\.\d)", table)
    assert [r[0] for r in rows] == ["0.5", "1", "4"], table
    kls = [float(r[2]) for r in rows]
    assert kls[0] > kls[2]  # a stronger KL weight spends less KL on the same digit

    # 4. resample epsilon: new decodes of z = mu + sigma * eps
    page.locator("#vae-resample").scroll_into_view_if_needed()
    before = _digest(page, "vae-samples")
    src = _img(page, "vae-samples").get_attribute("src")
    page.locator("#vae-resample").click()
    _wait_changed(page, "vae-samples", src)
    assert _digest(page, "vae-samples") != before

    # "start from the chosen digit": the sliders jump to mu of that digit
    page.locator("#vae-from-digit").scroll_into_view_if_needed()
    src = _img(page, "vae-decoded").get_attribute("src")
    page.locator("#vae-from-digit").click()
    _wait_changed(page, "vae-decoded", src)
    after = [float(page.locator(f"#vae-z{i} input[type=number]").input_value()) for i in range(1, 17)]
    assert after != values

    # 5. clicking anywhere on the latent map decodes that point
    area = page.locator("#vae-map .nsewdrag").first
    area.scroll_into_view_if_needed()
    src = _img(page, "vae-map-decoded").get_attribute("src")
    box = area.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.25, box["y"] + box["height"] * 0.75)
    page.wait_for_function(
        "document.querySelector('#vae-map-clicked').innerText.includes('z = (')", timeout=60_000)
    _wait_changed(page, "vae-map-decoded", src)
    z1 = float(page.locator("#vae-map-z1 input[type=number]").input_value())
    z2 = float(page.locator("#vae-map-z2 input[type=number]").input_value())
    lo = float(page.locator("#vae-map-z1 input[type=range]").get_attribute("min"))
    assert z1 == pytest.approx(lo / 2, abs=0.15) and z2 == pytest.approx(lo / 2, abs=0.15)
    # ... and on the decoded grid, too
    grid = page.locator("#vae-manifold .nsewdrag").first.bounding_box()
    src = _img(page, "vae-map-decoded").get_attribute("src")
    page.mouse.click(grid["x"] + grid["width"] * 0.9, grid["y"] + grid["height"] * 0.5)
    _wait_changed(page, "vae-map-decoded", src)
    assert float(page.locator("#vae-map-z1 input[type=number]").input_value()) > 0

    # interpolation between two digits: a new strip, and its path on the map
    page.locator("#vae-interp-2d").scroll_into_view_if_needed()
    src = _img(page, "vae-interp-2d").get_attribute("src")
    page.locator("#vae-interp-to input").click()
    page.get_by_role("option", name="1", exact=True).click()
    _wait_changed(page, "vae-interp-2d", src)
    src = _img(page, "vae-interp-16d").get_attribute("src")
    page.locator("#vae-interp-b").scroll_into_view_if_needed()
    drag_slider(page, page.locator("#vae-interp-b"), 0.0, 0.3)  # another example of a 1
    _wait_changed(page, "vae-interp-16d", src)
    screenshot(page, "vae")


def test_bad_input_gets_a_message_and_the_tab_keeps_working(app_page):
    page = app_page
    page.set_default_timeout(60_000)
    _open(page)
    page.locator("#vae-score").click()                                      # blank sketch
    _toast(page, "drawing is blank")
    _set_files(page, "vae-upload", "notes.txt", b"not a picture", "text/plain")
    _toast(page, "not an image")
    _set_files(page, "vae-upload", "white.png", _png(np.full((300, 300), 255, np.uint8)), "image/png")
    _toast(page, "one flat colour")
    _set_files(page, "vae-upload", "huge.png", _png(np.zeros((7000, 7000), np.uint8)), "image/png")
    _toast(page, "megapixels")
    # nothing was replaced or stamped "Error": the last good digit is still shown
    assert "Held-out digit" in page.locator("#vae-numbers").inner_text()
    assert page.locator("#vae-input img").count() == 1
    assert page.locator(".error", has_text="Error").filter(visible=True).count() == 0

    # the tab still works: a real upload, a drawing, a pick
    digit = 255 - np.kron(data.digits("test")[0][5], np.ones((8, 8), np.uint8))
    _set_files(page, "vae-upload", "digit.png", _png(digit), "image/png")
    page.wait_for_function("document.querySelector('#vae-numbers').innerText.includes('Your upload')",
                           timeout=60_000)
    page.locator("#vae-sketch button[aria-label='Brush']").first.click()  # the draw tool
    canvas = page.locator("#vae-sketch canvas").first
    box = canvas.bounding_box()
    x0, y0 = box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.2
    page.mouse.move(x0, y0)
    page.mouse.down()
    for k in range(1, 16):
        page.mouse.move(x0, y0 + box["height"] * 0.6 * k / 15)
    page.mouse.up()
    page.locator("#vae-score").click()
    page.wait_for_function("document.querySelector('#vae-numbers').innerText.includes('Your drawing')",
                           timeout=60_000)
    recon, kl, elbo = _numbers(page)
    assert recon < 0 < kl
    page.locator("#vae-gallery .thumbnail-item").nth(0).click()
    page.wait_for_function("document.querySelector('#vae-numbers').innerText.includes('(a 0)')",
                           timeout=60_000)
