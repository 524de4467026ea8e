"""The VAE's latent sliders in a real browser: the page decodes a drag itself (webdecoder.py)."""

import io

import numpy as np
import pytest
from PIL import Image

from playground import imaging
from playground.vae import views as V
from playground.vae import webdecoder
from tests.browser import image_bytes, open_tab, press_and_drag, used_latent_slider

pytestmark = pytest.mark.browser

PAGE_PIXELS = """async ([src, zs]) => {
  const hub = window.playgroundVae, t = await hub.load(src);
  return zs.map((z) => Array.from(hub.pixels(t, z)[0]));
}"""


def _src(page, elem="vae-decoded") -> str:
    return page.locator(f"#{elem} img").first.get_attribute("src")


def _pixels(page, elem="vae-decoded") -> np.ndarray:
    """The picture shown in #elem as grey levels (the page's PNG is RGBA, the server's grey)."""
    img = page.locator(f"#{elem} img").first
    return np.asarray(Image.open(io.BytesIO(image_bytes(page, img))).convert("L"))


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
    slider = used_latent_slider(page)
    slider.scroll_into_view_if_needed()
    seen = {_src(page)}
    press_and_drag(page, slider, 0.5, 0.1, pause_ms=80, each=lambda: seen.add(_src(page)))
    assert len(seen) >= 3, "the picture did not follow the drag"
    assert joins == [], f"a drag went to the server: {joins}"
    dragged, dragged_px = _src(page), _pixels(page)

    # ... until the release, which sends all sixteen values once; the server's picture is the same
    page.mouse.up()
    page.wait_for_function("(old) => document.querySelector('#vae-decoded img').src !== old",
                           arg=dragged, timeout=30_000)
    assert len(joins) == 1
    value = float(slider.locator("input[type=number]").input_value())
    assert value < -0.5
    diff = np.abs(_pixels(page).astype(int) - dragged_px.astype(int))
    assert diff.max() <= 2, diff.max()

    # the 2-D map's z1 the same way: the page draws the point's digit, the release tells the server
    joins.clear()
    map_z1 = page.locator("#vae-map-z1")
    map_z1.scroll_into_view_if_needed()
    first = _src(page, "vae-map-decoded")
    press_and_drag(page, map_z1, 0.5, 0.86, steps=6, pause_ms=80)
    dragged, dragged_px = _src(page, "vae-map-decoded"), _pixels(page, "vae-map-decoded")
    assert dragged != first and joins == []
    page.mouse.up()
    page.wait_for_function("(old) => document.querySelector('#vae-map-decoded img').src !== old",
                           arg=dragged, timeout=30_000)
    assert len(joins) == 1
    diff = np.abs(_pixels(page, "vae-map-decoded").astype(int) - dragged_px.astype(int))
    assert diff.max() <= 2, diff.max()
