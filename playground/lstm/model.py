"""Character-level recurrent networks, in the syllabus' notation (section 1).

Training uses torch's fused modules (nn.LSTM / nn.GRU / nn.RNN: fast). What the
tab *shows* is computed by the functions below, written like the equations:

    LSTM   i_t = sigmoid(W_i x_t + U_i h_{t-1} + b_i)        input gate
           f_t = sigmoid(W_f x_t + U_f h_{t-1} + b_f)        forget gate
           g_t = tanh   (W_g x_t + U_g h_{t-1} + b_g)        candidate
           o_t = sigmoid(W_o x_t + U_o h_{t-1} + b_o)        output gate
           c_t = f_t * c_{t-1} + i_t * g_t                  the cell: a conveyor belt
           h_t = o_t * tanh(c_t)
    GRU    r_t = sigmoid(W_r x_t + U_r h_{t-1} + b_r)        reset gate
           z_t = sigmoid(W_z x_t + U_z h_{t-1} + b_z)        update gate (1 = keep h_{t-1})
           n_t = tanh(W_n x_t + b_n + r_t * (U_n h_{t-1} + b_hn))   candidate
           h_t = (1 - z_t) * n_t + z_t * h_{t-1}
    RNN    h_t = tanh(W x_t + U h_{t-1} + b)

The GRU is PyTorch's nn.GRU, in two ways not the course notes' (colah's) figure:
z_t = 1 keeps the old state (Cho et al. 2014 write it so too; colah and Chung et
al. 2014 write h_t = (1 - z_t) h_{t-1} + z_t h~_t, where z_t = 1 writes the new
value), and r_t multiplies U_n h_{t-1} + b_hn after the matrix product (cuDNN's
form) instead of resetting h_{t-1} before it, tanh(W x_t + U (r_t * h_{t-1})).

x_t is the one-hot vector of character t, so W x_t is simply column x_t of W.
The weights are read from the very nn.LSTM / nn.GRU / nn.RNN that was trained
(tests/lstm/test_model.py checks that both give the same numbers).

`unroll` runs the cell step by step, exactly as written. `trace` gives the same
numbers faster: every gate at step t depends only on x_t and h_{t-1}, so once
the hidden states are known (from torch's fused loop) all gates of all steps
come from one matrix product; only the cell recurrence c_t is looped.
`hidden_gradients` is back-propagation through time written out by hand: how
much the loss at the last step changes with each earlier hidden state.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

# ---------------------------------------------------------------- vocabulary
UNKNOWN = "\x1a"  # ASCII "substitute": every character the models never saw
VOCAB = UNKNOWN + "\n" + "".join(chr(c) for c in range(32, 127))  # 97 symbols
STOI = {ch: i for i, ch in enumerate(VOCAB)}
UNK_ID = 0


def encode(text: str) -> np.ndarray:
    """Characters -> ids (int64); anything outside VOCAB (tabs, é, emoji...) -> UNK_ID."""
    return np.fromiter((STOI.get(ch, UNK_ID) for ch in text), dtype=np.int64, count=len(text))


def decode(ids) -> str:
    return "".join(VOCAB[int(i)] for i in ids)


# ---------------------------------------------------------------- the trained network
KINDS = ("lstm", "gru", "rnn")
GATES = {  # torch stacks the gates' rows in this order
    "lstm": ("input_gate", "forget_gate", "candidate", "output_gate"),
    "gru": ("reset_gate", "update_gate", "candidate"),
    "rnn": (),
}


class CharRNN(nn.Module):
    """x_t (one-hot) -> recurrent cell -> h_t -> logits of the next character."""

    def __init__(self, kind: str = "lstm", hidden_size: int = 128, vocab_size: int = len(VOCAB)):
        super().__init__()
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
        self.kind, self.hidden_size, self.vocab_size = kind, hidden_size, vocab_size
        module = {"lstm": nn.LSTM, "gru": nn.GRU, "rnn": nn.RNN}[kind]
        self.rnn = module(vocab_size, hidden_size, batch_first=True)  # RNN: tanh
        self.head = nn.Linear(hidden_size, vocab_size)

    def forward(self, ids: torch.Tensor, state=None):
        """ids [B, T] -> logits [B, T, V], final state (h, or (h, c) for the LSTM)."""
        x = F.one_hot(ids, self.vocab_size).to(self.head.weight.dtype)
        h, state = self.rnn(x, state)
        return self.head(h), state


def build(config: dict) -> CharRNN:
    return CharRNN(config["kind"], config["hidden_size"], config.get("vocab_size", len(VOCAB)))


def n_parameters(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


# ---------------------------------------------------------------- the weights, by name
@dataclass
class Cell:
    """The trained weights in syllabus names: W (input), U (recurrent), b (bias).

    Rows of W, U, b are the gates stacked in GATES[kind] order. For the GRU the
    candidate's recurrent bias b_hn sits inside r_t * (...), so it is kept apart.
    """
    kind: str
    W: torch.Tensor         # [G*H, V]
    U: torch.Tensor         # [G*H, H]
    b: torch.Tensor         # [G*H]  (b_ih + b_hh, except the GRU candidate's b_hn)
    b_hn: torch.Tensor | None
    W_y: torch.Tensor       # [V, H] output layer: logits = W_y h_t + b_y
    b_y: torch.Tensor

    @property
    def hidden_size(self) -> int:
        return self.U.shape[1]


def cell_of(model: CharRNN, dtype: torch.dtype = torch.float32) -> Cell:
    r = model.rnn
    W, U = r.weight_ih_l0.detach().to(dtype), r.weight_hh_l0.detach().to(dtype)
    b_ih, b_hh = r.bias_ih_l0.detach().to(dtype), r.bias_hh_l0.detach().to(dtype)
    b, b_hn = b_ih + b_hh, None
    if model.kind == "gru":
        H = model.hidden_size
        b = torch.cat([b_ih[:2 * H] + b_hh[:2 * H], b_ih[2 * H:]])
        b_hn = b_hh[2 * H:]
    return Cell(model.kind, W, U, b, b_hn, model.head.weight.detach().to(dtype),
                model.head.bias.detach().to(dtype))


# ---------------------------------------------------------------- one time step
def lstm_step(cell: Cell, x_t: int, h_prev: torch.Tensor, c_prev: torch.Tensor) -> dict:
    a_i, a_f, a_g, a_o = (cell.W[:, x_t] + cell.U @ h_prev + cell.b).chunk(4)
    input_gate = torch.sigmoid(a_i)    # how much of the candidate to write
    forget_gate = torch.sigmoid(a_f)   # how much of the old cell to keep
    candidate = torch.tanh(a_g)        # what could be written, in [-1, 1]
    output_gate = torch.sigmoid(a_o)   # how much of the cell to show
    c_t = forget_gate * c_prev + input_gate * candidate
    h_t = output_gate * torch.tanh(c_t)
    return {"input_gate": input_gate, "forget_gate": forget_gate, "candidate": candidate,
            "output_gate": output_gate, "cell": c_t, "hidden": h_t}


def gru_step(cell: Cell, x_t: int, h_prev: torch.Tensor) -> dict:
    H = cell.hidden_size
    x_r, x_z, x_n = (cell.W[:, x_t] + cell.b).chunk(3)
    U_r, U_z, U_n = cell.U[:H], cell.U[H:2 * H], cell.U[2 * H:]
    reset_gate = torch.sigmoid(x_r + U_r @ h_prev)     # how much of the past the candidate may see
    update_gate = torch.sigmoid(x_z + U_z @ h_prev)    # how much of h_{t-1} to keep as is
    candidate = torch.tanh(x_n + reset_gate * (U_n @ h_prev + cell.b_hn))  # r after U_n h (PyTorch)
    h_t = (1 - update_gate) * candidate + update_gate * h_prev  # z = 1: keep the old state
    return {"reset_gate": reset_gate, "update_gate": update_gate, "candidate": candidate,
            "hidden": h_t}


def rnn_step(cell: Cell, x_t: int, h_prev: torch.Tensor) -> dict:
    return {"hidden": torch.tanh(cell.W[:, x_t] + cell.U @ h_prev + cell.b)}


def step(cell: Cell, x_t: int, state: dict | None) -> dict:
    """One step of any of the three cells; `state` is the previous step's dict (None at t=0)."""
    zeros = torch.zeros(cell.hidden_size, dtype=cell.U.dtype)
    h_prev = zeros if state is None else state["hidden"]
    if cell.kind == "lstm":
        return lstm_step(cell, x_t, h_prev, zeros if state is None else state["cell"])
    return (gru_step if cell.kind == "gru" else rnn_step)(cell, x_t, h_prev)


def unroll(cell: Cell, ids, state: dict | None = None) -> dict[str, torch.Tensor]:
    """The unrolled network: the same step (same weights) applied at every t. -> {name: [T, H]}."""
    steps = []
    for x_t in ids:
        state = step(cell, int(x_t), state)
        steps.append(state)
    return {k: torch.stack([s[k] for s in steps]) for k in steps[0]}


# ---------------------------------------------------------------- the whole text at once
def trace(model: CharRNN, ids: np.ndarray) -> dict[str, np.ndarray]:
    """Every gate and state of every step, float32 numpy [T, H]: the same numbers as `unroll`.

    torch's fused loop gives h_1..h_T. Each gate at step t is a function of x_t and
    h_{t-1} only, so all T steps' gates come from one matrix product. The LSTM cell
    c_t = f_t * c_{t-1} + i_t * g_t is then the only loop (element-wise, cheap).
    """
    cell = cell_of(model)
    with torch.inference_mode():
        x = torch.as_tensor(ids, dtype=torch.long)
        h, _ = model.rnn(F.one_hot(x, model.vocab_size).float()[None])
        h = h[0]
        h_prev = torch.cat([torch.zeros(1, cell.hidden_size), h[:-1]])
        a_x = cell.W.T[x] + cell.b          # W x_t + b for every t (a row lookup)
        a_h = h_prev @ cell.U.T             # U h_{t-1} for every t
        out = {"hidden": h}
        if cell.kind == "lstm":
            a_i, a_f, a_g, a_o = (a_x + a_h).chunk(4, dim=1)
            out.update(input_gate=torch.sigmoid(a_i), forget_gate=torch.sigmoid(a_f),
                       candidate=torch.tanh(a_g), output_gate=torch.sigmoid(a_o))
        elif cell.kind == "gru":
            H = cell.hidden_size
            x_r, x_z, x_n = a_x.chunk(3, dim=1)
            out["reset_gate"] = torch.sigmoid(x_r + a_h[:, :H])
            out["update_gate"] = torch.sigmoid(x_z + a_h[:, H:2 * H])
            out["candidate"] = torch.tanh(x_n + out["reset_gate"] * (a_h[:, 2 * H:] + cell.b_hn))
        out["logits"] = model.head(h)
    rec = {k: v.numpy() for k, v in out.items()}
    if cell.kind == "lstm":
        rec["cell"] = cell_states(rec["forget_gate"], rec["input_gate"] * rec["candidate"])
    return rec


def cell_states(f: np.ndarray, written: np.ndarray) -> np.ndarray:
    """c_t = f_t * c_{t-1} + (i_t * g_t), c_0 = 0, for every t."""
    c = np.empty_like(f)
    c_t = np.zeros(f.shape[1], dtype=f.dtype)
    for t in range(len(f)):
        c_t = f[t] * c_t + written[t]
        c[t] = c_t
    return c


# ---------------------------------------------------------------- back-propagation through time
def hidden_gradients(cell: Cell, rec: dict[str, np.ndarray], ids: np.ndarray) -> np.ndarray:
    """log10 ||dL_T / dh_t|| for t = 0..T-1, where L_T = -log p(x_{T+1} | x_1..x_T).

    The loss is only at the last step; its gradient flows back to h_t through
    every later step. Written out by hand (float32, rescaled every few steps so
    that nothing underflows), one step back at a time:

        LSTM  dc_t += dh_t * o_t * (1 - tanh(c_t)^2)
              da_t  = [dc_t*g_t*i_t(1-i_t), dc_t*c_{t-1}*f_t(1-f_t),
                       dc_t*i_t*(1-g_t^2), dh_t*tanh(c_t)*o_t(1-o_t)]
              dh_{t-1} = U^T da_t,   dc_{t-1} = dc_t * f_t
        RNN   dh_{t-1} = U^T (dh_t * (1 - h_t^2))
        GRU   see _gru_back.
    `rec` is `trace` of the text ids[:-1]; ids[-1] is the target of the loss.
    Returns float64 [T] of base-10 logarithms (a vanilla RNN's gradient 2,000 steps
    back can be 1e-500: no float holds that, its logarithm is fine); tests compare
    it with torch.autograd.
    """
    U = cell.U.numpy().astype(BACK_DTYPE)
    h = rec["hidden"].astype(BACK_DTYPE)
    logits = rec["logits"][-1].astype(np.float64)
    p = np.exp(logits - logits.max())
    p /= p.sum()
    p[ids[-1]] -= 1.0                                   # dL/dlogits = softmax - onehot(target)
    dh = (cell.W_y.double().numpy().T @ p).astype(BACK_DTYPE)   # dL/dh_T
    back = {"lstm": _lstm_back, "gru": _gru_back, "rnn": _rnn_back}[cell.kind]
    return back(cell, U, rec, h, dh)


BACK_DTYPE = np.float32  # twice as fast as float64 here; the rescaling keeps it in range
RESCALE_EVERY = 16       # steps between rescalings of the backward vectors
RESCALE_BELOW, RESCALE_ABOVE = 1e-12, 1e12


class _Rescaler:
    """Keeps the backward vectors near size 1 and remembers the factors taken out.

    The true gradient at step t is (stored vector) * exp(log_scale[t]); dividing by
    a positive number changes nothing else, because back-propagation is linear in
    the incoming gradient.
    """

    def __init__(self, T: int):
        self.log_scale, self.now = np.zeros(T), 0.0

    def __call__(self, t: int, *vectors: np.ndarray) -> None:
        if t % RESCALE_EVERY == 0:
            s = max(np.abs(v).max() for v in vectors)
            if 0 < s < RESCALE_BELOW or s > RESCALE_ABOVE:
                for v in vectors:
                    v /= s
                self.now += np.log(s)
        self.log_scale[t] = self.now

    def log10_norms(self, G: np.ndarray) -> np.ndarray:
        with np.errstate(divide="ignore"):
            return np.log10(np.linalg.norm(G.astype(np.float64), axis=1)) + self.log_scale / np.log(10)


def _rnn_back(cell, U, rec, h, dh):
    T, H = h.shape
    G, keep = np.empty((T, H), BACK_DTYPE), _Rescaler(T)
    dtanh = 1.0 - h ** 2                                 # h_t = tanh(a_t)  ->  dh/da = 1 - h_t^2
    UT = U.T.copy()
    for t in range(T - 1, -1, -1):
        keep(t, dh)
        G[t] = dh
        dh = UT @ (dh * dtanh[t])
    return keep.log10_norms(G)


def _lstm_back(cell, U, rec, h, dh):
    T, H = h.shape
    i, f, g, o = (rec[k].astype(BACK_DTYPE) for k in GATES["lstm"])
    c = rec["cell"].astype(BACK_DTYPE)
    c_prev = np.vstack([np.zeros((1, H), BACK_DTYPE), c[:-1]])
    tanh_c = np.tanh(c)
    # element-wise factors of every step, computed once for all t:
    dc_from_dh = o * (1 - tanh_c ** 2)                   # h = o * tanh(c)
    da_factor = np.hstack([g * i * (1 - i),              # da_i = dc * g * i(1-i)
                           c_prev * f * (1 - f),         # da_f = dc * c_{t-1} * f(1-f)
                           i * (1 - g ** 2),             # da_g = dc * i * (1-g^2)
                           tanh_c * o * (1 - o)])        # da_o = dh * tanh(c) * o(1-o)
    which = np.r_[np.tile(np.arange(H), 3), H + np.arange(H)]   # [dc, dc, dc, dh] from [dc; dh]
    UT = U.T.copy()
    G, keep = np.empty((T, H), BACK_DTYPE), _Rescaler(T)
    dc = np.zeros(H, BACK_DTYPE)
    for t in range(T - 1, -1, -1):
        keep(t, dh, dc)
        G[t] = dh
        dc = dc + dh * dc_from_dh[t]
        da = np.concatenate((dc, dh))[which] * da_factor[t]
        dh = UT @ da                                     # dh_{t-1} = U^T da_t
        dc = dc * f[t]                                   # dc_{t-1} = dc_t * f_t
    return keep.log10_norms(G)


def _gru_back(cell, U, rec, h, dh):
    """h_t = (1-z)*n + z*h_{t-1},  n = tanh(x_n + r*(U_n h_{t-1} + b_hn)), r, z = sigmoid(...):

        da_n = dh * (1-z)(1-n^2)          da_z = dh * (h_{t-1} - n) z(1-z)
        da_r = da_n * (U_n h_{t-1} + b_hn) r(1-r)
        dh_{t-1} = z * dh + U_r^T da_r + U_z^T da_z + U_n^T (r * da_n)
    """
    T, H = h.shape
    r, z, n = (rec[k].astype(BACK_DTYPE) for k in GATES["gru"])
    h_prev = np.vstack([np.zeros((1, H), BACK_DTYPE), h[:-1]])
    Un_h = h_prev @ U[2 * H:].T + cell.b_hn.numpy()             # U_n h_{t-1} + b_hn, all t
    da_n_from_dh = (1 - z) * (1 - n ** 2)
    # [da_r, da_z, r*da_n] = [da_n, dh, da_n] * factor
    factor = np.hstack([Un_h * r * (1 - r), (h_prev - n) * z * (1 - z), r])
    UT = U.T.copy()
    G, keep = np.empty((T, H), BACK_DTYPE), _Rescaler(T)
    for t in range(T - 1, -1, -1):
        keep(t, dh)
        G[t] = dh
        da_n = dh * da_n_from_dh[t]
        dh = dh * z[t] + UT @ (np.concatenate((da_n, dh, da_n)) * factor[t])
    return keep.log10_norms(G)


# ---------------------------------------------------------------- sampling
def sample(model: CharRNN, prompt_ids: np.ndarray, n: int, temperature: float,
           seed: int = 0) -> np.ndarray:
    """Continue the text: draw each next character from softmax(logits / temperature).

    temperature -> 0 sharpens the distribution towards the likeliest character
    (at 0 exactly: always take it); 1 samples the model as trained; > 1 flattens it.
    """
    g = torch.Generator().manual_seed(seed)
    out = []
    with torch.inference_mode():
        ids = torch.as_tensor(prompt_ids if len(prompt_ids) else [VOCAB.index("\n")])[None]
        logits, state = model(ids)
        last = logits[0, -1]
        for _ in range(n):
            last[UNK_ID] = -torch.inf   # never *write* the unknown symbol
            if temperature <= 0:
                nxt = last.argmax().view(1)
            else:
                nxt = torch.multinomial(torch.softmax(last / temperature, dim=-1), 1, generator=g)
            out.append(int(nxt))
            logits, state = model(nxt[None], state)
            last = logits[0, -1]
    return np.array(out, dtype=np.int64)


# ---------------------------------------------------------------- exploding gradients
def scaled_rnn_trace(model: CharRNN, ids: np.ndarray, scale: float) -> dict[str, np.ndarray]:
    """The vanilla RNN with its recurrent matrix multiplied by `scale`,
    h_t = tanh(W x_t + scale * U h_{t-1} + b), over ids: {"hidden", "logits"} (float32 numpy).

    scale = 1 is the trained network. The weights are passed to torch's fused loop as
    arguments: the shared model is never modified (safe with many sessions at once)."""
    if model.kind != "rnn":
        raise ValueError("scaled_rnn_trace needs the vanilla RNN")
    r = model.rnn
    with torch.inference_mode():
        x = F.one_hot(torch.as_tensor(ids, dtype=torch.long), model.vocab_size).float()[None]
        h0 = torch.zeros(1, 1, model.hidden_size)
        params = [r.weight_ih_l0, r.weight_hh_l0 * float(scale), r.bias_ih_l0, r.bias_hh_l0]
        h, _ = torch._VF.rnn_tanh(x, h0, params, True, 1, 0.0, False, False, True)
        h = h[0]
        return {"hidden": h.numpy(), "logits": model.head(h).numpy()}


def _log10_norm(*parts: np.ndarray) -> float:
    return 0.5 * np.log10(sum(float(np.sum(p.astype(np.float64) ** 2)) for p in parts))


def rnn_gradient(cell: Cell, rec: dict[str, np.ndarray], ids: np.ndarray) -> tuple[np.ndarray, float]:
    """For a vanilla RNN (cell.U may be scaled): log10 ||dL_T/dh_t|| for every t (as
    `hidden_gradients`), and log10 of the norm of the whole parameter gradient
    ||dL_T/d(W, U, b, W_y, b_y)||, the number gradient clipping looks at.

    With a_t = W x_t + U h_{t-1} + b and delta_t = dL/da_t = dh_t * (1 - h_t^2):
        dL/dU = sum_t delta_t h_{t-1}^T,  dL/dW = sum_t delta_t x_t^T,
        dL/db_ih = dL/db_hh = sum_t delta_t  (PyTorch's two bias vectors),
        dL/dW_y = (p - onehot) h_T^T,     dL/db_y = p - onehot.
    The backward vectors are rescaled as in `hidden_gradients` (the true gradient can be
    1e+400); the sums are taken at a common scale, so the norm's logarithm is exact."""
    U = cell.U.numpy().astype(BACK_DTYPE)
    h = rec["hidden"].astype(BACK_DTYPE)
    logits = rec["logits"][-1].astype(np.float64)
    p = np.exp(logits - logits.max())
    p /= p.sum()
    p[ids[-1]] -= 1.0
    dh = (cell.W_y.double().numpy().T @ p).astype(BACK_DTYPE)
    T, H = h.shape
    G, delta, keep = np.empty((T, H), BACK_DTYPE), np.empty((T, H), BACK_DTYPE), _Rescaler(T)
    dtanh = 1.0 - h ** 2
    UT = U.T.copy()
    for t in range(T - 1, -1, -1):
        keep(t, dh)
        G[t] = dh
        delta[t] = dh * dtanh[t]
        dh = UT @ delta[t]
    top = keep.log_scale.max()
    # every delta_t at the common scale e^top (float32 is enough: the rescaler keeps them
    # below 1e12, and the terms far below the largest add nothing)
    d = delta * np.exp(keep.log_scale - top).astype(BACK_DTYPE)[:, None]
    h_prev = np.vstack([np.zeros((1, H), BACK_DTYPE), h[:-1]])
    x = np.asarray(ids[:T])
    order = np.argsort(x, kind="stable")                     # dL/dW: column x_t gets delta_t
    starts = np.flatnonzero(np.r_[True, x[order][1:] != x[order][:-1]])
    dW = np.add.reduceat(d[order], starts, axis=0)
    db = d.sum(0)
    dU = (torch.from_numpy(d).T @ torch.from_numpy(h_prev)).numpy()  # torch: one thread, no numpy pool
    recurrent = _log10_norm(dU, dW, db, db) + top / np.log(10)   # b_ih and b_hh
    output = _log10_norm(np.outer(p, h[-1]), p)
    total = float(np.logaddexp(2 * recurrent * np.log(10), 2 * output * np.log(10)) / (2 * np.log(10)))
    return keep.log10_norms(G), total
