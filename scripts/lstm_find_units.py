"""Which units of the trained code models follow what a person recognises, on held-out code.

    python scripts/lstm_find_units.py [--chars 100000]

For each model (LSTM, GRU, RNN) and each feature of playground/lstm/features.py it
prints the unit of the cell state (LSTM) or hidden state with the largest |Pearson r|
over the first `--chars` characters of the held-out files, and, for comparison, the
best unit of the same network untrained (seed 0): a feature that even random weights
"find" (e.g. line start, which the current character alone gives away) is no
evidence of learning.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import torch  # noqa: E402

from playground import weights  # noqa: E402
from playground.lstm import data, features, model as M  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--chars", type=int, default=100_000)
    n = ap.parse_args().chars
    torch.set_num_threads(1)
    text = data.code_text("heldout")[:n]
    ids, f = M.encode(text), features.code_features(text)
    print(f"held-out code, {len(text):,} characters\n")
    print(f"{'model':6s} {'state':6s} {'feature':14s} {'unit':>5s} {'r':>7s}   untrained: unit, r")
    for kind in M.KINDS:
        try:
            trained = weights.load(f"lstm_code_{kind}", M.build, device="cpu")
        except weights.WeightsError as e:
            print(f"{kind:6s} skipped: {e}")
            continue
        torch.manual_seed(0)
        untrained = M.CharRNN(kind, trained.hidden_size).eval()
        rec, rec0 = M.trace(trained, ids), M.trace(untrained, ids)
        for state in ("cell", "hidden") if kind == "lstm" else ("hidden",):
            for name in features.FEATURES:
                (u, r), = features.best_units(rec[state], f[name], 1)
                (u0, r0), = features.best_units(rec0[state], f[name], 1)
                print(f"{kind:6s} {state:6s} {name:14s} {u:5d} {r:+7.3f}   {u0:5d}, {r0:+.3f}")


if __name__ == "__main__":
    main()
