"""The live 2-D GAN: small MLPs trained with hand-written forward and backward passes.

Why not autograd: the networks are tiny (2 -> 64 -> 64 -> 1), so a PyTorch step
is almost all per-op overhead (~10 us per op, ~150 ops per step). NumPy with
the parameters of each net in one flat buffer does the same maths in a third of
the time, and the optimiser updates the whole net in a dozen array operations.
`tests/gan/test_toy.py` checks every gradient here against torch.autograd.

Notation (syllabus section 5):
    z ~ N(0, I)           noise, [B, z_dim]
    x = G(z)              generated points, [B, 2]
    D(x) = sigmoid(s(x))  the discriminator's probability that x is real;
                          s(x) is its raw score (the logit), the MLP's output
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, asdict

import numpy as np

from playground.gan import blas

F32 = np.float32
LEAK = F32(0.2)  # leaky ReLU slope for negative inputs (hidden layers of both nets)

MAX_WEIGHT = 1e4  # no sane run of these small nets gets near these
MAX_LOSS = 1e6

LOSSES = ("non-saturating", "saturating", "least-squares", "wgan-gp")
OPTIMIZERS = ("adam", "sgd")


class Diverged(FloatingPointError):
    """A loss or a weight became NaN or infinite (learning rate far too large)."""


def sigmoid(s: np.ndarray) -> np.ndarray:
    return F32(0.5) * (F32(1) + np.tanh(F32(0.5) * s))  # never overflows


def softplus(s: np.ndarray) -> np.ndarray:
    return np.logaddexp(F32(0), s)


def leaky_slope(a: np.ndarray) -> np.ndarray:
    """d leaky_relu(a) / da: 1 where a > 0, LEAK elsewhere (3x faster than np.where)."""
    slope = (a > 0).astype(F32)
    slope *= F32(1) - LEAK
    slope += LEAK
    return slope


@functools.lru_cache(maxsize=8)
def _ones_row(n: int) -> np.ndarray:
    ones = np.ones((1, n), F32)
    ones.flags.writeable = False
    return ones


def batch_sum(d: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """d summed over its batch axis (-2), as [..., 1, k]: a product with a row of ones.
    NumPy's own sum over a middle axis is 5x slower (5.3 vs 1.0 us per net at [8, 256, 64]),
    and a backward pass sums two such arrays per network."""
    return np.matmul(_ones_row(d.shape[-2]), d, out=out)


def _times_transpose(d: np.ndarray, W: np.ndarray) -> np.ndarray:
    """d @ W^T. With one column (D's output layer) that is an outer product, which
    NumPy's matmul computes 4x slower than a broadcast product (20 vs 5 us at 256 x 64)."""
    return d * W.mT if d.shape[-1] == 1 else d @ W.mT


# --- a multilayer perceptron with a flat parameter buffer --------------------

class MLP:
    """sizes = [in, hidden..., out]; leaky ReLU between layers, linear output.

    All weights live in one flat float32 vector `theta` (and their gradients in
    `grad`), so an optimiser step is a few operations on two long vectors. `W[l]`
    and `b[l]` are views into it; W[l] has shape [n_in, n_out] (x @ W + b).

    A stack of R nets of the same sizes (`MLP.stack`, what batch.py trains) has theta
    [R, n], W[l] [R, n_in, n_out], b[l] [R, n_out] and inputs [R, N, n_in]: the same code
    runs both (matrix transposes are `.mT`, batch sums run over axis -2).
    """

    def __init__(self, sizes: list[int], rng: np.random.Generator | None,
                 theta: np.ndarray | None = None):
        """Fresh weights drawn from `rng`, or (rng None) the given `theta`, [n] or [R, n]."""
        self.sizes = list(sizes)
        shapes = [(a, b) for a, b in zip(sizes[:-1], sizes[1:])]
        n = sum(a * b + b for a, b in shapes)
        self.theta = np.empty(n, F32) if theta is None else theta
        self.grad = np.zeros_like(self.theta)
        lead = self.theta.shape[:-1]   # () for one net, (R,) for a stack
        self.W, self.b, self.dW, self.db = [], [], [], []
        i = 0
        for a, b in shapes:
            for params, grads, shape in ((self.W, self.dW, (a, b)), (self.b, self.db, (b,))):
                size = math.prod(shape)
                params.append(self.theta[..., i: i + size].reshape(lead + shape))
                grads.append(self.grad[..., i: i + size].reshape(lead + shape))
                i += size
            if theta is None:
                # PyTorch's nn.Linear default: U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for W and b
                bound = 1.0 / math.sqrt(a)
                self.W[-1][...] = rng.uniform(-bound, bound, (a, b))
                self.b[-1][...] = rng.uniform(-bound, bound, (b,))

    @classmethod
    def stack(cls, nets: list["MLP"]) -> "MLP":
        """R nets of the same sizes as one stack (a copy of their weights: see `unstack`)."""
        return cls(nets[0].sizes, None, np.stack([net.theta for net in nets]))

    def unstack(self, nets: list["MLP"]) -> None:
        """Copy a stack's weights back into the nets it was made from."""
        for r, net in enumerate(nets):
            net.theta[...] = self.theta[r]

    @property
    def n_params(self) -> int:
        return self.theta.shape[-1]

    def forward(self, x: np.ndarray) -> tuple[np.ndarray, list]:
        """Output [N, out] and the cache (inputs and activation slopes) for backward."""
        cache = []
        h = x
        last = len(self.W) - 1
        for l, (W, b) in enumerate(zip(self.W, self.b)):
            a = h @ W
            a += b[..., None, :]
            if l < last:
                slope = leaky_slope(a)
                cache.append((h, slope))
                a *= slope   # in place: a is this layer's own, fresh from the product
                h = a
            else:
                cache.append((h, None))
                h = a
        return h, cache

    def __call__(self, x: np.ndarray) -> np.ndarray:
        """Forward pass without a cache (for plotting)."""
        h = x
        last = len(self.W) - 1
        for l, (W, b) in enumerate(zip(self.W, self.b)):
            h = h @ W
            h += b[..., None, :]
            if l < last:
                np.maximum(h, LEAK * h, out=h)
        return h

    def backward(self, cache: list, d_out: np.ndarray, params: bool = True,
                 inputs: bool = False, accumulate: bool = False) -> np.ndarray | None:
        """Back-propagate dL/d(output): fill `grad` (if params) and return dL/d(input) (if inputs)."""
        d = d_out
        for l in range(len(self.W) - 1, -1, -1):
            h, slope = cache[l]
            if slope is not None:
                d = d * slope
            if params:
                if accumulate:
                    self.dW[l] += h.mT @ d
                    self.db[l] += batch_sum(d)[..., 0, :]
                else:
                    np.matmul(h.mT, d, out=self.dW[l])
                    batch_sum(d, out=self.db[l][..., None, :])
            if l > 0 or inputs:
                d = _times_transpose(d, self.W[l])
        return d if inputs else None

    def input_gradient(self, cache: list) -> tuple[np.ndarray, list]:
        """Per-sample gradient of the (scalar) output with respect to the input, and the
        intermediate u_l = d out / d a_l that `penalty_backward` needs."""
        u = np.ones(cache[0][0].shape[:-1] + (1,), F32)
        us = [None] * len(self.W)
        for l in range(len(self.W) - 1, -1, -1):
            us[l] = u
            q = _times_transpose(u, self.W[l])
            if l > 0:
                u = q * cache[l - 1][1]
        return q, us

    def penalty_backward(self, cache: list, us: list, d_grad: np.ndarray) -> None:
        """Add to `grad` the gradient of a loss on the input gradient (WGAN-GP's penalty).

        With leaky ReLU the slopes are constant almost everywhere, so the input gradient
        is a product of matrices: q_1 = u_1 W_1^T, u_l = (u_{l+1} W_{l+1}^T) * slope_l.
        `d_grad` = dP/dq_1; walk the chain from the input side.
        """
        gamma = d_grad
        for l in range(len(self.W)):
            self.dW[l] += gamma.mT @ us[l]
            if l + 1 < len(self.W):
                gamma = (gamma @ self.W[l]) * cache[l][1]


# --- optimisers on flat buffers ------------------------------------------------

class Adam:
    """Adam (beta1 = 0.5, the usual GAN choice) on a flat parameter vector."""

    def __init__(self, net: MLP, lr: float, beta1: float = 0.5, beta2: float = 0.999,
                 eps: float = 1e-8):
        self.net, self.lr, self.beta1, self.beta2, self.eps = net, lr, beta1, beta2, eps
        self.m = np.zeros_like(net.theta)
        self.v = np.zeros_like(net.theta)
        self.buf = np.empty_like(net.theta)
        self.t = 0

    @classmethod
    def stack(cls, opts: list["Adam"], net: MLP) -> "Adam":
        """The optimisers of R nets as one, for their stack `net` (each net keeps its own
        learning rate and step count: lr and t are [R, 1])."""
        first = opts[0]
        opt = cls(net, 0.0, first.beta1, first.beta2, first.eps)
        opt.m, opt.v = np.stack([o.m for o in opts]), np.stack([o.v for o in opts])
        opt.buf = np.empty_like(net.theta)
        opt.lr = np.array([[o.lr] for o in opts])
        opt.t = np.array([[o.t] for o in opts])
        return opt

    def unstack(self, opts: list["Adam"]) -> None:
        for r, o in enumerate(opts):
            o.m[...], o.v[...], o.t = self.m[r], self.v[r], int(self.t[r, 0])

    def step(self) -> None:
        self.t += 1
        g, m, v, buf = self.net.grad, self.m, self.v, self.buf
        # m += (1 - beta1) (g - m);  v += (1 - beta2) (g^2 - v)
        np.subtract(g, m, out=buf)
        buf *= F32(1 - self.beta1)
        m += buf
        np.multiply(g, g, out=buf)
        buf -= v
        buf *= F32(1 - self.beta2)
        v += buf
        # theta -= lr_t m / (sqrt(v) + eps_t), bias corrections folded into lr_t and eps_t
        c2 = np.sqrt(1 - self.beta2 ** self.t)   # a number, or [R, 1] for a stack
        lr_t = self.lr * c2 / (1 - self.beta1 ** self.t)
        np.sqrt(v, out=buf)
        buf += F32(self.eps * c2)
        np.divide(m, buf, out=buf)
        buf *= F32(lr_t)
        self.net.theta -= buf


class SGD:
    def __init__(self, net: MLP, lr: float):
        self.net, self.lr = net, lr
        self.buf = np.empty_like(net.theta)

    @classmethod
    def stack(cls, opts: list["SGD"], net: MLP) -> "SGD":
        opt = cls(net, 0.0)
        opt.lr = np.array([[o.lr] for o in opts])
        return opt

    def unstack(self, opts: list["SGD"]) -> None:
        pass  # SGD keeps no state

    def step(self) -> None:
        np.multiply(self.net.grad, F32(self.lr), out=self.buf)
        self.net.theta -= self.buf


def optimizer(name: str, net: MLP, lr: float):
    if name == "adam":
        return Adam(net, lr)
    if name == "sgd":
        return SGD(net, lr)
    raise ValueError(f"unknown optimizer {name!r}; choose one of {OPTIMIZERS}")


# --- the losses: value and gradient with respect to D's raw output s ---------------

def mean(s: np.ndarray):
    """The batch mean of scores [N, 1]: a number; of a stack's [R, N, 1]: one per net, [R]."""
    return s.mean((-2, -1))


def d_loss_and_grad(loss: str, s_real: np.ndarray, s_fake: np.ndarray, value: bool = True):
    """D's loss and dL/ds for the real and the fake batch (the loss None unless `value`:
    training needs only the gradients, and the chart only the last step's loss).

    Saturating and non-saturating differ only in G's loss: D's loss is the
    binary cross-entropy -E[log D(x)] - E[log(1 - D(G(z)))] for both.
    """
    n_r, n_f = s_real.shape[-2], s_fake.shape[-2]
    if loss in ("non-saturating", "saturating"):
        v = mean(softplus(-s_real)) + mean(softplus(s_fake)) if value else None
        return v, (sigmoid(s_real) - F32(1)) / F32(n_r), sigmoid(s_fake) / F32(n_f)
    if loss == "least-squares":
        v = F32(0.5) * mean((s_real - F32(1)) ** 2) + F32(0.5) * mean(s_fake ** 2) if value else None
        return v, (s_real - F32(1)) / F32(n_r), s_fake / F32(n_f)
    if loss == "wgan-gp":  # critic: E[s(fake)] - E[s(real)] (+ the gradient penalty, added apart)
        v = mean(s_fake) - mean(s_real) if value else None
        return v, np.full_like(s_real, -1.0 / n_r), np.full_like(s_fake, 1.0 / n_f)
    raise ValueError(f"unknown loss {loss!r}; choose one of {LOSSES}")


def g_loss_and_grad(loss: str, s_fake: np.ndarray, value: bool = True):
    """G's loss (None unless `value`) and dL/ds on its samples; per sample, not yet divided
    by the batch size."""
    if loss == "non-saturating":        # -E[log D(G(z))]
        return mean(softplus(-s_fake)) if value else None, sigmoid(s_fake) - F32(1)
    if loss == "saturating":            # E[log(1 - D(G(z)))]: the minimax game itself
        return -mean(softplus(s_fake)) if value else None, -sigmoid(s_fake)
    if loss == "least-squares":         # E[(s(G(z)) - 1)^2] / 2
        return F32(0.5) * mean((s_fake - F32(1)) ** 2) if value else None, s_fake - F32(1)
    if loss == "wgan-gp":               # -E[s(G(z))]
        return -mean(s_fake) if value else None, np.full_like(s_fake, -1.0)
    raise ValueError(f"unknown loss {loss!r}; choose one of {LOSSES}")


def diverged(losses, biggest: float, step: int) -> Diverged | None:
    """What a GAN at `step` ran into, from its latest losses and its largest |weight|
    (ToyGAN.check; a flock judges each of its GANs with it): None if all is sane."""
    for loss in losses:
        if not abs(loss) <= MAX_LOSS:  # also catches NaN
            return Diverged(f"the losses became NaN, infinite or absurd ({loss:.3g}) at step {step}")
    if not biggest <= MAX_WEIGHT:      # also catches NaN
        return Diverged(f"the weights exploded (|w| = {biggest:.3g}) at step {step}")
    return None


# --- the game ------------------------------------------------------------------

@dataclass
class Settings:
    """Everything a student can set; the defaults are what the tab starts with."""
    data: str = "ring"
    g_layers: int = 2
    g_width: int = 64
    d_layers: int = 2
    d_width: int = 64
    loss: str = "non-saturating"
    g_optimizer: str = "adam"
    d_optimizer: str = "adam"
    g_lr: float = 1e-3
    d_lr: float = 1e-3
    d_steps: int = 1
    batch: int = 128
    z_dim: int = 2
    noise: float = 0.0          # instance noise std at step 0, added to real and fake
    noise_half_life: int = 0    # steps until the instance noise halves (0: it never decays)
    gp_weight: float = 0.1      # WGAN-GP penalty weight lambda
    seed: int = 0

    def as_dict(self) -> dict:
        return asdict(self)


class ToyGAN:
    """One session's GAN: G and D, their optimisers, and the step counter.

    `sample_real(rng, n)` draws n points of the data distribution.
    """

    def __init__(self, settings: Settings, sample_real):
        blas.single_thread()
        s = self.settings = settings
        if s.loss not in LOSSES:
            raise ValueError(f"unknown loss {s.loss!r}; choose one of {LOSSES}")
        self.sample_real = sample_real
        self.rng = np.random.default_rng(s.seed)
        self.G = MLP([s.z_dim] + [s.g_width] * s.g_layers + [2], self.rng)
        self.D = MLP([2] + [s.d_width] * s.d_layers + [1], self.rng)
        self.opt_g = optimizer(s.g_optimizer, self.G, s.g_lr)
        self.opt_d = optimizer(s.d_optimizer, self.D, s.d_lr)
        self.step = 0           # generator updates so far
        self.d_loss = 0.0       # the latest losses (0 until the first update of each net)
        self.g_loss = 0.0

    # the random draws (batch.Flock draws each of its GANs' from that GAN's own generator) ----
    def z(self, n: int) -> np.ndarray:
        return self.rng.standard_normal((n, self.settings.z_dim), dtype=F32)

    def real(self, n: int) -> np.ndarray:
        return self.sample_real(self.rng, n)

    def uniform(self, n: int) -> np.ndarray:
        """[n, 1] in [0, 1): where the gradient penalty looks between real and fake."""
        return self.rng.random((n, 1), dtype=F32)

    def noise_std(self, step: int | None = None) -> float:
        """The instance noise's std at `step` (None: now)."""
        s = self.settings
        if s.noise <= 0:
            return 0.0
        if s.noise_half_life <= 0:
            return s.noise
        return s.noise * 0.5 ** ((self.step if step is None else step) / s.noise_half_life)

    def _instance_noise(self, x: np.ndarray) -> np.ndarray:
        std = self.noise_std()
        if std > 0:
            x = x + F32(std) * self.rng.standard_normal(x.shape, dtype=F32)
        return x

    _value = staticmethod(float)   # a measured loss as kept (a Flock keeps one per GAN)

    # one update of each network ----------------------------------------------
    def d_step(self, measure: bool = True, keep: bool = True) -> tuple[np.ndarray, list | None]:
        """One discriminator update; returns the fake batch and G's cache (reused by G).
        measure: also compute the loss's value (d_loss), which the update itself does not need.
        keep: G's cache is wanted (only the last of several D steps' is: the others make their
        fake batch with G's cheaper forward pass, the same numbers)."""
        s, B = self.settings, self.settings.batch
        fake, g_cache = self.G.forward(self.z(B)) if keep else (self.G(self.z(B)), None)
        real = self.real(B)
        x = self._instance_noise(np.concatenate([real, fake], -2))
        out, cache = self.D.forward(x)
        value, d_real, d_fake = d_loss_and_grad(s.loss, out[..., :B, :], out[..., B:, :], measure)
        self.D.backward(cache, np.concatenate([d_real, d_fake], -2))
        if s.loss == "wgan-gp":
            penalty = self._gradient_penalty(x[..., :B, :], x[..., B:, :])
            value = value + penalty if measure else None
        self.opt_d.step()
        if measure:
            self.d_loss = self._value(value)
        return fake, g_cache

    def _gradient_penalty(self, real: np.ndarray, fake: np.ndarray) -> float:
        """lambda E[(|grad s(x_hat)| - 1)^2] at random points between real and fake."""
        n = real.shape[-2]
        eps = self.uniform(n)
        x_hat = eps * real + (1 - eps) * fake
        _, cache = self.D.forward(x_hat)
        grad, us = self.D.input_gradient(cache)
        norm = np.sqrt((grad ** 2).sum(-1, keepdims=True)) + F32(1e-12)
        lam = F32(self.settings.gp_weight)
        d_grad = lam * F32(2.0 / n) * (norm - 1) * grad / norm
        self.D.penalty_backward(cache, us, d_grad)
        return self._value(lam * mean((norm - 1) ** 2))

    def g_step(self, fake: np.ndarray | None = None, g_cache: list | None = None,
               measure: bool = True) -> None:
        """One generator update (on the last D step's batch if given, as PyTorch's DCGAN does);
        measure: also compute the loss's value (g_loss)."""
        s = self.settings
        if fake is None:
            fake, g_cache = self.G.forward(self.z(s.batch))
        out, cache = self.D.forward(self._instance_noise(fake))
        value, d_s = g_loss_and_grad(s.loss, out, measure)
        d_x = self.D.backward(cache, d_s / F32(fake.shape[-2]), params=False, inputs=True)
        self.G.backward(g_cache, d_x)
        self.opt_g.step()
        if measure:
            self.g_loss = self._value(value)
        self.step += 1

    def iteration(self, measure: bool = True) -> None:
        """d_steps discriminator updates, then one generator update (measure: the losses of
        the last of them)."""
        d_steps = self.settings.d_steps
        for k in range(d_steps):
            last = k == d_steps - 1
            fake, g_cache = self.d_step(measure and last, keep=last)
        self.g_step(fake, g_cache, measure)

    def train(self, n: int) -> None:
        """n iterations; raise Diverged as soon as the game blows up. The losses (d_loss,
        g_loss: what the chart shows) are those of the last iteration: computing each
        iteration's cost 7-10% of the CPU time (CPU ms per iteration, Healthy 0.64 -> 0.57,
        Mode collapse 1.44 -> 1.34), for values nobody saw."""
        self.iterate(n)
        self.check()

    def iterate(self, n: int) -> None:
        """n iterations, the losses measured on the last; no check (overflow is not raised:
        the caller checks for it, as Diverged)."""
        with np.errstate(all="ignore"):
            for i in range(n):
                self.iteration(measure=i == n - 1)

    def check(self) -> None:
        """Raise Diverged on NaN/inf losses or weights, or weights beyond any sane size
        (Adam's steps are bounded by the learning rate, so a huge rate can run away
        for a long while before anything overflows)."""
        biggest = np.max([np.abs(net.theta).max() for net in (self.G, self.D)])  # NaN stays NaN
        err = diverged((self.d_loss, self.g_loss), float(biggest), self.step)
        if err is not None:
            raise err

    # what the views show ---------------------------------------------------------
    def generate(self, z: np.ndarray) -> np.ndarray:
        return self.G(z)

    def score(self, x: np.ndarray) -> np.ndarray:
        """D's raw score s(x), [N]."""
        return self.D(x)[:, 0]

    def prob_real(self, x: np.ndarray) -> np.ndarray:
        """D(x) in [0, 1] (for least squares: the score clipped; WGAN: min-max scaled)."""
        s = self.score(x)
        if self.settings.loss in ("non-saturating", "saturating"):
            return sigmoid(s)
        if self.settings.loss == "least-squares":
            return np.clip(s, 0, 1)
        lo, hi = float(s.min()), float(s.max())
        return (s - lo) / (hi - lo + 1e-12)

    def g_direction(self, x: np.ndarray) -> np.ndarray:
        """-dL_G/dx per sample: where G's loss pushes each generated point, [N, 2]."""
        out, cache = self.D.forward(x)
        _, d_s = g_loss_and_grad(self.settings.loss, out)
        return -self.D.backward(cache, d_s, params=False, inputs=True)
