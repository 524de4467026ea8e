"""The words proxy of playground.i18n: the session's language in handlers, markers at build
time (derived keys for formatted words), English where Korean has a gap, no leak between
sessions, a bounded registry."""

from __future__ import annotations

import random
import threading
import types
from contextlib import contextmanager

import pytest
from gradio.context import LocalContext

from playground import i18n


def fake_text(name: str = "playground.fake.text", en: dict | None = None, ko: dict | None = None):
    module = types.ModuleType(name)
    module.EN = en if en is not None else {
        "title": "Fake tab",
        "greet": "Hello {name}, {n:,} steps",
        "world": "world",
        "only_en": "Only in English",
        "choices": {"ring": "ring", "grid": "grid"},
        "columns": ["rank", "unit"],
    }
    if ko is not False:
        module.KO = ko if ko is not None else {
            "title": "가짜 탭",
            "greet": "안녕 {name}, {n:,} 단계",
            "world": "세계",
            "only_en": "",  # empty: reads as English
            "choices": {"ring": "고리"},  # grid missing: reads as English
            "columns": ["순위", "유닛"],
        }
    return module


class Request(types.SimpleNamespace):
    """What handlers see of a gr.Request: its session and headers."""


@contextmanager
def in_request(session_hash: str | None = None, **headers):
    token = LocalContext.request.set(Request(session_hash=session_hash, headers=headers))
    try:
        yield
    finally:
        LocalContext.request.reset(token)


@pytest.fixture(autouse=True)
def clean_sessions(monkeypatch):
    monkeypatch.delenv(i18n.ENV, raising=False)
    with i18n._sessions_lock:
        saved = dict(i18n._sessions)
        i18n._sessions.clear()
    yield
    with i18n._sessions_lock:
        i18n._sessions.clear()
        i18n._sessions.update(saved)


def test_a_session_reads_its_own_language_with_english_for_gaps():
    T = i18n.strings(fake_text())
    i18n.set_session_language("s-ko", "ko")
    i18n.set_session_language("s-en", "en")
    with in_request("s-ko"):
        assert T.title == "가짜 탭"
        assert T["greet"].format(name="x", n=1200) == "안녕 x, 1,200 단계"
        assert T.only_en == "Only in English"
        assert T.choices == {"ring": "고리", "grid": "grid"}
        assert T.columns == ["순위", "유닛"]
        assert vars(T)["title"] == dict(T)["title"] == "가짜 탭"
    with in_request("s-en"):
        assert T.title == "Fake tab" and T.choices["ring"] == "ring"
    assert T.title == "Fake tab"  # no request: the server default


def test_a_missing_word_is_an_attribute_error():
    T = i18n.strings(fake_text())
    with pytest.raises(AttributeError, match="no word 'nope'"):
        T.nope
    with pytest.raises(KeyError):
        T["nope"]


def test_unregistered_sessions_use_cookie_then_accept_language_then_default(monkeypatch):
    T = i18n.strings(fake_text())
    with in_request("new", **{"accept-language": "fr-FR,ko;q=0.8,en;q=0.5"}):
        assert i18n.current() == "ko" and T.title == "가짜 탭"
    with in_request("new", **{"accept-language": "ko-KR", "cookie": f"a=1; {i18n.COOKIE}=en"}):
        assert i18n.current() == "en"
    with in_request("new", **{"accept-language": "de, fr"}):
        assert i18n.current() == "en"
    monkeypatch.setenv(i18n.ENV, "ko")
    with in_request("new"):
        assert i18n.current() == "ko"
    with in_request("new", **{"accept-language": "en-US"}):
        assert i18n.current() == "ko"  # a server set to Korean: stated preferences only (cookie, switch)
    assert T.title == "가짜 탭"  # outside any session too
    i18n.set_session_language("new", "en")
    with in_request("new", **{"cookie": f"{i18n.COOKIE}=ko"}):
        assert i18n.current() == "en"  # the registered language wins over the cookie


def test_accept_language_weights():
    assert i18n.from_accept_language("en;q=0.3, ko-KR;q=0.9") == "ko"
    assert i18n.from_accept_language("ko;q=0, en") == "en"
    assert i18n.from_accept_language("") is None
    assert i18n.normalise("KO_kr") == "ko" and i18n.normalise("ja") is None


def test_forced_language_beats_the_session():
    T = i18n.strings(fake_text())
    i18n.set_session_language("s", "en")
    with in_request("s"), i18n.language("ko"):
        assert T.title == "가짜 탭"
    with pytest.raises(ValueError):
        with i18n.language("xx"):
            pass


def test_build_time_words_are_markers_the_front_end_translates():
    T = i18n.strings(fake_text())
    with i18n.building():
        title = T.title
        choices = T.choices
        columns = T.columns
    assert isinstance(title, i18n.Marker) and str(title).startswith("__i18n__")
    assert title.key == "pg.fake.title"
    tr = i18n.translations()
    assert tr["en"]["pg.fake.title"] == "Fake tab" and tr["ko"]["pg.fake.title"] == "가짜 탭"
    assert tr["ko"][choices["grid"].key] == "grid"  # the gap reads as English in Korean too
    assert [c.key for c in columns] == ["pg.fake.columns.0", "pg.fake.columns.1"]
    # a request during the build (or a forced language) still reads plain words
    with i18n.building(), i18n.language("ko"):
        assert T.title == "가짜 탭"
    # gradio's own marker text: what its front end looks for
    import gradio as gr
    assert str(title) == str(gr.I18n()("pg.fake.title"))


def test_formatting_a_marker_registers_every_language_formatted():
    T = i18n.strings(fake_text())
    with i18n.building():
        m = T.greet.format(name=T.world, n=1234)
        again = T.greet.format(name=T.world, n=1234)
        same = T.greet.format(name="x", n=1)  # still differs by language
        replaced = T.greet.replace("{name}", "Ann")
        joined = "**" + T.title + "** " + T.world
        mixed = i18n.join(", ", [T.world, T.title])
        fstring = f"**{T.title}**"
    assert isinstance(m, i18n.Marker) and m.key.startswith("pg.fake.greet~")
    assert m.texts == {"en": "Hello world, 1,234 steps", "ko": "안녕 세계, 1,234 단계"}
    assert again.key == m.key
    assert same.texts["ko"] == "안녕 x, 1 단계"
    assert replaced.texts["en"] == "Hello Ann, {n:,} steps"
    assert joined.texts == {"en": "**Fake tab** world", "ko": "**가짜 탭** 세계"}
    assert mixed.texts["ko"] == "세계, 가짜 탭"
    assert i18n.translations()["ko"][m.key] == "안녕 세계, 1,234 단계"
    # an f-string keeps one marker with text around it: the front end translates that as well
    assert fstring.startswith("**__i18n__") and fstring.endswith("**") and fstring.count("__i18n__") == 1
    assert i18n.resolve(fstring, "ko") == "**가짜 탭**"


def test_words_equal_in_every_language_stay_plain_text():
    T = i18n.strings(fake_text())
    with i18n.building():
        only = T.only_en.format()  # English in both: no marker needed
    assert type(only) is str and only == "Only in English"


def test_a_translation_with_other_placeholders_formats_as_english(caplog):
    mod = fake_text(en={"x": "{a} apples"}, ko={"x": "사과 {b}개"})
    T = i18n.strings(mod)
    with i18n.building():
        m = T.x.format(a=3)
    assert m == "3 apples" and type(m) is str  # Korean fell back to English, so both agree
    assert "using English" in caplog.text


def test_render_builds_a_view_once_per_language():
    T = i18n.strings(fake_text())

    def view(n):
        return f"<p>{T.title}</p><p>{T.greet.format(name=T.world, n=n)}</p>"
    with i18n.building():
        html = i18n.render(view, 2)
        inline = view(2)
    assert inline.count("__i18n__") == 2  # what render() avoids: the front end translates one
    assert isinstance(html, i18n.Marker)
    assert html.texts["ko"] == "<p>가짜 탭</p><p>안녕 세계, 2 단계</p>"
    assert i18n.render(view, 2) == "<p>Fake tab</p><p>Hello world, 2 steps</p>"  # not building


def test_variants_and_plain():
    T = i18n.strings(fake_text())
    with i18n.building():
        word = T.world
        cmap = i18n.plain({T.world: "#fff"}, "ko")
    assert i18n.variants(word) == ["world", "세계"]
    assert cmap == {"세계": "#fff"}
    assert i18n.plain(word) == "world"


def test_no_language_leaks_between_sessions_on_threads():
    """Sixteen threads, each handling requests of sessions in both languages in random
    order (as Gradio's worker threads do): every read gives its own session's words."""
    T = i18n.strings(fake_text())
    sessions = {f"s{i}": ("ko" if i % 2 else "en") for i in range(40)}
    for s, lang in sessions.items():
        i18n.set_session_language(s, lang)
    expected = {"en": "Fake tab", "ko": "가짜 탭"}
    wrong: list[str] = []
    start = threading.Barrier(16)

    def worker(seed: int) -> None:
        rng = random.Random(seed)
        start.wait()
        for _ in range(400):
            s = rng.choice(list(sessions))
            with in_request(s):
                got = T.title
                if rng.random() < 0.1:  # a switch in between, by another session
                    other = rng.choice(list(sessions))
                    i18n.set_session_language(other, sessions[other])
                if got != expected[sessions[s]] or T.greet.format(name="x", n=1)[:2] != (
                        "안녕" if sessions[s] == "ko" else "He"):
                    wrong.append(f"{s}: {got}")
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not wrong, wrong[:5]
    assert T.title == "Fake tab"  # and this thread saw no request at all


def test_the_registry_is_bounded_and_forgets_closed_pages(monkeypatch):
    monkeypatch.setattr(i18n, "MAX_SESSIONS", 50)
    for i in range(500):
        i18n.set_session_language(f"s{i}", "ko")
    assert i18n.session_count() == 50
    assert "s499" in i18n._sessions and "s0" not in i18n._sessions
    i18n.forget_session("s499")
    assert "s499" not in i18n._sessions
    i18n.forget_session(None)  # a page that never registered: nothing to do
    assert i18n.set_session_language("x", "klingon") == "en"  # unknown: the default


def test_problems_lists_every_gap_and_placeholder_mismatch():
    mod = fake_text(en={"a": "A {n}", "b": "B", "c": {"x": "X"}, "d": ["1", "2"], "e": "$h_{t}$"},
                    ko={"a": "가 {m}", "c": {"x": "", "y": "와"}, "d": ["일"], "e": "$h_{t}$", "z": "?"})
    found = i18n.problems(mod)
    assert "a: placeholders ['n'] != ['m']" in found
    assert "b: missing" in found
    assert "c.x: missing" in found and "c.y: not an English key" in found
    assert "d: should be a list of 2" in found
    assert "z: not an English key" in found
    assert not any(line.startswith("e") for line in found)
    assert i18n.problems(fake_text(ko=False)) == ["playground.fake.text has no KO dict"]
    complete = fake_text(ko={"title": "가짜", "greet": "{name} {n:,}", "world": "세계", "only_en": "영어",
                             "choices": {"ring": "고리", "grid": "격자"}, "columns": ["순위", "유닛"]})
    assert i18n.problems(complete) == []


def test_gradio_i18n_carries_every_marker():
    T = i18n.strings(fake_text())
    g = i18n.gradio_i18n()
    with i18n.building():
        late = T.greet.format(name="late", n=5)
    assert g.translations["ko"][late.key] == "안녕 late, 5 단계"  # made after: included too


def test_the_page_script_is_filled_in():
    from playground.app import frontend_modules, page_head
    head = page_head()
    assert "%(" not in head and frontend_modules()["locale"] in head and frontend_modules()["components"] in head
    assert '"ko": "playground: ' in head  # the titles, in each language
