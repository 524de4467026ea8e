"""The Korean words: every English key, the same placeholders, formulas and Markdown, and Hangul.

Where issue 14 corrected a statement, EN and KO now say the same corrected thing, so every
value is held to the same rules (CORRECTED: a value whose Korean may say more keeps all of EN's
formulas and may add some; none now).
"""

import re
import string

import pytest
from markdown_it import MarkdownIt

from playground.cyclegan import text

CORRECTED: set[str] = set()
# values with no words to translate (a formula, a model name)
NO_HANGUL = {"title"}


def leaves(en, ko, path=()):
    """(path, EN string, KO string) for every string, checking that the structure matches."""
    if isinstance(en, dict):
        assert isinstance(ko, dict) and set(en) == set(ko), (path, set(en) ^ set(ko))
        for k in en:
            yield from leaves(en[k], ko[k], (*path, k))
    elif isinstance(en, (list, tuple)):
        assert isinstance(ko, (list, tuple)) and len(en) == len(ko), path
        for i, (a, b) in enumerate(zip(en, ko)):
            yield from leaves(a, b, (*path, i))
    else:
        assert isinstance(en, str) and isinstance(ko, str), path
        yield path, en, ko


def fields(s: str) -> list:
    """The str.format fields; for text that is never formatted and has LaTeX braces that
    str.format cannot parse, every innermost {...} group."""
    try:
        return sorted((name, spec, conv) for _, name, spec, conv in string.Formatter().parse(s)
                      if name is not None)
    except ValueError:
        return sorted(re.findall(r"\{[^{}]*\}", s))


def maths(s: str) -> list[str]:
    return sorted(re.findall(r"\$\$.*?\$\$|\$[^$]*\$", s, re.S))


def markdown(s: str) -> tuple:
    return (s.count("`"), re.findall(r"^#+ ", s, re.M), len(re.findall(r"^- ", s, re.M)),
            re.findall(r"</?[a-z]+", s))


PAIRS = list(leaves(text.EN, text.KO))


@pytest.mark.parametrize("path, en, ko", PAIRS, ids=[".".join(map(str, p)) for p, _, _ in PAIRS])
def test_korean_keeps_placeholders_formulas_and_markup(path, en, ko):
    if path[0] in CORRECTED:
        assert set(maths(en)) <= set(maths(ko)) and set(fields(en)) <= set(fields(ko))
    else:
        assert fields(ko) == fields(en)
        assert maths(ko) == maths(en)
        assert ko.count("**") == en.count("**")
    assert markdown(ko) == markdown(en)
    if path[0] not in NO_HANGUL:
        assert re.search("[가-힣]", ko), "not translated"


def test_bold_and_italics_render_in_korean():
    """CommonMark closes ** or * before a Hangul particle only if no punctuation precedes it:
    `**55%**에서` or `*...?*를` would show their asterisks."""
    md = MarkdownIt("commonmark")
    for path, _, ko in PAIRS:
        t = re.sub(r"\$\$.*?\$\$|\$[^$]*\$", "X", ko, flags=re.S)
        t = re.sub(r"`[^`]*`", "C", t)
        t = re.sub(r"\{[a-z_]+(:[^}]*)?\}", lambda m: "9%" if m[0].endswith("%}") else "9", t)
        shown = re.sub(r"<[^>]+>", "", md.render(t))
        assert "*" not in shown, (path, shown)

def test_the_hover_template_keeps_plotlys_own_fields():
    hover = text.KO["hover_block"].format(k=4, x="%{x}", y="%{y}", z="%{z:.3f}")
    assert all(f in hover for f in ("%{x}", "%{y}", "%{z:.3f}", "4x4"))
