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
    real = batch.Flock
    monkeypatch.setattr(batch, "Flock", lambda gans: sizes.append(len(gans)) or real(gans))
    sessions = [session.Session(toy.Settings(seed=k)) for k in range(session.MAX_FLOCK + 1)]
    sessions[3].gan.opt_g.lr = sessions[3].gan.opt_d.lr = 100.0
    diverged = session.train_together(sessions, 40)
    assert sizes == [5, 4]                       # 9 GANs: 5 + 4, not 8 + 1
    assert diverged == [sessions[3]] and sessions[3].gan.step == 0
    assert sessions[3].message.startswith("diverged:")
    assert all(s.gan.step == 40 and s.history.step[-1] == 40 for s in sessions if s is not sessions[3])


def test_a_flock_kept_from_chunk_to_chunk_follows_the_path_alone(monkeypatch):
    """The engine trains a turn in chunks and keeps its flocks stacked in between
    (session.Together): each GAN follows its path alone, logs its losses after every chunk,
    and is itself again once closed. A GAN that diverges mid-turn is reset, and the others
    stack again and go on."""
    made = []
    real = batch.Flock
    monkeypatch.setattr(batch, "Flock", lambda gans: made.append(len(gans)) or real(gans))
    calm = toy.Settings(seed=0)
    mates = [calm, replace(calm, seed=4, data="grid"), replace(calm, seed=7, g_lr=3e-3)]
    alone = [session.Session(s) for s in mates]
    kept = [session.Session(s) for s in mates]
    together = session.Together(kept)
    for n in (3, 1, 5):
        for sess in alone:
            sess.train(n)
        assert together.train(n) == []
    assert made == [3]                                   # stacked once for three chunks
    assert kept[0].gan.step == 0                         # the GANs wait for close()
    together.close()
    for a, b in zip(alone, kept):
        assert_same(a.gan, b.gan)
        assert b.history.step == a.history.step == [3, 4, 9]
        np.testing.assert_allclose(b.history.g_loss, a.history.g_loss, rtol=1e-5, atol=1e-6)

    kept[1].gan.opt_g.lr = kept[1].gan.opt_d.lr = 100.0
    together = session.Together(kept)
    while not (diverged := together.train(20)) and kept[0].gan.step + together.flocks[0][0].step < 2000:
        pass
    assert diverged == [kept[1]] and kept[1].gan.step == 0 and kept[1].message.startswith("diverged:")
    step = kept[0].gan.step                              # copied back when one diverged
    assert step > 9 and kept[2].gan.step == step
    assert together.train(5) == [] and made[-1] == 2     # the two others, stacked again
    together.close()
    assert kept[0].gan.step == kept[2].gan.step == step + 5 and kept[1].gan.step == 0
