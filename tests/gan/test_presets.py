"""Each preset tells its story, reproducibly by its seed (the numbers are in presets.py).

The runs are shortened to the point where each story is already told (~20 s of CPU in all);
`scripts/gan_presets_search.py` runs them to the end, over more seeds.
"""

import numpy as np
import pytest

from playground.gan import presets
from playground.gan.session import Session


def run(name: str, steps: int | None = None):
    p = presets.PRESETS[name]
    sess = Session(p.settings)
    sess.train(steps or p.steps)
    return sess, sess.snapshot()


def test_default_setting_is_the_healthy_preset():
    from playground.gan import toy
    assert presets.PRESETS[presets.DEFAULT].settings == toy.Settings()


def test_healthy_covers_all_modes():
    sess = Session(presets.PRESETS["Healthy"].settings)
    reached = None
    while sess.gan.step < presets.PRESETS["Healthy"].steps:
        sess.train(250)
        m = sess.snapshot().meters
        if reached is None and m.covered == 8 and m.high_quality >= 0.8:
            reached = sess.gan.step
    assert reached is not None              # 8/8 modes with >= 80% good samples on the way
    assert m.covered == 8 and m.high_quality >= 0.7 and not m.collapsed


def checkpoints(name: str, first: int, every: int, last: int):
    """Train the preset from its seed; yield the frame at first, first + every, ..., last."""
    sess = Session(presets.PRESETS[name].settings)
    sess.train(first)
    yield sess, sess.snapshot()
    while sess.gan.step < last:
        sess.train(every)
        yield sess, sess.snapshot()


@pytest.mark.parametrize("name", list(presets.PRESETS))
def test_every_preset_is_reproducible_by_its_seed(name):
    """Same seed, same run, whether it trains in one burst or in chunks with frames in
    between (the tab's timer), so a student sees exactly what these tests check."""
    settings = presets.PRESETS[name].settings
    a, b = Session(settings), Session(settings)
    a.train(30)
    for _ in range(3):
        b.train(10)
        b.snapshot()
    for net in ("G", "D"):
        np.testing.assert_array_equal(getattr(a.gan, net).theta, getattr(b.gan, net).theta)
    np.testing.assert_array_equal(a.snapshot().fake, b.snapshot().fake)


def test_mode_collapse_and_instance_noise_rescue():
    collapse = presets.PRESETS["Mode collapse"].settings
    rescue = presets.PRESETS["Instance noise rescues it"].settings
    # the same start: only the instance noise differs
    assert {**collapse.as_dict(), "noise": 0, "noise_half_life": 0} == \
        {**rescue.as_dict(), "noise": 0, "noise_half_life": 0}
    # collapse: from step 1000 on, at most 3 of the 8 modes at every checkpoint (measured: 2)
    for _, f in checkpoints("Mode collapse", 1000, 500, 2000):
        assert f.meters.covered <= 3 and f.meters.collapsed, f.step
    assert f.meters.high_quality >= 0.5  # collapsed onto real modes, not lost in between
    # rescue: all 8 modes from step 1500 on, and the samples sharpen as the noise decays
    hq = []
    for _, f in checkpoints("Instance noise rescues it", 1500, 750, 3000):
        assert f.meters.covered == 8 and not f.meters.collapsed, f.step
        hq.append(f.meters.high_quality)
    assert hq[-1] >= 0.5 and hq[-1] > hq[0]


def test_saturating_loss_stalls_and_non_saturating_moves():
    sess, f = run("Saturating loss stalls", 750)
    assert f.meters.covered == 0 and f.meters.high_quality < 0.02
    assert f.d_fake < 0.01 and f.grad_norm < 1e-3   # D rejects G; the push on its samples vanished
    # the same game with the non-saturating loss: a strong push, and G's points move onto the data
    stalled = f.fake
    sess.update(loss="non-saturating")
    sess.train(250)
    f = sess.snapshot()
    assert f.grad_norm > 1.0
    assert np.linalg.norm(f.fake - stalled, axis=1).mean() > 1.0   # plane units (the ring's radius: 2)
    assert f.meters.high_quality > 0.3 and f.meters.covered >= 2


def test_too_strong_discriminator_wins_every_round():
    d_real, d_fake, covered = [], [], []
    for _, f in checkpoints("Too strong discriminator", 250, 125, 500):
        d_real.append(f.d_real)
        d_fake.append(f.d_fake)
        covered.append(f.meters.covered)
    assert np.mean(d_real) > 0.8 and np.mean(d_fake) < 0.25   # healthy: both ~0.5
    assert max(covered) <= 3
