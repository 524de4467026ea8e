"""The "Pixel by pixel" tab in a real browser, used like a student would.

Two page loads: (1) generate (intermediate frames, the finished digit, same seed same
digit, Stop), complete (visible rows kept); (2) likelihood of a drawing and of uploads
(bad ones included), receptive field by clicking, parameter counting by dragging.
"""

from __future__ import annotations

import io
import re
import time

import numpy as np
import pytest
from PIL import Image

from playground import data
from playground.imaging import upscale
from tests.browser import digest, drag_slider, image_bytes, open_tab, screenshot, settle

pytestmark = pytest.mark.browser

TITLE = "Pixel by pixel"
GREY = (88, 92, 112)  # render.UNDECIDED


def _frame_state(page, elem: str) -> tuple[str, int]:
    frame = page.locator(f"#{elem} .pix-frame")
    return frame.get_attribute("data-state"), int(frame.get_attribute("data-decided"))


def _png(page, img) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(image_bytes(page, img))).convert("RGB"))


def _wait_state(page, elem: str, state: str, timeout_s: float = 120) -> None:
    page.wait_for_selector(f"#{elem} .pix-frame[data-state={state}]", timeout=timeout_s * 1000)


def _generate_and_watch(page, timeout_s: float = 120) -> None:
    """Click Generate; wait for a running frame, then for the finished one."""
    page.locator("#pixelcnn-generate-btn").click()
    _wait_state(page, "pixelcnn-frame", "running", timeout_s)
    _wait_state(page, "pixelcnn-frame", "done", timeout_s)


def _toast_text(page) -> str:
    page.locator(".toast-body").last.wait_for(timeout=60_000)
    return " ".join(page.locator(".toast-body").all_inner_texts())


def _close_toasts(page) -> None:
    for close in page.locator(".toast-close").all():
        if close.is_visible():
            close.click()


def test_generate_stream_stop_same_seed_and_complete(app_page):
    page = app_page
    open_tab(page, TITLE)

    # 1. Watch each pixel (12 pixels/s): frames arrive one pixel at a time, the pixel
    #    being decided boxed and its probability shown; Stop halts the stream at once
    page.locator("#pixelcnn-speed").get_by_text("Watch each pixel").click()
    page.locator("#pixelcnn-class").get_by_text("7", exact=True).click()
    page.locator("#pixelcnn-seed input").fill("5")
    page.locator("#pixelcnn-generate-btn").click()
    seen = set()
    deadline = time.time() + 120
    while len(seen) < 6 and time.time() < deadline:
        state, decided = _frame_state(page, "pixelcnn-frame")
        if state == "running":
            seen.add(decided)
        page.wait_for_timeout(40)
    assert len(seen) >= 6, f"too few intermediate frames: {sorted(seen)}"
    assert page.locator("#pixelcnn-frame .pix-cursor").count() == 2  # on the digit and its map
    assert re.search(r"p\(x\d+=1 \| x<\d+\) = [01]\.\d{3}", page.locator("#pixelcnn-frame .pix-p").inner_text())
    screenshot(page, "pixelcnn_generate_running")
    page.locator("#pixelcnn-stop-btn").click()
    page.wait_for_timeout(700)
    _, stopped_at = _frame_state(page, "pixelcnn-frame")
    page.wait_for_timeout(2000)  # 12 pixels/s: a stream still running would move ~24 pixels
    state, later = _frame_state(page, "pixelcnn-frame")
    assert state == "running" and later == stopped_at < 200, (stopped_at, later)

    # 2. As fast as possible: the finished digit; the same seed gives the same digit
    page.locator("#pixelcnn-speed").get_by_text("As fast as possible").click()
    _generate_and_watch(page)
    state, decided = _frame_state(page, "pixelcnn-frame")
    assert decided == 784
    digit = _png(page, page.locator("#pixelcnn-frame .pix-img img").first)
    assert digit.shape == (28, 28, 3)
    assert not (digit == GREY).all(-1).any(), "the finished digit still has undecided pixels"
    ink = (digit == 255).all(-1).mean()
    assert 0.03 < ink < 0.5, f"a digit has some ink, not all: {ink:.2f}"
    assert "Done: 784 pixels" in page.locator("#pixelcnn-frame .pix-status").inner_text()
    first = digest(image_bytes(page, page.locator("#pixelcnn-frame .pix-img img").first))
    screenshot(page, "pixelcnn_generate")
    _generate_and_watch(page)
    again = digest(image_bytes(page, page.locator("#pixelcnn-frame .pix-img img").first))
    assert again == first, "the same seed must give the same digit"

    # 3. Several samples at once: three different digits side by side
    page.locator("#pixelcnn-samples input[type=number]").fill("3")
    page.locator("#pixelcnn-samples input[type=number]").press("Enter")
    _generate_and_watch(page)
    digits = page.locator("#pixelcnn-frame .pix-cell")
    assert digits.count() == 3
    firsts = {digest(image_bytes(page, digits.nth(k).locator("img").first)) for k in range(3)}
    assert len(firsts) == 3, "three samples at once are three different digits"

    # 4. Complete: the preview follows the slider while it is dragged; completions keep
    #    the visible rows exactly
    page.get_by_role("tab", name="Complete").click()
    _wait_state(page, "pixelcnn-complete-frame", "preview")
    boundary = page.locator("#pixelcnn-complete-frame .pix-boundary")
    top_before = boundary.get_attribute("style")
    drag_slider(page, page.locator("#pixelcnn-hide"), 0.5, 0.35)
    page.wait_for_function(
        f"() => {{ const b = document.querySelector('#pixelcnn-complete-frame .pix-boundary');"
        f" return b && b.getAttribute('style') !== {top_before!r}; }}", timeout=30_000)
    hidden = int(page.locator("#pixelcnn-hide input[type=number]").input_value())
    visible = 28 - hidden
    settle(page, "pixelcnn")   # the release's preview has arrived: the click starts the completion
    page.locator("#pixelcnn-complete-btn").click()
    page.wait_for_selector("#pixelcnn-complete-frame .pix-frame:is([data-state=running], [data-state=done])",
                           timeout=120_000)
    _wait_state(page, "pixelcnn-complete-frame", "done")
    cells = page.locator("#pixelcnn-complete-frame .pix-cell")
    assert cells.count() == 1 + 6
    given = _png(page, cells.nth(0).locator("img"))
    completions = [_png(page, cells.nth(k).locator("img")) for k in range(1, 7)]
    for c in completions:
        assert np.array_equal(c[:visible], given[:visible]), "a visible row was altered"
        assert not (c == GREY).all(-1).any()
    assert len({c.tobytes() for c in completions}) > 1, "completions should differ"
    screenshot(page, "pixelcnn_complete")


def _draw(page, pad_id: str, strokes: list[list[tuple[int, int]]]) -> None:
    """Draw strokes (offsets in screen pixels from the canvas centre) with the brush."""
    pad = page.locator(f"#{pad_id}")
    pad.get_by_role("button", name="Brush").click()
    box = pad.locator("canvas").first.bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    for stroke in strokes:
        page.mouse.move(cx + stroke[0][0], cy + stroke[0][1])
        page.mouse.down()
        for x, y in stroke[1:]:
            page.mouse.move(cx + x, cy + y, steps=8)
        page.mouse.up()


def _nats(caption_text: str) -> dict[str, float]:
    return {m[0]: float(m[1]) for m in re.findall(r"([a-z ,]+): (\d+) nats", caption_text)}


def test_likelihood_bad_input_receptive_field_and_counting(app_page, tmp_path):
    page = app_page
    open_tab(page, TITLE)
    page.get_by_role("tab", name="Likelihood").click()

    # blank drawing: a clear message, nothing breaks
    page.get_by_role("button", name="Score my drawing").click()
    assert "blank" in _toast_text(page)
    _close_toasts(page)

    # a drawn 7: its NLL, and the impostors cost more nats
    _draw(page, "pixelcnn-score-draw", [[(-45, -95), (45, -95), (0, 95)]])
    page.get_by_role("button", name="Score my drawing").click()
    page.wait_for_selector("#pixelcnn-score-summary .pix-big", timeout=60_000)
    page.wait_for_selector("#pixelcnn-score-heat .main-svg", timeout=60_000)
    summary = page.locator("#pixelcnn-score-summary").inner_text()
    assert "nats" in summary and "bits per pixel" in summary
    scores = _nats(page.locator("#pixelcnn-score-gallery").inner_text())
    yours = scores["your digit"]
    assert 20 < yours < 300
    assert scores["same ink, scrambled"] > yours + 50
    assert scores["upside down"] > yours and scores["a scribble"] > yours, scores
    screenshot(page, "pixelcnn_likelihood")

    # uploads: not an image, too small, all ink -> messages; a real digit -> a new score
    page.get_by_role("tab", name="Upload").click()
    upload = page.locator("#pixelcnn-upload input[type=file]")
    bad = {
        "notes.txt": (b"not a picture", "not an image"),
        "tiny.png": (Image.new("L", (4, 4), 0), "too small"),
        "black.png": (Image.new("L", (200, 200), 0), "all one colour"),
    }
    for name, (content, message) in bad.items():
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            content.save(path)
        upload.set_input_files(str(path))
        page.wait_for_function(
            "m => [...document.querySelectorAll('.toast-body')].some(t => t.innerText.includes(m))",
            arg=message, timeout=60_000)
        _close_toasts(page)
        page.locator("#pixelcnn-upload").get_by_role("button", name="Clear").click()
    images, labels = data.digits("test", binarized=False)
    real = tmp_path / "digit.png"
    upscale(255 - images[np.flatnonzero(labels == 2)[0]], 140).save(real)  # dark ink on white paper
    upload.set_input_files(str(real))
    page.wait_for_function(
        "s => document.querySelector('#pixelcnn-score-summary').innerText !== s", arg=summary,
        timeout=60_000)
    assert "nats" in page.locator("#pixelcnn-score-summary").inner_text()

    # receptive field: click a pixel; the plain model shows a blind spot, the gated none
    page.get_by_role("tab", name="Receptive field").click()
    page.wait_for_selector("#pixelcnn-field-summary b", timeout=60_000)
    plain_img = page.locator("#pixelcnn-field-plain img")
    before = digest(image_bytes(page, plain_img))
    box = plain_img.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 12.5 / 28, box["y"] + box["height"] * 10.5 / 28)
    page.wait_for_function(
        "() => document.querySelector('#pixelcnn-field-summary').innerText.includes('Pixel 292')",
        timeout=60_000)
    assert page.locator("#pixelcnn-field-row input").input_value() == "10"
    assert page.locator("#pixelcnn-field-col input").input_value() == "12"
    text = page.locator("#pixelcnn-field-summary").inner_text()
    plain_blind = int(re.search(r"(\d+) earlier pixels inside its reach are invisible", text)[1])
    gated_blind = int(re.search(r"Gated: depends on \d+ of them; (\d+) blind", text)[1])
    assert plain_blind > 10 and gated_blind == 0
    assert "plain 0, gated 0" in text
    assert digest(image_bytes(page, plain_img)) != before
    screenshot(page, "pixelcnn_field")

    # parameter counting: the table follows the slider while it is dragged
    page.get_by_role("tab", name="Counting parameters").click()
    page.wait_for_selector("#pixelcnn-count-plot .main-svg", timeout=60_000)
    table = page.locator("#pixelcnn-count-table")
    assert "n = 64" in table.inner_text()
    drag_slider(page, page.locator("#pixelcnn-count-n"), 64 / 784, 0.5)
    page.wait_for_function(
        "() => !document.querySelector('#pixelcnn-count-table').innerText.includes('n = 64')",
        timeout=30_000)
    # the table now counts for the dragged n: its rows follow their formulas exactly
    text = table.inner_text()
    n = int(re.search(r"n = (\d+)", text).group(1))
    assert n > 64
    assert f"{2 * n - 1:,}" in text and f"{n * (n + 1) // 2:,}" in text   # Markov, logistic rows
    screenshot(page, "pixelcnn_count")
