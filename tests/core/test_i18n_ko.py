"""Every English word has a Korean translation with the same {placeholders} (no silent gaps:
the app would show English there, and this test says where)."""

from __future__ import annotations

import importlib
import importlib.util

import pytest

from playground import TOPICS, i18n
from tests import ko_words

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


# Values with no words to translate (a symbol, a name, a formula), and values that must stay
# as in English (the attention tab's example sentences: inputs to an English model).
NO_HANGUL = {
    "playground.text": {"header"},
    "playground.lstm.text": {"of", "grad_norm", "lstm", "gru"},
    "playground.attention.text": {"csv", "pe_adds_titles.1", "steps_titles.1", "steps_titles.2"},
    "playground.pixelcnn.text": {"nats", "bar_text", "gallery_caption", "model_gated", "model_nade"},
    "playground.vae.text": {"title", "beta_fig.kl"},
    "playground.cyclegan.text": {"title"},
}
SAME = {"playground.attention.text": {"example_texts"}}


@pytest.mark.parametrize("name", TEXT_MODULES)
def test_korean_mirrors_the_english(name):
    """The same keys and shapes, placeholders, formulas, tags, plotly fields and Markdown;
    emphasis that renders before a particle; Hangul wherever the English has words."""
    module = importlib.import_module(name)
    found = ko_words.problems(module.EN, module.KO, no_hangul=NO_HANGUL.get(name, set()),
                              same=SAME.get(name, set()))
    assert not found, f"{name}: {len(found)} problems:\n" + "\n".join(found[:60])


def test_the_checks_catch_what_they_are_for():
    en = {"a": "**Bold** {n} steps, $x^2$ <b>x</b>", "b": ["Two words"], "c": "%{x} here"}
    assert ko_words.problems(en, {"a": "**굵게** {n}단계, $x^2$ <b>x</b>", "b": ["두 단어"], "c": "%{x} 여기"}) == []
    bad = {"a": "**굵게**는 {m}단계, $x^3$ x", "b": ["Two words", "extra"], "c": "여기"}
    found = "\n".join(ko_words.problems(en, bad))
    for what in ("placeholders", "formulas", "HTML tags", "b: keys or shape", "plotly fields"):
        assert what in found, what
    assert ko_words.problems({"a": "Words"}, {"a": "Words"}) == ["a: not translated"]
    assert ko_words.shown_asterisks("**55%**에서") and not ko_words.shown_asterisks("**55**에서")
