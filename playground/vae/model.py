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

import math

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


# ---------------------------------------------------------------- the gap: importance weighting

LOG_2PI = math.log(2 * math.pi)


def log_normal(z: torch.Tensor, mu: torch.Tensor, logvar: torch.Tensor) -> torch.Tensor:
    """log N(z; mu, diag(exp(logvar))), summed over the last (latent) dimension."""
    return -0.5 * (LOG_2PI + logvar + (z - mu).pow(2) / logvar.exp()).sum(-1)


@torch.no_grad()
def log_weights(model: VAE, x: torch.Tensor, samples: int, seed: int = 0,
                chunk: int = 1000) -> torch.Tensor:
    """log w_k = log p(x|z_k) + log p(z_k) - log q(z_k|x), z_k ~ q(z|x): [N, samples].

    Each w_k is an unbiased estimate of p(x) (importance sampling with q as the proposal).
    The decoder runs on at most `chunk` codes at once; a fixed seed gives the same draws."""
    g = torch.Generator(device="cpu").manual_seed(seed)
    mu, logvar = model.encode(x)
    out = torch.empty(len(x), samples, device=x.device)
    zero = torch.zeros_like(mu[:1])
    per = max(1, chunk // samples) if samples < chunk else 1  # digits per decoder call
    for i in range(0, len(x), per):
        m, lv, xb = mu[i: i + per], logvar[i: i + per], x[i: i + per]
        for k in range(0, samples, chunk):
            n = min(chunk, samples - k)
            eps = torch.randn((len(m), n, m.shape[1]), generator=g).to(m.device)
            z = m[:, None] + sigma_of(lv)[:, None] * eps                        # [b, n, d]
            logits = model.decode(z.reshape(-1, m.shape[1]))
            target = xb[:, None].expand(-1, n, -1, -1, -1).reshape(-1, *xb.shape[1:])
            lpx = recon(logits, target).reshape(len(m), n)
            lpz = log_normal(z, zero, zero)
            lqz = log_normal(z, m[:, None], lv[:, None])
            out[i: i + per, k: k + n] = lpx + lpz - lqz
    return out


def iwae(log_w: torch.Tensor, k: int) -> torch.Tensor:
    """The importance-weighted bound with k samples, log (1/k) sum_k w_k, per digit.

    `log_w` [N, S] holds S >= k draws; they are cut into S // k independent groups of k
    and the bounds of the groups are averaged (the same expectation, less noise). k = 1
    is the single-sample ELBO; it rises with k towards log p(x) (Burda et al. 2016)."""
    n, s = log_w.shape
    if not 1 <= k <= s:
        raise ValueError(f"k must be in 1..{s}, not {k}")
    groups = s // k
    w = log_w[:, : groups * k].reshape(n, groups, k)
    return (torch.logsumexp(w, -1) - math.log(k)).mean(-1)


@torch.no_grad()
def grid_log_px(model: VAE, x: torch.Tensor, n: int = 121, width: float = 8.0) -> torch.Tensor:
    """Brute-force log p(x) of a 2-d model: the integral of p(x|z) p(z) over a square grid of
    n x n codes around mu(x) (+- width sigma, at least +- 0.6), for checking `iwae`."""
    assert model.latent_dim == 2
    mu, logvar = model.encode(x)
    half = torch.clamp(width * sigma_of(logvar), min=0.6)          # [N, 2]
    t = torch.linspace(-1, 1, n, device=x.device)
    out = []
    for i in range(len(x)):
        gx, gy = torch.meshgrid(mu[i, 0] + half[i, 0] * t, mu[i, 1] + half[i, 1] * t, indexing="ij")
        z = torch.stack([gx.reshape(-1), gy.reshape(-1)], 1)
        cell = math.log(float(half[i, 0] * 2 / (n - 1))) + math.log(float(half[i, 1] * 2 / (n - 1)))
        lp = torch.cat([recon(model.decode(zb), x[i: i + 1].expand(len(zb), -1, -1, -1))
                        for zb in z.split(2000)])
        lp = lp + log_normal(z, torch.zeros_like(z), torch.zeros_like(z))
        out.append(torch.logsumexp(lp, 0) + cell)
    return torch.stack(out)


# ---------------------------------------------------------------- a plain autoencoder

# name -> latent dimension. Not VAEs (no ELBO), so they live outside PRETRAINED.
OTHERS = {"ae16": 16, "aae2": 2}

def ae_loss(model: VAE, x: torch.Tensor) -> torch.Tensor:
    """The same network trained without the KL term and without noise: the code is z = mu(x)
    (the logvar head is left unused), the loss is the reconstruction cost alone, -log p(x|z).
    Nothing pulls the codes towards any prior, so N(0, I) says nothing about where they are."""
    return -recon(model.decode(model.encode(x)[0]), x).mean()


# ---------------------------------------------------------------- the adversarial autoencoder

RING = {"components": 10, "radius": 4.0, "std": 0.5}  # the AAE's prior p(z) in 2-d


def ring_centres(components: int = 10, radius: float = 4.0) -> torch.Tensor:
    angle = 2 * math.pi * torch.arange(components) / components
    return radius * torch.stack([torch.cos(angle), torch.sin(angle)], 1)


def ring_prior(n: int, generator: torch.Generator | None = None, components: int = 10,
               radius: float = 4.0, std: float = 0.5) -> torch.Tensor:
    """n draws from p(z) = (1/10) sum_c N(z; centre_c, std^2 I), centres evenly on a circle.
    No closed-form KL to it from q(z|x) is needed: the AAE only ever samples from it."""
    c = torch.randint(components, (n,), generator=generator)
    return ring_centres(components, radius)[c] + std * torch.randn((n, 2), generator=generator)


class CodeDiscriminator(nn.Module):
    """D(z): the probability that a 2-d code came from the prior p(z) rather than the encoder."""

    def __init__(self, latent_dim: int = 2, hidden: int = 128):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(latent_dim, hidden), nn.LeakyReLU(0.2),
                                 nn.Linear(hidden, hidden), nn.LeakyReLU(0.2), nn.Linear(hidden, 1))

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        return self.net(z).squeeze(-1)   # a logit: D(z) = sigmoid(logit)


def aae_step(model: VAE, disc: CodeDiscriminator, opt_ae: torch.optim.Optimizer,
             opt_d: torch.optim.Optimizer, opt_enc: torch.optim.Optimizer, x: torch.Tensor,
             z_prior: torch.Tensor) -> dict[str, float]:
    """One AAE training step on a batch (Makhzani et al. 2016), the encoder deterministic,
    z = q(x) = mu(x), in three phases:

    1. reconstruction   min -log p(x | z = q(x))                     (encoder + decoder)
    2. discriminator    min -[log D(z ~ p(z)) + log(1 - D(q(x)))]    (D only)
    3. encoder as G     min -log D(q(x))                              (encoder: fool D)

    Phases 2 and 3 replace the VAE's KL term: instead of KL(q(z|x) || p(z)) in closed form,
    a GAN on the codes pulls the aggregate posterior q(z) = E_x q(z|x) onto p(z), which only
    has to be sampled from."""
    rec = -recon(model.decode(model.encode(x)[0]), x).mean()
    opt_ae.zero_grad(set_to_none=True)
    rec.backward()
    opt_ae.step()

    z = model.encode(x)[0]
    real, fake = disc(z_prior), disc(z.detach())
    d_loss = (F.binary_cross_entropy_with_logits(real, torch.ones_like(real))
              + F.binary_cross_entropy_with_logits(fake, torch.zeros_like(fake)))
    opt_d.zero_grad(set_to_none=True)
    d_loss.backward()
    opt_d.step()

    g_logit = disc(z)
    g_loss = F.binary_cross_entropy_with_logits(g_logit, torch.ones_like(g_logit))
    opt_enc.zero_grad(set_to_none=True)
    g_loss.backward(inputs=list(model.encoder.parameters()) + list(model.to_mu.parameters()))
    opt_enc.step()
    return {"recon": rec.item(), "disc": d_loss.item(), "enc": g_loss.item()}


def prior_codes(name: str, n: int, seed: int = 0) -> torch.Tensor:
    """n codes from the prior each model is sampled with: the ring for the AAE, N(0, I) for the
    VAEs and for the plain autoencoder (which has no prior of its own: that is the point)."""
    g = torch.Generator().manual_seed(int(seed))
    if name.startswith("aae"):
        return ring_prior(n, g, **RING)
    latent = OTHERS[name] if name in OTHERS else PRETRAINED[name][0]
    return torch.randn((n, latent), generator=g)
