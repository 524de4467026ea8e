"""Things a person recognises in code, per character, and the units that track them.

Each feature is the value *after reading* character t, which is what the hidden
state h_t can know: the opening quote of a string is inside it, the closing
quote is outside again; a newline is at line position 0.
"""

from __future__ import annotations

import numpy as np

FEATURES = ("in_string", "bracket_depth", "line_position", "line_start", "in_comment")
OPEN, CLOSE = "([{", ")]}"


def code_features(text: str) -> dict[str, np.ndarray]:
    """A small Python lexer: strings ('...', "...", '''...''', \"\"\"...\"\"\", backslash
    escapes), comments (# to the end of the line), bracket depth outside both, the
    position in the line and whether we are still in the line's indentation."""
    n = len(text)
    f = {k: np.zeros(n, dtype=np.float32) for k in FEATURES}
    quote, depth, column, indent, comment = None, 0, 0, True, False
    t = 0
    while t < n:
        ch = text[t]
        f["line_position"][t] = column = 0 if ch == "\n" else column + 1
        indent = ch == "\n" or (indent and ch == " ")
        f["line_start"][t] = indent
        if quote is not None:                          # inside a string
            f["in_string"][t] = 1
            if ch == "\\" and t + 1 < n and text[t + 1] != "\n":
                t += 1                                 # the escaped character stays inside
                f["in_string"][t] = 1
                f["line_position"][t] = column = column + 1
                f["bracket_depth"][t - 1: t + 1] = depth
            elif text.startswith(quote, t):
                f["in_string"][t + len(quote) - 1] = 0  # after the closing quote: outside
                for k in range(1, len(quote)):          # the rest of a closing ''' / \"\"\"
                    f["in_string"][t + k - 1] = 1
                    f["line_position"][t + k] = column = column + 1
                f["bracket_depth"][t: t + len(quote)] = depth
                t += len(quote) - 1
                quote = None
            elif ch == "\n" and len(quote) == 1:        # an unterminated one-line string ends here
                f["in_string"][t] = 0
                quote = None
        elif comment:
            comment = ch != "\n"
            f["in_comment"][t] = comment
        elif ch == "#":
            comment = True
            f["in_comment"][t] = 1
        elif ch in "'\"":
            quote = ch * 3 if text.startswith(ch * 3, t) else ch
            f["in_string"][t: t + len(quote)] = 1
            for k in range(1, len(quote)):
                f["line_position"][t + k] = column = column + 1
            f["bracket_depth"][t: t + len(quote)] = depth
            t += len(quote) - 1
        elif ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth = max(0, depth - 1)
        f["bracket_depth"][t] = depth
        t += 1
    return f


def correlations(acts: np.ndarray, feature: np.ndarray) -> np.ndarray:
    """Pearson r of every unit's activation over time [T, H] with a feature [T] -> [H].

    A unit that never moves (or a feature that never changes) gets r = 0.
    """
    a = acts.astype(np.float64) - acts.mean(0)
    y = feature.astype(np.float64) - feature.mean()
    denom = np.sqrt((a ** 2).sum(0) * (y ** 2).sum())
    with np.errstate(invalid="ignore", divide="ignore"):
        r = (a * y[:, None]).sum(0) / denom
    return np.nan_to_num(r, nan=0.0, posinf=0.0, neginf=0.0)


def best_units(acts: np.ndarray, feature: np.ndarray, top: int = 10) -> list[tuple[int, float]]:
    """The `top` units with the largest |r|, as (unit, r), strongest first."""
    r = correlations(acts, feature)
    order = np.argsort(-np.abs(r), kind="stable")[:top]
    return [(int(u), float(r[u])) for u in order]
