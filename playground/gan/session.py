"""One student's live 2-D GAN: the model, what it has done so far, and its frames.

Every browser tab trains its own GAN. The sessions live in the GAN engine process
(host.py), which handles one command at a time: nothing here needs a lock.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace

import numpy as np

from playground.gan import batch, datasets, divergence, toy

N_SHOW = 300          # generated and real points drawn on the canvas
N_ARROWS = 60         # generated points that also get a gradient arrow
N_EVAL = 1000         # samples the meters judge
HEAT = 41             # D(x) evaluated on a HEAT x HEAT grid over the plane
MAX_FRAMES = 160      # frames kept for the GIF (older ones are thinned, never the first)
MAX_HISTORY = 4000    # loss points kept (thinned by 2 when full)
MAX_FLOCK = 8         # GANs trained as one computation (batch.py); more go in several flocks.
                      # One core, per GAN-iteration: Healthy alone 365 us, 4 as one 320, 8 as one
                      # 281; Mode collapse 1295, 1080, 1039 (at 8 MB of activations a flock this
                      # size already passes the core's cache: larger ones gained nothing)


@dataclass
class Frame:
    """What one moment of training looked like (compact: the GIF is made from these)."""
    step: int
    fake: np.ndarray          # [N_SHOW, 2] generated points (fixed z: they move smoothly)
    arrows: np.ndarray        # [N_ARROWS, 2] direction G's loss pushes the first points
    heat: np.ndarray          # [HEAT, HEAT] D(x), rows = y
    meters: datasets.Meters
    d_loss: float
    g_loss: float
    d_real: float             # mean D(x) on real points
    d_fake: float             # mean D(G(z))
    grad_norm: float          # mean |dL_G/dx| at generated points
    # the theory (divergence.py), from p_data and a KDE of the meters' N_EVAL samples
    d_star: np.ndarray | None = None    # [HEAT, HEAT] D*(x) = p_data / (p_data + p_G), rows = y
    jsd: float = float("nan")           # JSD(p_data || p_G), nats
    tri: float = float("nan")           # triangular discrimination (what the least-squares D measures)


@dataclass
class History:
    step: list = field(default_factory=list)
    d_loss: list = field(default_factory=list)
    g_loss: list = field(default_factory=list)
    # the divergences, measured once per frame (snapshot)
    div_step: list = field(default_factory=list)
    jsd: list = field(default_factory=list)
    tri: list = field(default_factory=list)

    def add(self, step: int, d: float, g: float) -> None:
        self.step.append(step)
        self.d_loss.append(d)
        self.g_loss.append(g)
        self._thin("step", "d_loss", "g_loss")

    def add_divergence(self, step: int, jsd: float, tri: float) -> None:
        if self.div_step and self.div_step[-1] == step:  # a second frame at the same step
            self.jsd[-1], self.tri[-1] = jsd, tri
            return
        self.div_step.append(step)
        self.jsd.append(jsd)
        self.tri.append(tri)
        self._thin("div_step", "jsd", "tri")

    def _thin(self, *names: str) -> None:
        """Beyond MAX_HISTORY points, keep every other one of these parallel lists."""
        if len(getattr(self, names[0])) > MAX_HISTORY:
            for name in names:
                setattr(self, name, getattr(self, name)[::2])


def _for_the_gif(frame: Frame) -> None:
    """Shrink a frame that is no longer the newest to what the GIF needs: no D* (only the
    newest frame shows it), and half-precision arrays (a GIF pixel is 1/70 of a unit; float16
    is within 1/500 of it). A class's engine keeps up to MAX_FRAMES of them per student:
    7 KB a frame before, 4.6 KB now (30 students, 160 frames each: 33 MB -> 22 MB)."""
    frame.d_star = None
    frame.fake, frame.arrows, frame.heat = (a.astype(np.float16) for a in (frame.fake, frame.arrows, frame.heat))


def heat_axis() -> np.ndarray:
    return np.linspace(-datasets.EXTENT, datasets.EXTENT, HEAT, dtype=np.float32)


_GRID = np.stack(np.meshgrid(heat_axis(), heat_axis()), -1).reshape(-1, 2)


class Session:
    def __init__(self, settings: toy.Settings, points: np.ndarray | None = None):
        self.points = points             # a student's drawn data, if any
        self.message = ""                # a plain-words note for the student (e.g. after a reset)
        self.reset(settings)

    # --- lifecycle -------------------------------------------------------------
    def reset(self, settings: toy.Settings | None = None) -> None:
        self.settings = settings or self.settings
        self.data = datasets.get(self.settings.data, self.points)
        self.gan = toy.ToyGAN(self.settings, self.data.sample)
        view_rng = np.random.default_rng(self.settings.seed + 10_000)
        self.z_show = view_rng.standard_normal((N_SHOW, self.settings.z_dim), dtype=np.float32)
        self.z_eval = view_rng.standard_normal((N_EVAL, self.settings.z_dim), dtype=np.float32)
        self.real_show = self.data.sample(view_rng, N_SHOW)
        self.theory = divergence.Theory(self.data, heat_axis())   # p_data on the grid (~1 ms)
        self.history = History()
        self.frames: list[Frame] = []
        self.started = time.perf_counter()
        self.snapshot()

    def update(self, **live) -> None:
        """Change settings that can apply mid-run (learning rates, loss, noise, ...)."""
        old, new = self.settings, replace(self.settings, **live)
        gan = self.gan
        if new.g_optimizer != old.g_optimizer:  # a new optimiser starts without momentum
            gan.opt_g = toy.optimizer(new.g_optimizer, gan.G, new.g_lr)
        if new.d_optimizer != old.d_optimizer:
            gan.opt_d = toy.optimizer(new.d_optimizer, gan.D, new.d_lr)
        gan.opt_g.lr, gan.opt_d.lr = new.g_lr, new.d_lr
        self.settings = gan.settings = new

    # --- training --------------------------------------------------------------
    def train(self, n: int) -> None:
        """n iterations; on NaN/inf: reset, keep a message, re-raise for the caller."""
        self._guarded(lambda: self.gan.train(n))

    def step_d(self) -> None:
        self.gan.d_step()
        self._checked()

    def step_g(self) -> None:
        self.gan.g_step()
        self._checked()

    def _checked(self) -> None:
        self._guarded(self.gan.check)

    def _guarded(self, work) -> None:
        """Run `work`; on NaN/inf: reset, keep a message, re-raise. Else log the losses."""
        try:
            work()
        except toy.Diverged:
            self._diverged()
            raise
        self._trained()

    def _trained(self) -> None:
        self.history.add(self.gan.step, self.gan.d_loss, self.gan.g_loss)

    def _diverged(self) -> None:
        step = self.gan.step
        self.reset()
        self.message = f"diverged:{step}"

    # --- what the views show --------------------------------------------------------
    def snapshot(self) -> Frame:
        """Measure the current state (meters, D over the plane, arrows) and keep the frame."""
        gan = self.gan
        fake, heat, arrows = self._plane()
        evals = gan.generate(self.z_eval)
        d_real = float(gan.prob_real(self.real_show).mean()) if self._probabilistic() else float("nan")
        d_fake = float(gan.prob_real(fake).mean()) if self._probabilistic() else float("nan")
        d_star, jsd, tri = self.theory.measure(evals)
        self.history.add_divergence(gan.step, jsd, tri)
        frame = Frame(gan.step, fake, arrows, heat,
                      datasets.meters(self.data, evals), gan.d_loss, gan.g_loss, d_real, d_fake,
                      float(np.linalg.norm(arrows, axis=1).mean()), d_star, jsd, tri)
        return self._keep(frame)

    def _keep(self, frame: Frame) -> Frame:
        """Keep `frame` for the GIF (a second frame at the same step replaces the first)."""
        if not self.frames or self.frames[-1].step != frame.step:
            if self.frames:
                _for_the_gif(self.frames[-1])
            self.frames.append(frame)
            if len(self.frames) > MAX_FRAMES:
                self.frames = self.frames[:1] + self.frames[2::2]
        elif frame.d_star is not None or self.frames[-1].d_star is None:
            self.frames[-1] = frame
        return frame

    def glance(self) -> Frame:
        """The canvas's part of a frame, cheaply (~1 ms against ~2.5 ms for `snapshot` and
        its meters): generated points, arrows and D over the plane now; the meters, losses
        and divergences of the last snapshot stand (also in the GIF's caption). The engine
        sends these between two snapshots (host.py)."""
        fake, heat, arrows = self._plane()
        return self._keep(replace(self.frames[-1], step=self.gan.step, fake=fake, heat=heat,
                                  arrows=arrows, d_star=None))

    def _plane(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """What the canvas draws of the model now: the generated points [N_SHOW, 2], D over
        the plane [HEAT, HEAT] (float32) and G's push on the first points [N_ARROWS, 2]."""
        fake = self.gan.generate(self.z_show)
        heat = self.gan.prob_real(_GRID).reshape(HEAT, HEAT).astype(np.float32)
        return fake, heat, self.gan.g_direction(fake[:N_ARROWS])

    def _probabilistic(self) -> bool:
        return self.settings.loss in ("non-saturating", "saturating")


class Together:
    """Sessions of one shape training chunk after chunk, as flocks of up to MAX_FLOCK
    (batch.py), their GANs kept stacked between chunks: `close()` copies them back, and until
    then nothing else may read or change those GANs (the engine answers no command meanwhile:
    host.py closes it before it does).

    Why kept: stacking a flock of 8, copying it back and checking each GAN costs ~230 us, and
    the engine trains in chunks of ~5 ms (a Mode collapse flock's chunk is one iteration):
    done for every chunk, it was 11% of the engine's time with a class (py-spy, 30 students)."""

    def __init__(self, sessions: list[Session]):
        self.sessions = list(sessions)
        self.flocks: list[tuple[batch.Flock | None, list[Session]]] | None = None  # None: a GAN alone

    def _stack(self) -> None:
        n = len(self.sessions)
        size = -(-n // -(-n // MAX_FLOCK)) if n else 1   # 9 -> 5 + 4, not 8 + 1
        groups = [self.sessions[i: i + size] for i in range(0, n, size)]
        self.flocks = [(batch.Flock([sess.gan for sess in group]) if len(group) > 1 else None, group)
                       for group in groups]

    def train(self, n: int) -> list[Session]:
        """n iterations of every session's GAN. Returns the sessions whose GAN diverged: each
        is reset, with its message, as `Session.train` leaves it, and trains no more here."""
        if self.flocks is None:
            self._stack()
        diverged = []
        for flock, group in self.flocks:
            if flock is None:
                try:
                    group[0].gan.train(n)
                    group[0]._trained()
                except toy.Diverged:
                    diverged.append(group[0])
                continue
            for r, (sess, err) in enumerate(zip(group, flock.advance(n))):
                if err is None:
                    sess.history.add(sess.gan.step + flock.step, float(flock.d_loss[r]), float(flock.g_loss[r]))
                else:
                    diverged.append(sess)
        if diverged:   # copy every GAN back, reset the diverged; the rest stack again next time
            self.close()
            for sess in diverged:
                sess._diverged()
            self.sessions = [sess for sess in self.sessions if sess not in diverged]
        return diverged

    def close(self) -> None:
        """Copy the flocks back into their GANs."""
        for flock, _ in self.flocks or []:
            if flock is not None:
                flock.write_back()
        self.flocks = None


def train_together(sessions: list[Session], n: int) -> list[Session]:
    """n iterations of every session's GAN, as flocks (`Together`, once)."""
    together = Together(sessions)
    try:
        return together.train(n)
    finally:
        together.close()
