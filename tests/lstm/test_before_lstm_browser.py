"""The LSTM tab's "before the LSTM" views, used like a student would: the parameter budgets,
the counting (Markov) models beside the networks, and exploding gradients with clipping."""

import pytest

from tests.browser import open_tab, screenshot

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
