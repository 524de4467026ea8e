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
from playground.vae.model import PRETRAINED, UNUSED_KL_NATS, build, estimate_elbo, loss

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
