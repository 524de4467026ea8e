"""The cells the tab shows are the same networks torch trained, and the gradient
flow it plots is the one autograd computes."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from playground.lstm import model as M


def _model(kind: str, hidden: int = 24, seed: int = 0, scale: float = 1.0) -> M.CharRNN:
    torch.manual_seed(seed)
    m = M.CharRNN(kind, hidden)
    with torch.no_grad():  # larger weights than torch's init: gates far from 0.5, states near +-1
        for p in m.parameters():
            p.mul_(scale)
    return m.eval()


def _ids(n: int, seed: int = 0) -> np.ndarray:
    return M.encode("def f(x):\n    return 'a' + str([x, {1: 2}])  # done\n" * 8)[:n] if seed == 0 \
        else np.random.default_rng(seed).integers(0, len(M.VOCAB), n)


def test_vocabulary_maps_everything_else_to_unknown():
    ids = M.encode("a\tb\né🙂~")
    assert M.decode(ids) == "a" + M.UNKNOWN + "b\n" + M.UNKNOWN * 2 + "~"
    assert len(M.VOCAB) == 97 and M.VOCAB[M.UNK_ID] == M.UNKNOWN


@pytest.mark.parametrize("kind", M.KINDS)
def test_step_by_step_cell_equals_torch_module(kind):
    """Our lstm_step / gru_step / rnn_step, unrolled, give torch's outputs (same weights)."""
    m = _model(kind, scale=3.0)
    ids = _ids(80)
    with torch.no_grad():
        h_torch, last = m.rnn(F.one_hot(torch.as_tensor(ids), len(M.VOCAB)).float()[None])
        logits_torch = m.head(h_torch[0])
    ours = M.unroll(M.cell_of(m), ids)
    torch.testing.assert_close(ours["hidden"], h_torch[0], atol=2e-6, rtol=1e-5)
    if kind == "lstm":
        torch.testing.assert_close(ours["cell"][-1], last[1][0, 0], atol=2e-6, rtol=1e-5)
    torch.testing.assert_close(ours["hidden"] @ M.cell_of(m).W_y.T + M.cell_of(m).b_y,
                               logits_torch, atol=1e-5, rtol=1e-5)
    # gates are where they must be: in (0, 1), candidates in (-1, 1), and not all alike
    for name in M.GATES[kind]:
        lo = -1 if name == "candidate" else 0
        assert ours[name].min() >= lo and ours[name].max() <= 1 and ours[name].std() > 0.05


@pytest.mark.parametrize("kind", M.KINDS)
def test_fast_trace_equals_step_by_step(kind):
    """The tab's vectorised `trace` gives every gate and state of the step-by-step `unroll`."""
    m = _model(kind, scale=3.0)
    ids = _ids(120)
    ours = M.unroll(M.cell_of(m), ids)
    fast = M.trace(m, ids)
    assert set(ours) <= set(fast)
    for name, value in ours.items():
        np.testing.assert_allclose(fast[name], value.numpy(), atol=2e-5, rtol=1e-4, err_msg=name)


def _autograd_hidden_gradients(m: M.CharRNN, ids: np.ndarray) -> np.ndarray:
    """||dL_T/dh_t|| by torch.autograd: torch's own module, one step per call, float64."""
    m = m.double()
    x = F.one_hot(torch.as_tensor(ids[:-1]), len(M.VOCAB)).double()[None]
    state, hs = None, []
    for t in range(x.shape[1]):
        _, state = m.rnn(x[:, t: t + 1], state)
        h = state[0] if m.kind == "lstm" else state
        h.retain_grad()
        hs.append(h)
    loss = F.cross_entropy(m.head(hs[-1][0]), torch.as_tensor(ids[-1:]))
    loss.backward()
    out = np.array([h.grad.norm().item() for h in hs])
    m.float()
    return out


@pytest.mark.parametrize("kind", M.KINDS)
@pytest.mark.parametrize("scale", [0.7, 2.5])
def test_gradient_flow_matches_autograd(kind, scale):
    """hidden_gradients (back-propagation through time by hand) equals autograd, step by step,
    for small weights (gradients vanish fast) and large ones (they may grow)."""
    m = _model(kind, hidden=20, seed=1, scale=scale)
    ids = _ids(150)
    expected = _autograd_hidden_gradients(m, ids)
    ours = 10 ** M.hidden_gradients(M.cell_of(m), M.trace(m, ids[:-1]), ids)
    assert ours.shape == expected.shape == (149,)
    seen = expected > 1e-250
    assert seen.sum() > 100
    np.testing.assert_allclose(ours[seen], expected[seen], rtol=2e-3)


def test_gradient_flow_does_not_underflow():
    """Over 1,500 steps a vanilla RNN's gradient falls far below float32's range (1e-38);
    the rescaled backward still gives its logarithm, for the log plot."""
    m = _model("rnn", hidden=20, seed=2, scale=0.5)
    ids = _ids(1500, seed=3)
    g = M.hidden_gradients(M.cell_of(m), M.trace(m, ids[:-1]), ids)
    assert g[-1] > -3 and np.isfinite(g).all() and g[0] < -400
    assert np.abs(np.diff(g)).max() < 3   # smooth: no jumps where the vectors were rescaled


def test_sampling_is_seeded_and_never_writes_unknown():
    m = _model("lstm")
    a = M.sample(m, M.encode("def "), 200, temperature=1.5, seed=7)
    b = M.sample(m, M.encode("def "), 200, temperature=1.5, seed=7)
    assert np.array_equal(a, b) and len(a) == 200 and M.UNK_ID not in a
    greedy = M.sample(m, M.encode("def "), 20, temperature=0, seed=1)
    assert np.array_equal(greedy, M.sample(m, M.encode("def "), 20, temperature=0, seed=2))


@pytest.mark.parametrize("scale", [0.7, 1.0, 3.0])
def test_scaled_rnn_and_its_whole_gradient_match_autograd(scale):
    """h_t = tanh(W x_t + s U h_{t-1} + b): the fused trace equals the step-by-step cell with
    U times s; rnn_gradient's ||dL/dh_t|| and ||dL/d(all parameters)|| equal autograd's
    (the gradient of the RNN whose recurrent matrix *is* s U, PyTorch's two biases included)."""
    import dataclasses
    torch.manual_seed(0)
    m = M.CharRNN("rnn", 16)
    ids = M.encode("def f(x):\n    return (x + 1) * 2  # ok\n")
    cell = M.cell_of(m)
    scaled = dataclasses.replace(cell, U=cell.U * scale)
    rec = M.scaled_rnn_trace(m, ids[:-1], scale)
    np.testing.assert_allclose(rec["hidden"], M.unroll(scaled, ids[:-1])["hidden"].numpy(), atol=1e-5)
    log10_h, log10_total = M.rnn_gradient(scaled, rec, ids)

    p = {k: v.detach().double().clone().requires_grad_(True) for k, v in m.named_parameters()}
    p["rnn.weight_hh_l0"] = (p["rnn.weight_hh_l0"] * scale).detach().requires_grad_(True)
    x = F.one_hot(torch.as_tensor(ids[:-1]), M.VOCAB.__len__()).double()
    h, hs = torch.zeros(16, dtype=torch.float64), []
    for t in range(len(ids) - 1):
        h = torch.tanh(p["rnn.weight_ih_l0"] @ x[t] + p["rnn.bias_ih_l0"]
                       + p["rnn.weight_hh_l0"] @ h + p["rnn.bias_hh_l0"])
        h.retain_grad()
        hs.append(h)
    F.cross_entropy((p["head.weight"] @ h + p["head.bias"])[None], torch.tensor([int(ids[-1])])).backward()
    np.testing.assert_allclose(log10_h, np.log10([float(v.grad.norm()) for v in hs]), atol=1e-4)
    total = torch.sqrt(sum((v.grad ** 2).sum() for v in p.values())).item()
    assert log10_total == pytest.approx(np.log10(total), abs=1e-5)


def test_a_scaled_rnn_explodes_and_its_norm_stays_finite():
    """U times 5 on 2,000 characters: the gradient grows past 1e+300 (no float holds it);
    its logarithm and that of the whole gradient's norm are still finite numbers."""
    torch.manual_seed(0)
    m = M.CharRNN("rnn", 64)
    torch.nn.init.orthogonal_(m.rnn.weight_hh_l0)
    ids = np.random.default_rng(0).integers(1, len(M.VOCAB), 2000)
    cell = M.cell_of(m)
    import dataclasses
    log10_h, total = M.rnn_gradient(dataclasses.replace(cell, U=cell.U * 5), M.scaled_rnn_trace(m, ids[:-1], 5), ids)
    assert np.isfinite(log10_h).all() and np.isfinite(total)
    assert log10_h[0] - log10_h[-1] > 300 and total > 300
