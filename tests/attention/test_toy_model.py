"""Our encoder-decoder: the attention math, the causal mask, the trained models' accuracy."""

import math
import random

import numpy as np
import pytest
import torch

from playground import weights
from playground.attention import alignment, model, tasks, toy_views
from playground.attention.tasks import heldout_pairs
from playground.attention.train import exact_match
from playground.imaging import InputError


def test_attention_is_softmax_of_scaled_scores_times_values():
    torch.manual_seed(0)
    q, k, v = torch.randn(2, 3, 5, 8), torch.randn(2, 3, 7, 8), torch.randn(2, 3, 7, 8)
    out, w = model.attention(q, k, v)
    by_hand = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(8), -1)
    assert torch.allclose(w, by_hand, atol=1e-6)
    assert torch.allclose(w.sum(-1), torch.ones(2, 3, 5), atol=1e-6)
    assert torch.allclose(out, by_hand @ v, atol=1e-5)


def test_masked_scores_get_exactly_zero_weight():
    torch.manual_seed(1)
    q = k = v = torch.randn(1, 2, 6, 4)
    _, w = model.attention(q, k, v, model.causal_mask(6))
    assert (w.triu(diagonal=1) == 0).all()          # exactly zero, not just small
    assert torch.allclose(w.sum(-1), torch.ones(1, 2, 6), atol=1e-6)


def test_sinusoidal_positions_follow_the_formula():
    pe = model.sinusoidal_positions(50, 16)
    pos, i = 17, 3
    assert pe[pos, 2 * i] == pytest.approx(math.sin(pos / 10000 ** (2 * i / 16)), abs=1e-6)
    assert pe[pos, 2 * i + 1] == pytest.approx(math.cos(pos / 10000 ** (2 * i / 16)), abs=1e-6)
    assert len({tuple(r) for r in pe.numpy().round(4)}) == 50  # every position its own pattern


def test_decoder_cannot_see_the_future():
    """Changing later decoder inputs never changes earlier outputs (untrained weights)."""
    torch.manual_seed(2)
    m = model.Seq2SeqTransformer(model.Config(vocab_size=13)).eval()
    src = torch.randint(3, 13, (1, 6))
    a, b = torch.randint(3, 13, (1, 8)), torch.randint(3, 13, (1, 8))
    b[:, :4] = a[:, :4]
    with torch.no_grad():
        assert torch.allclose(m(src, a)[:, :4], m(src, b)[:, :4], atol=1e-5)


def test_heldout_split_is_never_trained_on():
    rng = random.Random(0)
    for name, task in tasks.TASKS.items():
        train = [task.sample_split(rng, heldout=False) for _ in range(300)]
        held = [task.sample_split(rng, heldout=True) for _ in range(100)]
        assert not any(tasks.is_heldout(t) for _, t in train)
        assert all(tasks.is_heldout(t) for _, t in held)


@pytest.mark.parametrize("bad,match", [("", "Type an input"), ("12a4", "may only contain"),
                                       ("1" * 21, "at most 20"), ("\x00\x01", "may only contain")])
def test_bad_toy_input_is_a_clear_message(bad, match):
    with pytest.raises(InputError, match=match):
        toy_views.check_toy_input(tasks.TASKS["reverse"], bad)


@pytest.fixture(scope="module")
def trained():
    """The shipped reversal model (the tab lists it in WEIGHTS)."""
    name = "attention_reverse"
    return weights.get(name, model.build), tasks.TASKS["reverse"], weights.entry(name)


def test_trained_model_is_right_on_heldout_examples(trained):
    m, task, entry = trained
    assert entry["metrics"]["heldout_exact_match"] >= 0.99
    assert entry["metrics"]["heldout_examples"] >= 2000
    pairs = heldout_pairs(task, 300, seed=4242)  # a fresh sample, not the trainer's
    em, _ = exact_match(m, tasks.Codec(task), pairs, torch.device("cpu"))
    assert em >= 0.98


def test_cross_attention_follows_the_alignment_a_person_expects(trained):
    """Some head's strongest weight lands on (or next to) the expected source position."""
    m, task, _ = trained
    pairs = heldout_pairs(task, 100, seed=7)
    near = alignment.head_scores(m, tasks.Codec(task), task, pairs, tolerance=1)
    exact = alignment.head_scores(m, tasks.Codec(task), task, pairs)
    assert max(near.values()) >= 0.9
    assert max(exact.values()) >= 0.5
    chance = np.mean([1 / (len(s) + 1) for s, _ in pairs])
    assert max(exact.values()) > 4 * chance


def test_generation_trace_masks_the_future_and_rows_sum_to_one(trained):
    m, task, _ = trained
    source = task.examples[0]
    trace = None
    frames = 0
    for trace in toy_views.toy_generate(m, task, source):
        frames += 1
        t = trace.steps
        assert trace.dec_self.shape[-2:] == (t, t) and trace.cross.shape[-2:] == (t, len(source) + 1)
        assert (np.triu(trace.dec_self, k=1) == 0).all()     # above the diagonal: exactly zero
        for w in (trace.enc, trace.dec_self, trace.cross):
            assert np.allclose(w.sum(-1), 1.0, atol=1e-5)
    assert frames == trace.steps and trace.finished
    assert trace.output == task.answer(source)
    enc, dec, cross, probs = toy_views.toy_figures(trace, trace.steps, 1, None)
    z = np.asarray(dec.data[0].z, dtype=float)
    assert np.isnan(z[np.triu_indices(trace.steps, 1)]).all()   # shown as masked, not as 0
    assert dec.data[1].fillpattern.shape == "/"                   # hatched
    assert dec.layout.meta["csv"]["z"][0][1] == 0.0               # the CSV holds the true 0


def test_without_positional_encoding_reversal_breaks(trained):
    m, task, _ = trained
    pairs = heldout_pairs(task, 200, seed=11)
    codec = tasks.Codec(task)
    src, _, _ = codec.batch(pairs)
    out = m.generate(src, codec.bos, codec.eos, 21, use_positions=False)
    em = np.mean([codec.decode(r) == t for r, (_, t) in zip(out.tolist(), pairs)])
    assert em < 0.5
