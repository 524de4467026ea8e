"""KO mirrors EN: same keys and shapes, the same placeholders, formulas, HTML, plotly
templates and Markdown skeleton; every value with English words in EN has Hangul in KO."""

import re
import string
import unicodedata
from collections import Counter

import pytest

from playground.pixelcnn import text

MATH = re.compile(r"\$\$.+?\$\$|\$.+?\$", re.S)
TAG = re.compile(r"<[^>]+>")
PLOTLY = re.compile(r"%\{[^}]*\}")
HANGUL = re.compile(r"[\uac00-\ud7a3]")
# names, units and symbols that stay in Latin letters in Korean too
KEEP = {"nats", "bits", "dim", "bpd", "PixelCNN", "Gated", "VAE", "MNIST", "NADE", "FVSBN",
        "ELBO", "PNG", "JPEG", "KL", "logit", "log", "exp"}


def leaves(value, path=()):
    """(path, string) for every string inside nested dicts and lists."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from leaves(v, (*path, k))
    elif isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            yield from leaves(v, (*path, i))
    else:
        yield path, value


def shape(value):
    if isinstance(value, dict):
        return {k: shape(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [shape(v) for v in value]
    return type(value).__name__


def fields(s: str):
    try:
        return Counter((f, spec, conv) for _, f, spec, conv in string.Formatter().parse(s)
                       if f is not None)
    except ValueError:  # not a format string (a lone brace in a formula): compare the formulas
        return "unparsable"


def skeleton(s: str):
    """Markdown structure: line openers (heading, list, table), table pipes, bold marks."""
    openers = [m.group(0) for m in re.finditer(r"(?m)^(#+|\||- |\d+\. )", s)]
    return openers, s.count("|"), s.count("**")


def english_words(s: str) -> list[str]:
    rest = PLOTLY.sub(" ", TAG.sub(" ", MATH.sub(" ", s)))
    rest = re.sub(r"\{[^{}]*\}", " ", rest)
    return [w for w in re.findall(r"[A-Za-z]{3,}", rest) if w not in KEEP]


def _punct(c: str) -> bool:
    return c == "" or unicodedata.category(c)[0] in "PS"


def _space(c: str) -> bool:
    return c == "" or c.isspace()


def emphasis_problems(s: str) -> list[str]:
    """`*`/`**` runs that CommonMark will not read as the opener/closer they pair up as.

    Korean particles sit right after a closing run (**모델(model)**은): if the run follows
    punctuation it is not right-flanking, and the bold shows as literal asterisks."""
    s = MATH.sub("x", s)
    problems, seen = [], {}
    for m in re.finditer(r"\*+", s):
        prev, nxt, n = s[m.start() - 1:m.start()], s[m.end():m.end() + 1], len(m.group(0))
        left = not _space(nxt) and (not _punct(nxt) or _space(prev) or _punct(prev))
        right = not _space(prev) and (not _punct(prev) or _space(nxt) or _punct(nxt))
        opener = seen.get(n, 0) % 2 == 0
        seen[n] = seen.get(n, 0) + 1
        if not (left if opener else right):
            problems.append(s[max(0, m.start() - 12):m.end() + 6])
    return problems


def test_ko_has_every_key_with_the_same_shape():
    assert shape(text.KO) == shape(text.EN)


EN_LEAVES = dict(leaves(text.EN))


@pytest.mark.parametrize("path", list(EN_LEAVES), ids=lambda p: ".".join(map(str, p)))
def test_ko_keeps_what_is_not_words(path):
    en = EN_LEAVES[path]
    ko = dict(leaves(text.KO))[path]
    assert fields(ko) == fields(en)
    # every formula kept verbatim (a corrected statement may add one: issue 14)
    assert not Counter(MATH.findall(en)) - Counter(MATH.findall(ko))
    assert Counter(TAG.findall(MATH.sub(" ", ko))) == Counter(TAG.findall(MATH.sub(" ", en)))
    assert Counter(PLOTLY.findall(ko)) == Counter(PLOTLY.findall(en))
    assert skeleton(ko) == skeleton(en)
    assert not emphasis_problems(ko)
    if english_words(en):
        assert HANGUL.search(ko), f"{path}: not translated"
