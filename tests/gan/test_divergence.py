"""The theory on the plane (divergence.py): D*, the KDE, JSD and the triangular discrimination.

The JSD of two Gaussians has no closed form; for two 2-D Gaussians with the same isotropic
std that differ in mean along x, the y factor is the same in both and drops out, so it is a
1-D integral, computed here by brute force (a fine Riemann sum) as the reference. Its closed-
form limits: 0 for equal means, log 2 for means far apart.
"""

import math

import numpy as np
import pytest

from playground.gan import datasets, divergence, presets
from playground.gan.session import HEAT, Session, heat_axis

AXIS = heat_axis()


def jsd_1d_reference(shift: float, std: float) -> float:
    """JSD(N(0, std^2) || N(shift, std^2)) in nats, by brute-force integration."""
    x = np.linspace(-12 * std - abs(shift), 12 * std + abs(shift), 400_001)
    p = np.exp(-0.5 * (x / std) ** 2) / (std * math.sqrt(2 * math.pi))
    q = np.exp(-0.5 * ((x - shift) / std) ** 2) / (std * math.sqrt(2 * math.pi))
    m = 0.5 * (p + q)
    with np.errstate(divide="ignore", invalid="ignore"):
        f = 0.5 * np.where(p > 0, p * np.log(p / m), 0) + 0.5 * np.where(q > 0, q * np.log(q / m), 0)
    return float(f.sum() * (x[1] - x[0]))


def gaussian(mean, std):
    """A Dataset of one Gaussian mode (the shape every data set here has)."""
    return datasets.Dataset("one", np.array([mean], np.float32), np.zeros(1, int), 1, std, True)


def test_discrete_jsd_limits_and_symmetry():
    p = np.array([0.5, 0.5, 0.0, 0.0])
    q = np.array([0.0, 0.0, 0.25, 0.75])
    assert divergence.jsd(p, p) == pytest.approx(0.0, abs=1e-12)
    assert divergence.jsd(p, q) == pytest.approx(math.log(2), abs=1e-12)   # no overlap at all
    r = np.array([0.1, 0.2, 0.3, 0.4])
    assert divergence.jsd(p, r) == pytest.approx(divergence.jsd(r, p))
    # against the definition written out by hand
    m = (p + r) / 2
    by_hand = 0.5 * sum(a * math.log(a / b) for a, b in zip(p, m) if a > 0) + \
        0.5 * sum(a * math.log(a / b) for a, b in zip(r, m) if a > 0)
    assert divergence.jsd(p, r) == pytest.approx(by_hand, abs=1e-12)
    assert divergence.triangular(p, q) == pytest.approx(2.0)   # its maximum, no overlap
    assert divergence.triangular(p, p) == pytest.approx(0.0)


@pytest.mark.parametrize("shift", [0.0, 0.3, 0.8, 2.0])
def test_grid_jsd_of_two_gaussians_matches_the_integral(shift):
    """Both densities on the canvas's 41 x 41 grid, as probabilities of its cells."""
    std = 0.35
    a = divergence.mixture_on_grid(AXIS, np.array([[-shift / 2, 0.0]]), std)
    b = divergence.mixture_on_grid(AXIS, np.array([[shift / 2, 0.0]]), std)
    P, Q = divergence.cell_probabilities(a, AXIS), divergence.cell_probabilities(b, AXIS)
    assert P.sum() == pytest.approx(1.0, abs=1e-5) and P[-1] < 1e-5   # nothing off the plane
    assert divergence.jsd(P, Q) == pytest.approx(jsd_1d_reference(shift, std), abs=2e-3)


def test_far_apart_gaussians_have_jsd_log2():
    a = divergence.mixture_on_grid(AXIS, np.array([[-2.0, 0.0]]), 0.2)
    b = divergence.mixture_on_grid(AXIS, np.array([[2.0, 0.0]]), 0.2)
    P, Q = divergence.cell_probabilities(a, AXIS), divergence.cell_probabilities(b, AXIS)
    assert divergence.jsd(P, Q) == pytest.approx(math.log(2), abs=1e-6)


@pytest.mark.parametrize("shift", [0.0, 0.5, 1.0])
def test_kde_of_samples_estimates_the_jsd_of_the_blurred_gaussians(shift):
    """Samples of N(shift, s^2) against the data N(0, s^2): the estimate is the JSD of the two
    densities blurred by the kernel, std sqrt(s^2 + h^2), up to the sampling noise."""
    std, h = 0.15, divergence.BANDWIDTH
    theory = divergence.Theory(gaussian([0.0, 0.0], std), AXIS)
    rng = np.random.default_rng(0)
    samples = rng.normal([shift, 0.0], std, size=(20_000, 2))
    _, jsd, _ = theory.measure(samples)
    assert jsd == pytest.approx(jsd_1d_reference(shift, math.sqrt(std ** 2 + h ** 2)), abs=4e-3)


def test_binned_kde_matches_the_direct_kde():
    rng = np.random.default_rng(1)
    samples = rng.normal(0, 1, size=(500, 2))
    theory = divergence.Theory(datasets.ring(), AXIS)
    direct, binned = divergence.kde(samples, AXIS), theory.density(samples)
    # snapping each sample to its bin's centre (at most w / 2 = 0.0375 away) moves the
    # estimate by a few % of its peak here and there, far below the KDE's own sampling noise
    assert np.abs(binned - direct).max() < 0.06 * direct.max()
    jsd = lambda p: divergence.jsd(theory.P, divergence.cell_probabilities(p, AXIS))  # noqa: E731
    assert jsd(binned) == pytest.approx(jsd(direct), abs=2e-3)


def test_off_plane_samples_are_mass_outside_not_renormalised():
    theory = divergence.Theory(datasets.ring(), AXIS)
    far = np.full((1000, 2), 50.0)
    d_star, jsd, tri = theory.measure(far)
    assert jsd == pytest.approx(math.log(2), abs=1e-3) and tri == pytest.approx(2.0, abs=1e-2)
    assert d_star.max() > 0.99    # only the data is on the plane: D* says real wherever anything is


def test_optimal_d_is_one_half_where_p_g_equals_p_data():
    p = divergence.data_density(datasets.ring(), AXIS)
    np.testing.assert_allclose(divergence.optimal_d(p, p, 1e-3), 0.5)
    # and from samples of the data itself: ~1/2 wherever the data is, JSD ~ 0
    data = datasets.ring()
    theory = divergence.Theory(data, AXIS)
    d_star, jsd, _ = theory.measure(data.sample(np.random.default_rng(2), 50_000))
    where = theory.p_data > 0.2 * theory.p_data.max()
    assert np.abs(d_star[where] - 0.5).max() < 0.05
    assert jsd < 1e-3
    assert d_star.shape == (HEAT, HEAT)


def test_optimal_d_separates_data_from_samples_elsewhere():
    data = datasets.ring()
    theory = divergence.Theory(data, AXIS)
    d_star, _, _ = theory.measure(np.zeros((1000, 2)))   # every sample at the origin
    centre = d_star[HEAT // 2, HEAT // 2]
    mode = d_star[HEAT // 2, np.argmin(np.abs(AXIS - 2.0))]   # the ring's mode at (2, 0)
    assert centre < 0.01 and mode > 0.99


def test_healthy_ends_near_zero_jsd_and_mode_collapse_stays_high():
    """The presets, seeded, as the engine trains them (its frames measure the same way).
    Measured at each preset's end (seed 0): Healthy 0.056 nats after 3,000 steps, Mode
    collapse 0.40 after 6,000 (2 of 8 modes); the floor, the data's own 1,000 samples: 0.0015."""
    healthy = Session(presets.PRESETS["Healthy"].settings)
    healthy.train(presets.PRESETS["Healthy"].steps)
    end_healthy = healthy.snapshot().jsd
    collapse = Session(presets.PRESETS["Mode collapse"].settings)
    seen = []
    while collapse.gan.step < presets.PRESETS["Mode collapse"].steps:
        collapse.train(1000)
        seen.append(collapse.snapshot().jsd)
    end_collapse = seen[-1]
    assert end_healthy < 0.1                         # near 0 (its maximum is log 2 = 0.693)
    assert min(seen) > 0.3                           # stays high all the way
    assert end_collapse - end_healthy > 0.25
    assert healthy.history.jsd[-1] == end_healthy    # what the chart plots
