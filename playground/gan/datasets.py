"""The 2-D data sets the live GAN learns, and the mode-collapse meters.

Every data set is a "skeleton" of points (the centres of the modes, or a dense
line along a curve) plus Gaussian noise of standard deviation `std`. The
skeleton is cut into `regions`: the modes themselves for the ring and the grid,
eight stretches of the curve for the moons and the spiral, clusters of the
points a student draws. The meters ask of generated samples:

* quality: the share within 3 std of the skeleton ("high-quality" samples);
* coverage: how many regions get at least a fifth of their fair share of the
  high-quality samples (a region that gets almost none is a dropped mode).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

F32 = np.float32
EXTENT = 3.0          # the plane shown: [-EXTENT, EXTENT]^2
HQ_STDS = 3.0         # "high quality" = within 3 standard deviations of the data
FAIR_SHARE = 0.2      # a region is covered with >= 20% of its fair share of good samples
BUNCHED = 0.3         # samples spread < 30% as wide as the data: they have bunched together
MIN_DRAWN = 10        # fewer drawn points than this is not a data set
MAX_DRAWN = 2000


@dataclass
class Dataset:
    name: str
    skeleton: np.ndarray      # [M, 2] noise-free points of the data
    region: np.ndarray        # [M] region index of each skeleton point
    n_regions: int
    std: float
    modes: bool               # True: regions are separate Gaussian modes (ring, grid)

    @property
    def spread(self) -> float:
        """rms distance of the data to its mean (noise included)."""
        return float(np.sqrt(((self.skeleton - self.skeleton.mean(0)) ** 2).sum(1).mean()
                             + 2 * self.std ** 2))

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        i = rng.integers(0, len(self.skeleton), n)
        # take(): the same rows as skeleton[i], 6x faster on a training step's small batch
        return self.skeleton.take(i, axis=0) + F32(self.std) * rng.standard_normal((n, 2), dtype=F32)

    @property
    def region_label(self) -> str:
        return "modes" if self.modes else "regions"


def ring(n_modes: int = 8, radius: float = 2.0, std: float = 0.1) -> Dataset:
    angle = 2 * np.pi * np.arange(n_modes) / n_modes
    centres = np.stack([radius * np.cos(angle), radius * np.sin(angle)], 1).astype(F32)
    return Dataset("ring", centres, np.arange(n_modes), n_modes, std, True)


def grid(side: int = 5, spacing: float = 1.0, std: float = 0.05) -> Dataset:
    ticks = (np.arange(side) - (side - 1) / 2) * spacing
    centres = np.stack(np.meshgrid(ticks, ticks), -1).reshape(-1, 2).astype(F32)
    return Dataset("grid", centres, np.arange(side * side), side * side, std, True)


def _curve(points: np.ndarray, n_regions: int) -> np.ndarray:
    """Region of each point of a curve: equal stretches of its arc length."""
    step = np.r_[0, np.linalg.norm(np.diff(points, axis=0), axis=1)].cumsum()
    return np.minimum((step / step[-1] * n_regions).astype(int), n_regions - 1)


def moons(std: float = 0.08, n: int = 400) -> Dataset:
    t = np.linspace(0, np.pi, n // 2)
    upper = np.stack([np.cos(t), np.sin(t)], 1)
    lower = np.stack([1 - np.cos(t), 0.5 - np.sin(t)], 1)
    pts = (np.concatenate([upper, lower]) - [0.5, 0.25]) * 1.6
    region = np.concatenate([_curve(upper, 4), 4 + _curve(lower, 4)])
    return Dataset("moons", pts.astype(F32), region, 8, std, False)


def spiral(std: float = 0.06, n: int = 400) -> Dataset:
    t = np.linspace(0.25, 1, n) ** 0.5 * 3 * np.pi  # denser towards the centre -> even arc length
    r = t / (3 * np.pi) * 2.4
    pts = np.stack([r * np.cos(t), r * np.sin(t)], 1)
    return Dataset("spiral", pts.astype(F32), _curve(pts, 8), 8, std, False)


def _kmeans(points: np.ndarray, k: int, iters: int = 20) -> np.ndarray:
    """Deterministic k-means (farthest-point start): cluster index of each point."""
    centres = [points[0]]
    for _ in range(1, k):
        d = np.min([((points - c) ** 2).sum(1) for c in centres], axis=0)
        centres.append(points[int(np.argmax(d))])
    centres = np.array(centres)
    for _ in range(iters):
        label = ((points[:, None] - centres[None]) ** 2).sum(-1).argmin(1)
        centres = np.array([points[label == j].mean(0) if (label == j).any() else centres[j]
                            for j in range(k)])
    return label


def drawn(points: np.ndarray, std: float = 0.05) -> Dataset:
    """A data set from points a student clicked: each point blurred by `std`."""
    pts = np.asarray(points, dtype=F32).reshape(-1, 2)
    pts = pts[np.isfinite(pts).all(1)]
    if len(pts) < MIN_DRAWN:
        raise ValueError(f"only {len(pts)} points drawn; draw at least {MIN_DRAWN}")
    pts = np.clip(pts[:MAX_DRAWN], -EXTENT, EXTENT)
    k = min(8, len(np.unique(pts.round(2), axis=0)))
    return Dataset("drawn", pts, _kmeans(pts, k), k, std, False)


BUILTIN = {"ring": ring, "grid": grid, "moons": moons, "spiral": spiral}


def get(name: str, points: np.ndarray | None = None) -> Dataset:
    if name == "drawn":
        return drawn(points if points is not None else np.zeros((0, 2)))
    if name not in BUILTIN:
        raise ValueError(f"unknown data set {name!r}; choose one of {[*BUILTIN, 'drawn']}")
    return BUILTIN[name]()


# --- the meters ----------------------------------------------------------------

@dataclass
class Meters:
    covered: int              # regions (modes) with enough high-quality samples
    n_regions: int
    high_quality: float       # share of samples within 3 std of the data
    per_region: np.ndarray    # [n_regions] share of all samples near each region
    off_data: float           # share of samples near no region (= 1 - high_quality)
    spread: float = 1.0       # samples' spread (rms distance to their mean) / the data's


    @property
    def collapsed(self) -> bool:
        """Fewer than half the modes covered, or every sample bunched in one small spot."""
        return self.covered * 2 <= self.n_regions or self.spread < BUNCHED


def meters(data: Dataset, samples: np.ndarray) -> Meters:
    """Mode coverage and sample quality of generated `samples` [N, 2]."""
    samples = np.asarray(samples, dtype=F32)
    n = len(samples)
    if n == 0:
        zeros = np.zeros(data.n_regions)
        return Meters(0, data.n_regions, 0.0, zeros, 1.0, 0.0)
    d2 = ((samples[:, None, :] - data.skeleton[None, :, :]) ** 2).sum(-1)   # [N, M]
    nearest = d2.argmin(1)
    good = d2[np.arange(n), nearest] <= (HQ_STDS * data.std) ** 2
    counts = np.bincount(data.region[nearest[good]], minlength=data.n_regions)
    # a region's fair share of the samples: proportional to its share of the skeleton
    fair = np.bincount(data.region, minlength=data.n_regions) / len(data.region) * n
    covered = int((counts >= FAIR_SHARE * fair).sum())
    hq = float(good.mean())
    return Meters(covered, data.n_regions, hq, counts / n, 1.0 - hq,
                  _rms_spread(samples) / max(data.spread, 1e-9))


def _rms_spread(x: np.ndarray) -> float:
    return float(np.sqrt(((x - x.mean(0)) ** 2).sum(1).mean()))
