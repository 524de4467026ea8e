"""Presets that teach: complete settings with fixed seeds, each telling one story.

The settings were found by experiment (`scripts/gan_presets_search.py`); the
outcomes below are what `tests/gan/test_presets.py` checks, reproducibly by seed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from playground.gan.toy import Settings


@dataclass(frozen=True)
class Preset:
    name: str
    settings: Settings
    steps: int          # how long the story takes (generator steps)
    story: str          # what to watch for, in plain words


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

PRESETS = {p.name: p for p in [
    Preset("Healthy", HEALTHY, 3000,
           "The default setting. Within a few thousand steps the purple points spread onto all 8 "
           "green modes and the background fades towards white (D can no longer tell them apart)."),
    Preset("Mode collapse", COLLAPSE, 6000,
           "D is too good for G: 5 D steps per G step, at 10x G's learning rate. G parks its points "
           "on one or two modes that D cannot yet reject; far from them D's verdict is flat, so "
           "nothing pulls G towards the other modes. Watch the meters: 1-2 of 8 modes."),
    Preset("Instance noise rescues it", RESCUE, 8000,
           "Same start as 'Mode collapse', plus instance noise added to every input of D (real and "
           "fake). D now judges blurred points, so its verdict is smooth over the whole plane and "
           "every generated point feels a pull towards the data: all 8 modes get covered. The "
           "noise halves every 1500 steps, so the points sharpen as training goes on."),
    Preset("Saturating loss stalls", STALL, 3000,
           "The minimax generator loss log(1 − D(G(z))), plain SGD for G, a quick D. D rejects G's "
           "first samples at once (D(G(z)) ≈ 0), and exactly there this loss is flat: the arrows "
           "vanish and G never moves. Now switch the loss to non-saturating −log D(G(z)): same "
           "D, same optimiser, and the points start to move."),
    Preset("Too strong discriminator", STRONG_D, 3000,
           "D takes 10 steps with a bigger network (3 x 128) and a high learning rate for every "
           "small SGD step of G. D wins nearly every round: mean D(real) stays near 0.9 and "
           "D(fake) near 0.1, its map turns into a sharp cliff around the data, and G's points are "
           "shoved from one mode to the next instead of spreading out."),
]}

DEFAULT = "Healthy"
