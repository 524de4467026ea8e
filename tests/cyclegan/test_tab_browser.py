"""The CycleGAN tab in a real browser, used the way a student would."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser import digest, image_bytes, open_tab, screenshot

pytestmark = pytest.mark.browser

EXAMPLES = Path(__file__).resolve().parents[2] / "assets" / "cyclegan" / "examples"
SLOW = 180_000  # ms: a photo through ResNet-9 on a busy 2-core CI machine


def src(page: Page, elem_id: str) -> str | None:
    img = page.locator(f"#{elem_id} img")
    return img.first.get_attribute("src") if img.count() else None


def wait_new_image(page: Page, elem_id: str, before: str | None) -> bytes:
    """Wait until the image in #elem_id is there and differs from `before`; return its bytes."""
    page.wait_for_function(
        """([id, before]) => { const i = document.querySelector('#' + id + ' img');
                              return i && i.src && i.src !== before; }""",
        arg=[elem_id, before], timeout=SLOW)
    return image_bytes(page, page.locator(f"#{elem_id} img").first)


def choose_model(page: Page, label: str) -> None:
    page.locator("#cyclegan-model input").click()
    page.get_by_role("option", name=label).click()


def test_upload_translate_and_come_back(app_page: Page, tmp_path):
    page = app_page
    open_tab(page, "CycleGAN")
    page.locator("#cyclegan-resolution label", has_text="128").click()

    # 1. our trained pair: a handwritten digit goes to type and comes back, with its cycle error
    choose_model(page, "Handwritten → typeset digit (G, trained here)")
    page.locator("#cyclegan-input input[type=file]").set_input_files(str(EXAMPLES / "digit_handwritten_3.png"))
    seen = wait_new_image(page, "cyclegan-seen", None)
    out = wait_new_image(page, "cyclegan-output", None)
    back = wait_new_image(page, "cyclegan-back", None)
    assert len({digest(seen), digest(out), digest(back)}) == 3  # a, G(a), F(G(a)) all differ
    expect(page.locator("#cyclegan-summary")).to_contain_text("mean cycle error", timeout=SLOW)
    expect(page.locator("#cyclegan-summary")).to_contain_text("Critic")
    expect(page.locator("#cyclegan-heatmap .js-plotly-plot")).to_be_visible(timeout=SLOW)
    expect(page.locator("#cyclegan-heatmap")).to_contain_text("Cycle error |F(G(a)) − a|")
    expect(page.locator("#cyclegan-back")).to_contain_text("F(G(a))")
    expect(page.locator("#cyclegan-no-reverse")).to_be_hidden()
    screenshot(page, "cyclegan_digit")

    # 2. the photo model, from an example thumbnail (which picks the translator too):
    #    a cat photo, kept in its 3:2 shape, one direction only
    out_src = src(page, "cyclegan-output")
    page.locator(".gallery-item", has=page.locator("img[src$='chelsea_the_cat.jpg']")).click()
    expect(page.locator("#cyclegan-model input")).to_have_value("Photo → vintage look (vintagify, pretrained)")
    expect(page.locator("#cyclegan-summary")).to_contain_text("your picture: 451x300", timeout=SLOW)
    photo = wait_new_image(page, "cyclegan-output", out_src)
    assert digest(photo) != digest(out)
    expect(page.locator("#cyclegan-summary")).to_contain_text("working size 192x128")
    expect(page.locator("#cyclegan-no-reverse")).to_be_visible()
    expect(page.locator("#cyclegan-no-reverse")).to_contain_text("No reverse generator ships")
    expect(page.locator("#cyclegan-back")).to_be_hidden()  # no empty frame for the way back
    with page.expect_download() as dl:
        page.locator("#cyclegan-download").click()
    saved = tmp_path / "translated.png"
    dl.value.save_as(saved)
    assert saved.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and "192x128" in dl.value.suggested_filename
    screenshot(page, "cyclegan_photo")

    # 3. a file that is not a picture: a clear message, and the tab keeps working
    bad = tmp_path / "notes.png"
    bad.write_text("these are my lecture notes, not a picture")
    page.locator("#cyclegan-input input[type=file]").set_input_files(str(bad))
    expect(page.get_by_text("not an image this app can read")).to_be_visible(timeout=SLOW)

    # 4. a digit drawn with the mouse goes through the pair as it is drawn
    out_src = src(page, "cyclegan-output")
    page.get_by_role("tab", name="Draw a digit").click()
    pad = page.locator("#cyclegan-draw")
    pad.get_by_role("button", name="Brush").first.click()
    box = pad.locator("canvas").first.bounding_box()
    x0, y0 = box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.2
    page.mouse.move(x0, y0)
    page.mouse.down()
    for k in range(1, 16):  # a "1": one long stroke down
        page.mouse.move(x0 - box["width"] * 0.05 * k / 15, y0 + box["height"] * 0.6 * k / 15)
    page.mouse.up()
    drawn = wait_new_image(page, "cyclegan-output", out_src)
    assert digest(drawn) != digest(photo)
    expect(page.locator("#cyclegan-summary")).to_contain_text("Handwritten → typeset", timeout=SLOW)
    expect(page.locator("#cyclegan-back img")).to_be_visible(timeout=SLOW)  # the round trip is back
    expect(page.locator("#cyclegan-model input")).to_have_value("Handwritten → typeset digit (G, trained here)")

    # 5. what the pair learned from: the two unpaired piles and held-out round trips
    page.get_by_text("The trained pair: what it learned from").click()
    wait_new_image(page, "cyclegan-piles", None)
    wait_new_image(page, "cyclegan-strip", None)
    expect(page.get_by_text("Held-out mean cycle error")).to_be_visible()
    screenshot(page, "cyclegan_pair")
