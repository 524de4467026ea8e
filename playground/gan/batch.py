"""Many students' 2-D GANs trained as one computation.

A class trains many GANs of the same shape at once (most students run the default
network, with a preset or two). One iteration of one such GAN is ~150 small NumPy calls
on 64 x 64 matrices, and most of its time is each call's fixed cost, not arithmetic. A
`Flock` stacks R GANs that share a shape: every matrix product becomes one batched
product over [R, N, 64] arrays (`np.matmul` runs the R products in one call), every
elementwise step one call over all R, so the fixed costs are paid once per iteration
rather than R times (`python -m bench gan flock`; this machine, CPU per GAN-iteration:
Healthy alone 365 us, in a flock of 8 281 us; Mode collapse 1,295 and 1,039 us).

The maths is `toy.ToyGAN`'s own (a Flock is a ToyGAN whose networks are stacks): only
the random draws differ, and they come from each GAN's own generator in the order that
GAN would draw them alone, so a GAN trained in a flock follows the path it would follow
alone (to float rounding: tests/gan/test_batch.py).

What may differ between the GANs of one flock: the data, the seed, the learning rates,
the instance noise, the step counts. What must not (`shape`): the networks' sizes, the
loss, the optimisers, the D steps per G step, the batch size.
"""

from __future__ import annotations

import numpy as np

from playground.gan import toy

F32 = np.float32


def shape(s: toy.Settings) -> tuple:
    """GANs with the same key can train in one flock."""
    return (s.z_dim, s.g_layers, s.g_width, s.d_layers, s.d_width, s.loss, s.g_optimizer,
            s.d_optimizer, s.d_steps, s.batch)


def _optimizer_stack(opts: list, net: toy.MLP):
    return type(opts[0]).stack(opts, net)


class Flock(toy.ToyGAN):
    """R same-shape ToyGANs as one: their weights and optimiser states stacked ([R, ...]),
    trained together, then copied back (`train`, or `advance` chunk after chunk and
    `write_back` once). Until then the GANs themselves must not be read or changed."""

    def __init__(self, gans: list[toy.ToyGAN]):
        keys = {shape(g.settings) for g in gans}
        if len(keys) != 1:
            raise ValueError(f"a flock's GANs must share one shape, not {len(keys)}")
        self.gans = gans
        self.settings = gans[0].settings   # the shared fields (shape) only
        self.G = toy.MLP.stack([g.G for g in gans])
        self.D = toy.MLP.stack([g.D for g in gans])
        self.opt_g = _optimizer_stack([g.opt_g for g in gans], self.G)
        self.opt_d = _optimizer_stack([g.opt_d for g in gans], self.D)
        self.step = 0   # generator updates in this flock; GAN r is at gans[r].step + step
        self.d_loss = np.array([g.d_loss for g in gans])
        self.g_loss = np.array([g.g_loss for g in gans])

    # each GAN's draws, from its own generator, stacked ----------------------------------
    def z(self, n: int) -> np.ndarray:
        return np.stack([g.z(n) for g in self.gans])

    def real(self, n: int) -> np.ndarray:
        return np.stack([g.real(n) for g in self.gans])

    def uniform(self, n: int) -> np.ndarray:
        return np.stack([g.uniform(n) for g in self.gans])

    def _instance_noise(self, x: np.ndarray) -> np.ndarray:
        """Each GAN's own noise (none for a GAN without: it draws nothing, as alone)."""
        out = None
        for r, g in enumerate(self.gans):
            std = g.noise_std(g.step + self.step)
            if std > 0:
                if out is None:
                    out = x.copy()
                out[r] += F32(std) * g.rng.standard_normal(x.shape[1:], dtype=F32)
        return x if out is None else out

    _value = staticmethod(np.asarray)

    # training ----------------------------------------------------------------------
    def train(self, n: int) -> list[toy.Diverged | None]:
        """n iterations of every GAN, copied back into them. Returns, per GAN, None or the
        Diverged it raised (a GAN that blows up ends alone: the others' slices of every
        array are their own)."""
        errors = self.advance(n)
        self.write_back()
        return errors

    def advance(self, n: int) -> list[toy.Diverged | None]:
        """n iterations of every GAN, left in the stack (`write_back` copies them into the
        GANs): per GAN, None or what it ran into (toy.diverged)."""
        self.iterate(n)
        biggest = np.maximum(np.abs(self.G.theta).max(-1), np.abs(self.D.theta).max(-1))
        return [toy.diverged((self.d_loss[r], self.g_loss[r]), float(biggest[r]), g.step + self.step)
                for r, g in enumerate(self.gans)]

    def write_back(self) -> None:
        """Copy the stack's weights, optimiser states, steps and losses into the GANs."""
        self._unstack()

    def _unstack(self) -> None:
        gans = self.gans
        self.G.unstack([g.G for g in gans])
        self.D.unstack([g.D for g in gans])
        self.opt_g.unstack([g.opt_g for g in gans])
        self.opt_d.unstack([g.opt_d for g in gans])
        for r, g in enumerate(gans):
            g.step += self.step
            g.d_loss, g.g_loss = float(self.d_loss[r]), float(self.g_loss[r])
        self.step = 0


def train(gans: list[toy.ToyGAN], n: int) -> list[toy.Diverged | None]:
    """n iterations of each GAN: alone if it is one, else as one flock (same shapes only)."""
    if len(gans) == 1:
        try:
            gans[0].train(n)
            return [None]
        except toy.Diverged as err:
            return [err]
    return Flock(gans).train(n)
