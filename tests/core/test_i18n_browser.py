"""The page in each student's language, in a real browser: a Korean browser gets Korean on
every tab (after its first use), ?lang=en overrides it, the switch flips a session live
without losing its state, and two sessions in two languages share one server."""

from __future__ import annotations

import re

import pytest

from playground import i18n
from playground import text as page_text
from playground.app import available_topics
from playground.lstm import text as lstm_text
from tests.browser import (language_report, screenshot, switch_language, use_tab, use_lstm, visible_texts,
                           wait_language)

pytestmark = pytest.mark.browser

HANGUL_SHARE = 0.90


def _report(page, root: str, name: str) -> dict:
    report = language_report(visible_texts(page, root))
    print(f"{name}: {report['share']:.1%} Hangul ({report['hangul']} Hangul, {report['latin']} Latin "
          f"letters), {len(report['english'])} English sentences")
    for sentence in report["english"]:
        print("   ", sentence)
    print("   Latin letters by word:", ", ".join(f"{w} x{n}" for w, n in report["words"].most_common(40)))
    return report


def test_the_page_itself_is_korean_in_a_korean_browser(open_app):
    page = open_app("ko-KR")
    wait_language(page, "ko")
    assert page.title() == page_text.KO["title"]
    report = _report(page, "#page-top, #page-top + div, #footer-device", "page")
    assert report["share"] >= HANGUL_SHARE and not report["english"]


@pytest.mark.parametrize("topic", available_topics())
def test_every_tab_is_korean_in_a_korean_browser_after_its_first_use(ko_page, topic):
    page = ko_page
    wait_language(page, "ko")
    use_tab(page, topic, again=False)   # the a11y tests may have used it on this page already
    screenshot(page, f"ko-{topic}")
    raw = [t for t in visible_texts(page, f"#tab-{topic}", skip="style, script") if "i18n" in t]
    assert not raw, f"untranslated markers on the page: {raw[:5]}"
    report = _report(page, f"#tab-{topic}", topic)
    assert report["share"] >= HANGUL_SHARE and not report["english"], (
        f"{topic}: {report['share']:.1%} Hangul; English left:\n" + "\n".join(report["english"]))


def test_lang_en_in_the_address_gives_english_on_a_korean_browser(open_app):
    page = open_app("ko-KR", "?lang=en")
    wait_language(page, "en")
    assert page.title() == page_text.EN["title"]
    assert page_text.EN["intro"][:40] in page.inner_text("#page-intro")
    use_lstm(page)  # and what the server writes is English too
    assert page.inner_text("#lstm-info").startswith(f"{len(_lstm_text(page)):,} characters")
    # and the other way round
    page = open_app("en-US", "?lang=ko")
    wait_language(page, "ko")
    assert page_text.KO["intro"][:30] in page.inner_text("#page-intro")


def _lstm_text(page) -> str:
    return page.locator("#lstm-text textarea").input_value().replace("\r\n", "\n")[:2000]


def _lstm_info(lang: str) -> str:
    """The longest fixed stretch of the LSTM info line in `lang` (its template without the
    numbers and the bold marks)."""
    with i18n.language(lang):
        template = i18n.strings(lstm_text).info
    return max(re.split(r"\{[^}]*\}|\*\*", template), key=len).strip()


def _wait_info(page, fragment: str) -> None:
    page.wait_for_function("t => document.querySelector('#lstm-info').innerText.includes(t)",
                           arg=fragment, timeout=90_000)


def test_the_switch_flips_the_language_live_and_keeps_the_session(open_app):
    page = open_app("en-US")
    wait_language(page, "en")
    page.evaluate("() => { window.__same_page = true; }")  # gone if the page reloads
    box = page.locator("#lstm-text textarea")
    box.fill("for i in range(3):\n    print(i)\n")
    page.locator("#lstm-model label", has_text="GRU").click()
    use_lstm(page)
    en_info = page.inner_text("#lstm-info")
    unit = page.locator("#lstm-unit .lstm-unit-text").get_attribute("data-unit")

    switch_language(page, "ko")
    assert page.evaluate("() => window.__same_page === true")
    assert page_text.KO["intro"][:30] in page.inner_text("#page-intro")  # the page's words, live
    assert page.evaluate("() => document.cookie").count(f"{i18n.COOKIE}=ko") == 1
    assert page.evaluate("() => localStorage.getItem('playground.lang')") == "ko"
    # the session's state is all there: text, model, analysis, unit
    assert box.input_value() == "for i in range(3):\n    print(i)\n"
    assert page.locator("#lstm-model input[value=gru]").is_checked()
    assert page.inner_text("#lstm-info") == en_info  # written by the server in English: kept
    assert page.locator("#lstm-unit .lstm-unit-text").get_attribute("data-unit") == unit
    # what the server writes next is Korean
    assert _lstm_info("ko") != _lstm_info("en"), "no Korean for the LSTM tab yet"
    page.click("#lstm-run")
    _wait_info(page, _lstm_info("ko"))
    assert page.inner_text("#lstm-info") != en_info
    screenshot(page, "switched-to-ko", full_page=False)

    # the browser remembers the choice
    page.reload()
    wait_language(page, "ko")
    switch_language(page, "en")
    assert page_text.EN["intro"][:40] in page.inner_text("#page-intro")


def test_two_sessions_in_two_languages_at_once(open_app):
    ko = open_app("ko-KR")
    en = open_app("en-US")
    wait_language(ko, "ko")
    wait_language(en, "en")
    for page in (ko, en):  # both ask the server at the same time
        page.click("#lstm-run")
    _wait_info(ko, _lstm_info("ko"))
    _wait_info(en, _lstm_info("en"))
    assert _lstm_info("ko") != _lstm_info("en"), "no Korean for the LSTM tab yet"
    assert page_text.KO["intro"][:30] in ko.inner_text("#page-intro")
    assert page_text.EN["intro"][:40] in en.inner_text("#page-intro")
    # one flips to English: its server words follow, the other session's stay Korean
    switch_language(en, "ko")
    switch_language(ko, "en")
    for page in (ko, en):
        page.click("#lstm-model label >> nth=1")  # another model: a fresh info line
    _wait_info(ko, _lstm_info("en"))
    _wait_info(en, _lstm_info("ko"))


def test_the_front_end_modules_are_found_and_mended_before_any_component(open_app):
    from playground.app import frontend_modules
    page = open_app("en-US")
    kind = page.evaluate("async (m) => typeof (await import(new URL('assets/' + m, document.baseURI).href))"
                         ".changeLocale", frontend_modules()["locale"])
    assert kind == "function"
    # the props' fix was in place before the first component was made
    assert page.evaluate("() => window.playgroundLang.mended") == "before"
