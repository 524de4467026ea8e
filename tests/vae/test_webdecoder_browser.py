"""The VAE's latent sliders in a real browser: the page decodes a drag itself (webdecoder.py)."""

import base64
import io

import numpy as np
import pytest
from PIL import Image

from playground import imaging
from playground.vae import views as V
from playground.vae import webdecoder
from tests.browser import open_tab

pytestmark = pytest.mark.browser

PAGE_PIXELS = """async ([src, zs]) => {
  const hub = window.playgroundVae, t = await hub.load(src);
  return zs.map((z) => Array.from(hub.pixels(t, z)[0]));
}"""


def _src(page, elem="vae-decoded") -> str:
    return page.locator(f"#{elem} img").first.get_attribute("src")


def _pixels(src: str) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(base64.b64decode(src.split(",", 1)[1]))).convert("L"))


def test_the_page_decodes_a_drag_itself_and_the_server_hears_only_the_release(app_page):
    page = app_page
    page.set_default_timeout(60_000)
    open_tab(page, "VAE")
    page.wait_for_function(
        "document.querySelector('#vae-numbers')?.innerText.includes('Held-out digit')", timeout=90_000)

    # the JavaScript decoder gives the server's pictures (float16 weights: a level or two of 255)
    zs = np.clip(np.random.default_rng(1).standard_normal((6, V.LATENT)) * 1.5, -V.Z_MAX, V.Z_MAX)
    got = np.asarray(page.evaluate(PAGE_PIXELS, [webdecoder.export(V.SLIDERS_MODEL), zs.round(2).tolist()]),
                     np.int64).reshape(6, 28, 28)
    want = imaging.to_uint8(V.decode(V.SLIDERS_MODEL, zs.round(2))).astype(np.int64)
    assert np.abs(got - want).max() <= 2 and np.abs(got - want).mean() < 0.1

    # a drag: the picture follows the mouse, and no event reaches the server's queue ...
    joins = []
    page.on("request", lambda r: joins.append(r.url) if "/queue/join" in r.url else None)
    labels = [page.locator(f"#vae-z{i} label").first.inner_text() for i in range(1, 17)]
    used = next(i for i, text in enumerate(labels, 1) if "unused" not in text)
    slider = page.locator(f"#vae-z{used}")
    slider.scroll_into_view_if_needed()
    track = slider.locator("input[type=range]").bounding_box()
    y = track["y"] + track["height"] / 2
    first = _src(page)
    page.mouse.move(track["x"] + track["width"] * 0.5, y)
    page.mouse.down()
    seen = {first}
    for k in range(1, 9):
        page.mouse.move(track["x"] + track["width"] * (0.5 - 0.05 * k), y)
        page.wait_for_timeout(80)
        seen.add(_src(page))
    assert len(seen) >= 3, "the picture did not follow the drag"
    assert joins == [], f"a drag went to the server: {joins}"
    dragged = _src(page)

    # ... until the release, which sends all sixteen values once; the server's picture is the same
    page.mouse.up()
    page.wait_for_function("(old) => document.querySelector('#vae-decoded img').src !== old",
                           arg=dragged, timeout=30_000)
    assert len(joins) == 1
    value = float(slider.locator("input[type=number]").input_value())
    assert value < -0.5
    diff = np.abs(_pixels(_src(page)).astype(int) - _pixels(dragged).astype(int))
    assert diff.max() <= 2, diff.max()

    # the 2-D map's z1 the same way: the page draws the point's digit, the release tells the server
    joins.clear()
    map_z1 = page.locator("#vae-map-z1")
    map_z1.scroll_into_view_if_needed()
    first = _src(page, "vae-map-decoded")
    track = map_z1.locator("input[type=range]").bounding_box()
    y = track["y"] + track["height"] / 2
    page.mouse.move(track["x"] + track["width"] * 0.5, y)
    page.mouse.down()
    for k in range(1, 7):
        page.mouse.move(track["x"] + track["width"] * (0.5 + 0.06 * k), y)
        page.wait_for_timeout(80)
    dragged = _src(page, "vae-map-decoded")
    assert dragged != first and joins == []
    page.mouse.up()
    page.wait_for_function("(old) => document.querySelector('#vae-map-decoded img').src !== old",
                           arg=dragged, timeout=30_000)
    assert len(joins) == 1
    diff = np.abs(_pixels(_src(page, "vae-map-decoded")).astype(int) - _pixels(dragged).astype(int))
    assert diff.max() <= 2, diff.max()
