"""User-facing words, kept beside each tab's code and ready for translation.

Every topic has a `text.py` holding `EN = {...}` (and, once translated, `KO = {...}`).
Tabs read their words through `strings(text)`, so a Korean interface is one
dictionary per topic and `PLAYGROUND_LANG=ko`; a missing key falls back to English.
`using(lang)` picks the language for the code inside it (a worker process drawing a
frame for one student, a test).
"""

from __future__ import annotations

import contextlib
import contextvars
import os
from types import ModuleType, SimpleNamespace
from typing import Iterator

_forced: contextvars.ContextVar[str | None] = contextvars.ContextVar("playground_lang", default=None)


def language() -> str:
    return _forced.get() or os.environ.get("PLAYGROUND_LANG", "en").lower()


@contextlib.contextmanager
def using(lang: str | None) -> Iterator[None]:
    """Words looked up inside the block are in `lang` (None: the usual choice)."""
    token = _forced.set(lang)
    try:
        yield
    finally:
        _forced.reset(token)


def strings(text_module: ModuleType) -> SimpleNamespace:
    """The words of one tab in the chosen language, as attributes: `T.title`."""
    words = dict(text_module.EN)
    words.update(getattr(text_module, language().upper(), {}))
    return SimpleNamespace(**words)
