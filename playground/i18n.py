"""User-facing words, kept beside each tab's code and ready for translation.

Every topic has a `text.py` holding `EN = {...}` (and, once translated, `KO = {...}`).
Tabs read their words through `strings(text)`, so a Korean interface is one
dictionary per topic and `PLAYGROUND_LANG=ko`; a missing key falls back to English.
"""

from __future__ import annotations

import os
from types import ModuleType, SimpleNamespace


def language() -> str:
    return os.environ.get("PLAYGROUND_LANG", "en").lower()


def strings(text_module: ModuleType) -> SimpleNamespace:
    """The words of one tab in the chosen language, as attributes: `T.title`."""
    words = dict(text_module.EN)
    words.update(getattr(text_module, language().upper(), {}))
    return SimpleNamespace(**words)
