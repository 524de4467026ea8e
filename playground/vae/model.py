"""A convolutional variational autoencoder for 28x28 binary digits, in the syllabus' notation.

    encoder  q_phi(z|x)   = N(z; mu(x), diag(sigma(x)^2)),  sigma = exp(logvar / 2)
    decoder  p_theta(x|z) = prod_i Bernoulli(x_i; sigmoid(logits_i(z)))
    prior    p(z)         = N(0, I)

    ELBO(x) = E_q[log p(x|z)] - KL(q(z|x) || p(z))  <=  log p(x)
              \\_ recon _/       \\_ sum of kl_per_dim _/

Training minimises -recon + beta * KL (beta = 1 is the ELBO itself; a larger
beta buys a smoother latent space with worse reconstructions). Everything is
in nats, summed over the 784 pixels and over the latent dimensions.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn


# The pretrained models this repo trains (playground/vae/train.py): name -> (latent_dim, beta).
PRETRAINED = {
    "vae2": (2, 1.0),
    "vae16_beta0.5": (16, 0.5),
    "vae16_beta1": (16, 1.0),
    "vae16_beta4": (16, 4.0),
}
# A latent dimension whose KL is below this (nats) carries almost no information
# about the input: q(z_j|x) sits on the prior there ("unused"). One that does so for
# every x is an inactive unit (a partial collapse); posterior collapse proper is
# q(z|x) = p(z) for the whole code.
UNUSED_KL_NATS = 0.05


class VAE(nn.Module):
    def __init__(self, latent_dim: int = 16, channels: int = 32, hidden: int = 256):
        super().__init__()
        self.latent_dim = latent_dim
        c = channels
        # encoder: 1x28x28 -> c x14x14 -> 2c x7x7 -> hidden -> (mu, logvar)
        self.encoder = nn.Sequential(
            nn.Conv2d(1, c, 4, stride=2, padding=1), nn.ReLU(),
            nn.Conv2d(c, 2 * c, 4, stride=2, padding=1), nn.ReLU(),
            nn.Flatten(), nn.Linear(2 * c * 7 * 7, hidden), nn.ReLU())
        self.to_mu = nn.Linear(hidden, latent_dim)
        self.to_logvar = nn.Linear(hidden, latent_dim)
        # decoder: the mirror image, ending in one logit per pixel
        self.decoder = nn.Sequential(
            nn.Linear(latent_dim, hidden), nn.ReLU(),
            nn.Linear(hidden, 2 * c * 7 * 7), nn.ReLU(),
            nn.Unflatten(1, (2 * c, 7, 7)),
            nn.ConvTranspose2d(2 * c, c, 4, stride=2, padding=1), nn.ReLU(),
            nn.ConvTranspose2d(c, 1, 4, stride=2, padding=1))

    def encode(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """q_phi(z|x): the mean and log-variance of a diagonal Gaussian, [B, latent_dim] each."""
        h = self.encoder(x)
        return self.to_mu(h), self.to_logvar(h)

    def decode(self, z: torch.Tensor) -> torch.Tensor:
        """p_theta(x|z): Bernoulli logits [B, 1, 28, 28] (sigmoid gives each pixel's probability)."""
        return self.decoder(z)

    def forward(self, x: torch.Tensor, eps: torch.Tensor | None = None):
        mu, logvar = self.encode(x)
        z = reparameterise(mu, logvar, eps)
        return self.decode(z), mu, logvar, z


def sigma_of(logvar: torch.Tensor) -> torch.Tensor:
    return torch.exp(0.5 * logvar)


def reparameterise(mu: torch.Tensor, logvar: torch.Tensor,
                   eps: torch.Tensor | None = None) -> torch.Tensor:
    """z = mu + sigma * eps with eps ~ N(0, I): the randomness sits outside the network,
    so gradients flow through mu and sigma."""
    if eps is None:
        eps = torch.randn_like(mu)
    return mu + sigma_of(logvar) * eps


def kl_per_dim(mu: torch.Tensor, logvar: torch.Tensor) -> torch.Tensor:
    """KL(N(mu, sigma^2) || N(0, 1)) for each latent dimension, in closed form:
    0.5 * (mu^2 + sigma^2 - 1 - log sigma^2). Same shape as mu."""
    return 0.5 * (mu.pow(2) + logvar.exp() - 1.0 - logvar)


def recon(logits: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """log p_theta(x|z) of binary pixels x under Bernoulli(sigmoid(logits)), summed per image [B].
    (Grey x in [0, 1] gives the cross-entropy of the grey levels, the same formula.)"""
    return -F.binary_cross_entropy_with_logits(logits, x, reduction="none").flatten(1).sum(1)


def elbo(logits: torch.Tensor, x: torch.Tensor, mu: torch.Tensor,
         logvar: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """(ELBO, reconstruction term, KL term) per image, for one sample z per image."""
    r = recon(logits, x)
    kl = kl_per_dim(mu, logvar).sum(1)
    return r - kl, r, kl


def loss(model: VAE, x: torch.Tensor, beta: float = 1.0,
         target: torch.Tensor | None = None) -> tuple[torch.Tensor, dict]:
    """The training objective, mean over the batch: -recon + beta * KL.

    With beta = 1 this is exactly the negative ELBO. `target` is the image to
    reconstruct when it differs from the input (it never does here)."""
    logits, mu, logvar, _ = model(x)
    _, r, kl = elbo(logits, x if target is None else target, mu, logvar)
    objective = (-r + beta * kl).mean()
    return objective, {"recon": r.mean().item(), "kl": kl.mean().item()}


def build(config: dict) -> VAE:
    """The module described by a manifest `config` (latent_dim, channels, hidden)."""
    return VAE(latent_dim=int(config["latent_dim"]), channels=int(config.get("channels", 32)),
               hidden=int(config.get("hidden", 256)))


@torch.no_grad()
def estimate_elbo(model: VAE, x: torch.Tensor, samples: int = 16, seed: int = 0,
                  batch_size: int = 500) -> dict[str, torch.Tensor]:
    """Per-image ELBO, recon and KL of binary images x [N, 1, 28, 28].

    The KL term is exact (closed form); the reconstruction term E_q[log p(x|z)]
    is a Monte Carlo average over `samples` draws of z per image, with a fixed
    seed so that the same image always gets the same number."""
    g = torch.Generator(device="cpu").manual_seed(seed)
    out = {"elbo": [], "recon": [], "kl": [], "kl_per_dim": []}
    for i in range(0, len(x), batch_size):
        xb = x[i: i + batch_size]
        mu, logvar = model.encode(xb)
        r = torch.zeros(len(xb), device=xb.device)
        for _ in range(samples):
            eps = torch.randn(mu.shape, generator=g).to(mu.device)
            r += recon(model.decode(reparameterise(mu, logvar, eps)), xb)
        r /= samples
        kld = kl_per_dim(mu, logvar)
        out["recon"].append(r)
        out["kl"].append(kld.sum(1))
        out["kl_per_dim"].append(kld)
        out["elbo"].append(r - kld.sum(1))
    return {k: torch.cat(v) for k, v in out.items()}
