"""The mode-collapse meters on hand-made point sets, and the data sets themselves."""

import numpy as np
import pytest

from playground.gan import datasets, views


def test_ring_samples_sit_on_its_modes():
    ring = datasets.ring()
    x = ring.sample(np.random.default_rng(0), 4000)
    m = datasets.meters(ring, x)
    assert m.covered == 8 and m.high_quality > 0.98
    assert np.allclose(m.per_region, 1 / 8, atol=0.03)


def test_all_modes_one_mode_none():
    ring = datasets.ring()
    rng = np.random.default_rng(1)
    # all eight: 50 points exactly around each centre
    every = np.repeat(ring.skeleton, 50, axis=0) + 0.05 * rng.standard_normal((400, 2))
    m = datasets.meters(ring, every)
    assert (m.covered, m.n_regions) == (8, 8) and m.high_quality == 1.0 and not m.collapsed
    # one mode: every sample on the first centre
    one = ring.skeleton[0] + 0.05 * rng.standard_normal((400, 2))
    m = datasets.meters(ring, one)
    assert m.covered == 1 and m.high_quality == 1.0 and m.collapsed
    assert m.per_region[0] == 1.0 and m.per_region[1:].sum() == 0
    # none: all samples at the centre of the ring, far from every mode
    none = 0.05 * rng.standard_normal((400, 2))
    m = datasets.meters(ring, none)
    assert m.covered == 0 and m.high_quality == 0.0 and m.off_data == 1.0


def test_quality_threshold_is_three_std():
    ring = datasets.ring()
    centre = ring.skeleton[:1]
    inside = centre + [[2.9 * ring.std, 0]]
    outside = centre + [[3.1 * ring.std, 0]]
    assert datasets.meters(ring, inside).high_quality == 1.0
    assert datasets.meters(ring, outside).high_quality == 0.0


def test_a_few_stray_samples_do_not_count_as_covering_a_mode():
    ring = datasets.ring()
    x = np.concatenate([np.repeat(ring.skeleton[:2], 495, axis=0), np.repeat(ring.skeleton[2:3], 10, axis=0)])
    m = datasets.meters(ring, x)  # mode 3 gets 1% of samples, below a fifth of its fair share
    assert m.covered == 2


def test_grid_moons_spiral_regions():
    rng = np.random.default_rng(2)
    for name, n in (("grid", 25), ("moons", 8), ("spiral", 8)):
        data = datasets.get(name)
        assert data.n_regions == n
        m = datasets.meters(data, data.sample(rng, 5000))
        assert m.covered == n and m.high_quality > 0.97, name
        assert np.abs(data.skeleton).max() < datasets.EXTENT


def test_drawn_data_needs_enough_points():
    with pytest.raises(ValueError, match="at least"):
        datasets.drawn(np.zeros((3, 2)))
    pts = np.random.default_rng(3).uniform(-2, 2, (200, 2))
    data = datasets.drawn(pts)
    assert data.n_regions == 8 and data.name == "drawn"
    assert datasets.meters(data, data.sample(np.random.default_rng(4), 2000)).covered == 8


def test_drawing_points_from_a_painted_canvas():
    canvas = views.drawing_background().copy()
    assert views.drawing_points(canvas) is None                 # grid lines are not ink
    canvas[170:190, 40:320] = views._rgb(views.REAL)           # one horizontal stroke at y ~ 0
    pts = views.drawing_points(canvas)
    assert 10 <= len(pts) <= 600
    assert np.abs(pts[:, 1]).max() < 0.2 and pts[:, 0].min() < -2 and pts[:, 0].max() > 2


def test_bunched_samples_count_as_collapse_even_between_modes():
    ring = datasets.ring()
    blob = np.array([[1.0, 1.0]]) + 0.05 * np.random.default_rng(5).standard_normal((500, 2))
    m = datasets.meters(ring, blob)
    assert m.spread < datasets.BUNCHED and m.collapsed and m.covered == 0
    m = datasets.meters(ring, ring.sample(np.random.default_rng(6), 2000))
    assert m.spread == pytest.approx(1.0, abs=0.05) and not m.collapsed
