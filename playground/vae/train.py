"""How pretrained/vae*.safetensors were made: `python -m playground.train vae16_beta1`.

Four models, one recipe: the 8,000 training digits, dynamically binarized (each
epoch draws every pixel afresh from Bernoulli(grey level)), which generalises
better than one fixed binary copy of so few digits; Adam with a cosine learning
rate; the epoch with the best objective (-recon + beta * KL) on the 1,000 validation
digits is kept. `--init NAME` starts from another pretrained model instead of random
weights (the beta = 0.5 and beta = 4 models were fine-tuned from beta = 1's; the
manifest's command says so). The manifest's `test_*` numbers are measured once, at
the end, on the 1,000 fixed-binarized test digits that neither training nor the
choice of epoch ever read, as a true ELBO (beta = 1) whatever beta the model was
trained with, so the four are comparable.
"""

from __future__ import annotations

import copy
import math
import time

import torch

from playground import data, weights
from playground.train import register
from playground.vae.model import (OTHERS, PRETRAINED, UNUSED_KL_NATS, build, estimate_elbo, loss,
                                  prior_codes)

CHECKPOINT_EVERY_S = 120

PURPOSE = {
    "vae2": "2-d latent space, for the latent map",
    "vae16_beta0.5": "16-d, KL weight 0.5: sharper reconstructions, rougher latent space",
    "vae16_beta1": "16-d, the plain ELBO: the latent sliders",
    "vae16_beta4": "16-d, KL weight 4: smoother latent space, blurrier reconstructions",
}


def split_metrics(model, x: torch.Tensor, split: str, samples: int = 16) -> dict[str, float]:
    """Mean per-digit negative ELBO, reconstruction and KL of binary digits x, in nats,
    keyed `<split>_...` so that the manifest says which digits each number is on."""
    model.eval()
    est = estimate_elbo(model, x, samples=samples, seed=0)
    kl_dims = est["kl_per_dim"].mean(0)
    return {f"{split}_neg_elbo_nats": -est["elbo"].mean().item(),
            f"{split}_recon_nats": -est["recon"].mean().item(),
            f"{split}_kl_nats": est["kl"].mean().item(),
            f"{split}_active_dims": int((kl_dims > UNUSED_KL_NATS).sum().item())}


def fit(run, latent_dim: int, beta: float) -> None:
    o = run.opts
    dev = run.device
    config = {"latent_dim": latent_dim, "beta": beta, "channels": o.channels, "hidden": o.hidden}
    x_train, _ = data.tensors("train", binarized=False, device=dev)   # grey, binarized per epoch
    x_val, _ = data.tensors("validation", binarized=True, device=dev)  # the fixed binary copy
    model = build(config).to(dev)
    if o.init:  # start from another pretrained model (same architecture), e.g. beta=1's
        model.load_state_dict(weights.load(o.init, build, device=dev).state_dict())
    opt = torch.optim.Adam(model.parameters(), lr=o.lr)
    g = torch.Generator(device="cpu").manual_seed(run.seed)
    start_epoch, step, best, best_state, best_epoch = 0, 0, math.inf, None, -1

    ck = run.load_checkpoint()
    if ck:
        model.load_state_dict(ck["model"])
        opt.load_state_dict(ck["opt"])
        g.set_state(ck["generator"])
        start_epoch, step, best = ck["epoch"], ck["step"], ck["best"]
        best_state, best_epoch = ck["best_state"], ck.get("best_epoch", -1)
        print(f"resumed at epoch {start_epoch}, best validation objective {best:.2f}")

    def lr_at(epoch: int) -> float:  # cosine from lr to lr/20 over the run
        return o.lr * (0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * epoch / o.epochs)))

    last_ck = time.time()
    bar = run.progress(range(start_epoch, o.epochs), total=o.epochs, initial=start_epoch)
    for epoch in bar:
        for group in opt.param_groups:
            group["lr"] = lr_at(epoch)
        model.train()
        order = torch.randperm(len(x_train), generator=g)
        for i in range(0, len(order), o.batch_size):
            grey = x_train[order[i: i + o.batch_size]]
            x = torch.bernoulli(grey, generator=g) if dev.type == "cpu" else torch.bernoulli(grey)
            objective, _ = loss(model, x, beta=beta)
            opt.zero_grad(set_to_none=True)
            objective.backward()
            opt.step()
            step += 1
        # model selection on the validation digits (one fixed z each) by the objective this
        # model is trained for, -recon + beta * KL: with beta = 1 the negative ELBO. (Picking
        # a beta = 4 model by its plain ELBO would favour its least beta = 4-like epoch.)
        # The test digits are not read here.
        model.eval()
        est = estimate_elbo(model, x_val, samples=1, seed=0)
        objective = (-est["recon"] + beta * est["kl"]).mean().item()
        if objective < best:
            best, best_state, best_epoch = objective, copy.deepcopy(model.state_dict()), epoch
        bar.set_postfix(validation_objective=f"{objective:.2f}", best=f"{best:.2f}",
                        validation_neg_elbo=f"{-est['elbo'].mean().item():.2f}")
        if time.time() - last_ck > CHECKPOINT_EVERY_S or epoch + 1 == o.epochs:
            run.save_checkpoint({"model": model.state_dict(), "opt": opt.state_dict(),
                                 "generator": g.get_state(), "epoch": epoch + 1, "step": step,
                                 "best": best, "best_state": best_state, "best_epoch": best_epoch})
            last_ck = time.time()

    model.load_state_dict(best_state)
    # the chosen weights, measured on validation (which chose them, so it flatters them a
    # little) and, once, on test (which nothing chose: the number to report)
    x_test, _ = data.tensors("test", binarized=True, device=dev)
    metrics = {**split_metrics(model, x_val, "validation"), **split_metrics(model, x_test, "test"),
               "best_epoch": best_epoch}
    print({k: round(v, 2) for k, v in metrics.items()})
    start = f"initialised from pretrained {o.init}, then " if o.init else ""
    weights.save(run.name, model, config=config,
                 data=(f"MNIST, the 8,000 training digits of assets/mnist10k.npz, {start}trained "
                       f"with beta={beta:g} on dynamically binarized digits; epoch chosen by "
                       f"-recon + {beta:g} * KL on the 1,000 fixed-binarized validation digits; "
                       "test_* metrics on the 1,000 fixed-binarized test digits nothing else "
                       "read, ELBO with beta=1, 16 samples of z per digit"),
                 seed=run.seed, steps=step, command=run.command, metrics=metrics,
                 split=data.SIZES)


def _register(name: str, latent_dim: int, beta: float, purpose: str) -> None:
    @register(name, help=f"convolutional VAE: {purpose}", epochs=50, lr=1e-3,
              batch_size=64, channels=32, hidden=256, init="")
    def trainer(run):
        fit(run, latent_dim, beta)


for _name, (_latent, _beta) in PRETRAINED.items():
    _register(_name, _latent, _beta, PURPOSE[_name])


# ---------------------------------------------------------------- an autoencoder, an AAE

JUDGED = 1000   # prior samples decoded and shown to the digit classifier, per model


@torch.no_grad()
def digit_like_count(model, name: str) -> int:
    """How many of JUDGED decoded prior samples the digit classifier calls a digit."""
    from playground.vae.views import judge
    images = torch.sigmoid(model.decode(prior_codes(name, JUDGED).to(next(model.parameters()).device)))
    return int(judge(images[:, 0].cpu().numpy())[1].sum())


@torch.no_grad()
def code_recon_nats(model, x: torch.Tensor) -> float:
    """Mean -log p(x | z = mu(x)) in nats: the reconstruction cost of a deterministic code."""
    from playground.vae.model import recon
    model.eval()
    return -torch.cat([recon(model.decode(model.encode(xb)[0]), xb) for xb in x.split(500)]).mean().item()


def _fit_other(run, kind: str) -> None:
    """The plain autoencoder (kind "ae") or the adversarial one ("aae"); the same recipe as the
    VAEs: dynamically binarized training digits, Adam, checkpoints."""
    from playground.vae.model import RING, CodeDiscriminator, aae_step, ae_loss, ring_prior
    o = run.opts
    dev = run.device
    latent = OTHERS[run.name]
    config = {"latent_dim": latent, "channels": o.channels, "hidden": o.hidden, "kind": kind}
    if kind == "aae":
        config["prior"] = {"ring": RING}
    x_train, _ = data.tensors("train", binarized=False, device=dev)
    x_val, _ = data.tensors("validation", binarized=True, device=dev)
    model = build(config).to(dev)
    disc = CodeDiscriminator(latent).to(dev)
    enc_params = list(model.encoder.parameters()) + list(model.to_mu.parameters())
    opt = torch.optim.Adam(model.parameters(), lr=o.lr)
    opt_d = torch.optim.Adam(disc.parameters(), lr=o.lr_d, betas=(0.5, 0.999))
    opt_enc = torch.optim.Adam(enc_params, lr=o.lr_d, betas=(0.5, 0.999))
    g = torch.Generator(device="cpu").manual_seed(run.seed)
    start_epoch, step, best, best_state, best_epoch = 0, 0, math.inf, None, -1
    ck = run.load_checkpoint()
    if ck:
        model.load_state_dict(ck["model"])
        disc.load_state_dict(ck["disc"])
        for k, op in (("opt", opt), ("opt_d", opt_d), ("opt_enc", opt_enc)):
            op.load_state_dict(ck[k])
        g.set_state(ck["generator"])
        start_epoch, step, best = ck["epoch"], ck["step"], ck["best"]
        best_state, best_epoch = ck["best_state"], ck["best_epoch"]
        print(f"resumed at epoch {start_epoch}")
    last_ck = time.time()
    bar = run.progress(range(start_epoch, o.epochs), total=o.epochs, initial=start_epoch)
    for epoch in bar:
        model.train()
        order = torch.randperm(len(x_train), generator=g)
        parts = []
        for i in range(0, len(order), o.batch_size):
            grey = x_train[order[i: i + o.batch_size]]
            x = torch.bernoulli(grey, generator=g) if dev.type == "cpu" else torch.bernoulli(grey)
            if kind == "ae":
                rec = ae_loss(model, x)
                opt.zero_grad(set_to_none=True)
                rec.backward()
                opt.step()
                parts.append({"recon": rec.item()})
            else:
                z_prior = ring_prior(len(x), g, **RING).to(dev)
                parts.append(aae_step(model, disc, opt, opt_d, opt_enc, x, z_prior))
            step += 1
        val = code_recon_nats(model, x_val)
        # the AE: the epoch with the best validation reconstruction. The AAE: the last epoch
        # (its adversarial half has no validation number that says "better"; the
        # reconstruction alone would pick an epoch whose codes ignore the prior)
        if kind == "ae" and val < best or kind == "aae":
            best, best_state, best_epoch = val, copy.deepcopy(model.state_dict()), epoch
        means = {k: sum(p[k] for p in parts) / len(parts) for k in parts[0]}
        bar.set_postfix(validation_recon=f"{val:.2f}", **{k: f"{v:.3f}" for k, v in means.items()})
        print(f"epoch {epoch}: validation recon {val:.2f}; train {means}", flush=True)
        if time.time() - last_ck > CHECKPOINT_EVERY_S or epoch + 1 == o.epochs:
            run.save_checkpoint({"model": model.state_dict(), "disc": disc.state_dict(),
                                 "opt": opt.state_dict(), "opt_d": opt_d.state_dict(),
                                 "opt_enc": opt_enc.state_dict(), "generator": g.get_state(),
                                 "epoch": epoch + 1, "step": step, "best": best,
                                 "best_state": best_state, "best_epoch": best_epoch})
            last_ck = time.time()

    model.load_state_dict(best_state)
    model.eval()
    x_test, _ = data.tensors("test", binarized=True, device=dev)
    metrics = {"validation_recon_nats": code_recon_nats(model, x_val),
               "test_recon_nats": code_recon_nats(model, x_test),
               "prior_samples_digit_like": digit_like_count(model, run.name),
               "prior_samples_judged": JUDGED, "best_epoch": best_epoch}
    print({k: round(v, 2) for k, v in metrics.items()})
    how = ("without the KL term and without noise (z = mu(x)), epoch chosen by the "
           "reconstruction cost on the 1,000 fixed-binarized validation digits" if kind == "ae" else
           "as an adversarial autoencoder (deterministic encoder z = mu(x); a discriminator on "
           "the codes against a prior of 10 Gaussians on a ring, radius 4, std 0.5); the last "
           "epoch is kept")
    weights.save(run.name, model, config=config,
                 data=(f"MNIST, the 8,000 training digits of assets/mnist10k.npz, dynamically "
                       f"binarized, trained {how}; test_recon_nats = -log p(x | z = mu(x)) on "
                       "the 1,000 fixed-binarized test digits; prior_samples_digit_like = how "
                       f"many of {JUDGED} decoded prior samples (seed 0; the ring for the AAE, "
                       "N(0, I) otherwise) look like a digit: binarized at 0.5, gan_digit_classifier gives "
                       "one class >= 80%, the ink sits in a dark frame and >= 20 pixels are on (959 "
                       "of the 1,000 real test digits pass)"),
                 seed=run.seed, steps=step, command=run.command, metrics=metrics,
                 split=data.SIZES)


@register("ae16", help="plain autoencoder, 16-d: the VAE's network without the KL term",
          epochs=30, lr=1e-3, lr_d=2e-4, batch_size=64, channels=32, hidden=256)
def _train_ae(run):
    _fit_other(run, "ae")


@register("aae2", help="adversarial autoencoder, 2-d, prior: 10 Gaussians on a ring",
          epochs=30, lr=1e-3, lr_d=2e-4, batch_size=64, channels=32, hidden=256)
def _train_aae(run):
    _fit_other(run, "aae")


# ---------------------------------------------------------------- the gap, measured on test

GAP_KS = (1, 10, 100, 1000)


def measure_gap(name: str, samples: int = 1000, seed: int = 0) -> dict[str, float]:
    """The importance-weighted estimate of log p(x) on the 1,000 test digits, added to the
    model's manifest metrics: `test_neg_iwae<K>_nats` = mean -log (1/K) sum_k w_k, for K in
    GAP_KS, all from the same `samples` draws of z per digit (K < samples: the mean of the
    samples // K groups). Beside `test_neg_elbo_nats` it shows the gap KL(q || posterior)."""
    from playground.vae.model import iwae, log_weights
    model = weights.load(name, build, device="cpu")
    x, _ = data.tensors("test", binarized=True)
    log_w = log_weights(model, x, samples, seed=seed)
    metrics = {f"test_neg_iwae{k}_nats": -iwae(log_w, k).mean().item() for k in GAP_KS}
    weights.update_metrics(name, **metrics)
    return metrics


if __name__ == "__main__":  # python -m playground.vae.train gap vae16_beta1 vae2
    import sys
    if sys.argv[1:2] not in (["gap"], ["samples"]):
        sys.exit("usage: python -m playground.vae.train gap|samples NAME [NAME ...]")
    torch.set_num_threads(1)
    for _n in sys.argv[2:]:
        if sys.argv[1] == "gap":
            print(_n, {k: round(v, 2) for k, v in measure_gap(_n).items()}, flush=True)
        else:
            _count = digit_like_count(weights.load(_n, build, device="cpu"), _n)
            weights.update_metrics(_n, prior_samples_digit_like=_count, prior_samples_judged=JUDGED)
            print(_n, _count, flush=True)
