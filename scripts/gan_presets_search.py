"""Reproduce the 2-D presets' measured outcomes (the numbers quoted in playground/gan/presets.py),
and the experiments that chose them.

    python scripts/gan_presets_search.py                     # the five shipped presets, seeds 0-2
    python scripts/gan_presets_search.py shipped seeds=1     # the presets with their own seed only
    python scripts/gan_presets_search.py collapse rescue     # candidate families of the search
    python scripts/gan_presets_search.py all steps=4000      # every candidate, shorter runs

Each line: the preset or family, the settings (that differ from the default), the seed, then per
checkpoint (step, modes covered, share of good samples, mean D(real), mean D(fake),
mean |dL_G/dx|). "shipped" runs each preset for its own `steps`, checkpoints every 500 steps.
What the search found (ring of 8, this repo's engine):

* hopping: G outrunning D (G lr 2e-3, D lr 1e-4, batch 64) bunches every sample into one
  blob that hops between modes (0-1 modes), but instance noise does NOT cure it (0-1
  modes with noise 0.7 or 1.0), so it cannot be the collapse that noise rescues.
* collapse: a too-good D (5 D steps at lr 3e-3 per G step at 3e-4) parks G on 1-2 modes
  (seeds 0/1/2: 2/1/2 modes at 6000 steps) -> preset "Mode collapse".
* rescue: the same plus instance noise 0.7 halving every 1500 steps covers 8/8 modes for
  seeds 0/1/2 (good samples 0.80-0.82 at 8000 steps; noise 0.5/2000 was not enough)
  -> preset "Instance noise rescues it".
* stall: with Adam, the saturating loss does NOT stall (Adam rescales the tiny gradient);
  with plain SGD for G (lr 0.01) and a quick D it stalls completely (D(fake) = 0.000,
  |dL/dx| = 0.000, 0 modes), while the non-saturating loss moves -> "Saturating loss stalls".
* strong: 10 D steps with 3 x 128 at lr 1e-2 against SGD G: D wins (mean D(real) 0.88 /
  0.86, D(fake) 0.14 / 0.11 for seeds 0/1) and G sits on 1-3 modes -> "Too strong discriminator".
"""

from __future__ import annotations

import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from anywhere: the repo's package

from playground.gan import presets, toy  # noqa: E402
from playground.gan.session import Session  # noqa: E402

COLLAPSE = dict(d_lr=3e-3, d_steps=5, g_lr=3e-4)
FAMILIES = {
    "hopping": [dict(g_lr=2e-3, d_lr=1e-4, batch=64),
                dict(g_lr=2e-3, d_lr=1e-4, batch=64, noise=0.7, noise_half_life=1500)],
    "collapse": [COLLAPSE, dict(COLLAPSE, batch=64), dict(d_lr=3e-3, d_steps=3, g_lr=1e-3)],
    "rescue": [dict(COLLAPSE, noise=n, noise_half_life=h) for n, h in ((0.5, 2000), (0.7, 1500))],
    "stall": [dict(loss=loss, g_optimizer=opt, g_lr=lr, d_lr=3e-3, d_steps=5)
              for loss in ("saturating", "non-saturating") for opt, lr in (("adam", 3e-4), ("sgd", 0.01))],
    "strong": [dict(d_steps=10, d_layers=3, d_width=128, d_lr=1e-2),
               dict(d_steps=10, d_layers=3, d_width=128, d_lr=1e-2, g_optimizer="sgd", g_lr=0.01)],
}


def trace(settings: toy.Settings, steps: int, every: int = 1000) -> list[tuple]:
    sess = Session(settings)
    out = []
    while sess.gan.step < steps:
        try:
            sess.train(min(every, steps - sess.gan.step))
        except toy.Diverged:
            out.append((sess.gan.step, "diverged"))
            break
        f = sess.snapshot()
        out.append((f.step, f.meters.covered, round(f.meters.high_quality, 2), round(f.d_real, 2),
                    round(f.d_fake, 2), round(f.grad_norm, 3)))
    return out


def shipped(steps: int | None, seeds: int) -> None:
    """Each preset exactly as the tab runs it (its own seed first, then seeds 1, 2, ...)."""
    for p in presets.PRESETS.values():
        for seed in range(p.settings.seed, p.settings.seed + seeds):
            t = time.process_time()
            tr = trace(replace(p.settings, seed=seed), steps or p.steps, every=500)
            print(p.name, "seed", seed, f"({time.process_time() - t:.1f} s cpu)", tr, flush=True)


def main() -> None:
    args = [a for a in sys.argv[1:] if "=" not in a] or ["shipped"]
    opts = dict(a.split("=") for a in sys.argv[1:] if "=" in a)
    seeds = int(opts.get("seeds", 3))
    if "shipped" in args:
        shipped(int(opts["steps"]) if "steps" in opts else None, seeds)
        args.remove("shipped")
        if not args:
            return
    steps = int(opts.get("steps", 6000))
    families = FAMILIES if args == ["all"] else {k: FAMILIES[k] for k in args}
    for name, candidates in families.items():
        for kw in candidates:
            for seed in range(seeds):
                t = time.process_time()
                tr = trace(toy.Settings(seed=seed, **kw), steps)
                print(name, kw, "seed", seed, f"({time.process_time() - t:.1f} s cpu)", tr, flush=True)


if __name__ == "__main__":
    np.set_printoptions(precision=3)
    main()
