"""The Attention tab in a real browser, driven like a student would."""

import csv
import io

import pytest

from tests.browser import drag_slider, open_tab, screenshot

pytestmark = pytest.mark.browser

PLOT = "#{} .js-plotly-plot"


def plot_state(page, elem: str) -> dict:
    """What a plotly chart shows right now: its title, first trace's z (nulls kept) and labels."""
    return page.evaluate(
        """(sel) => { const gd = document.querySelector(sel);
            if (!gd || !gd._fullData || !gd._fullData.length) { return null; }
            const t = gd._fullData[0];
            const rows = t.z ? Array.from(t.z).map(r => Array.from(r)) : null;
            return {title: gd.layout.title ? gd.layout.title.text : '', z: rows,
                    x: t.x ? Array.from(t.x) : null, traces: gd._fullData.length,
                    fill: gd._fullData.length > 1 ? gd._fullData[1].fillpattern.shape : null}; }""",
        PLOT.format(elem))


def wait_title(page, elem: str, text: str, timeout: float = 60_000) -> None:
    page.wait_for_function(
        """([sel, text]) => { const gd = document.querySelector(sel);
            return gd && gd.layout && gd.layout.title && gd.layout.title.text.includes(text); }""",
        arg=[PLOT.format(elem), text], timeout=timeout)


def slider_value(page, elem: str) -> int:
    return int(float(page.locator(f"#{elem} input[type=number]").input_value()))


def click_grid_cell(page, layer: int, column: int) -> None:
    """Click the middle of one thumbnail of the all-heads picture (object-fit: contain)."""
    from playground.attention import grid
    img = page.locator("#att-grid img")
    img.scroll_into_view_if_needed()
    # the picture may be mid-swap after the previous click: measure it once it has loaded
    page.wait_for_function("() => { const el = document.querySelector('#att-grid img');"
                           " return el && el.complete && el.naturalWidth > 0; }", timeout=60_000)
    box = img.bounding_box()
    nat_w, nat_h = page.evaluate("(el) => [el.naturalWidth, el.naturalHeight]", img.element_handle())
    scale = min(box["width"] / nat_w, box["height"] / nat_h)
    off_x, off_y = (box["width"] - nat_w * scale) / 2, (box["height"] - nat_h * scale) / 2
    side = (nat_w - grid.GRID_LEFT) / 13 - grid.GRID_GAP
    x = grid.GRID_LEFT + column * (side + grid.GRID_GAP) + side / 2
    y = grid.GRID_TOP + layer * (side + grid.GRID_GAP) + side / 2
    page.mouse.click(box["x"] + off_x + x * scale, box["y"] + off_y + y * scale)


def test_minilm_heatmaps_grid_steps_and_exports(app_page):
    page = app_page
    open_tab(page, "Attention")
    wait_title(page, "att-heatmap", "Layer 4, head 2", timeout=120_000)
    page.wait_for_selector("#att-grid img")
    first = plot_state(page, "att-heatmap")
    assert first["x"][0] == "[CLS]" and "animal" in first["x"]
    assert all(abs(sum(row) - 1) < 1e-4 for row in first["z"])
    # the step-by-step view opens on "it", whose strongest key in this head is "animal"
    steps_text = page.locator("#att-steps-text").inner_text()
    assert "Strongest key: “animal”" in steps_text
    screenshot(page, "attention_minilm")

    # drag the head slider: the heatmap follows
    drag_slider(page, page.locator("#att-head"), 2 / 11, 8 / 11)
    head = slider_value(page, "att-head")
    assert head != 2
    wait_title(page, "att-heatmap", f"Layer 4, head {head}:")
    assert plot_state(page, "att-heatmap")["z"] != first["z"]

    # click a thumbnail in the all-heads picture: layer 2, head 9 opens
    click_grid_cell(page, layer=1, column=8)
    wait_title(page, "att-heatmap", "Layer 2, head 9:")
    assert slider_value(page, "att-layer") == 2 and slider_value(page, "att-head") == 9
    # ... and the average column opens the layer's average
    click_grid_cell(page, layer=1, column=12)
    wait_title(page, "att-heatmap", "Layer 2, average of the 12 heads")
    assert page.locator("#att-avg input").is_checked()
    page.locator("#att-avg input").uncheck()
    wait_title(page, "att-heatmap", "Layer 2, head 9:")

    # hide [CLS]/[SEP]: gone from the axes, rows renormalised
    page.locator("#att-hide input").check()
    wait_title(page, "att-heatmap", "hidden")
    hidden = plot_state(page, "att-heatmap")
    assert "[CLS]" not in hidden["x"] and "[SEP]" not in hidden["x"]
    assert all(abs(sum(row) - 1) < 1e-4 for row in hidden["z"])

    # click a token chip: the step-by-step view follows that token
    page.locator("#att-tokens").get_by_text("street", exact=True).click()
    wait_title(page, "att-steps", "“street”")
    assert "street" in page.locator("#att-query input").input_value()

    # exports: the CSV of the heatmap on screen, and plotly's own PNG download
    with page.expect_download() as download:
        page.locator("#att-heatmap").get_by_role("button", name="⬇ CSV").click()
    rows = list(csv.reader(io.StringIO(open(download.value.path(), encoding="utf-8").read())))
    assert download.value.suggested_filename == "minilm_layer2_head9.csv"
    shown = [x.replace("\u200b", "") for x in hidden["x"]]  # repeated tokens carry zero-width marks
    assert rows[0][1:] == shown and len(rows) == len(shown) + 1
    assert abs(sum(float(v) for v in rows[1][1:]) - 1) < 1e-4
    page.hover(PLOT.format("att-heatmap"))
    with page.expect_download() as download:
        page.locator('#att-heatmap .modebar-btn[data-title="Download plot as a PNG"]').click()
    assert open(download.value.path(), "rb").read(8) == b"\x89PNG\r\n\x1a\n"

    # a new text with an emoji: the model's [UNK] is shown and explained
    page.fill("#att-text textarea", "I love pizza 🍕 so much")
    page.click("#att-show")
    page.wait_for_function("() => document.querySelector('#att-notes') && "
                           "document.querySelector('#att-notes')?.innerText.includes('[UNK]')")
    assert "[UNK]" in page.locator("#att-tokens").inner_text()

    # bad input: 20,000 characters are cut with a notice; empty text gets a clear message
    page.fill("#att-text textarea", "many words " * 1820)
    page.click("#att-show")
    page.wait_for_function("() => document.querySelector('#att-notes')?.innerText.includes('cut after character')")
    page.fill("#att-text textarea", "")
    page.click("#att-show")
    page.get_by_text("The text is empty").first.wait_for()
    screenshot(page, "attention_minilm_bad_input")


def test_toy_encoder_decoder_generates_step_by_step(app_page):
    page = app_page
    open_tab(page, "Attention")
    page.wait_for_selector(PLOT.format("toy-dec"), timeout=120_000)

    page.locator("#toy-input").get_by_role("textbox").fill("90210")
    page.click("#toy-generate")
    # the first look's finished example is on screen already: wait for this input's answer
    page.wait_for_function("() => { const t = document.querySelector('#toy-output').innerText;"
                           " return t.includes('90210') && t.includes('01209') && t.includes('✔'); }",
                           timeout=60_000)
    dec = plot_state(page, "toy-dec")
    n = len(dec["z"])
    assert n == 6  # five digits and the end mark, one row per step
    # masked cells are shown as masked (no colour, hatched), not as zeros
    blank = [[v is None or v != v for v in row] for row in dec["z"]]  # null or NaN: not drawn
    assert all(blank[i][j] for i in range(n) for j in range(i + 1, n))
    assert not any(blank[i][j] for i in range(n) for j in range(i + 1))
    assert dec["traces"] == 2 and dec["fill"] == "/"
    cross = plot_state(page, "toy-cross")
    assert len(cross["z"]) == n and len(cross["z"][0]) == 6
    screenshot(page, "attention_toy")

    # scrub back to step 2: the maps show what the decoder had written then
    drag_slider(page, page.locator("#toy-step"), 0.98, 0.2)
    page.wait_for_function(
        """() => { const gd = document.querySelector('#toy-dec .js-plotly-plot');
                   return gd && gd._fullData[0].z.length === 2; }""")

    # without positional encoding the decoder is told so (and the unit tests show it fails)
    page.locator("#toy-use-pe input").uncheck()
    page.click("#toy-generate")
    page.wait_for_function("() => document.querySelector('#toy-output').innerText.includes('switched off')",
                           timeout=60_000)
    page.locator("#toy-use-pe input").check()

    # bad input gets a clear message
    page.locator("#toy-input").get_by_role("textbox").fill("5 märz 2021")
    page.click("#toy-generate")
    page.get_by_text("may only contain").first.wait_for()
