"""The LSTM gates tab in a real browser, used like a student would.

One page load: type text and analyse, read the heatmaps' characters, drag the unit
and time sliders, find a unit and sort the heatmaps by it, try bad input, continue the text.
"""

import re

import pytest

from tests.browser import drag_slider, open_tab, screenshot

pytestmark = pytest.mark.browser


def _ticks(page) -> str:
    """The characters under the first heatmap, as the browser drew them."""
    return page.evaluate("() => Array.from(document.querySelector('#lstm-heatmaps .xaxislayer-above')"
                         ".querySelectorAll('text')).map(t => t.textContent).join('')")


def _unit_shown(page) -> tuple[str, str]:
    box = page.locator("#lstm-unit .lstm-unit-text")
    return box.get_attribute("data-unit"), box.inner_html()


def _drag(page, elem_id: str, start: float, end: float) -> None:
    slider = page.locator(elem_id)
    slider.scroll_into_view_if_needed()  # drag_slider uses viewport coordinates
    drag_slider(page, slider, start, end)


def _wait_info(page, pattern: str) -> None:
    page.wait_for_function(
        "p => (document.querySelector('#lstm-info')?.innerText || '').match(new RegExp(p))",
        arg=pattern, timeout=90_000)


def test_student_types_text_and_sees_the_gates(app_page):
    page = app_page
    open_tab(page, "LSTM gates")

    # 1. type a text and analyse it: the heatmaps show exactly these characters
    box = page.locator("#lstm-text textarea")
    box.fill("")
    typed = 's = "q(x)"\nif s:\n    print(s)  # end\n'
    box.type(typed)
    page.click("#lstm-run")
    _wait_info(page, f"^{len(typed)} characters")
    page.wait_for_selector("#lstm-heatmaps .main-svg", timeout=90_000)
    assert _ticks(page).startswith('s␣=␣"q(x)"⏎if')
    titles = page.evaluate("() => Array.from(document.querySelectorAll('#lstm-heatmaps .annotation-text'))"
                           ".map(t => t.textContent)")
    assert titles == ["input gate i", "forget gate f", "output gate o", "candidate g",
                      "cell state c", "hidden state h"]
    unit_before, html_before = _unit_shown(page)
    assert page.locator("#lstm-unit .lstm-unit-text span[title]").count() == len(typed)
    # find-units ran for 'inside a string': ten units with their correlations, the best one shown
    assert len(re.findall(r"-?[01]\.\d+", page.locator("#lstm-ranking").inner_text())) == 10
    assert f"unit {unit_before} " in page.locator("#lstm-best").inner_text()
    screenshot(page, "lstm_typed")

    # 2. type more and analyse again: the heatmaps and the unit view follow the new text
    box.press("End")
    more = "x = [1, (2, 3)]\n"
    box.type(more)
    n = len(typed + more)
    page.click("#lstm-run")
    _wait_info(page, f"^{n} characters")
    page.wait_for_function("n => document.querySelector('#lstm-unit .lstm-unit-text')"
                           ".querySelectorAll('span[title]').length === n", arg=n)
    assert "x␣=␣[1" in _ticks(page)
    assert _unit_shown(page)[1] != html_before

    # 3. drag the unit slider: another unit colours the text, live
    shown_before = _unit_shown(page)[0]
    _drag(page, "#lstm-unit-slider", 0.1, 0.8)
    # the view follows the drag live: wait for where it ended, not for its first change
    page.wait_for_function(
        "u => { const unit = document.querySelector('#lstm-unit .lstm-unit-text')?.dataset.unit;"
        " return unit !== u && +unit > 60; }", arg=shown_before)
    unit_after, html_after = _unit_shown(page)
    assert int(unit_after) > 60 and html_after != html_before

    # 4. find the unit that follows bracket depth: table, sentence, plot
    page.locator("#lstm-feature input").click()
    page.get_by_role("option", name="bracket depth").click()
    page.click("#lstm-find")
    page.wait_for_function("() => (document.querySelector('#lstm-best')?.innerText || '')"
                           ".includes('bracket depth')")
    best = page.locator("#lstm-best").inner_text()
    unit = re.search(r"unit (\d+)", best).group(1)
    assert page.locator("#lstm-unit .lstm-unit-text").get_attribute("data-unit") == unit
    assert page.locator("#lstm-unit-plot .scatterlayer .trace").count() == 2

    # 4b. sort the heatmaps' rows by that feature: the best unit moves to the top row
    page.locator("#lstm-sort input").check()
    page.wait_for_function("u => document.querySelector('#lstm-heatmaps .yaxislayer-above text')"
                           "?.textContent === u", arg=unit)
    assert page.locator("#lstm-heatmaps .ytitle").first.text_content() == "units (sorted)"

    # 5. drag through time: the cell diagram follows, with the real numbers
    head = page.locator("#lstm-diagram .lstm-step-head").inner_text()
    _drag(page, "#lstm-t", 0.2, 0.6)
    page.wait_for_function("h => document.querySelector('#lstm-diagram .lstm-step-head')?.innerText !== h",
                           arg=head)
    assert page.locator("#lstm-diagram svg").count() >= 2
    assert "c<sub>t</sub>" in page.locator("#lstm-diagram .lstm-equations").inner_html()
    # the three trained models and the RNN with a scaled U (test_before_lstm_browser.py)
    page.wait_for_function("() => document.querySelectorAll('#lstm-gradient .scatterlayer .trace').length === 4",
                           timeout=90_000)
    screenshot(page, "lstm_dragged")

    # 6. bad input: an empty box says so; characters outside ASCII are named
    box.fill("")
    page.click("#lstm-run")
    page.get_by_text("The text box is empty").first.wait_for()
    page.click("#lstm-ex-unicode")
    _wait_info(page, "unknown symbol")
    assert "é" in page.locator("#lstm-info").inner_text()
    assert "\ufffd" in page.locator("#lstm-unit .lstm-unit-text").inner_text()

    # 7. continue the text
    page.click("#lstm-sample")
    page.wait_for_function("() => document.querySelector('#lstm-sampled textarea')?.value.length >= 20")
    screenshot(page, "lstm_end")


def test_the_gru_update_gate_reads_as_keep_old_state(app_page):
    """PyTorch's GRU keeps h_{t-1} when z = 1: the heatmap title, the diagram's z and 1 - z
    boxes and the convention note say so (colah's figure in the notes has it the other way)."""
    page = app_page
    open_tab(page, "LSTM gates")
    page.get_by_label("GRU (152 units)").check()
    page.click("#lstm-run")
    _wait_info(page, "GRU")
    page.wait_for_function("() => (document.querySelector('#lstm-diagram')?.innerHTML || '')"
                           ".includes('keep old h')", timeout=90_000)
    page.wait_for_function("t => Array.from(document.querySelectorAll('#lstm-heatmaps .annotation-text'))"
                           ".some(a => a.textContent === t)",
                           arg="update gate z (green, z = 1: keep the old h)", timeout=90_000)
    diagram = page.locator("#lstm-diagram")
    assert diagram.locator("text.box-note").all_text_contents() == ["1 = keep old h", "1 = write new n"]
    assert "keeps the old state" in diagram.locator(".lstm-convention").inner_text()
    diagram.scroll_into_view_if_needed()
    screenshot(page, "lstm_gru_diagram", full_page=False)
