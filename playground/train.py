"""Train a pretrained model: `python -m playground.train <name> [options]`.

    python -m playground.train --list
    python -m playground.train vae16_beta1 --seed 0
    python -m playground.train vae16_beta1 --resume --epochs 80

Every topic registers its trainers in its own `train.py` with `@register`.
A trainer writes periodic checkpoints to checkpoints/<name>.pt (resumable with
--resume) and ends by writing pretrained/<file>.safetensors and its manifest
entry through `playground.weights.save`, including `run.command`, the exact
command that reproduces it.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import os
import random
import shlex
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

import numpy as np
import torch

from playground import TOPICS
from playground import device as device_mod

CHECKPOINTS = Path(__file__).resolve().parents[1] / "checkpoints"


@dataclass
class Trainer:
    name: str
    fn: Callable[["Run"], None]
    help: str
    options: dict[str, Any]


TRAINERS: dict[str, Trainer] = {}


def register(name: str, help: str = "", **options: Any) -> Callable:
    """Register `fn(run)` as the trainer of `name`; keyword defaults become --flags."""
    def wrap(fn: Callable[["Run"], None]) -> Callable[["Run"], None]:
        TRAINERS[name] = Trainer(name, fn, help or (fn.__doc__ or "").strip().split("\n")[0], options)
        return fn
    return wrap


@dataclass
class Run:
    """What a trainer gets: its options, device, seed and a checkpoint slot."""
    name: str
    device: torch.device
    seed: int
    resume: bool
    opts: argparse.Namespace
    command: str
    started: float = field(default_factory=time.time)

    @property
    def checkpoint_path(self) -> Path:
        return CHECKPOINTS / f"{self.name}.pt"

    def save_checkpoint(self, state: dict) -> None:
        """Atomically save resumable state (module/optimizer state dicts, counters)."""
        CHECKPOINTS.mkdir(exist_ok=True)
        tmp = self.checkpoint_path.with_suffix(".tmp")
        torch.save(state, tmp)
        os.replace(tmp, self.checkpoint_path)

    def load_checkpoint(self) -> dict | None:
        """The saved state if --resume was given and one exists (weights_only: no pickles)."""
        if not (self.resume and self.checkpoint_path.exists()):
            return None
        return torch.load(self.checkpoint_path, map_location=self.device, weights_only=True)

    def progress(self, iterable: Iterable | None = None, total: int | None = None, **kw):
        from tqdm.auto import tqdm
        return tqdm(iterable, total=total, desc=self.name, dynamic_ncols=True, **kw)


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def load_trainers() -> None:
    """Import every topic's train.py so that its @register calls run."""
    for topic in TOPICS:
        module = f"playground.{topic}.train"
        if importlib.util.find_spec(f"playground.{topic}") and importlib.util.find_spec(module):
            importlib.import_module(module)


def _parser(trainer: Trainer) -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog=f"python -m playground.train {trainer.name}",
                                 description=trainer.help)
    ap.add_argument("--device", default="auto", choices=device_mod.CHOICES)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--resume", action="store_true", help="continue from checkpoints/<name>.pt")
    ap.add_argument("--threads", type=int, default=0, help="torch CPU threads (0: all cores)")
    for opt, default in trainer.options.items():
        flag = "--" + opt.replace("_", "-")
        if isinstance(default, bool):
            ap.add_argument(flag, type=lambda s: s.lower() in ("1", "true", "yes"), default=default)
        else:
            ap.add_argument(flag, type=type(default), default=default)
    return ap


def _command(trainer: Trainer, opts: argparse.Namespace) -> str:
    """The reproducing command: the name, the seed and every option that differs from default."""
    parts = ["python", "-m", "playground.train", trainer.name, "--seed", str(opts.seed)]
    for opt, default in trainer.options.items():
        value = getattr(opts, opt)
        if value != default:
            parts += ["--" + opt.replace("_", "-"), str(value)]
    return shlex.join(parts)


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    load_trainers()
    if not argv or argv[0] in ("-h", "--help", "--list"):
        print(__doc__)
        print("trainers:")
        for t in sorted(TRAINERS.values(), key=lambda t: t.name):
            print(f"  {t.name:28s} {t.help}")
        return
    name = argv[0]
    if name not in TRAINERS:
        sys.exit(f"unknown trainer {name!r}; `python -m playground.train --list` shows them")
    trainer = TRAINERS[name]
    opts = _parser(trainer).parse_args(argv[1:])
    device = device_mod.configure(opts.device, opts.threads or None)
    seed_everything(opts.seed)
    run = Run(name=name, device=device, seed=opts.seed, resume=opts.resume, opts=opts,
              command=_command(trainer, opts))
    print(f"training {name} on {device_mod.describe()}; reproduce with: {run.command}")
    trainer.fn(run)
    print(f"{name}: done in {time.time() - run.started:.0f} s")


if __name__ == "__main__":
    # Run through the imported module, not this `__main__` copy: the topics' @register
    # calls fill `playground.train.TRAINERS`, which is a different dict from ours here.
    from playground import train as _train_module
    _train_module.main()
