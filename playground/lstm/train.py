"""How pretrained/lstm_*.safetensors were made.

    python -m playground.train lstm_code_lstm --threads 1    # LSTM, 128 units
    python -m playground.train lstm_code_gru  --threads 1    # GRU, 152 units
    python -m playground.train lstm_code_rnn  --threads 1    # vanilla RNN, 274 units
    python -m playground.train lstm_brackets  --threads 1    # LSTM, 16 units, synthetic brackets

The three code models are char-level language models of comparable size (about
129k parameters each: the hidden sizes are chosen so) trained the same way on
the same text (Python standard-library source, assets/lstm/), as in Karpathy,
Johnson & Fei-Fei (2015): truncated back-propagation through time over
`batch` parallel streams of the training text, the hidden state carried from
one chunk of `seq_len` characters to the next, Adam with a cosine learning
rate, gradient norm clipped at 1. The held-out files give `heldout_bits_per_char`.
"""

from __future__ import annotations

import math
import time

import numpy as np
import torch
import torch.nn.functional as F

from playground import weights
from playground.lstm import data
from playground.lstm.model import KINDS, CharRNN, encode, n_parameters
from playground.train import Run, register

# hidden sizes giving ~129k parameters each (recurrent cell + output layer)
HIDDEN = {"lstm": 128, "gru": 152, "rnn": 274}
CHECKPOINT_EVERY_S = 180


def _detach(state):
    if state is None:
        return None
    return tuple(s.detach() for s in state) if isinstance(state, tuple) else state.detach()


def _zero_rows(state, reset: torch.Tensor):
    """Streams that start a new chunk of text start from a zero state."""
    if state is None:
        return None
    keep = (~reset).float()[None, :, None]
    return tuple(s * keep for s in state) if isinstance(state, tuple) else state * keep


class Streams:
    """`batch` parallel reads of one long id array, deterministic in (step, seed).

    Epoch e starts every stream at a random offset (seeded by e) so that the
    chunk boundaries move between epochs; a stream's state is reset when its
    epoch starts. Step -> batch is a pure function, so --resume continues exactly.
    """

    def __init__(self, ids: np.ndarray, batch: int, seq_len: int, seed: int):
        self.ids, self.batch, self.seq_len, self.seed = torch.as_tensor(ids), batch, seq_len, seed
        self.length = len(ids) // batch
        self.per_epoch = (self.length - seq_len - 1) // seq_len

    def get(self, step: int) -> tuple[torch.Tensor, torch.Tensor, bool]:
        epoch, k = divmod(step, self.per_epoch)
        offset = int(np.random.default_rng([self.seed, epoch]).integers(self.seq_len))
        starts = torch.arange(self.batch) * self.length + offset + k * self.seq_len
        index = starts[:, None] + torch.arange(self.seq_len + 1)[None]
        chunk = self.ids[index]
        return chunk[:, :-1], chunk[:, 1:], k == 0


def bits_per_char(model: CharRNN, ids: np.ndarray, streams: int = 16, chunk: int = 512) -> float:
    """Mean -log2 p(next char) over a text, read as `streams` contiguous pieces with carried state."""
    model.eval()
    length = (len(ids) - 1) // streams
    x = torch.as_tensor(ids[: streams * length]).view(streams, length)
    y = torch.as_tensor(ids[1: streams * length + 1]).view(streams, length)
    total, state = 0.0, None
    with torch.inference_mode():
        for s in range(0, length, chunk):
            logits, state = model(x[:, s: s + chunk], state)
            total += F.cross_entropy(logits.reshape(-1, logits.shape[-1]),
                                     y[:, s: s + chunk].reshape(-1), reduction="sum").item()
    model.train()
    return total / (streams * length) / math.log(2)


def fit(run: Run, model: CharRNN, streams: Streams, steps: int, lr: float,
        evaluate, log_every: int = 200) -> int:
    """The training loop shared by every model here; returns the steps taken."""
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    warmup = min(200, steps // 10)
    schedule = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / warmup) * (
        0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * min(s, steps) / steps))))
    start, state = 0, None
    ckpt = run.load_checkpoint()
    if ckpt:
        model.load_state_dict(ckpt["model"])
        opt.load_state_dict(ckpt["opt"])
        schedule.load_state_dict(ckpt["schedule"])
        start, state = ckpt["step"], ckpt["state"]
        print(f"resumed at step {start}")
    model.train()
    last_save, smooth = time.time(), None
    bar = run.progress(range(start, steps), total=steps, initial=start, mininterval=15)
    for step in bar:
        x, y, new_epoch = streams.get(step)
        if new_epoch:
            state = None
        logits, state = model(x, state)
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        schedule.step()
        state = _detach(state)
        bpc = loss.item() / math.log(2)
        smooth = bpc if smooth is None else 0.98 * smooth + 0.02 * bpc
        bar.set_postfix(train_bpc=f"{smooth:.3f}", refresh=False)
        if (step + 1) % log_every == 0:
            print(f"step {step + 1}: train bpc {smooth:.3f}" + evaluate(quick=True), flush=True)
        if time.time() - last_save > CHECKPOINT_EVERY_S or step + 1 == steps:
            run.save_checkpoint({"model": model.state_dict(), "opt": opt.state_dict(),
                                 "schedule": schedule.state_dict(), "step": step + 1,
                                 "state": state})
            last_save = time.time()
    return steps


def _code_trainer(kind: str):
    def train(run: Run) -> None:
        o = run.opts
        torch.manual_seed(run.seed)
        model = CharRNN(kind, o.hidden_size or HIDDEN[kind])
        train_ids, held_ids = encode(data.code_text("train")), encode(data.code_text("heldout"))
        streams = Streams(train_ids, o.batch, o.seq_len, run.seed)

        def evaluate(quick: bool = False) -> str:
            return f", held-out bpc (first 32k chars) {bits_per_char(model, held_ids[:32768], 8):.3f}"

        print(f"{kind}: {model.hidden_size} units, {n_parameters(model):,} parameters; "
              f"{len(train_ids):,} training chars, {streams.per_epoch} steps per epoch")
        steps = fit(run, model, streams, o.steps, o.lr, evaluate)
        heldout = bits_per_char(model, held_ids)
        train_bpc = bits_per_char(model, train_ids[:len(held_ids)])
        print(f"held-out bits/char {heldout:.4f} (first {len(held_ids):,} training chars: {train_bpc:.4f})")
        info = data.corpus_info()
        weights.save(
            f"lstm_code_{kind}", model,
            config={"kind": kind, "hidden_size": model.hidden_size, "vocab_size": model.vocab_size,
                    "parameters": n_parameters(model), "batch": o.batch, "seq_len": o.seq_len,
                    "lr": o.lr},
            data=(f"{info['source']} ({info['rule']}): assets/lstm/pystdlib_train.txt.gz, "
                  f"{len(train_ids):,} chars of {len(info['splits']['train']['files'])} files; "
                  f"held out by file: pystdlib_heldout.txt.gz, {len(held_ids):,} chars of "
                  f"{len(info['splits']['heldout']['files'])} files (scripts/lstm_make_corpus.py)"),
            seed=run.seed, steps=steps, command=run.command,
            metrics={"heldout_bits_per_char": heldout, "train_bits_per_char": train_bpc,
                     "parameters": n_parameters(model)},
            credit="Trained by this repository on Python standard-library source, "
                   "PSF License (assets/lstm/CREDITS.md)")
    return train


for _kind in KINDS:
    register(f"lstm_code_{_kind}",
             help=f"char-level {_kind.upper()} on Python stdlib source (LSTM gates tab)",
             steps=8000, batch=32, seq_len=128, lr=2e-3, hidden_size=0)(_code_trainer(_kind))

# ---------------------------------------------------------------- synthetic brackets
BRACKET_SEEDS = {"train": 1, "heldout": 2}


@register("lstm_brackets", help="small LSTM on a synthetic bracket language (a unit counts depth)",
          steps=2500, batch=32, seq_len=128, lr=1e-2, hidden_size=16, chars=400_000)
def train_brackets(run: Run) -> None:
    o = run.opts
    torch.manual_seed(run.seed)
    model = CharRNN("lstm", o.hidden_size)
    text, _ = data.brackets(o.chars, seed=BRACKET_SEEDS["train"])
    held, depth = data.brackets(50_000, seed=BRACKET_SEEDS["heldout"])
    held_ids = encode(held)

    def evaluate(quick: bool = False) -> str:
        return f", held-out bpc {bits_per_char(model, held_ids, 8):.3f}"

    steps = fit(run, model, Streams(encode(text), o.batch, o.seq_len, run.seed), o.steps, o.lr,
                evaluate, log_every=250)
    from playground.lstm.features import best_units  # the unit that counts, found as the tab does
    from playground.lstm.model import trace
    rec = trace(model, held_ids[:20_000])
    best = best_units(rec["cell"], depth[:20_000].astype(np.float32), top=1)[0]
    heldout = bits_per_char(model, held_ids)
    print(f"held-out bits/char {heldout:.4f}; cell unit {best[0]} tracks the depth, r = {best[1]:.3f}")
    weights.save(
        "lstm_brackets", model,
        config={"kind": "lstm", "hidden_size": o.hidden_size, "vocab_size": model.vocab_size,
                "parameters": n_parameters(model), "depth_unit": int(best[0])},
        data=(f"synthetic bracket lines (playground/lstm/data.py `brackets`, max depth "
              f"{data.MAX_DEPTH}): {o.chars:,} training chars (seed {BRACKET_SEEDS['train']}), "
              f"50,000 held-out chars (seed {BRACKET_SEEDS['heldout']})"),
        seed=run.seed, steps=steps, command=run.command,
        metrics={"heldout_bits_per_char": heldout, "depth_unit_correlation": best[1],
                 "parameters": n_parameters(model)})
