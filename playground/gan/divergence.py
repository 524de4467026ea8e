"""The theory on the plane: the optimal discriminator and the divergences, from densities.

On the 2-D plane the data density is known exactly: every data set is a mixture of
Gaussians of standard deviation `std` around its skeleton points (datasets.py), so

    p_data(x) = 1/M sum_i N(x; skeleton_i, std^2 I).

The generator's density p_G has no formula (a GAN is an implicit model); it is estimated
from its samples x_1..x_N with a Gaussian kernel density estimate of bandwidth h:

    p_G,h(x) = 1/N sum_j N(x; x_j, h^2 I).

A KDE blurs: its mean is p_G convolved with the kernel, not p_G. So both densities are
compared blurred by the same kernel: p_data,h = p_data * N(0, h^2 I), which for a mixture
of Gaussians is the same mixture with std sqrt(std^2 + h^2). Blurring both by one Gaussian
loses nothing that matters here: p_G,h = p_data,h exactly when p_G = p_data.

Everything is evaluated on the grid the learned D is drawn on (session.HEAT x HEAT points
over [-3, 3]^2). A density times the cell area is the probability of its cell; the mass
that falls off the plane (generated points far away) is one more cell, "outside", so
nothing is renormalised away. Then, per cell,

    D*(x) = p_data(x) / (p_data(x) + p_G(x))                  the best D for a fixed G
    JSD   = 1/2 KL(P || M) + 1/2 KL(Q || M),  M = (P + Q) / 2   (nats, 0..log 2)
    Delta = sum (P - Q)^2 / (P + Q)                            triangular discrimination, 0..2

At D*, the cross-entropy D loss is log 4 - 2 JSD, and the least-squares D loss (targets
1 real, 0 fake) is 1/4 - Delta / 8: each loss's D estimates its own divergence.
"""

from __future__ import annotations

import math

import numpy as np

F32 = np.float32
BANDWIDTH = 0.2       # h, plane units: the kernel of the KDE (and the blur of p_data)
# Where neither density is there, D* = 0/0 is undefined. Both densities get this floor
# (a share of the uniform density on the plane), so D* is 1/2 there, drawn white.
FLOOR = 1e-3


def gaussian_1d(axis: np.ndarray, centres: np.ndarray, std: float) -> np.ndarray:
    """N(axis_a; centres_j, std^2) for every a, j: [A, J] (one axis of an isotropic 2-D Gaussian)."""
    d = (axis[:, None] - centres[None, :]) / std
    return np.exp(-0.5 * d * d) / (std * math.sqrt(2 * math.pi))


def mixture_on_grid(axis: np.ndarray, centres: np.ndarray, std: float) -> np.ndarray:
    """1/J sum_j N((x, y); centres_j, std^2 I) at every grid point: [A, A], row = y, column = x.

    An isotropic 2-D Gaussian is a product of two 1-D ones, so the whole grid is one matrix
    product: [A, J] @ [J, A] (a KDE of 1,000 points on a 41 x 41 grid: ~0.2 ms)."""
    centres = np.asarray(centres, dtype=np.float64)
    if len(centres) == 0:
        return np.zeros((len(axis), len(axis)))
    gx = gaussian_1d(axis.astype(np.float64), centres[:, 0], std)
    gy = gaussian_1d(axis.astype(np.float64), centres[:, 1], std)
    return gy @ gx.T / len(centres)


def data_density(data, axis: np.ndarray, bandwidth: float = BANDWIDTH) -> np.ndarray:
    """p_data blurred by the KDE's kernel, on the grid: the skeleton's mixture with std
    sqrt(std^2 + h^2)."""
    return mixture_on_grid(axis, data.skeleton, math.sqrt(data.std ** 2 + bandwidth ** 2))


def kde(samples: np.ndarray, axis: np.ndarray, bandwidth: float = BANDWIDTH) -> np.ndarray:
    """p_G estimated from samples [N, 2] (Gaussian kernel, std = bandwidth), on the grid."""
    return mixture_on_grid(axis, np.asarray(samples).reshape(-1, 2), bandwidth)


def cell_probabilities(density: np.ndarray, axis: np.ndarray) -> np.ndarray:
    """Density on the grid -> probability of each cell, plus one last entry: the mass off the
    plane (never below 0: the grid's sum can overshoot 1 by a rounding error)."""
    area = float(axis[1] - axis[0]) ** 2
    p = density.ravel() * area
    return np.append(p, max(0.0, 1.0 - float(p.sum())))


def jsd(p: np.ndarray, q: np.ndarray) -> float:
    """Jensen-Shannon divergence of two discrete distributions, in nats (0 .. log 2)."""
    p, q = np.asarray(p, np.float64), np.asarray(q, np.float64)
    m = 0.5 * (p + q)

    def kl(a):
        keep = a > 0
        return float((a[keep] * np.log(a[keep] / m[keep])).sum())
    return max(0.0, 0.5 * kl(p) + 0.5 * kl(q))


def triangular(p: np.ndarray, q: np.ndarray) -> float:
    """Triangular discrimination sum (p - q)^2 / (p + q) (0 .. 2): what the least-squares D measures."""
    p, q = np.asarray(p, np.float64), np.asarray(q, np.float64)
    s = p + q
    keep = s > 0
    return float(((p[keep] - q[keep]) ** 2 / s[keep]).sum())


def optimal_d(p_data: np.ndarray, p_g: np.ndarray, floor: float = 0.0) -> np.ndarray:
    """D*(x) = p_data(x) / (p_data(x) + p_G(x)); `floor` is added to both densities, so that
    where neither is there D* is 1/2 instead of 0/0."""
    return (p_data + floor) / (p_data + p_g + 2 * floor)


class Theory:
    """What a session's frames show of the theory: p_data,h on the grid is computed once per
    data set; each frame adds the KDE of G's samples, D* and the divergences.

    The KDE per frame: the samples are counted in bins half a grid cell wide (over the plane
    and 3 h beyond it), then blurred with the Gaussian kernel by two small matrix products
    (~0.1 ms for 1,000 samples; a Gaussian per sample per grid line took ~2 ms). Snapping a
    sample to its bin's centre blurs it by a uniform kernel of variance w^2 / 12, so the
    Gaussian's variance is h^2 - w^2 / 12: the total blur is h^2, as on the data's side."""

    def __init__(self, data, axis: np.ndarray, bandwidth: float = BANDWIDTH):
        self.axis, self.bandwidth = axis.astype(np.float64), bandwidth
        self.p_data = data_density(data, self.axis, bandwidth)
        self.P = cell_probabilities(self.p_data, self.axis)
        extent = float(self.axis[-1] - self.axis[0])
        self.floor = FLOOR / extent ** 2
        width = float(self.axis[1] - self.axis[0]) / 2
        reach = 3 * bandwidth
        n_bins = int(math.ceil((extent + 2 * reach) / width))
        self.lo, self.width, self.n_bins = float(self.axis[0]) - reach, width, n_bins
        centres = self.lo + width * (np.arange(n_bins) + 0.5)
        self.kernel = gaussian_1d(self.axis, centres, math.sqrt(bandwidth ** 2 - width ** 2 / 12))

    def density(self, samples: np.ndarray) -> np.ndarray:
        """p_G,h on the grid [A, A] from samples [N, 2] (binned KDE; off-plane samples count in N)."""
        x = np.asarray(samples, np.float64).reshape(-1, 2)
        idx = np.floor((x - self.lo) / self.width).astype(np.int64)
        keep = ((idx >= 0) & (idx < self.n_bins)).all(1)
        counts = np.bincount(idx[keep, 1] * self.n_bins + idx[keep, 0],
                             minlength=self.n_bins ** 2).reshape(self.n_bins, self.n_bins)
        return self.kernel @ counts @ self.kernel.T / max(len(x), 1)   # rows = y, columns = x

    def measure(self, samples: np.ndarray) -> tuple[np.ndarray, float, float]:
        """(D* on the grid [A, A] float32, JSD in nats, triangular discrimination) for G's samples."""
        p_g = self.density(samples)
        Q = cell_probabilities(p_g, self.axis)
        d_star = optimal_d(self.p_data, p_g, self.floor).astype(F32)
        return d_star, jsd(self.P, Q), triangular(self.P, Q)
