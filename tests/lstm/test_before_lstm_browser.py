"""The LSTM tab's "before the LSTM" views, used like a student would: the parameter budgets,
the counting (Markov) models beside the networks, and exploding gradients with clipping."""

import pytest

from tests.browser import (drag_slider, language_report, open_tab, screenshot, use_tab, visible_texts,
                           wait_language)

pytestmark = pytest.mark.browser


def _analyse(page) -> None:
    page.click("#lstm-run")
    page.wait_for_function("() => (document.querySelector('#lstm-info')?.innerText || '')"
                           ".includes('characters')", timeout=90_000)


def test_equal_budgets_table_shows_the_counted_parameters(app_page):
    page = app_page
    open_tab(page, "LSTM gates")
    table = page.locator("#lstm-budget")
    assert "128,737" not in table.inner_text()      # nothing is loaded before Analyse
    _analyse(page)
    page.wait_for_function("() => (document.querySelector('#lstm-budget')?.innerText || '')"
                           ".includes('128,737')", timeout=60_000)
    text = table.inner_text()
    for number in ("116,224", "114,456", "102,202", "129,297", "128,877", "908", "753", "373"):
        assert number in text
    table.scroll_into_view_if_needed()
    screenshot(page, "lstm_budget", full_page=False)


def _rows(page, elem: str) -> list[list[str]]:
    """A Gradio Dataframe's body cells, row by row (its rows are divs of a virtual table)."""
    return page.evaluate("e => Array.from(document.querySelectorAll(`#${e} .virtual-row`)).map(r => "
                         "Array.from(r.querySelectorAll('[role=gridcell]')).map(c => c.innerText.trim()))", elem)


def test_counting_models_beside_the_networks_follow_the_students_text(app_page):
    page = app_page
    open_tab(page, "LSTM gates")
    box = page.locator("#lstm-text textarea")
    box.fill("for i in range(10):\n    print(i)\n")
    _analyse(page)
    # the plot: held-out bits/char of AR(0..6) and the three networks' lines
    page.wait_for_selector("#lstm-markov .main-svg", timeout=90_000)
    names = page.locator("#lstm-markov .legendtext").all_text_contents()
    assert names[0] == "counting model AR(τ), held-out" and len(names) == 4
    assert any(n.startswith("LSTM (1.9") for n in names)
    # the table starts at the end of the text: nothing came after it
    page.wait_for_function("() => document.querySelectorAll('#lstm-markov-table .virtual-row').length === 8")
    rows = _rows(page, "lstm-markov-table")
    assert [r[0] for r in rows] == [f"AR({k})" for k in range(7)] + ["LSTM"]
    assert rows[3][1] == "i)⏎" and rows[0][-1] == "–"
    # drag the position back: the contexts and the guesses follow, the real next character is scored
    slider = page.locator("#lstm-markov-t")
    slider.scroll_into_view_if_needed()
    slider.locator("input[type=number]").fill("20")
    slider.locator("input[type=number]").press("Enter")
    page.wait_for_function("() => document.querySelector('#lstm-markov-table [data-testid=cell-2-1]')"
                           "?.innerText.trim() === '⏎␣'")
    rows = _rows(page, "lstm-markov-table")
    assert rows[6][1] == "10):⏎␣" and rows[6][2].startswith("␣")
    assert all(r[-1].endswith("%") for r in rows)
    page.locator("#lstm-markov").scroll_into_view_if_needed()
    screenshot(page, "lstm_markov", full_page=False)


def _traces(page) -> list[str]:
    return page.locator("#lstm-gradient .legendtext").all_text_contents()


def test_exploding_gradients_and_clipping(app_page):
    page = app_page
    open_tab(page, "LSTM gates")
    _analyse(page)
    # the RNN with U x 2 joins the three trained models' lines, and explodes
    page.wait_for_function("() => Array.from(document.querySelectorAll('#lstm-gradient .legendtext'))"
                           ".some(t => t.textContent === 'RNN, U × 2.00')", timeout=90_000)
    assert _traces(page)[:3] == ["vanilla RNN", "LSTM", "GRU"]
    info = page.locator("#lstm-explode-info")
    assert "not clipped" in info.inner_text()
    norm_big = info.inner_text().split("‖g‖ = ")[1].split(";")[0]
    assert "e" in norm_big and int(norm_big.split("e")[1]) > 50       # 1e+50 and beyond
    # drag s down to below 1: the gradient now vanishes, its norm is a plain number
    slider = page.locator("#lstm-scale")
    slider.scroll_into_view_if_needed()
    drag_slider(page, slider, 0.6, 0.05)
    page.wait_for_function("() => !(document.querySelector('#lstm-explode-info')?.innerText || '')"
                           ".includes('U × 2.00')")
    scale = float(info.inner_text().split("U × ")[1].split(":")[0].strip("*"))
    assert scale < 1
    page.wait_for_function("() => Array.from(document.querySelectorAll('#lstm-gradient .legendtext'))"
                           ".some(t => t.textContent.startsWith('RNN, U × 0.'))")  # the plot follows the text
    # back up to 3, then clip: the clipped line is added, the text says by how much
    slider.locator("input[type=number]").fill("3")
    slider.locator("input[type=number]").press("Enter")
    page.wait_for_function("() => (document.querySelector('#lstm-explode-info')?.innerText || '')"
                           ".includes('U × 3.00')")
    page.locator("#lstm-clip input").check()
    page.wait_for_function("() => (document.querySelector('#lstm-explode-info')?.innerText || '')"
                           ".includes('multiplied by')")
    page.wait_for_function("() => Array.from(document.querySelectorAll('#lstm-gradient .legendtext'))"
                           ".some(t => t.textContent === 'RNN, U × 3.00, clipped at 1')")
    assert _traces(page)[-2:] == ["RNN, U × 3.00", "RNN, U × 3.00, clipped at 1"]
    rows = page.locator("#lstm-grad-table").inner_text()
    assert "RNN, U × 3.00" in rows
    page.locator("#lstm-gradient").scroll_into_view_if_needed()
    screenshot(page, "lstm_exploding", full_page=False)


def test_the_three_views_speak_korean(ko_page):
    """A Korean browser: the budgets, the counting models and the exploding RNN in Korean."""
    page = ko_page
    wait_language(page, "ko")
    use_tab(page, "lstm")
    page.wait_for_function("() => (document.querySelector('#lstm-explode-info')?.innerText || '')"
                           ".includes('전체 기울기의 노름')", timeout=90_000)
    assert "클리핑하지 않았습니다" in page.locator("#lstm-explode-info").inner_text()
    assert "U × 2.00인 RNN" in page.locator("#lstm-gradient .legendtext").all_text_contents()
    page.wait_for_selector("#lstm-markov .main-svg", timeout=90_000)
    assert page.locator("#lstm-markov .legendtext").first.text_content() == "세는 모델 AR(τ), 평가용 텍스트"
    assert "AR(6) 모델" in page.locator("#lstm-markov-table").inner_text()
    assert "유닛 수 H" in page.locator("#lstm-budget").inner_text()
    report = language_report(visible_texts(page, "#tab-lstm"))
    assert report["share"] >= 0.9 and not report["english"], report["english"]
    for elem, name in (("#lstm-gradient", "ko_lstm_exploding"), ("#lstm-markov", "ko_lstm_markov"),
                       ("#lstm-budget", "ko_lstm_budget")):
        page.locator(elem).scroll_into_view_if_needed()
        screenshot(page, name, full_page=False)
