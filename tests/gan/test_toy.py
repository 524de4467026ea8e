"""The hand-written 2-D GAN (toy.py) against PyTorch autograd, and its losses' meaning."""

import math

import numpy as np
import pytest
import torch

from playground.gan import datasets, model, toy


def torch_mlp(net: toy.MLP) -> torch.nn.Sequential:
    """The same network as a torch module, with the same weights."""
    layers = []
    for l, (W, b) in enumerate(zip(net.W, net.b)):
        lin = torch.nn.Linear(*W.shape).double()
        with torch.no_grad():
            lin.weight.copy_(torch.from_numpy(W.T.astype(np.float64)))
            lin.bias.copy_(torch.from_numpy(b.astype(np.float64)))
        layers.append(lin)
        if l < len(net.W) - 1:
            layers.append(torch.nn.LeakyReLU(float(toy.LEAK)))
    return torch.nn.Sequential(*layers)


def flat_grad(module: torch.nn.Sequential) -> np.ndarray:
    """Gradients in toy's flat order: W (in x out) then b, layer by layer."""
    parts = []
    for m in module:
        if isinstance(m, torch.nn.Linear):
            # a parameter the loss does not reach (biases, for the gradient penalty) has no grad
            parts += [(m.weight.grad if m.weight.grad is not None else torch.zeros_like(m.weight)).T
                      .reshape(-1),
                      (m.bias.grad if m.bias.grad is not None else torch.zeros_like(m.bias)).reshape(-1)]
    return torch.cat(parts).numpy()


@pytest.fixture
def net():
    return toy.MLP([2, 16, 16, 1], np.random.default_rng(0))


def test_forward_matches_torch(net):
    x = np.random.default_rng(1).standard_normal((50, 2)).astype(np.float32)
    ours, _ = net.forward(x)
    theirs = torch_mlp(net)(torch.from_numpy(x).double()).detach().numpy()
    np.testing.assert_allclose(ours, theirs, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(net(x), ours, rtol=1e-6)


def test_backward_matches_autograd(net):
    x = np.random.default_rng(2).standard_normal((40, 2)).astype(np.float32)
    upstream = np.random.default_rng(3).standard_normal((40, 1)).astype(np.float32)
    out, cache = net.forward(x)
    dx = net.backward(cache, upstream, inputs=True)
    tm = torch_mlp(net)
    xt = torch.from_numpy(x).double().requires_grad_()
    (tm(xt) * torch.from_numpy(upstream).double()).sum().backward()
    np.testing.assert_allclose(net.grad, flat_grad(tm), rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(dx, xt.grad.numpy(), rtol=1e-4, atol=1e-5)


def test_gradient_penalty_matches_double_backprop(net):
    """WGAN-GP's penalty gradient (through the input gradient) equals autograd's create_graph."""
    x = np.random.default_rng(4).standard_normal((30, 2)).astype(np.float32)
    lam = 0.7
    _, cache = net.forward(x)
    g, us = net.input_gradient(cache)
    norm = np.sqrt((g ** 2).sum(1, keepdims=True))
    net.grad[:] = 0
    net.penalty_backward(cache, us, lam * 2 / len(x) * (norm - 1) * g / norm)
    tm = torch_mlp(net)
    xt = torch.from_numpy(x).double().requires_grad_()
    (grad,) = torch.autograd.grad(tm(xt).sum(), xt, create_graph=True)
    np.testing.assert_allclose(g, grad.detach().numpy(), rtol=1e-4, atol=1e-5)
    (lam * ((grad.norm(dim=1) - 1) ** 2).mean()).backward()
    np.testing.assert_allclose(net.grad, flat_grad(tm), rtol=1e-3, atol=1e-5)


@pytest.mark.parametrize("loss", toy.LOSSES)
def test_full_step_gradients_match_autograd(loss):
    """One D step and one G step of ToyGAN compute the same gradients as torch."""
    s = toy.Settings(loss=loss, batch=32, g_width=16, d_width=16, seed=3)
    data = datasets.ring()
    gan = toy.ToyGAN(s, data.sample)
    # replay the same random draws in torch: capture them from a twin generator
    twin = np.random.default_rng(s.seed)
    toy.MLP([s.z_dim, 16, 16, 2], twin), toy.MLP([2, 16, 16, 1], twin)
    G, D = torch_mlp(gan.G), torch_mlp(gan.D)
    z = twin.standard_normal((32, s.z_dim), dtype=np.float32)
    real = data.sample(twin, 32)
    fake, g_cache = gan.G.forward(z)
    x = np.concatenate([real, fake])
    out, cache = gan.D.forward(x)
    _, d_r, d_f = toy.d_loss_and_grad(loss, out[:32], out[32:])
    gan.D.backward(cache, np.concatenate([d_r, d_f]))
    sr, sf = D(torch.from_numpy(real).double()), D(torch.from_numpy(fake).double())
    if loss in ("non-saturating", "saturating"):
        ld = model.d_loss(torch.sigmoid(sr), torch.sigmoid(sf))
    elif loss == "least-squares":
        ld = model.d_loss_least_squares(sr, sf)
    else:
        ld = sf.mean() - sr.mean()
    ld.backward()
    np.testing.assert_allclose(gan.D.grad, flat_grad(D), rtol=2e-3, atol=1e-5)
    # G: gradient of its loss through D into G's weights
    out_f, cache_f = gan.D.forward(fake)
    _, d_s = toy.g_loss_and_grad(loss, out_f)
    d_x = gan.D.backward(cache_f, d_s / 32, params=False, inputs=True)
    gan.G.backward(g_cache, d_x)
    zt = torch.from_numpy(z).double()
    sf = D(G(zt))
    lg = {"non-saturating": lambda: model.g_loss_non_saturating(torch.sigmoid(sf)),
          "saturating": lambda: model.g_loss_saturating(torch.sigmoid(sf)),
          "least-squares": lambda: model.g_loss_least_squares(sf),
          "wgan-gp": lambda: -sf.mean()}[loss]()
    G.zero_grad()
    lg.backward()
    np.testing.assert_allclose(gan.G.grad, flat_grad(G), rtol=2e-3, atol=1e-5)


def test_adam_matches_torch(net):
    grads = [np.random.default_rng(i).standard_normal(net.n_params).astype(np.float32) for i in range(5)]
    p = torch.nn.Parameter(torch.from_numpy(net.theta.copy()))
    opt_t = torch.optim.Adam([p], lr=1e-2, betas=(0.5, 0.999))
    opt = toy.Adam(net, lr=1e-2)
    for g in grads:
        net.grad[:] = g
        opt.step()
        p.grad = torch.from_numpy(g)
        opt_t.step()
    np.testing.assert_allclose(net.theta, p.detach().numpy(), rtol=1e-5, atol=1e-6)


def test_losses_are_what_their_names_say():
    """Near D(G(z)) = 0 the saturating loss is flat and the non-saturating one is steep."""
    s = np.array([[-8.0], [-6.0]], np.float32)         # D(G(z)) = sigmoid(s) ~ 3e-4, 2.5e-3
    d = toy.sigmoid(s)
    _, g_sat = toy.g_loss_and_grad("saturating", s)
    _, g_ns = toy.g_loss_and_grad("non-saturating", s)
    # d/ds log(1 - sigmoid(s)) = -sigmoid(s): vanishes;  d/ds -log sigmoid(s) = sigmoid(s) - 1: ~ -1
    np.testing.assert_allclose(g_sat, -d, rtol=1e-5)
    np.testing.assert_allclose(g_ns, d - 1, rtol=1e-5)
    assert np.abs(g_sat).max() < 3e-3 and np.abs(g_ns).min() > 0.99
    # the values: minimax = E[log(1 - D)], non-saturating = -E[log D]
    v_sat, _ = toy.g_loss_and_grad("saturating", s)
    v_ns, _ = toy.g_loss_and_grad("non-saturating", s)
    assert v_sat == pytest.approx(np.log(1 - d).mean(), rel=1e-4)
    assert v_ns == pytest.approx(-np.log(d).mean(), rel=1e-4)
    # the torch versions in model.py agree, and their gradients with respect to D(G(z)) too
    dt = torch.tensor(d, dtype=torch.float64, requires_grad=True)
    model.g_loss_saturating(dt).backward()
    assert dt.grad.abs().max() < 1.0                   # d/dD log(1 - D) = -1/(1 - D) ~ -1 (per 2)
    dt2 = torch.tensor(d, dtype=torch.float64, requires_grad=True)
    model.g_loss_non_saturating(dt2).backward()
    assert dt2.grad.abs().min() > 100                  # d/dD -log D = -1/D: huge where D ~ 0


def test_bce_d_loss_is_minus_value():
    d_real, d_fake = torch.tensor([0.9, 0.7]), torch.tensor([0.2, 0.4])
    assert model.d_loss(d_real, d_fake) == pytest.approx(
        -(math.log(0.9) + math.log(0.7)) / 2 - (math.log(0.8) + math.log(0.6)) / 2, rel=1e-5)


def test_optimal_discriminator_identity():
    """On a discrete toy case: D* = p/(p+q) maximises V, and V(D*, G) = 2 JSD(p||q) - log 4."""
    p = torch.tensor([0.5, 0.3, 0.15, 0.05], dtype=torch.float64)
    q = torch.tensor([0.1, 0.2, 0.3, 0.4], dtype=torch.float64)
    d_star = model.optimal_discriminator(p, q)

    def V(d):  # expectation over the 4 points: sum_x p(x) log D(x) + q(x) log(1 - D(x))
        return (p * torch.log(d) + q * torch.log(1 - d)).sum()

    best = V(d_star)
    assert best.item() == pytest.approx(2 * model.jensen_shannon(p, q).item() - math.log(4), abs=1e-9)
    for _ in range(200):  # no other discriminator does better
        d = torch.rand(4, dtype=torch.float64).clamp(1e-3, 1 - 1e-3)
        assert V(d) <= best + 1e-12
    # when p_G = p_data, D* = 1/2 everywhere (it cannot tell), JSD = 0 and V = -log 4
    assert torch.allclose(model.optimal_discriminator(p, p), torch.full((4,), 0.5, dtype=torch.float64))
    assert model.jensen_shannon(p, p).item() == pytest.approx(0, abs=1e-9)


def test_trained_discriminator_approaches_optimum():
    """Train only D (G frozen) on the toy: D(x) approaches p_data/(p_data + p_G) on the plane."""
    s = toy.Settings(d_lr=3e-3, batch=256, seed=1)
    data = datasets.ring()
    gan = toy.ToyGAN(s, data.sample)
    for _ in range(1500):
        gan.d_step()
    # near a real mode, far from G's samples: D ~ 1; at G's samples, far from data: D ~ 0
    fake = gan.generate(gan.z(500))
    assert gan.prob_real(data.skeleton).mean() > 0.9
    assert np.median(gan.prob_real(fake)) < 0.2


def test_divergence_is_caught():
    gan = toy.ToyGAN(toy.Settings(g_lr=100.0, d_lr=100.0, seed=0), datasets.ring().sample)
    with pytest.raises(toy.Diverged):
        for _ in range(50):
            gan.train(20)


def test_live_setting_changes_apply_without_reset():
    from playground.gan.session import Session
    sess = Session(toy.Settings(seed=0))
    sess.train(50)
    step, G = sess.gan.step, sess.gan.G.theta.copy()
    sess.update(g_lr=0.01, d_optimizer="sgd", loss="least-squares", noise=0.3)
    assert sess.gan.step == step and np.array_equal(sess.gan.G.theta, G)
    assert sess.gan.opt_g.lr == 0.01 and isinstance(sess.gan.opt_d, toy.SGD)
    assert sess.gan.noise_std() == pytest.approx(0.3)
    sess.train(10)
    assert sess.gan.step == step + 10


@pytest.mark.parametrize("loss", toy.LOSSES)
def test_training_computes_only_the_last_losses_and_learns_the_same(loss):
    """train(n) skips the loss values of all but its last iteration (only the gradients
    train): the same weights and the same final losses as n fully measured iterations."""
    s = toy.Settings(loss=loss, d_steps=2, seed=3)
    a = toy.ToyGAN(s, datasets.ring().sample)
    b = toy.ToyGAN(s, datasets.ring().sample)
    a.train(7)
    for _ in range(7):
        b.iteration(measure=True)
    np.testing.assert_array_equal(a.G.theta, b.G.theta)
    np.testing.assert_array_equal(a.D.theta, b.D.theta)
    assert (a.d_loss, a.g_loss) == (b.d_loss, b.g_loss)
    assert math.isfinite(a.d_loss) and a.d_loss != 0.0


@pytest.mark.parametrize("loss", toy.LOSSES)
def test_d_steps_without_gs_cache_learn_the_same(loss):
    """Of several D steps, only the last keeps G's cache (for G's step); the others make their
    fake batch with G's forward pass without one: bit for bit the same training as D steps
    that each keep it (the presets' stories, measured with caches, stay as they were)."""
    s = toy.Settings(loss=loss, d_steps=5, seed=4)
    a = toy.ToyGAN(s, datasets.ring().sample)
    b = toy.ToyGAN(s, datasets.ring().sample)
    a.train(6)
    for _ in range(6):
        for _ in range(s.d_steps):
            fake, cache = b.d_step(measure=False, keep=True)
        b.g_step(fake, cache, measure=False)
    np.testing.assert_array_equal(a.G.theta, b.G.theta)
    np.testing.assert_array_equal(a.D.theta, b.D.theta)
