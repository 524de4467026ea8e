"""One pixel with 256 grey levels: three ways to write p(x_i | context) over 0..255.

The data: every pixel of the 8,000 grey training digits (uint8 0..255), grouped by its
context, the grey value of its left neighbour x_{i-1} (the pixel before it in raster
order) in 16 bins of 16 levels. The same histograms of the 1,000 test digits give the
held-out numbers.

* Bernoulli, 1 parameter: p(ink). It can only say 0 or 255 (paper or ink): the
  binarized digits' model. Fitted: p = mean grey level / 255, the probability with
  which data.py's binarization makes the pixel ink.
* 256-way softmax, 255 parameters (256 probabilities summing to 1), as PixelRNN and
  PixelCNN use for 8-bit pixels: any shape at all. Fitted: the counts, plus half a count
  per value (so that a value never seen in training does not get probability 0).
* Mixture of K logistics, 3K parameters (K weights, K centres mu_k, K scales s_k; the
  weights sum to 1, so 3K - 1 free), discretized as in PixelCNN++ (Salimans et al.
  2017): value v gets the mass of the mixture between v - 0.5 and v + 0.5, and the two
  ends take the tails (0 gets everything below 0.5, 255 everything above 254.5), so the
  many pure-paper and pure-ink pixels are cheap. Fitted by maximum likelihood (Adam),
  all K = 1..K_MAX and every context at once.

Held-out cost: the mean -log2 p(v) over the test digits' pixels in the same context,
in bits per pixel value (8 bits would be a uniform guess over 256 values).
"""

from __future__ import annotations

import math

import numpy as np
import torch

from playground import data

LEVELS = 256
BINS = 16            # context bins: left neighbour's grey level // 16
K_MAX = 10
FIT_STEPS = 400


def histograms(split: str) -> np.ndarray:
    """Counts [BINS, 256]: how often pixel value v follows a left neighbour in bin b
    (pixels in the first column have no left neighbour and are left out)."""
    images, _ = data.digits(split)
    left = images[:, :, :-1].astype(np.int64).ravel() // (LEVELS // BINS)
    here = images[:, :, 1:].astype(np.int64).ravel()
    return np.bincount(left * LEVELS + here, minlength=BINS * LEVELS).reshape(BINS, LEVELS).astype(np.float64)


def bernoulli_p(counts: np.ndarray) -> np.ndarray:
    """p(ink) per context: the mean grey level / 255. [BINS]"""
    values = np.arange(LEVELS)
    return (counts * values).sum(-1) / (counts.sum(-1) * (LEVELS - 1))


def softmax_probs(counts: np.ndarray) -> np.ndarray:
    """The 256-way categorical's maximum-likelihood fit, plus half a count per value. [.., 256]"""
    c = counts + 0.5
    return c / c.sum(-1, keepdims=True)


def logistic_mixture_probs(weights_logits: torch.Tensor, mu: torch.Tensor,
                           log_s: torch.Tensor) -> torch.Tensor:
    """Discretized mixture of logistics over 0..255: [..., K] parameters -> [..., 256]
    probabilities (exactly summing to 1: the ends take the tails). mu and s in grey levels."""
    edges = torch.arange(LEVELS - 1, dtype=mu.dtype) + 0.5                      # 0.5 .. 254.5
    z = (edges[..., :, None] - mu[..., None, :]) / log_s.exp()[..., None, :]   # [..., 255, K]
    cdf = torch.sigmoid(z)
    zeros, ones = torch.zeros_like(cdf[..., :1, :]), torch.ones_like(cdf[..., :1, :])
    cdf = torch.cat([zeros, cdf, ones], dim=-2)                                 # [..., 257, K]
    mass = (cdf[..., 1:, :] - cdf[..., :-1, :]).clamp_min(1e-12)                # [..., 256, K]
    return (mass * torch.softmax(weights_logits, -1)[..., None, :]).sum(-1)


def fit_mixtures(counts: np.ndarray, k_max: int = K_MAX, steps: int = FIT_STEPS,
                 seed: int = 0) -> dict[str, np.ndarray]:
    """Maximum-likelihood mixtures of K = 1..k_max logistics for every context, fitted
    together (one batch): weights [BINS, k_max, k_max] (components >= K masked off), mu,
    s, and probs [BINS, k_max, 256]; index [b, K - 1]."""
    g = torch.Generator().manual_seed(seed)
    n_ctx = len(counts)
    target = torch.from_numpy(counts / counts.sum(-1, keepdims=True))[:, None, :]   # [B, 1, 256]
    ks = torch.arange(1, k_max + 1)
    active = torch.arange(k_max)[None, :] < ks[:, None]                            # [K, comp]
    # start: centres spread over 0..255, then nudged at random; scales of ~20 levels
    mu0 = torch.linspace(0, 255, k_max + 2, dtype=torch.float64)[1:-1]
    mu = (mu0 + 10 * torch.randn(n_ctx, k_max, k_max, generator=g, dtype=torch.float64)).requires_grad_()
    log_s = torch.full((n_ctx, k_max, k_max), math.log(20.0), dtype=torch.float64, requires_grad=True)
    logits = torch.zeros(n_ctx, k_max, k_max, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.Adam([{"params": [mu], "lr": 2.0}, {"params": [log_s, logits], "lr": 0.05}])
    mask = torch.where(active, 0.0, -1e9).to(torch.float64)
    for _ in range(steps):
        probs = logistic_mixture_probs(logits + mask, mu, log_s)
        loss = -(target * probs.log()).sum(-1).sum()   # each (context, K) its own problem
        opt.zero_grad()
        loss.backward()
        opt.step()
    with torch.no_grad():
        probs = logistic_mixture_probs(logits + mask, mu, log_s)
        weights = torch.softmax(logits + mask, -1)
    return dict(weights=weights.numpy(), mu=mu.detach().numpy(), s=log_s.detach().exp().numpy(),
                probs=probs.numpy())


def bits(probs: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Mean -log2 p(v) of the values counted: [...]."""
    return -(counts * np.log2(probs)).sum(-1) / counts.sum(-1)


def parameter_counts(k: int) -> dict[str, int]:
    return {"bernoulli": 1, "softmax": LEVELS - 1, "mixture": 3 * int(k)}


NAME = "pixelcnn_continuous"


def fit_everything(steps: int = FIT_STEPS, seed: int = 0) -> tuple[dict[str, torch.Tensor], dict]:
    """What `python -m playground.train pixelcnn_continuous` saves: the training histograms
    and every mixture's parameters (tensors), and the held-out numbers (metrics)."""
    train, test = histograms("train"), histograms("test")
    fits = fit_mixtures(train, steps=steps, seed=seed)
    softmax_bits = bits(softmax_probs(train), test)              # [BINS]
    mixture_bits = bits(fits["probs"], test[:, None])           # [BINS, K_MAX]
    tensors = {"train_counts": train, "weights": fits["weights"], "mu": fits["mu"], "s": fits["s"],
               "softmax_heldout_bits": softmax_bits, "mixture_heldout_bits": mixture_bits}
    tensors = {k: torch.from_numpy(np.asarray(v, np.float64)) for k, v in tensors.items()}
    # one number per model over all contexts: the mean held-out bits per pixel value
    n = test.sum(-1)
    metrics = {"heldout_bits_softmax": float((softmax_bits * n).sum() / n.sum())}
    for k in (1, 2, 3, 5, K_MAX):
        metrics[f"heldout_bits_mixture_k{k}"] = float((mixture_bits[:, k - 1] * n).sum() / n.sum())
    metrics["heldout_pixels"] = float(n.sum())
    return tensors, metrics


class Fits:
    """The saved fits as numpy arrays, for the view (pretrained/pixelcnn_continuous.safetensors)."""

    def __init__(self, tensors: dict[str, torch.Tensor]):
        t = {k: v.double() for k, v in tensors.items()}
        self.train = t["train_counts"].numpy()
        self.p_ink = bernoulli_p(self.train)
        self.softmax = softmax_probs(self.train)
        self.weights, self.mu, self.s = (t[k].numpy() for k in ("weights", "mu", "s"))
        self.softmax_bits = t["softmax_heldout_bits"].numpy()
        self.mixture_bits = t["mixture_heldout_bits"].numpy()

    def mixture(self, b: int, k: int) -> dict[str, np.ndarray]:
        """Context bin b, K components: probabilities over 0..255 and each component's."""
        w, mu, s = (a[b, k - 1, :k] for a in (self.weights, self.mu, self.s))
        with torch.no_grad():
            parts = torch.stack([logistic_mixture_probs(torch.zeros(1, dtype=torch.float64),
                                                        torch.tensor([m]), torch.tensor([np.log(sc)]))
                                 for m, sc in zip(mu, s)]).numpy()            # [k, 256]
        return dict(probs=(w[:, None] * parts).sum(0), parts=w[:, None] * parts, weights=w, mu=mu, s=s)


def context_bin(left_value: int) -> int:
    return int(np.clip(int(left_value), 0, LEVELS - 1)) // (LEVELS // BINS)
