"""The gap between the ELBO and log p(x): the importance-weighted estimate (IWAE bound).

    log p(x) >= log (1/K) sum_k p(x, z_k) / q(z_k | x)  >=  ELBO,   z_k ~ q(z|x)

K = 1 is the ELBO in expectation; the bound rises with K; for the 2-d model log p(x) itself
can be computed by brute force (a grid over z), and K = 1000 comes close to it.
"""

import math

import pytest
import torch

from playground import data, weights
from playground.vae.model import (VAE, build, estimate_elbo, grid_log_px, iwae, kl_per_dim,
                                  log_normal, log_weights, recon)


def _binary_batch(n=4, seed=0):
    g = torch.Generator().manual_seed(seed)
    return (torch.rand((n, 1, 28, 28), generator=g) > 0.75).float()


def test_log_normal_is_the_gaussian_log_density():
    g = torch.Generator().manual_seed(1)
    z, mu, logvar = (torch.randn((5, 3), generator=g) for _ in range(3))
    expected = torch.distributions.Normal(mu, torch.exp(0.5 * logvar)).log_prob(z).sum(-1)
    assert torch.allclose(log_normal(z, mu, logvar), expected, atol=1e-5)


def test_k1_is_the_single_sample_elbo_in_expectation():
    torch.manual_seed(0)
    model = VAE(latent_dim=3, channels=4, hidden=16).eval()   # small: 4 x 4000 decodes
    x = _binary_batch()
    log_w = log_weights(model, x, 4000, seed=1)
    k1 = iwae(log_w, 1)                               # the mean of log w over 4000 draws
    assert torch.allclose(k1, log_w.mean(1))
    stderr = log_w.std(1) / math.sqrt(log_w.shape[1])
    # the ELBO with its KL in closed form, E_q[log p(x|z)] from 4000 other draws (one batch)
    with torch.no_grad():
        mu, logvar = model.encode(x)
        g = torch.Generator().manual_seed(2)
        z = mu[:, None] + torch.exp(0.5 * logvar)[:, None] * torch.randn((len(x), 4000, 3), generator=g)
        rec = recon(model.decode(z.reshape(-1, 3)), x.repeat_interleave(4000, 0)).reshape(len(x), -1)
        elbo = rec.mean(1) - kl_per_dim(mu, logvar).sum(1)
    assert torch.all((k1 - elbo).abs() < 4 * stderr + 0.05), (k1, elbo, stderr)


def test_one_group_is_log_mean_exp_and_k_is_checked():
    log_w = torch.tensor([[0.0, math.log(3.0), -5.0, 2.0]])
    expected = math.log((1 + 3 + math.exp(-5) + math.exp(2)) / 4)
    assert iwae(log_w, 4).item() == pytest.approx(expected, abs=1e-6)
    # K = 2: the two groups' bounds, averaged
    pairs = (math.log((1 + 3) / 2) + math.log((math.exp(-5) + math.exp(2)) / 2)) / 2
    assert iwae(log_w, 2).item() == pytest.approx(pairs, abs=1e-6)
    for k in (0, 5):
        with pytest.raises(ValueError):
            iwae(log_w, k)


@pytest.fixture(scope="module")
def vae2_gap():
    assert not weights.problems(["vae2"])
    model = weights.load("vae2", build, device="cpu")
    x, _ = data.tensors("test", binarized=True)
    x = x[:6]
    return model, x, log_weights(model, x, 1000, seed=0)


def test_the_bound_rises_with_k_on_average(vae2_gap):
    model, x, log_w = vae2_gap
    ks = [1, 3, 10, 30, 100, 300, 1000]
    means = [iwae(log_w, k).mean().item() for k in ks]
    assert all(b >= a - 1e-4 for a, b in zip(means, means[1:])), means
    assert means[-1] - means[0] > 1.0, means   # it rises for real, not only by noise
    elbo = estimate_elbo(model, x, samples=16)["elbo"].mean().item()
    assert means[0] == pytest.approx(elbo, abs=1.5)   # 16 draws of z: a noisy reference


def test_k1000_comes_close_to_a_brute_force_integral_of_the_2d_model(vae2_gap):
    model, x, log_w = vae2_gap
    x, log_w = x[:3], log_w[:3]
    with torch.no_grad():
        exact = grid_log_px(model, x, n=61)
        wider = grid_log_px(model, x, n=61, width=14.0)
    assert torch.allclose(exact, wider, atol=0.05), (exact, wider)    # the grid has converged
    elbo = estimate_elbo(model, x, samples=16)["elbo"]
    k1000 = iwae(log_w, 1000)
    assert torch.all(elbo < k1000) and torch.all(k1000 <= exact + 0.1), (elbo, k1000, exact)
    assert torch.all(exact - k1000 < 2.0), (k1000, exact)
    # most of the gap ELBO -> log p(x) is closed by 1000 samples
    assert torch.all(exact - k1000 < 0.35 * (exact - elbo)), (elbo, k1000, exact)


@pytest.mark.parametrize("name", ["vae16_beta1", "vae2"])
def test_manifest_gap_numbers_are_ordered_and_reproduce(name):
    assert not weights.problems([name])
    m = weights.entry(name)["metrics"]
    chain = [m["test_neg_elbo_nats"], *(m[f"test_neg_iwae{k}_nats"] for k in (1, 10, 100, 1000))]
    assert chain[1] == pytest.approx(chain[0], abs=0.5)            # K = 1: the ELBO
    assert all(b < a for a, b in zip(chain[1:], chain[2:])), chain  # then every K is tighter
    model = weights.load(name, build, device="cpu")
    x, _ = data.tensors("test", binarized=True)
    log_w = log_weights(model, x, 10, seed=123)                    # fresh draws, one group each
    assert -iwae(log_w, 10).mean().item() == pytest.approx(m["test_neg_iwae10_nats"], abs=0.3)


def test_the_tabs_numpy_estimate_is_the_models_iwae():
    from playground.vae import views as V
    log_w = torch.randn(1, 1000, generator=torch.Generator().manual_seed(5), dtype=torch.float64) * 4 - 90
    for k in (1, 3, 10, 333, 1000):
        assert V.gap_numbers(log_w[0].numpy(), k)[1] == pytest.approx(iwae(log_w, k).item(), abs=1e-9)
