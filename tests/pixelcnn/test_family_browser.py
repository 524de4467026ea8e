"""The autoregressive family in the "Pixel by pixel" tab, used like a student would:
NADE drawn pixel by pixel and scored beside the PixelCNNs; PixelRNN's Row LSTM and
Diagonal BiLSTM in the receptive field view (click a pixel); one continuous pixel
under three models (drag K and the context)."""

from __future__ import annotations

import re

import pytest

from playground.pixelcnn import pixelrnn
from tests.browser import digest, drag_slider, image_bytes, open_tab, screenshot, wait_for

pytestmark = pytest.mark.browser

TITLE = "Pixel by pixel"


def test_nade_draws_pixel_by_pixel_and_scores_beside_the_pixelcnns(app_page):
    page = app_page
    open_tab(page, TITLE)
    page.locator("#pixelcnn-model").get_by_text("NADE").click()

    # watch: frames arrive a pixel at a time, the pixel being decided boxed, NADE's note shown
    page.locator("#pixelcnn-speed").get_by_text("Fast (120 pixels/s)").click()
    page.locator("#pixelcnn-generate-btn").click()
    page.wait_for_selector("#pixelcnn-frame .pix-frame[data-state=running]", timeout=60_000)
    seen = set()
    for _ in range(40):
        frame = page.locator("#pixelcnn-frame .pix-frame")
        if frame.get_attribute("data-state") == "running":
            seen.add(int(frame.get_attribute("data-decided")))
        page.wait_for_timeout(50)
    assert len(seen) >= 5, sorted(seen)
    assert "NADE has no class input" in page.locator("#pixelcnn-frame .pix-status").inner_text()
    assert re.search(r"p\(x\d+=1 \| x<\d+\) = [01]\.\d{3}", page.locator("#pixelcnn-frame .pix-p").inner_text())
    screenshot(page, "pixelcnn_nade_running")
    page.wait_for_selector("#pixelcnn-frame .pix-frame[data-state=done]", timeout=60_000)
    assert page.locator("#pixelcnn-frame .pix-frame").get_attribute("data-decided") == "784"
    first = digest(image_bytes(page, page.locator("#pixelcnn-frame .pix-img img").first))

    # as fast as possible, same seed: the same digit; a new seed: another one
    page.locator("#pixelcnn-speed").get_by_text("As fast as possible").click()
    page.locator("#pixelcnn-generate-btn").click()
    page.wait_for_function(
        "() => document.querySelector('#pixelcnn-frame .pix-frame')?.dataset.state === 'done' && "
        "document.querySelector('#pixelcnn-frame .pix-status').innerText.startsWith('NADE')", timeout=60_000)
    page.wait_for_timeout(500)
    assert digest(image_bytes(page, page.locator("#pixelcnn-frame .pix-img img").first)) == first
    page.locator("#pixelcnn-seed input").fill("12")
    page.locator("#pixelcnn-generate-btn").click()
    page.wait_for_function(
        "d => document.querySelector('#pixelcnn-frame .pix-frame')?.dataset.state === 'done'", arg=None,
        timeout=60_000)
    page.wait_for_timeout(800)
    assert digest(image_bytes(page, page.locator("#pixelcnn-frame .pix-img img").first)) != first

    # likelihood of a held-out digit: three models side by side, each with its nats
    page.get_by_role("tab", name="Likelihood").click()
    page.get_by_role("tab", name="Held-out digit").click()
    page.get_by_role("button", name="Score this digit").click()
    page.wait_for_selector("#pixelcnn-score-models .main-svg", timeout=120_000)
    titles = page.locator("#pixelcnn-score-models").inner_text()
    nats = {m[0]: float(m[1]) for m in re.findall(r"(Gated PixelCNN|plain PixelCNN|NADE): (\d+) nats", titles)}
    assert set(nats) == {"Gated PixelCNN", "plain PixelCNN", "NADE"}, titles
    assert all(20 < v < 400 for v in nats.values()), nats
    assert page.locator("#pixelcnn-score-models .heatmaplayer").count() == 3
    screenshot(page, "pixelcnn_nade_scores")


def test_row_lstm_and_diagonal_bilstm_fields_follow_a_click(app_page):
    page = app_page
    open_tab(page, TITLE)
    page.get_by_role("tab", name="Receptive field").click()
    page.wait_for_selector("#pixelcnn-field-summary b", timeout=60_000)
    row_img = page.locator("#pixelcnn-field-rowlstm img")
    diag_img = page.locator("#pixelcnn-field-diagonal img")
    before = digest(image_bytes(page, row_img))
    row_img.scroll_into_view_if_needed()
    box = row_img.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 12.5 / 28, box["y"] + box["height"] * 10.5 / 28)
    page.wait_for_function(
        "() => document.querySelector('#pixelcnn-field-summary').innerText.includes('Pixel 292')",
        timeout=60_000)
    text = page.locator("#pixelcnn-field-summary").inner_text()
    row_seen = int(re.search(r"Row LSTM: depends on (\d+) of them", text)[1])
    row_missed = int(re.search(r"(\d+) earlier pixels beside it are never seen", text)[1])
    diag_seen, diag_missed = map(int, re.search(r"Diagonal BiLSTM: depends on (\d+) of them; (\d+) never", text).groups())
    assert row_seen == int(pixelrnn.row_lstm_shape(10, 12).sum()) and row_missed == 292 - row_seen > 0
    assert diag_seen == 292 and diag_missed == 0
    assert "Later pixels influencing the LSTM layers: 0" in text
    assert digest(image_bytes(page, row_img)) != before
    assert digest(image_bytes(page, row_img)) != digest(image_bytes(page, diag_img))
    screenshot(page, "pixelcnn_field_pixelrnn")


def test_continuous_pixel_follows_k_and_context(app_page):
    page = app_page
    open_tab(page, TITLE)
    page.get_by_role("tab", name="Continuous pixels").click()
    table = page.locator("#pixelcnn-cont-table")
    page.wait_for_selector("#pixelcnn-cont-plot .main-svg", timeout=60_000)
    page.wait_for_function("() => document.querySelector('#pixelcnn-cont-table').innerText.includes('3K = 9')",
                           timeout=30_000)
    assert "left neighbour 240–255" in table.inner_text() and "| 255 |" not in table.inner_text()
    assert "255" in table.inner_text()          # the softmax's parameter count
    # drag K up: the table and the mixture's parameter count follow while dragging
    drag_slider(page, page.locator("#pixelcnn-cont-k"), 2.5 / 9, 0.95)
    page.wait_for_function("() => !document.querySelector('#pixelcnn-cont-table').innerText.includes('3K = 9')",
                           timeout=30_000)
    # the views follow the drag live: wait for where it ended (the slider's value)
    k = int(float(page.locator("#pixelcnn-cont-k input[type=range]").input_value()))
    page.wait_for_function("k => document.querySelector('#pixelcnn-cont-table').innerText"
                           ".includes('K = ' + k + ' logistics')", arg=k, timeout=30_000)
    assert k > 3 and f"3K = {3 * k}" in table.inner_text()
    # data lines, one curve per component, the mixture
    wait_for(lambda: page.locator("#pixelcnn-cont-plot .scatterlayer .trace").count() >= 3 + k + 1 - 2)
    # drag the context to paper: the pixel is almost surely paper
    drag_slider(page, page.locator("#pixelcnn-cont-left"), 0.99, 0.0)
    page.wait_for_function("() => document.querySelector('#pixelcnn-cont-table').innerText.includes('0–15')",
                           timeout=30_000)
    p_ink = float(re.search(r"p\(ink\) = ([\d.]+)", table.inner_text())[1])
    assert p_ink < 0.1
    screenshot(page, "pixelcnn_continuous")


def _latin_words(texts: list[str]) -> list[str]:
    from tests.browser import _WORD, _excused
    return [w for t in texts for w in _WORD.findall(t) if not _excused(w)]


def test_the_new_views_in_korean(open_app):
    """A Korean browser: the two LSTM fields and the continuous pixel, in Korean words."""
    from playground.pixelcnn.text import KO
    from tests.browser import language_report, visible_texts, wait_language

    page = open_app(locale="ko-KR")
    wait_language(page, "ko")
    page.click("#tab-pixelcnn-button")
    page.get_by_role("tab", name=KO["tab_field"]).click()
    page.wait_for_selector("#pixelcnn-field-summary b", timeout=60_000)
    assert "Row LSTM" in page.locator("#pixelcnn-field-summary").inner_text()
    assert "위쪽의 삼각형" in page.locator("#pixelcnn-field-summary").inner_text()
    screenshot(page, "pixelcnn_field_pixelrnn_ko")
    for words in ("보지 못하는 픽셀", "인과적"):
        assert words in page.locator("#pixelcnn-field-summary").inner_text()
    page.get_by_role("tab", name=KO["tab_continuous"]).click()
    page.wait_for_selector("#pixelcnn-cont-plot .main-svg", timeout=60_000)
    page.wait_for_function("() => document.querySelector('#pixelcnn-cont-table').innerText.includes('3K = 9')",
                           timeout=30_000)
    screenshot(page, "pixelcnn_continuous_ko")
    # the sub-tab is all new: the tab as shown meets the page's 90% Hangul rule
    texts = visible_texts(page, "#tab-pixelcnn")
    report = language_report(texts)
    assert report["share"] >= 0.9 and not report["english"], (report, " ".join(_latin_words(texts)))
    # NADE beside the PixelCNNs, in Korean
    page.get_by_role("tab", name=KO["tab_likelihood"]).click()
    page.get_by_role("tab", name=KO["heldout_tab"]).click()
    page.get_by_role("button", name=KO["score_heldout"]).click()
    page.wait_for_selector("#pixelcnn-score-models .main-svg", timeout=120_000)
    titles = page.locator("#pixelcnn-score-models").inner_text()
    assert "테스트 평균" in titles and "NADE" in titles and "test mean" not in titles
    screenshot(page, "pixelcnn_nade_scores_ko")
