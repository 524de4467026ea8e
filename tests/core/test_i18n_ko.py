"""Every English word has a Korean translation with the same {placeholders} (no silent gaps:
the app would show English there, and this test says where)."""

from __future__ import annotations

import importlib
import importlib.util

import pytest

from playground import TOPICS, i18n

TEXT_MODULES = ["playground.text"] + [f"playground.{t}.text" for t in TOPICS
                                      if importlib.util.find_spec(f"playground.{t}") is not None]


@pytest.mark.parametrize("name", TEXT_MODULES)
def test_korean_has_every_english_key_with_the_same_placeholders(name):
    module = importlib.import_module(name)
    found = i18n.problems(module, "ko")
    assert not found, (f"{name} ({len(module.EN)} English keys), {len(found)} problems:\n"
                       + "\n".join(found[:60]))


def test_every_topic_has_a_text_module():
    assert len(TEXT_MODULES) == 1 + len(TOPICS)
