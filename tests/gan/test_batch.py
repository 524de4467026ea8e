"""Flocks (batch.py): GANs trained as one computation follow the paths they would alone."""

from dataclasses import replace

import numpy as np
import pytest

from playground.gan import batch, datasets, session, toy


def gan(settings: toy.Settings) -> toy.ToyGAN:
    return toy.ToyGAN(settings, datasets.get(settings.data, None).sample)


def assert_same(a: toy.ToyGAN, b: toy.ToyGAN) -> None:
    assert a.step == b.step
    for net in ("G", "D"):
        np.testing.assert_allclose(getattr(a, net).theta, getattr(b, net).theta, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose([a.d_loss, a.g_loss], [b.d_loss, b.g_loss], rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("loss", toy.LOSSES)
def test_a_gan_in_a_flock_follows_the_path_it_would_alone(loss):
    """Three students on one shape, everything else their own: data, seed, learning rates,
    optimiser state (one trained 7 steps before), instance noise (decaying for one, none for
    another)."""
    base = toy.Settings(loss=loss, d_steps=2, seed=0)
    mates = [base,
             replace(base, data="grid", seed=5, g_lr=3e-3, noise=0.5, noise_half_life=20),
             replace(base, data="moons", seed=9, d_lr=1e-4)]
    alone, flock = [gan(s) for s in mates], [gan(s) for s in mates]
    for g in (alone[2], flock[2]):
        g.train(7)
    for g in alone:
        g.train(12)
    assert batch.train(flock, 12) == [None, None, None]
    for a, b in zip(alone, flock):
        assert_same(a, b)
    assert not np.allclose(flock[0].G.theta, flock[1].G.theta)   # each learned its own


def test_sgd_flocks_keep_each_learning_rate():
    s = toy.Settings(g_optimizer="sgd", d_optimizer="sgd", g_lr=0.01, d_lr=0.01, seed=1)
    mates = [s, replace(s, g_lr=0.05, seed=2)]
    alone, flock = [gan(m) for m in mates], [gan(m) for m in mates]
    for g in alone:
        g.train(10)
    batch.train(flock, 10)
    for a, b in zip(alone, flock):
        assert_same(a, b)


def test_a_flock_is_one_shape():
    with pytest.raises(ValueError, match="one shape"):
        batch.Flock([gan(toy.Settings()), gan(toy.Settings(d_steps=5))])
    assert batch.shape(toy.Settings(seed=3, g_lr=0.1, data="grid")) == batch.shape(toy.Settings())


def test_a_gan_that_blows_up_ends_alone():
    calm = toy.Settings(seed=0)
    wild = replace(calm, g_lr=100.0, d_lr=100.0, seed=1)
    alone = gan(calm)
    alone.train(60)
    flock = [gan(calm), gan(wild)]
    errors = batch.train(flock, 60)
    assert errors[0] is None and isinstance(errors[1], toy.Diverged)
    assert_same(alone, flock[0])


def test_sessions_train_in_even_flocks_and_the_diverged_are_reset(monkeypatch):
    sizes = []
    real = batch.train
    monkeypatch.setattr(batch, "train", lambda gans, n: sizes.append(len(gans)) or real(gans, n))
    sessions = [session.Session(toy.Settings(seed=k)) for k in range(session.MAX_FLOCK + 1)]
    sessions[3].gan.opt_g.lr = sessions[3].gan.opt_d.lr = 100.0
    diverged = session.train_together(sessions, 40)
    assert sizes == [5, 4]                       # 9 GANs: 5 + 4, not 8 + 1
    assert diverged == [sessions[3]] and sessions[3].gan.step == 0
    assert sessions[3].message.startswith("diverged:")
    assert all(s.gan.step == 40 and s.history.step[-1] == 40 for s in sessions if s is not sessions[3])
