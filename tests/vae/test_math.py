"""The VAE's math: closed-form KL, the ELBO's two terms, the reparameterisation, the loss."""

import math

import pytest
import torch

from playground.vae.model import (VAE, elbo, estimate_elbo, kl_per_dim, loss, recon,
                                  reparameterise)


def test_closed_form_kl_matches_a_monte_carlo_estimate():
    g = torch.Generator().manual_seed(0)
    mu = torch.tensor([0.0, 1.5, -0.7, 2.0])
    logvar = torch.tensor([0.0, -1.0, 0.8, -3.0])
    n = 400_000
    eps = torch.randn((n, 4), generator=g)
    z = reparameterise(mu, logvar, eps)
    sigma = torch.exp(0.5 * logvar)
    log_q = -0.5 * ((z - mu) / sigma) ** 2 - torch.log(sigma) - 0.5 * math.log(2 * math.pi)
    log_p = -0.5 * z ** 2 - 0.5 * math.log(2 * math.pi)
    samples = log_q - log_p                         # KL = E_q[log q(z) - log p(z)]
    mc, stderr = samples.mean(0), samples.std(0) / math.sqrt(n)
    closed = kl_per_dim(mu, logvar)
    assert torch.all((mc - closed).abs() < 4 * stderr + 1e-3), (mc, closed, stderr)
    assert kl_per_dim(torch.zeros(3), torch.zeros(3)).abs().max() < 1e-7  # q = p: no KL
    assert torch.all(closed[1:] > 0)


def test_reparameterisation_lets_gradients_reach_mu_and_sigma():
    mu = torch.tensor([0.3, -1.0], requires_grad=True)
    logvar = torch.tensor([0.1, -0.5], requires_grad=True)
    eps = torch.tensor([1.0, -2.0])
    z = reparameterise(mu, logvar, eps)
    assert torch.allclose(z, mu + torch.exp(0.5 * logvar) * eps)
    z.sum().backward()
    assert torch.allclose(mu.grad, torch.ones(2))
    assert torch.allclose(logvar.grad, 0.5 * torch.exp(0.5 * logvar.detach()) * eps)


def test_recon_is_the_bernoulli_log_likelihood():
    logits = torch.tensor([[[[2.0, -1.0], [0.0, 3.0]]]])
    x = torch.tensor([[[[1.0, 0.0], [1.0, 0.0]]]])
    p = torch.sigmoid(logits)
    expected = (x * torch.log(p) + (1 - x) * torch.log(1 - p)).sum()
    assert torch.allclose(recon(logits, x), expected.reshape(1), atol=1e-6)


def _binary_batch(n=6, seed=0):
    g = torch.Generator().manual_seed(seed)
    return (torch.rand((n, 1, 28, 28), generator=g) > 0.7).float()


def test_reconstruction_minus_kl_is_the_reported_elbo():
    torch.manual_seed(0)
    model = VAE(latent_dim=4).eval()
    x = _binary_batch()
    logits, mu, logvar, _ = model(x)
    e, r, kl = elbo(logits, x, mu, logvar)
    assert torch.allclose(r - kl, e)
    assert torch.allclose(kl, kl_per_dim(mu, logvar).sum(1))
    est = estimate_elbo(model, x, samples=4)
    assert torch.allclose(est["recon"] - est["kl"], est["elbo"], atol=1e-5)
    assert torch.allclose(est["kl_per_dim"].sum(1), est["kl"], atol=1e-5)
    assert torch.all(est["elbo"] < 0)  # a log-likelihood bound of binary images is negative
    # fixed seed: the same image always gets the same number
    assert torch.equal(estimate_elbo(model, x, samples=4)["elbo"], est["elbo"])


@pytest.mark.parametrize("beta", [0.5, 1.0, 4.0])
def test_training_loss_is_the_negative_elbo_with_beta(beta):
    torch.manual_seed(1)
    model = VAE(latent_dim=3)
    x = _binary_batch(seed=2)
    torch.manual_seed(7)
    objective, parts = loss(model, x, beta=beta)
    torch.manual_seed(7)  # the same eps
    logits, mu, logvar, _ = model(x)
    e, r, kl = elbo(logits, x, mu, logvar)
    assert torch.allclose(objective, (-r + beta * kl).mean(), atol=1e-4)
    assert parts["recon"] == pytest.approx(r.mean().item(), abs=1e-3)
    assert parts["kl"] == pytest.approx(kl.mean().item(), abs=1e-4)
    if beta == 1.0:
        assert torch.allclose(objective, -e.mean(), atol=1e-4)
    objective.backward()
    assert all(p.grad is not None for p in model.parameters())
