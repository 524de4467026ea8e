"""The Korean words of the Attention tab: every English key, the same shape, the same placeholders,
every formula of the English kept (Korean may add formulas, e.g. the GRU convention)."""

import re
import string

from playground.attention import text

LATEX = re.compile(r"\$\$.+?\$\$|\$.+?\$", re.S)


def fields(s: str) -> list[tuple[str, str, str | None]] | None:
    """The str.format fields of s, or None when s is no format string (LaTeX such as e^{a_{b}})."""
    try:
        return sorted((name, spec, conv) for _, name, spec, conv in string.Formatter().parse(s)
                      if name is not None)
    except ValueError:
        return None


def differences(en, ko, where="") -> list[str]:
    if isinstance(en, dict):
        if not isinstance(ko, dict) or set(en) != set(ko):
            return [f"{where}: keys differ: {sorted(set(en) ^ set(ko or {}))}"]
        return [d for k in en for d in differences(en[k], ko[k], f"{where}.{k}")]
    if isinstance(en, list):
        if not isinstance(ko, list) or len(en) != len(ko):
            return [f"{where}: list length differs"]
        return [d for i, (a, b) in enumerate(zip(en, ko)) for d in differences(a, b, f"{where}[{i}]")]
    out = []
    if fields(en) != fields(ko) and (fields(en) or fields(LATEX.sub("", ko)) != []):
        # (a value the code never formats may gain LaTeX braces, h_{t-1}, inside $...$)
        out.append(f"{where}: placeholders {fields(en)} != {fields(ko)}")
    missing = [f for f in LATEX.findall(en) if f not in ko]
    if missing:
        out.append(f"{where}: formulas changed or lost: {missing}")
    if en.lstrip().startswith("#") and en.split()[0] != ko.split()[0]:
        out.append(f"{where}: heading level differs")
    if en.count("**") != ko.count("**") and where not in CORRECTED:
        out.append(f"{where}: bold markers differ")
    return out


CORRECTED: set[str] = set()


def test_korean_has_every_english_key_with_the_same_placeholders():
    assert differences(text.EN, text.KO) == []


def test_korean_is_korean():
    """Every value with words has Hangul, except symbols, a compared value and the example
    sentences (inputs to an English model, kept on purpose)."""
    same = {"csv", "steps_titles[1]", "steps_titles[2]", "pe_adds_titles[1]"}

    def flat(value, where):
        if isinstance(value, dict):
            return [x for k, v in value.items() for x in flat(v, f"{where}.{k}" if where else k)]
        if isinstance(value, list):
            return [x for i, v in enumerate(value) for x in flat(v, f"{where}[{i}]")]
        return [(where, value)]
    strings = flat({k: v for k, v in text.KO.items() if k != "example_texts"}, "")
    assert [k for k, v in strings if k not in same and not re.search("[가-힣]", v)] == []
    assert text.KO["example_texts"] == text.EN["example_texts"]
