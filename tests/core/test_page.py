"""The page in a real browser: it loads, shows the tabs and the device footer, and
requests nothing from outside 127.0.0.1 (the app_page fixture fails otherwise)."""

import pytest
from playwright.sync_api import expect

from playground import TOPICS
from playground.app import available_topics
from tests.browser import screenshot

pytestmark = pytest.mark.browser


def test_page_loads_with_header_footer_and_tabs(app_page):
    page = app_page
    assert "playground" in page.title()
    footer = page.locator("#footer-device").inner_text()
    assert "Device: CPU" in footer and "CPU threads:" in footer
    tabs = page.get_by_role("tablist").first.get_by_role("tab")  # the app's tabs, not tabs inside a tab
    expect(tabs).to_have_count(len(available_topics()))  # waits until the tabs have rendered
    screenshot(page, "page")


def test_every_topic_gets_a_tab_in_syllabus_order(monkeypatch):
    monkeypatch.delenv("PLAYGROUND_TOPICS", raising=False)
    assert available_topics() == list(TOPICS)   # all six tab modules exist


def test_topics_without_a_tab_module_and_unselected_topics_are_left_out(monkeypatch):
    monkeypatch.delenv("PLAYGROUND_TOPICS", raising=False)
    assert available_topics(("vae", "no_such_topic", "gan")) == ["vae", "gan"]
    monkeypatch.setenv("PLAYGROUND_TOPICS", "gan, vae")
    assert available_topics() == ["vae", "gan"]    # the syllabus' order, not the variable's
