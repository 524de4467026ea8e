"""Presets that teach: complete settings with fixed seeds, each telling one story.

The settings were found by experiment (`scripts/gan_presets_search.py`); the
outcomes below are what `tests/gan/test_presets.py` checks, reproducibly by seed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from playground.gan import text
from playground.gan.toy import Settings


@dataclass(frozen=True)
class Preset:
    name: str           # identifier: PRESETS's key (shown through text's `preset_names`)
    settings: Settings
    steps: int          # how long the story takes (generator steps)
    story: str          # what to watch for, in plain words (English; text's `preset_stories`)


HEALTHY = Settings()  # the tab's default setting: what a student gets on arrival

# D is too good for G: 5 D steps per G step at 10x G's learning rate. G finds one or two
# modes where D cannot (yet) reject it and stays there; far from its samples D's verdict
# is flat, so nothing pulls G towards the other modes. (Measured, seeds 0/1/2: 2/1/2 modes.)
COLLAPSE = Settings(d_lr=3e-3, d_steps=5, g_lr=3e-4, seed=0)

# The same start plus instance noise (std 0.7, halving every 1500 steps): D sees blurred
# real and fake points, so its verdict is smooth over the whole plane and every generated
# point is pulled towards the data. (Measured, seeds 0/1/2: 8/8/8 modes at 8000 steps.)
RESCUE = replace(COLLAPSE, noise=0.7, noise_half_life=1500)

# The minimax loss log(1 - D(G(z))) with plain SGD for G (Adam would rescale the tiny
# gradient back up) against a quick D: D(G(z)) ~ 0 from the start and the loss is flat there.
STALL = Settings(loss="saturating", g_optimizer="sgd", g_lr=0.01, d_lr=3e-3, d_steps=5, seed=0)

# D far stronger than G: 10 D steps with a 3 x 128 network at lr 0.01 per SGD step of G.
# (Measured, seed 0, steps 250-3000: mean D(real) 0.88, mean D(fake) 0.14, at most 3 modes.)
STRONG_D = Settings(d_steps=10, d_layers=3, d_width=128, d_lr=1e-2, g_optimizer="sgd", g_lr=0.01,
                    seed=0)

# The stories are words (text.py's `preset_stories`, EN and KO); `story` keeps the English for
# callers that have no language at hand. Display names: text.py's `preset_names`, keyed like
# PRESETS. A preset's key is an identifier (the dropdown's value, the tests' name): never translate it.
_ORDER = [("Healthy", HEALTHY, 3000), ("Mode collapse", COLLAPSE, 6000),
          ("Instance noise rescues it", RESCUE, 8000), ("Saturating loss stalls", STALL, 3000),
          ("Too strong discriminator", STRONG_D, 3000)]
PRESETS = {name: Preset(name, settings, steps, text.EN["preset_stories"][name])
           for name, settings, steps in _ORDER}

DEFAULT = "Healthy"
