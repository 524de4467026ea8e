"""Counting models of characters: AR(tau), a Markov chain of order tau (notes: sequence models
before the RNN).

    p(x_t | x_{t-tau}, ..., x_{t-1})   estimated by counting, in the training text, how often
                                       each character followed each context of tau characters.

tau = 0 is the letter frequency; every order only ever sees its last tau characters, while
the RNN, GRU and LSTM carry a hidden state h_t (a latent variable) that can remember any
distance. A count is 0 for most (context, character) pairs, so the counts are smoothed, in
one of two ways, each with one number chosen on validation text:

    add-k          p(c | h) = (N(h, c) + k) / (N(h) + k V)
    interpolated   p_tau(c | h) = (max(N(h, c) - d, 0) + d T(h) p_{tau-1}(c | h')) / N(h)
                   (absolute discounting: d is taken from every seen count and handed to the
                   next lower order; h' is h without its oldest character; T(h) is the number
                   of different characters seen after h; a context never seen uses
                   p_{tau-1}; below order 0 stands the uniform 1 / V.)

Both sum to 1 over the V = 97 characters of the networks' alphabet (model.VOCAB).

Counts are kept as sorted int64 codes: context h = (x_{t-tau}, ..., x_{t-1}) is the base-97
number sum_j x_{t-j} 97^(j-1); the pair (h, c) is h * 97 + c, so the characters seen after
h are one contiguous run of the sorted pair codes. The counts of all orders 0..6 on the
2.1 M training characters take about a second to build (`Counts.build`; nothing is saved).

    python -m playground.lstm.markov     # choose the smoothing on validation, measure on the
                                         # held-out files -> assets/lstm/markov.json
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass

import numpy as np

from playground.lstm import data
from playground.lstm.model import STOI, UNK_ID, VOCAB

V = len(VOCAB)
MAX_ORDER = 6
ORDERS = tuple(range(MAX_ORDER + 1))
PAD = STOI["\n"]          # the context before the first character: blank lines (as between files)
RESULTS = data.ASSETS / "markov.json"
COMMAND = "python -m playground.lstm.markov"
VALIDATION_SHARE = 0.1    # the last ~10% of the training text (cut at a blank line) tunes k and d
K_GRID = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0)
D_GRID = (0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.0)

_TABLE = np.full(256, UNK_ID, dtype=np.int64)
for _ch, _i in STOI.items():
    _TABLE[ord(_ch)] = _i


def encode(text: str) -> np.ndarray:
    """Like model.encode, fast for megabytes of ASCII text (anything else -> the unknown id)."""
    if text.isascii():
        return _TABLE[np.frombuffer(text.encode("ascii"), dtype=np.uint8)]
    return np.array([STOI.get(ch, UNK_ID) for ch in text], dtype=np.int64)


def context_codes(ids: np.ndarray, order: int) -> np.ndarray:
    """The code of the `order` characters before every position of ids (padded with newlines)."""
    padded = np.concatenate([np.full(MAX_ORDER, PAD, dtype=np.int64), ids])
    n = len(ids)
    code = np.zeros(n, dtype=np.int64)
    for j in range(1, order + 1):          # x_{t-j} weighs 97^(j-1)
        code += padded[MAX_ORDER - j: MAX_ORDER - j + n] * V ** (j - 1)
    return code


@dataclass
class OrderCounts:
    pair_keys: np.ndarray      # sorted codes h * V + c of every pair seen
    pair_n: np.ndarray         # N(h, c)
    ctx_keys: np.ndarray       # sorted codes h of every context seen
    ctx_n: np.ndarray          # N(h) = sum_c N(h, c)
    ctx_types: np.ndarray      # T(h) = number of c with N(h, c) > 0

    @classmethod
    def count(cls, ids: np.ndarray, order: int) -> "OrderCounts":
        pairs = context_codes(ids, order) * V + ids
        pair_keys, pair_n = np.unique(pairs, return_counts=True)
        ctx = pair_keys // V
        starts = np.flatnonzero(np.r_[True, ctx[1:] != ctx[:-1]])
        return cls(pair_keys, pair_n.astype(np.int64), ctx[starts],
                   np.add.reduceat(pair_n, starts).astype(np.int64), np.diff(np.r_[starts, len(ctx)]))

    def lookup(self, ctx: np.ndarray, nxt: np.ndarray):
        """N(h, c), N(h), T(h) for arrays of contexts and next characters (0 when unseen)."""
        return (_find(self.pair_keys, self.pair_n, ctx * V + nxt), _find(self.ctx_keys, self.ctx_n, ctx),
                _find(self.ctx_keys, self.ctx_types, ctx))

    def row(self, ctx: int) -> tuple[np.ndarray, int, int]:
        """N(h, c) for every c (a [V] vector), N(h), T(h) of one context."""
        lo, hi = np.searchsorted(self.pair_keys, [ctx * V, ctx * V + V])
        n = np.zeros(V, dtype=np.int64)
        n[self.pair_keys[lo:hi] - ctx * V] = self.pair_n[lo:hi]
        return n, int(n.sum()), int(hi - lo)


def _find(keys: np.ndarray, values: np.ndarray, query: np.ndarray) -> np.ndarray:
    i = np.searchsorted(keys, query)
    i_ok = np.minimum(i, len(keys) - 1)
    return np.where((i < len(keys)) & (keys[i_ok] == query), values[i_ok], 0)


@dataclass
class Counts:
    orders: list[OrderCounts]
    chars: int
    seconds: float

    @classmethod
    def build(cls, ids: np.ndarray, max_order: int = MAX_ORDER) -> "Counts":
        start = time.perf_counter()
        orders = [OrderCounts.count(ids, k) for k in range(max_order + 1)]
        return cls(orders, len(ids), time.perf_counter() - start)

    @property
    def pairs_seen(self) -> list[int]:
        return [len(o.pair_keys) for o in self.orders]


# ---------------------------------------------------------------- probabilities
def smoothed(n_hc, n_h, t_h, lower, method: str, value: float):
    """One order's p(c | h) from its counts and the next lower order's p (vectorised: arrays
    of positions, or a [V] row); `lower` is unused by add-k."""
    n_hc, n_h = np.asarray(n_hc, dtype=np.float64), np.asarray(n_h, dtype=np.float64)
    if method == "add_k":
        return (n_hc + value) / (n_h + value * V)
    seen = n_h > 0
    safe = np.where(seen, n_h, 1.0)
    p = (np.maximum(n_hc - value, 0.0) + value * t_h * lower) / safe
    return np.where(seen, p, lower)


def position_probs(counts: Counts, ids: np.ndarray, order: int, params: list[tuple[str, float]]):
    """p(x_t | the `order` characters before it) for every position t of ids (float64)."""
    lower = np.full(len(ids), 1.0 / V)
    for k in range(order + 1):
        method, value = params[k]
        n_hc, n_h, t_h = counts.orders[k].lookup(context_codes(ids, k), ids)
        p = smoothed(n_hc, n_h, t_h, lower, method, value)
        lower = p
    return p


def distribution(counts: Counts, before: np.ndarray, order: int,
                 params: list[tuple[str, float]]) -> np.ndarray:
    """p(c | the last `order` characters of `before`) for every c: a [V] vector summing to 1."""
    padded = np.concatenate([np.full(MAX_ORDER, PAD, dtype=np.int64), np.asarray(before, np.int64)])
    lower = np.full(V, 1.0 / V)
    for k in range(order + 1):
        ctx = sum(int(padded[len(padded) - j]) * V ** (j - 1) for j in range(1, k + 1))
        n, n_h, t_h = counts.orders[k].row(ctx)
        lower = smoothed(n, n_h, t_h, lower, *params[k])
    return lower


def bits_per_char(counts: Counts, ids: np.ndarray, order: int, params: list[tuple[str, float]]) -> float:
    """Mean -log2 p over the characters after the first (as the networks' heldout_bits_per_char)."""
    p = position_probs(counts, ids, order, params)[1:]
    return float(-np.log2(p).mean())


# ---------------------------------------------------------------- choosing k and d
def validation_split(text: str) -> tuple[str, str]:
    """(fit, validation): the training text cut at the first blank line after 90%."""
    cut = text.find("\n\n", int(len(text) * (1 - VALIDATION_SHARE)))
    return text[:cut + 1], text[cut + 1:]


def choose(counts: Counts, val_ids: np.ndarray) -> list[dict]:
    """For each order: the best add-k and the best interpolated model on validation, and the
    better of the two. Interpolation reuses the lower orders' chosen d (chosen greedily)."""
    out, d_chosen = [], []
    for order in ORDERS:
        add_k = {k: bits_per_char(counts, val_ids, order, [("add_k", k)] * (order + 1))
                 for k in K_GRID}
        interp = {d: bits_per_char(counts, val_ids, order, [*d_chosen, ("interpolated", d)])
                  for d in D_GRID}
        best_k, best_d = min(add_k, key=add_k.get), min(interp, key=interp.get)
        d_chosen.append(("interpolated", best_d))
        use_interp = interp[best_d] <= add_k[best_k]
        out.append({"order": order, "add_k": {"k": best_k, "validation_bits_per_char": add_k[best_k]},
                    "interpolated": {"d": best_d, "validation_bits_per_char": interp[best_d]},
                    "method": "interpolated" if use_interp else "add_k"})
    return out


def params_for(results: dict, order: int) -> list[tuple[str, float]]:
    """The chosen smoothing of an order as `position_probs` takes it."""
    per = results["orders"]
    if per[order]["method"] == "add_k":
        return [("add_k", per[order]["add_k"]["k"])] * (order + 1)
    return [("interpolated", per[k]["interpolated"]["d"]) for k in range(order + 1)]


def load_results() -> dict:
    return json.loads(RESULTS.read_text())


def main(argv: list[str]) -> dict:
    train_text, held_text = data.code_text("train"), data.code_text("heldout")
    fit_text, val_text = validation_split(train_text)
    fit = Counts.build(encode(fit_text))
    chosen = choose(fit, encode(val_text))
    full = Counts.build(encode(train_text))
    held = encode(held_text)
    results = {"command": COMMAND,
               "data": (f"counts of assets/lstm/pystdlib_train.txt.gz ({len(train_text):,} chars); k and d "
                        f"chosen on its last {len(val_text):,} chars (counted on the first "
                        f"{len(fit_text):,}), then counted on all of it; heldout_* on "
                        f"pystdlib_heldout.txt.gz ({len(held_text):,} chars), the networks' held-out text"),
               "build_seconds_all_orders": round(full.seconds, 2), "orders": []}
    for c in chosen:
        order = c["order"]
        results["orders"].append(c)
        c["pairs_seen"] = full.pairs_seen[order]
        params = params_for(results, order)
        c["heldout_bits_per_char"] = bits_per_char(full, held, order, params)
        c["train_bits_per_char"] = bits_per_char(full, encode(train_text[:len(held_text)]), order, params)
        print(f"order {order}: {c['method']}, held-out {c['heldout_bits_per_char']:.4f} bits/char "
              f"(add-k k={c['add_k']['k']} val {c['add_k']['validation_bits_per_char']:.4f}, "
              f"interpolated d={c['interpolated']['d']} val "
              f"{c['interpolated']['validation_bits_per_char']:.4f}); {c['pairs_seen']:,} pairs", flush=True)
    RESULTS.write_text(json.dumps(results, indent=1) + "\n")
    print(f"wrote {RESULTS}; counting all orders took {full.seconds:.2f} s")
    return results


if __name__ == "__main__":
    main(sys.argv[1:])
