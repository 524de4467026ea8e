"""How pretrained/attention_reverse.safetensors was made.

    python -m playground.train attention_reverse --threads 1

Examples are drawn fresh every step (the tasks are generated, never a fixed file),
never from the held-out tenth (`tasks.is_heldout`). At the end the trainer
measures, on held-out examples the model never saw, the exact-match accuracy
(the whole output right) and how often each cross-attention head looks where a
person expects (`alignment.py`), and writes both to the manifest.
"""

from __future__ import annotations

import math
import random
import time

import torch
import torch.nn.functional as F

from playground import weights
from playground.attention import alignment, tasks
from playground.attention.model import Config, Seq2SeqTransformer
from playground.train import register

CHECKPOINT_EVERY_S = 180


def exact_match(model: Seq2SeqTransformer, codec: tasks.Codec, pairs: list[tuple[str, str]],
                device: torch.device, batch_size: int = 250) -> tuple[float, float]:
    """(exact-match accuracy, per-character accuracy) of greedy decoding on `pairs`."""
    model.eval()
    exact = chars = total_chars = 0
    for i in range(0, len(pairs), batch_size):
        chunk = pairs[i: i + batch_size]
        src, _, _ = codec.batch(chunk)
        max_new = max(len(t) for _, t in chunk) + 1
        out = model.generate(src.to(device), codec.bos, codec.eos, max_new)
        for row, (_, target) in zip(out.tolist(), chunk):
            guess = codec.decode(row)
            exact += guess == target
            chars += sum(a == b for a, b in zip(guess, target))
            total_chars += len(target)
    model.train()
    return exact / len(pairs), chars / total_chars


def _train(run, task_name: str) -> None:
    opts = run.opts
    task = tasks.TASKS[task_name]
    codec = tasks.Codec(task)
    cfg = Config(vocab_size=len(codec.itos), d_model=opts.d_model, n_heads=opts.n_heads,
                 n_encoder_layers=opts.layers, n_decoder_layers=opts.layers,
                 d_ff=4 * opts.d_model, max_len=40)
    model = Seq2SeqTransformer(cfg).to(run.device)
    optim = torch.optim.AdamW(model.parameters(), lr=opts.lr, weight_decay=0.01)
    rng = random.Random(run.seed)
    step = resumed_at = 0
    earlier = ""
    state = run.load_checkpoint()
    if state:
        model.load_state_dict(state["model"])
        optim.load_state_dict(state["optim"])
        step = resumed_at = state["step"]
        earlier = state.get("command", "python -m playground.train " + run.name + " --seed 0 (defaults)")
        rng.setstate(_tuple_state(state["rng"]))
        print(f"resumed at step {step}")

    def lr_at(s: int) -> float:  # linear warm-up, then cosine decay to 5%
        if s < 200:
            return opts.lr * (s + 1) / 200
        frac = min(1.0, s / opts.steps)
        return opts.lr * (0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * frac)))

    check_pairs = tasks.heldout_pairs(task, 500, seed=999)
    last_ckpt = time.time()
    bar = run.progress(total=opts.steps, initial=step)
    model.train()
    while step < opts.steps:
        src, tgt_in, tgt_out = codec.batch([task.sample_split(rng, heldout=False)
                                            for _ in range(opts.batch_size)])
        src, tgt_in, tgt_out = src.to(run.device), tgt_in.to(run.device), tgt_out.to(run.device)
        logits = model(src, tgt_in)
        loss = F.cross_entropy(logits.reshape(-1, logits.size(-1)), tgt_out.reshape(-1),
                               ignore_index=codec.pad)
        for group in optim.param_groups:
            group["lr"] = lr_at(step)
        optim.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optim.step()
        step += 1
        bar.update(1)
        if step % 500 == 0 or step == opts.steps:
            em, ca = exact_match(model, codec, check_pairs, run.device)
            bar.set_postfix(loss=f"{loss.item():.4f}", heldout_em=f"{em:.3f}")
            print(f"step {step} loss {loss.item():.4f} heldout exact {em:.4f} chars {ca:.4f}", flush=True)
        if time.time() - last_ckpt > CHECKPOINT_EVERY_S:
            run.save_checkpoint({"model": model.state_dict(), "optim": optim.state_dict(),
                                 "step": step, "rng": _list_state(rng.getstate()), "command": run.command})
            last_ckpt = time.time()
    bar.close()
    run.save_checkpoint({"model": model.state_dict(), "optim": optim.state_dict(),  # to go on later
                         "step": step, "rng": _list_state(rng.getstate()), "command": run.command})

    model.eval()
    final_pairs = tasks.heldout_pairs(task, opts.eval_examples)
    em, ca = exact_match(model, codec, final_pairs, run.device)
    best = max(alignment.head_scores(model.cpu(), codec, task, final_pairs[:300]).values())
    near = max(alignment.head_scores(model, codec, task, final_pairs[:300], tolerance=1).values())
    print(f"held-out exact match {em:.4f}, char accuracy {ca:.4f}, best cross-attention "
          f"head alignment {best:.3f} (within one position: {near:.3f})")
    weights.save(
        f"attention_{task_name}", model, config={**cfg.to_dict(), "task": task_name},
        data=(f"generated examples: {task.about}; {opts.batch_size} fresh per step; "
              "a fixed 10% (crc32 of the answer) held out and never trained on"
              + (f"; steps 0-{resumed_at} ran as `{earlier}`, then this command with --resume "
                 "went on from that checkpoint (its learning-rate schedule from there on)"
                 if resumed_at else "")),
        seed=run.seed, steps=step, command=run.command,
        metrics={"heldout_exact_match": em, "heldout_char_accuracy": ca,
                 "heldout_examples": len(final_pairs), "cross_attention_alignment": best,
                 "cross_attention_alignment_within_1": near})


def _list_state(state):  # random.Random state -> nested lists (torch.save weights_only-safe)
    return [state[0], list(state[1]), state[2]]


def _tuple_state(state):
    return (state[0], tuple(state[1]), state[2])


COMMON = dict(steps=3000, batch_size=128, lr=2e-3, d_model=64, n_heads=4, layers=2, eval_examples=2000)


@register("attention_reverse", help="toy encoder-decoder that reverses digit strings (Attention tab)",
          **COMMON)
def train_reverse(run) -> None:
    _train(run, "reverse")
