"""The counting models AR(tau): probabilities sum to 1, tau = 0 is the letter frequency, the
vectorised counts agree with a brute-force count of a tiny text, and the recorded held-out
bits/char (assets/lstm/markov.json) are what the counts give."""

from collections import Counter

import numpy as np
import pytest

from playground.lstm import data, markov
from playground.lstm.model import STOI, VOCAB, encode

TINY = "abracadabra\nabba cab\n(a(b)c)\n"
METHODS = [[("add_k", 0.5)] * 4, [("add_k", 0.01)] * 4, [("interpolated", d) for d in (0.3, 0.5, 0.8, 1.0)]]


@pytest.fixture(scope="module")
def tiny():
    ids = encode(TINY)
    return ids, markov.Counts.build(ids, max_order=3)


def brute(text: str, before: str, order: int, params) -> np.ndarray:
    """The formulas of markov.py's docstring, with Python strings and a Counter."""
    padded = "\n" * markov.MAX_ORDER + text
    lower = np.full(markov.V, 1.0 / markov.V)
    for k in range(order + 1):
        pairs = Counter((padded[t - k:t], padded[t]) for t in range(markov.MAX_ORDER, len(padded)))
        h = ("\n" * markov.MAX_ORDER + before)[len("\n" * markov.MAX_ORDER + before) - k:]
        n = np.array([pairs[(h, ch)] for ch in VOCAB], dtype=float)
        method, value = params[k]
        if method == "add_k":
            p = (n + value) / (n.sum() + value * markov.V)
        elif n.sum() == 0:
            p = lower
        else:
            p = (np.maximum(n - value, 0) + value * (n > 0).sum() * lower) / n.sum()
        lower = p
    return lower


@pytest.mark.parametrize("params", METHODS)
@pytest.mark.parametrize("order", [0, 1, 2, 3])
def test_probabilities_sum_to_one_and_match_a_brute_force_count(tiny, params, order):
    ids, counts = tiny
    for before in ("", "a", "ab", "abr", "zzz", "(a(", "\n"):
        p = markov.distribution(counts, encode(before), order, params)
        assert p.sum() == pytest.approx(1.0, abs=1e-12)
        assert (p > 0).all()
        np.testing.assert_allclose(p, brute(TINY, before, order, params), rtol=1e-12)


@pytest.mark.parametrize("params", METHODS)
def test_every_position_gets_the_probability_of_its_own_context(tiny, params):
    """position_probs (vectorised over a text) == distribution (one context) at every t."""
    ids, counts = tiny
    text = "abracadabra! cab (b)"
    other = encode(text)
    for order in range(4):
        p = markov.position_probs(counts, other, order, params)
        for t in range(len(other)):
            assert p[t] == pytest.approx(markov.distribution(counts, other[:t], order, params)[other[t]],
                                         rel=1e-12)


def test_order_zero_is_the_letter_frequency(tiny):
    ids, counts = tiny
    freq = np.bincount(ids, minlength=markov.V) / len(ids)
    for params in ([("add_k", 0.0)], [("interpolated", 0.0)]):
        np.testing.assert_allclose(markov.distribution(counts, encode("xyz"), 0, params), freq, rtol=1e-12)
    assert freq[STOI["a"]] == TINY.count("a") / len(TINY)


def test_the_fast_encoder_is_the_models():
    text = data.code_text("heldout")[:5000] + "\t caf\u00e9"
    np.testing.assert_array_equal(markov.encode(text), encode(text))


def test_recorded_held_out_bits_per_char_reproduce():
    """assets/lstm/markov.json (python -m playground.lstm.markov): recount, re-measure."""
    results = markov.load_results()
    assert [o["order"] for o in results["orders"]] == list(markov.ORDERS)
    assert results["command"] == markov.COMMAND
    counts = markov.Counts.build(markov.encode(data.code_text("train")))
    held = markov.encode(data.code_text("heldout"))
    for o in results["orders"]:
        assert o["pairs_seen"] == counts.pairs_seen[o["order"]]
        bpc = markov.bits_per_char(counts, held, o["order"], markov.params_for(results, o["order"]))
        assert bpc == pytest.approx(o["heldout_bits_per_char"], abs=1e-9)
    held_bpc = [o["heldout_bits_per_char"] for o in results["orders"]]
    assert held_bpc[0] > 4 and min(held_bpc) < 2.3          # letters alone vs a few characters of context
    assert held_bpc.index(min(held_bpc)) not in (0, 6)      # sparse counts: the curve turns up again


def test_the_tab_table_reads_the_students_text():
    from playground.lstm import tab, views
    text = "for i in range(10):\n    print(i)\n"
    an = views.analyse(text, "lstm", gradients=False)
    words = tab._labels("lstm")
    rows = views.markov_predictions(an, 20, words)     # after "for i in range(10):\n "
    assert [r[0] for r in rows] == [f"AR({k})" for k in range(7)] + ["LSTM"]
    assert [r[1] for r in rows[1:7]] == ["␣", "⏎␣", ":⏎␣", "):⏎␣", "0):⏎␣", "10):⏎␣"]
    assert all(r[2].startswith("␣") for r in rows[2:])  # indentation: every order with context says space
    end = views.markov_predictions(an, len(text) - 1, words)
    assert all(r[-1] == "–" for r in end)               # after the last character nothing came
    fig = views.markov_figure(words)
    assert [d.name.split(" (")[0] for d in fig.data] == [words["markov_name"], "vanilla RNN", "LSTM", "GRU"]
    assert list(fig.data[0].x) == list(range(7))
