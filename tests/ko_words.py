"""The rules every topic's Korean words follow, checked once for all of them.

`KO` mirrors `EN` (each topic's `text.py`): the same keys and shapes; the same str.format
placeholders, formulas, HTML tags, plotly template fields and Markdown skeleton (headings,
lists, tables, bold marks); bold and italics that still render before a Hangul particle;
and Hangul wherever the English has words.
"""

from __future__ import annotations

import re
import string
from collections import Counter
from typing import Any, Iterator

from markdown_it import MarkdownIt

MATH = re.compile(r"\$\$.+?\$\$|\$[^$]+?\$", re.S)
TAG = re.compile(r"</?[A-Za-z][^>]*>")
PLOTLY = re.compile(r"%\{[^}]*\}")
HANGUL = re.compile(r"[\uac00-\ud7a3]")
_MD = MarkdownIt("commonmark")


def leaves(en: Any, ko: Any, path: tuple = ()) -> Iterator[tuple[tuple, Any, Any]]:
    """(path, EN value, KO value) for every leaf; a structure that differs is a leaf too
    (KO None where the key is missing), so the check reports it."""
    if isinstance(en, dict) and isinstance(ko, dict) and set(en) == set(ko):
        for k in en:
            yield from leaves(en[k], ko[k], (*path, k))
    elif isinstance(en, (list, tuple)) and isinstance(ko, (list, tuple)) and len(en) == len(ko):
        for i, (a, b) in enumerate(zip(en, ko)):
            yield from leaves(a, b, (*path, i))
    else:
        yield path, en, ko


def fields(s: str) -> Counter | list:
    """The str.format fields; for text that is never formatted and has LaTeX braces that
    str.format cannot parse, every innermost {...} group."""
    try:
        return Counter((f, spec, conv) for _, f, spec, conv in string.Formatter().parse(s) if f is not None)
    except ValueError:
        return sorted(re.findall(r"\{[^{}]*\}", s))


def skeleton(s: str) -> tuple:
    """Markdown structure: line openers (heading, list, table), table pipes, bold marks, code."""
    openers = [m.group(0) for m in re.finditer(r"(?m)^(#+ |\||- |\d+\. )", s)]
    return openers, MATH.sub("", s).count("|"), s.count("**"), s.count("`")


def has_words(en: str) -> bool:
    """English words outside formulas, tags, placeholders and plotly fields."""
    rest = re.sub(r"\{[^{}]*\}", " ", PLOTLY.sub(" ", TAG.sub(" ", MATH.sub(" ", en))))
    return bool(re.search(r"[A-Za-z]{2,}", rest))


def shown_asterisks(ko: str) -> bool:
    """CommonMark closes ** or * before a Hangul particle only if no punctuation precedes it:
    `**55%**에서` would show its asterisks."""
    t = MATH.sub("X", ko)
    t = re.sub(r"`[^`]*`", "C", t)
    t = re.sub(r"\{[a-z_]+(:[^}]*)?\}", lambda m: "9%" if m[0].endswith("%}") else "9", t)
    return "*" in TAG.sub("", _MD.render(t))


def problems(en_words: dict, ko_words: dict, *, no_hangul: set = frozenset(),
             corrected: set = frozenset(), same: set = frozenset()) -> list[str]:
    """Every way `ko_words` fails to mirror `en_words`. Paths are dotted ("a.b.0").
    no_hangul: values that are a symbol, a name or a formula; corrected: values whose Korean
    may say more (it keeps every formula and placeholder of the English, may add some);
    same: values that must stay identical (inputs to an English model, ids)."""
    out = []
    for path, en, ko in leaves(en_words, ko_words):
        where = ".".join(map(str, path))
        if not isinstance(en, str) or not isinstance(ko, str):
            if not (en == ko and isinstance(en, (int, float, bool, type(None)))):  # a number stays
                out.append(f"{where}: keys or shape differ ({type(en).__name__} vs {type(ko).__name__})")
            continue
        if where in same or path[0] in same:
            if ko != en:
                out.append(f"{where}: must stay as in English")
            continue
        if where in corrected or path[0] in corrected:
            if not set(MATH.findall(en)) <= set(MATH.findall(ko)):
                out.append(f"{where}: formulas lost")
        else:
            if fields(ko) != fields(en):
                out.append(f"{where}: placeholders {fields(en)} != {fields(ko)}")
            if Counter(MATH.findall(en)) - Counter(MATH.findall(ko)):
                out.append(f"{where}: formulas changed or lost")
            if skeleton(ko) != skeleton(en):
                out.append(f"{where}: Markdown skeleton differs {skeleton(en)} != {skeleton(ko)}")
        if Counter(TAG.findall(MATH.sub(" ", ko))) != Counter(TAG.findall(MATH.sub(" ", en))):
            out.append(f"{where}: HTML tags differ")
        if Counter(PLOTLY.findall(ko)) != Counter(PLOTLY.findall(en)):
            out.append(f"{where}: plotly fields differ")
        if shown_asterisks(ko):
            out.append(f"{where}: bold or italics would show their asterisks")
        if where not in no_hangul and path[0] not in no_hangul and has_words(en) and not HANGUL.search(ko):
            out.append(f"{where}: not translated")
    return out
