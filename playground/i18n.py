"""User-facing words in each student's language (English or Korean).

Every topic keeps its words in a `text.py`: `EN = {...}` and `KO = {...}` with the same
keys and the same {placeholders}. A tab reads them through one proxy,

    T = i18n.strings(text)
    T.title, T.info.format(n=3), T.choices["ring"], dict(T)

and what `T.key` gives depends on where it is read:

- in an event handler: the words of that browser session's language (KO, a missing
  key or an empty string falling back to EN). The session's language is registered by
  the page (its load event and the language switch, see `playground.app`); a request
  from a session that has not registered yet uses its `playground_lang` cookie (set by
  the page's script before any event), then its Accept-Language header, then the
  server default (PLAYGROUND_LANG, else English);
- while the page is built (`with i18n.building():`, no request): a *marker*, a string
  that Gradio's front end replaces by the translation of the browser's current locale,
  so that labels, buttons, Markdown and HTML values change language live. Build code
  may still format, replace and concatenate markers (`Marker`): each language's
  template is formatted with the same arguments and the result registered as a new key.
  A view rendered at build time with many words (an HTML frame) is built once per
  language with `render(fn)`;
- elsewhere (tests, benchmarks, scripts): the server default language, or the one
  forced with `with i18n.language("ko"):`.

`gradio_i18n()` hands every marker's translations to `launch(i18n=...)`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import sys
import threading
from collections import OrderedDict
from collections.abc import Mapping
from contextvars import ContextVar
from types import ModuleType
from typing import Any, Callable, Iterator

log = logging.getLogger("playground")

LANGS = ("en", "ko")
NAMES = {"en": "English", "ko": "한국어"}  # each language in its own words (the switch)
ENV = "PLAYGROUND_LANG"                   # auto (default), en or ko
COOKIE = "playground_lang"                # set by the page's script; read before a session registers
MAX_SESSIONS = 10_000                     # the registry forgets the least recently set beyond this

_forced: ContextVar[str | None] = ContextVar("playground_lang_forced", default=None)
_building: ContextVar[bool] = ContextVar("playground_lang_building", default=False)


# --------------------------------------------------------------------- languages

def normalise(tag: Any) -> str | None:
    """'ko', 'ko-KR', 'KO_kr' -> 'ko'; anything not offered -> None."""
    if not isinstance(tag, str):
        return None
    primary = tag.strip().lower().replace("_", "-").split("-")[0]
    return primary if primary in LANGS else None


def configured() -> str:
    """PLAYGROUND_LANG as the page script reads it: 'auto' (follow the browser) or a language."""
    return normalise(os.environ.get(ENV, "")) or "auto"


def default_language() -> str:
    """The language of words read outside any session, and of sessions that state nothing."""
    lang = configured()
    return "en" if lang == "auto" else lang


def from_accept_language(header: str | None) -> str | None:
    """The offered language the browser prefers most, from an Accept-Language header."""
    if not header:
        return None
    ranked = []
    for i, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        for p in params.split(";"):
            name, _, value = p.strip().partition("=")
            if name == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        ranked.append((-q, i, tag))
    for _, _, tag in sorted(ranked):
        lang = normalise(tag)
        if lang:
            return lang
    return None


def _cookie(header: str | None) -> str | None:
    for part in (header or "").split(";"):
        name, _, value = part.strip().partition("=")
        if name == COOKIE:
            return normalise(value)
    return None


# --------------------------------------------------------------------- sessions

_sessions: OrderedDict[str, str] = OrderedDict()
_sessions_lock = threading.Lock()


def set_session_language(session_hash: str | None, lang: str) -> str:
    """Remember a browser session's language (from its page load and its switch)."""
    lang = normalise(lang) or default_language()
    if session_hash:
        with _sessions_lock:
            _sessions[session_hash] = lang
            _sessions.move_to_end(session_hash)
            while len(_sessions) > MAX_SESSIONS:
                _sessions.popitem(last=False)
    return lang


def forget_session(session_hash: str | None) -> None:
    """The page closed (Gradio's unload): drop its entry."""
    with _sessions_lock:
        _sessions.pop(session_hash or "", None)


def session_count() -> int:
    return len(_sessions)


def _headers(request: Any) -> Mapping:
    headers = getattr(request, "headers", None)
    return headers if headers is not None else {}


def request_language(request: Any) -> str:
    """The language of the session that sent `request` (a gr.Request)."""
    lang = _sessions.get(getattr(request, "session_hash", None) or "")
    if lang:
        return lang
    headers = _headers(request)
    return (_cookie(headers.get("cookie")) or (configured() if configured() != "auto" else None)
            or from_accept_language(headers.get("accept-language")) or default_language())


def _request() -> Any:
    # Gradio sets the request of the event being handled in a context variable, before
    # every call and every step of a generator, on whichever thread runs it. If Gradio
    # was never imported there is no request (views.py code in a worker process, tests).
    context = sys.modules.get("gradio.context")
    return None if context is None else context.LocalContext.request.get(None)


def current() -> str:
    """The language words are read in here and now."""
    forced = _forced.get()
    if forced:
        return forced
    request = _request()
    return request_language(request) if request is not None else default_language()


def marking() -> bool:
    """True while the page is built (no forced language, no request): words become markers."""
    return _building.get() and not _forced.get() and _request() is None


@contextlib.contextmanager
def language(lang: str) -> Iterator[str]:
    """Read words in `lang` inside this block (this thread/context only)."""
    chosen = normalise(lang)
    if chosen is None:
        raise ValueError(f"unknown language {lang!r}; offered: {', '.join(LANGS)}")
    token = _forced.set(chosen)
    try:
        yield chosen
    finally:
        _forced.reset(token)


@contextlib.contextmanager
def building() -> Iterator[None]:
    """Build the page inside this block: words read here become front-end markers."""
    token = _building.set(True)
    try:
        yield
    finally:
        _building.reset(token)


# --------------------------------------------------------------------- markers

PREFIX = "pg."  # our keys, apart from Gradio's own translations
_MARKER_RE = re.compile(r'__i18n__\{"__type__": "translation_metadata", "key": "([^"}]*)"\}')
_translations: dict[str, dict[str, str]] = {lang: {} for lang in LANGS}
_translations_lock = threading.Lock()


def _marker_text(key: str) -> str:
    # exactly gradio.i18n.I18nData's str(); the front end translates the first one in a string
    return "__i18n__" + json.dumps({"__type__": "translation_metadata", "key": key})


def _register(key: str, texts: dict[str, str]) -> None:
    with _translations_lock:
        for lang in LANGS:
            _translations[lang][key] = texts[lang]


def resolve(value: Any, lang: str | None = None) -> Any:
    """`value` with every marker in it replaced by its text in `lang` (default: `current()`).

    Strings (with any number of markers), dicts, lists and tuples; anything else as is.
    """
    lang = lang or current()
    if isinstance(value, Marker):
        return value.texts[lang]
    if isinstance(value, str):
        if "__i18n__" not in value:
            return value
        return _MARKER_RE.sub(lambda m: _translations[lang].get(m.group(1), m.group(0)), value)
    if isinstance(value, dict):
        return {resolve(k, lang): resolve(v, lang) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(resolve(v, lang) for v in value)
    return value


def _derive(base: str, texts: dict[str, str]) -> str:
    """A string that reads `texts[lang]` in each language: plain if they agree, else a marker."""
    if len(set(texts.values())) == 1:
        return str(texts[LANGS[0]])
    digest = hashlib.sha1(json.dumps(texts, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:12]
    key = f"{base.split('~')[0]}~{digest}"
    _register(key, texts)
    return Marker(key, texts)


class Marker(str):
    """A word at page-build time. Its str() is Gradio's translation marker for `key`; the
    front end shows `texts[locale]`. Formatting, replacing and concatenating work on every
    language's text at once and give a new marker; anything else sees the marker string."""

    def __new__(cls, key: str, texts: dict[str, str]) -> "Marker":
        self = super().__new__(cls, _marker_text(key))
        self.key = key
        self.texts = dict(texts)
        return self

    def _each(self, op: Callable[[str, str], str]) -> str:
        out = {}
        for lang in LANGS:
            try:
                out[lang] = op(self.texts[lang], lang)
            except (KeyError, IndexError, ValueError) as err:
                # a translation whose {placeholders} differ: show English there (test_i18n fails on it)
                log.warning("i18n: %s in %s: %s; using English", self.key, lang, err)
                out[lang] = op(self.texts[LANGS[0]], LANGS[0])
        return _derive(self.key, out)

    def format(self, *args: Any, **kwargs: Any) -> str:  # type: ignore[override]
        return self._each(lambda t, lang: t.format(*resolve(args, lang), **resolve(kwargs, lang)))

    def format_map(self, mapping: Mapping) -> str:  # type: ignore[override]
        return self._each(lambda t, lang: t.format_map(resolve(dict(mapping), lang)))

    def replace(self, old: str, new: str, count: int = -1) -> str:  # type: ignore[override]
        return self._each(lambda t, lang: t.replace(resolve(old, lang), resolve(new, lang), count))

    def __mod__(self, args: Any) -> str:
        return self._each(lambda t, lang: t % resolve(args, lang))

    def __add__(self, other: Any) -> str:
        if not isinstance(other, str):
            return NotImplemented
        return self._each(lambda t, lang: t + resolve(other, lang))

    def __radd__(self, other: Any) -> str:
        if not isinstance(other, str):
            return NotImplemented
        return self._each(lambda t, lang: resolve(other, lang) + t)

    def __reduce__(self):  # pickles (gr.State deep copies) as the marker string it reads as
        return (str, (str(self),))


def join(sep: str, items: list) -> str:
    """`sep.join(items)` that stays translatable when several items are markers."""
    texts = {lang: resolve(sep, lang).join(resolve(list(items), lang)) for lang in LANGS}
    return _derive(PREFIX + "join", texts) if marking() else texts[current()]


def render(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """`fn(*args, **kwargs)` in the reader's language; at build time once per language, the
    results combined into one marker (for HTML views with many words). Non-strings: the
    result in the default language."""
    if not marking():
        return fn(*args, **kwargs)
    out = {}
    for lang in LANGS:
        with language(lang):
            out[lang] = fn(*args, **kwargs)
    if not all(isinstance(v, str) for v in out.values()):
        return out[default_language()]
    name = getattr(fn, "__qualname__", "render").replace("<", "").replace(">", "")
    return _derive(f"{PREFIX}render.{name}", out)


def variants(value: Any) -> list[str]:
    """Every language's text of a word (for a lookup that must match whichever one a
    session sends, e.g. the keys of a colour map), without repeats."""
    out: list[str] = []
    for lang in LANGS:
        v = resolve(value, lang)
        if v not in out:
            out.append(v)
    return out


def plain(value: Any, lang: str | None = None) -> Any:
    """`value` with no markers: its text in `lang` (default: the server default language).
    For build-time props the front end does not translate (page title, table headers)."""
    return resolve(value, lang or default_language())


# Gradio's own words that its Korean locale lacks (the image editor's, e.g. the sketchpad's
# "select the draw tool to start"): the front end looks a dotted key up whole before it walks
# Gradio's nested dictionaries, so these fill the gap without touching Gradio's.
GRADIO_KO = {f"image_editor.{k}": v for k, v in {
    "add_layer": "레이어 추가", "brush": "브러시", "brush_size": "브러시 크기", "clear_canvas": "캔버스 지우기",
    "color": "색", "confirm_crop": "자르기 확인", "crop": "자르기", "erase": "지우개",
    "eraser_size": "지우개 크기", "fit_to_screen": "화면에 맞추기", "layer": "레이어", "layers": "레이어",
    "pan": "이동", "paste": "붙여넣기", "redo": "다시 실행", "resize": "크기 바꾸기",
    "save_changes": "바뀐 내용 저장", "select_draw_tool": "그리기 도구를 골라 시작하세요",
    "show_layers": "레이어 보기", "upload": "올리기", "upload_image": "이미지 올리기", "webcam": "웹캠",
    "zoom_in": "확대", "zoom_out": "축소",
}.items()}


def gradio_i18n():
    """One gr.I18n with every marker made so far, for `launch(i18n=...)`. It holds the
    registry's own dicts, so markers made after this call are included as well."""
    import gradio as gr
    for key, value in GRADIO_KO.items():
        _translations.setdefault("ko", {}).setdefault(key, value)
    return gr.I18n(**_translations)


def translations() -> dict[str, dict[str, str]]:
    return {lang: dict(d) for lang, d in _translations.items()}


# --------------------------------------------------------------------- the proxy

_MISSING = object()


def namespace(module: ModuleType) -> str:
    """'playground.lstm.text' -> 'lstm'; the page's own 'playground.text' -> 'page'."""
    parts = module.__name__.split(".")
    if parts[-1] == "text":
        parts = parts[:-1]
    if parts and parts[0] == "playground":
        parts = parts[1:]
    return ".".join(parts) or "page"


def _merge(en: Any, ko: Any) -> Any:
    """KO over EN, item by item: a missing or empty translation reads as English."""
    if ko is _MISSING or ko is None:
        return en
    if isinstance(en, dict):
        if not isinstance(ko, dict):
            return en
        return {k: _merge(v, ko.get(k, _MISSING)) for k, v in en.items()}
    if isinstance(en, (list, tuple)):
        if not isinstance(ko, (list, tuple)):
            return en
        if len(ko) != len(en):
            return type(en)(ko)
        return type(en)(_merge(e, k) for e, k in zip(en, ko))
    if isinstance(en, str):
        return ko if isinstance(ko, str) and ko.strip() else en
    return ko


def words(module: ModuleType, lang: str) -> dict[str, Any]:
    """Every word of a text module in `lang` (with English where KO has a gap)."""
    en = module.EN
    if lang == "en":
        return en
    return _merge(en, getattr(module, lang.upper(), None) or {})


class Strings(Mapping):
    """The words of one text module: `T.key`, `T["key"]`, `dict(T)`, `vars(T)` (see above)."""

    __slots__ = ("_module", "_ns", "_words", "_markers")

    def __init__(self, module: ModuleType):
        self._module = module
        self._ns = PREFIX + namespace(module)
        self._words: dict[str, tuple[tuple[int, int], dict]] = {}
        self._markers: dict[str, Any] = {}

    def _in(self, lang: str) -> dict[str, Any]:
        stamp = (id(self._module.EN), id(getattr(self._module, lang.upper(), None)))
        cached = self._words.get(lang)
        if cached is None or cached[0] != stamp:
            cached = (stamp, words(self._module, lang))
            self._words[lang] = cached
        return cached[1]

    def _marked(self, key: str) -> Any:
        marked = self._markers.get(key)
        if marked is None:
            marked = self._mark(f"{self._ns}.{key}", {lang: self._in(lang)[key] for lang in LANGS})
            self._markers[key] = marked
        return marked

    def _mark(self, key: str, texts: dict[str, Any]) -> Any:
        en = texts[LANGS[0]]
        if isinstance(en, str):
            clean = {lang: t if isinstance(t, str) else en for lang, t in texts.items()}
            _register(key, clean)
            return Marker(key, clean)
        if isinstance(en, dict):
            return {k: self._mark(f"{key}.{k}", {lang: t.get(k, en[k]) for lang, t in texts.items()})
                    for k in en}
        if isinstance(en, (list, tuple)):
            same = all(isinstance(t, (list, tuple)) and len(t) == len(en) for t in texts.values())
            if not same:  # a translated list of another length: build with the default language's
                return texts[default_language()]
            return type(en)(self._mark(f"{key}.{i}", {lang: t[i] for lang, t in texts.items()})
                            for i in range(len(en)))
        return en

    def __getitem__(self, key: str) -> Any:
        if key not in self._module.EN:
            raise KeyError(key)
        if marking():
            return self._marked(key)
        return self._in(current())[key]

    def __getattr__(self, key: str) -> Any:
        if key.startswith("__"):
            raise AttributeError(key)
        try:
            return self[key]
        except KeyError:
            raise AttributeError(f"{self._module.__name__} has no word {key!r}") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._module.EN)

    def __len__(self) -> int:
        return len(self._module.EN)

    @property
    def __dict__(self) -> dict[str, Any]:  # vars(T): every word, as read here and now
        return dict(self.items())

    def __repr__(self) -> str:
        return f"<words of {self._module.__name__} in {'markers' if marking() else current()}>"


def strings(text_module: ModuleType) -> Strings:
    """The words of one tab: `T.title`, in the reader's language (see the module doc)."""
    return Strings(text_module)


# --------------------------------------------------------------------- checks (tests)

_FIELD_RE = re.compile(r"(?<!\{)\{([^{}]*)\}(?!\})")


def placeholders(text: str) -> set[str]:
    """The {fields} of a template (also LaTeX groups: those must match as well)."""
    return set(_FIELD_RE.findall(text.replace("{{", "").replace("}}", "")))


def problems(module: ModuleType, lang: str = "ko") -> list[str]:
    """What `lang`'s dict of a text module lacks or gets wrong against EN, one line each:
    missing or empty keys, items of nested words, and {placeholders} that differ."""
    found: list[str] = []
    other = getattr(module, lang.upper(), None)
    if other is None:
        return [f"{module.__name__} has no {lang.upper()} dict"]

    def walk(path: str, en: Any, tr: Any) -> None:
        if isinstance(en, str) and not en.strip() and isinstance(tr, str) and not tr.strip():
            return  # empty on purpose in both (no words to show there)
        if tr is _MISSING or tr is None or (isinstance(tr, str) and not tr.strip()):
            found.append(f"{path}: missing")
        elif isinstance(en, dict):
            if not isinstance(tr, dict):
                found.append(f"{path}: should be a dict")
                return
            for k, v in en.items():
                walk(f"{path}.{k}", v, tr.get(k, _MISSING))
            for k in tr.keys() - en.keys():
                found.append(f"{path}.{k}: not an English key")
        elif isinstance(en, (list, tuple)):
            if not isinstance(tr, (list, tuple)) or len(tr) != len(en):
                found.append(f"{path}: should be a list of {len(en)}")
                return
            for i, (e, t) in enumerate(zip(en, tr)):
                walk(f"{path}[{i}]", e, t)
        elif isinstance(en, str):
            if not isinstance(tr, str):
                found.append(f"{path}: should be a string")
            elif placeholders(en) != placeholders(tr):
                found.append(f"{path}: placeholders {sorted(placeholders(en))} != {sorted(placeholders(tr))}")

    for key, en in module.EN.items():
        walk(key, en, other.get(key, _MISSING))
    for key in other.keys() - module.EN.keys():
        found.append(f"{key}: not an English key")
    return found


@contextlib.contextmanager
def using(lang: str | None) -> Iterator[None]:
    """`language(lang)`, or nothing at all for None: for code handed a student's language
    that may be unknown (the GAN engine drawing one student's frame)."""
    if lang is None:
        yield
        return
    with language(lang):
        yield
