"""The two texts the models learn from.

* Python standard-library source (assets/lstm/pystdlib_*.txt.gz): real code with
  strings, brackets and indentation, made by scripts/lstm_make_corpus.py, split
  by file into train / held-out (see assets/lstm/corpus.json).
* A synthetic bracket language whose hidden quantity is known exactly: the
  nesting depth. How likely ")" comes next depends on the depth, so a model that
  predicts well must count; tests then look for the unit that does.
"""

from __future__ import annotations

import functools
import gzip
import json
from pathlib import Path

import numpy as np

ASSETS = Path(__file__).resolve().parents[2] / "assets" / "lstm"
SPLITS = ("train", "heldout")


@functools.lru_cache(maxsize=2)
def code_text(split: str = "train") -> str:
    """The snapshot's text for a split (ASCII; 0x1A marks characters outside the vocabulary)."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, not {split!r}")
    path = ASSETS / f"pystdlib_{split}.txt.gz"
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing; re-create it with `python scripts/lstm_make_corpus.py`")
    return gzip.decompress(path.read_bytes()).decode("ascii")


def corpus_info() -> dict:
    return json.loads((ASSETS / "corpus.json").read_text())


# ---------------------------------------------------------------- synthetic brackets
MAX_DEPTH = 8
FILLER = "abcdefgh xyz"


def bracket_probs(depth: int) -> tuple[float, float, float, float]:
    """P(next = '(' , ')', a filler letter, newline) at a given depth."""
    if depth == 0:
        return 0.45, 0.0, 0.40, 0.15           # a line may only end when every bracket is closed
    p_open = 0.4 * (1 - depth / MAX_DEPTH)     # no '(' beyond MAX_DEPTH
    p_close = 0.1 + 0.08 * depth               # deeper -> closing is likelier: the depth matters
    return p_open, p_close, 1.0 - p_open - p_close, 0.0


def brackets(n_chars: int, seed: int) -> tuple[str, np.ndarray]:
    """A stream of lines like "ab (x (c) ) (hh)\\n" and the depth after each character."""
    rng = np.random.default_rng(seed)
    u, letters = rng.random(n_chars), rng.integers(len(FILLER), size=n_chars)
    cumulative = [np.cumsum(bracket_probs(d)) for d in range(MAX_DEPTH + 1)]
    chars, depths, depth = [], np.empty(n_chars, dtype=np.int64), 0
    for t in range(n_chars):
        kind = int(np.searchsorted(cumulative[depth], u[t], side="right"))
        if kind == 0:
            ch, depth = "(", depth + 1
        elif kind == 1:
            ch, depth = ")", depth - 1
        elif kind == 2:
            ch = FILLER[letters[t]]
        else:
            ch = "\n"
        chars.append(ch)
        depths[t] = depth
    return "".join(chars), depths
