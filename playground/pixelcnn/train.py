"""How pretrained/pixelcnn_*.safetensors were made.

    python -m playground.train pixelcnn_gated --threads 1        # hours on a CPU core
    python -m playground.train pixelcnn_gated --threads 1 --resume
    python -m playground.train pixelcnn_plain --threads 1        # the small blind-spot model
    python -m playground.train pixelcnn_nade --threads 1         # NADE, ~6 CPU minutes
    python -m playground.train pixelcnn_continuous --threads 1   # one grey pixel's fits, ~30 s

Both train on the 8,000 fixed binarized training digits by maximum likelihood
(minimise the NLL, sum over pixels of -log p(x_i | x_<i)), and measure the NLL of the
1,000 validation digits after every epoch. 8,000 digits overfit: the weights kept are
those of the epoch with the best validation NLL, and the learning rate is halved when
the validation NLL stops improving (training stops after `patience` epochs without
improvement). The 1,000 test digits are read once, at the end, for the manifest's
`test_*` numbers; nothing is chosen on them. A checkpoint is written every few
minutes; `--resume` continues it.

The class is replaced by NONE ("no label") for a fraction `label_drop` of the
training images, so the network also learns an unconditional mode (used to generate
"any digit"). The headline metric, `test_nll_nats`, is -log p(x) of the class
mixture p(x) = 1/10 sum_y p(x | y) on the test digits: a density of unlabelled digits
(the likelihood view uses the same). Early stopping watches the NONE-class validation
NLL (one pass per digit; the mixture needs ten).
"""

from __future__ import annotations

import copy
import time

import torch

from playground import data, weights
from playground.pixelcnn import model as M
from playground.train import Run, register

CHECKPOINT_EVERY_S = 240
DATA = ("MNIST, the 8,000 training digits of assets/mnist10k.npz, fixed binarization "
        "(playground.data.tensors('train', binarized=True)); best epoch, learning-rate halving "
        "and early stopping on the 1,000 validation digits; test_* metrics on the 1,000 test "
        "digits nothing else read")


@torch.no_grad()
def mean_nll(model: torch.nn.Module, x: torch.Tensor, y: torch.Tensor,
                batch_size: int = 250) -> float:
    """Mean -log p(x | y) over the digits, in nats per digit (y = NONE: p(x))."""
    model.eval()
    total = sum(M.nll(model, x[i:i + batch_size], y[i:i + batch_size]).sum().item()
                for i in range(0, len(x), batch_size))
    return total / len(x)


@torch.no_grad()
def per_digit_nll_mixture(model: torch.nn.Module, x: torch.Tensor, batch_size: int = 50) -> torch.Tensor:
    """-log p(x) per digit with p(x) = 1/10 sum_y p(x | y): the class-conditional model as a
    mixture over the ten classes (a proper density of x; it needs no label)."""
    model.eval()
    out = [-M.mixture_log_prob_per_pixel(M.log_prob_per_class(model, x[i:i + batch_size])).sum(1)
           for i in range(0, len(x), batch_size)]
    return torch.cat(out)


def mean_nll_mixture(model: torch.nn.Module, x: torch.Tensor) -> float:
    return per_digit_nll_mixture(model, x).mean().item()


def select_on_validation(state: dict, val: float, epoch: int) -> bool:
    """After an epoch: keep the best epoch by validation NLL, and halve the learning rate when
    validation did not improve by 0.05 nats (a plateau). True when `val` is the best so far."""
    improved = val < state["best_nll"] - 0.05
    best = val < state["best_nll"]
    if best:
        state["best_nll"], state["best_epoch"] = val, epoch
    state["bad_epochs"] = 0 if improved else state["bad_epochs"] + 1
    if not improved:
        state["lr"] /= 2  # plateau: halve the step size
    return best


def _train(run: Run, kind: str, config: dict) -> None:
    o = run.opts
    run.name = o.save_as  # checkpoint and manifest entry follow the saved name
    dev = run.device
    x_train, y_train = data.tensors("train", binarized=True, device=dev)
    x_val, y_val = data.tensors("validation", binarized=True, device=dev)
    none_val = torch.full_like(y_val, M.NONE)

    model = M.build({"kind": kind, **config}).to(dev)
    opt = torch.optim.Adam(model.parameters(), lr=o.lr)
    state = dict(epoch=0, batch=0, steps=0, lr=o.lr, best_nll=float("inf"), best_epoch=-1,
                 bad_epochs=0, history=[])
    best_weights = copy.deepcopy(model.state_dict())
    saved = run.load_checkpoint()
    if saved:
        model.load_state_dict(saved["model"])
        opt.load_state_dict(saved["optimizer"])
        best_weights = saved["best_weights"]
        state = saved["state"]
        torch.set_rng_state(saved["rng"])
        print(f"resumed at epoch {state['epoch']}, batch {state['batch']}, "
              f"best validation {state['best_nll']:.2f} nats (epoch {state['best_epoch']})")

    def checkpoint():
        run.save_checkpoint(dict(model=model.state_dict(), optimizer=opt.state_dict(),
                                 best_weights=best_weights, state=state, rng=torch.get_rng_state()))

    n = len(x_train)
    batches = (n + o.batch_size - 1) // o.batch_size
    last_save = time.time()
    print(f"{kind}: {M.count_parameters(model):,} parameters, {batches} batches per epoch")
    while state["epoch"] < o.epochs and state["bad_epochs"] < o.patience:
        epoch = state["epoch"]
        # the epoch's order and its dropped labels come from (seed, epoch): a resumed
        # epoch replays the same batches
        g = torch.Generator().manual_seed(run.seed * 100_003 + epoch)
        order = torch.randperm(n, generator=g).to(dev)
        drop = (torch.rand(n, generator=g) < o.label_drop).to(dev)
        for group in opt.param_groups:
            group["lr"] = state["lr"]
        model.train()
        bar = run.progress(total=batches, initial=state["batch"], leave=False, mininterval=20)
        running = []
        for b in range(state["batch"], batches):
            idx = order[b * o.batch_size:(b + 1) * o.batch_size]
            xb = x_train[idx]
            yb = torch.where(drop[idx], M.NONE, y_train[idx])
            loss = M.nll(model, xb, yb).mean()  # nats per digit
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), o.clip)
            opt.step()
            state["batch"], state["steps"] = b + 1, state["steps"] + 1
            running.append(loss.item())
            bar.update(1)
            bar.set_postfix(epoch=epoch, nll=f"{sum(running[-50:]) / len(running[-50:]):.1f}")
            if time.time() - last_save > CHECKPOINT_EVERY_S:
                checkpoint()
                last_save = time.time()
        bar.close()
        val = mean_nll(model, x_val, none_val)        # selection reads validation only
        val_y = mean_nll(model, x_val, y_val)
        train_nll = sum(running) / max(1, len(running))
        if select_on_validation(state, val, epoch):
            best_weights = copy.deepcopy(model.state_dict())
        state["history"].append(dict(epoch=epoch, train_nll=train_nll, validation_nll=val,
                                     validation_nll_given_label=val_y,
                                     lr=opt.param_groups[0]["lr"]))
        print(f"epoch {epoch}: train {train_nll:.2f}  validation p(x) {val:.2f}  "
              f"p(x|y) {val_y:.2f} nats/digit  ({M.bits_per_dim(val):.4f} bits/dim)  "
              f"lr {opt.param_groups[0]['lr']:.2e}  {time.time() - run.started:.0f} s", flush=True)
        state["epoch"], state["batch"] = epoch + 1, 0
        checkpoint()
        last_save = time.time()

    model.load_state_dict(best_weights)
    model.eval()
    x_test, y_test = data.tensors("test", binarized=True, device=dev)   # read once, here
    metrics = {**_final_metrics(model, x_test, y_test),
               "validation_nll_nats": mean_nll_mixture(model, x_val),
               "validation_nll_nats_no_label": mean_nll(model, x_val, none_val),
               "best_epoch": state["best_epoch"]}
    print("best weights (epoch %d): %s" % (state["best_epoch"], metrics))
    entry = weights.save(o.save_as, model, config={"kind": kind, **config}, data=DATA,
                         seed=run.seed, steps=state["steps"], command=run.command, metrics=metrics,
                         split=data.SIZES)
    print(f"wrote pretrained/{entry['file']} ({M.count_parameters(model):,} parameters)")


def _final_metrics(model: torch.nn.Module, x: torch.Tensor, y: torch.Tensor) -> dict:
    """The manifest's test numbers. Headline: -log p(x) of the class mixture
    p(x) = 1/10 sum_y p(x | y), the density the tab's likelihood view uses. Also: the
    "no label" class on its own, and -log p(x | y) given the true label (not a density of x).
    The percentiles let the tab say whether a student's digit is typical."""
    model.eval()
    per_digit = per_digit_nll_mixture(model, x).cpu()
    mixture = per_digit.mean().item()
    q = torch.quantile(per_digit, torch.tensor([0.05, 0.5, 0.95])).tolist()
    return {
        "test_nll_nats": mixture,
        "test_bits_per_dim": M.bits_per_dim(mixture),
        "test_nll_nats_no_label": mean_nll(model, x, torch.full_like(y, M.NONE)),
        "test_nll_nats_given_label": mean_nll(model, x, y),
        "test_nll_nats_p05": q[0], "test_nll_nats_p50": q[1], "test_nll_nats_p95": q[2],
        "parameters": M.count_parameters(model),
    }


@register("pixelcnn_gated", help="Gated PixelCNN (class-conditional) on binarized digits",
          channels=48, layers=8, kernel=3, first_kernel=7, dropout=0.1,
          epochs=40, batch_size=32, lr=1e-3, clip=1.0, label_drop=0.25, patience=4,
          save_as="pixelcnn_gated")
def train_gated(run: Run) -> None:
    o = run.opts
    _train(run, "gated", dict(channels=o.channels, layers=o.layers, kernel=o.kernel,
                              first_kernel=o.first_kernel, dropout=o.dropout))


@register("pixelcnn_plain", help="plain masked-conv PixelCNN (blind spot) on binarized digits",
          channels=24, layers=12, kernel=3, first_kernel=3,
          epochs=3, batch_size=32, lr=1e-3, clip=1.0, label_drop=0.25, patience=2,
          save_as="pixelcnn_plain")
def train_plain(run: Run) -> None:
    o = run.opts
    _train(run, "plain", dict(channels=o.channels, layers=o.layers, kernel=o.kernel,
                              first_kernel=o.first_kernel))


# ----------------------------------------------------------------------------------
# NADE: one shared hidden layer (nade.py)
# ----------------------------------------------------------------------------------

@torch.no_grad()
def nade_nll(model: torch.nn.Module, x: torch.Tensor, batch_size: int = 250) -> torch.Tensor:
    """-log p(x) per digit under NADE, in nats: [N]."""
    from playground.pixelcnn import nade
    model.eval()
    return torch.cat([nade.nll(model, x[i:i + batch_size]) for i in range(0, len(x), batch_size)])


@register("pixelcnn_nade", help="NADE (one shared hidden layer) on binarized digits",
          hidden=500, epochs=12, batch_size=64, lr=2e-3, patience=3, max_minutes=0.0,
          save_as="pixelcnn_nade")
def train_nade(run: Run) -> None:
    """Maximum likelihood with Adam on the 8,000 training digits; the best epoch on the
    1,000 validation digits is kept (learning rate halved when validation stops improving,
    stop after `patience` epochs without improvement, after `epochs`, or after
    `max_minutes` of wall time if it is > 0); the test digits are read once at the end.

    The shipped weights ran 12 epochs (~6 CPU minutes on one core; the run was capped at
    25 minutes of wall time on a busy machine, which it reached after epoch 11). Validation
    was still improving (98.0 nats at epoch 11): more epochs would lower the NLL further."""
    import torch.nn.functional as F

    from playground.pixelcnn import nade

    o = run.opts
    run.name = o.save_as
    dev = run.device
    x_train = data.tensors("train", binarized=True, device=dev)[0].flatten(1)
    x_val = data.tensors("validation", binarized=True, device=dev)[0].flatten(1)
    model = nade.NADE(hidden=o.hidden).to(dev)
    opt = torch.optim.Adam(model.parameters(), lr=o.lr)
    state = dict(epoch=0, steps=0, lr=o.lr, best_nll=float("inf"), best_epoch=-1, bad_epochs=0,
                 history=[], seconds=0.0)
    best_weights = copy.deepcopy(model.state_dict())
    saved = run.load_checkpoint()
    if saved:
        model.load_state_dict(saved["model"])
        opt.load_state_dict(saved["optimizer"])
        best_weights, state = saved["best_weights"], saved["state"]
        print(f"resumed at epoch {state['epoch']}, best validation {state['best_nll']:.2f} nats")
    n = len(x_train)
    print(f"NADE: {M.count_parameters(model):,} parameters, {n // o.batch_size} batches per epoch")
    while (state["epoch"] < o.epochs and state["bad_epochs"] < o.patience
           and (o.max_minutes <= 0 or state["seconds"] < 60 * o.max_minutes)):
        t0 = time.time()
        epoch = state["epoch"]
        g = torch.Generator().manual_seed(run.seed * 100_003 + epoch)
        order = torch.randperm(n, generator=g).to(dev)
        for group in opt.param_groups:
            group["lr"] = state["lr"]
        model.train()
        running = []
        for b in range(n // o.batch_size):
            xb = x_train[order[b * o.batch_size:(b + 1) * o.batch_size]]
            logits = nade.logits_by_rows(model, xb)
            loss = F.binary_cross_entropy_with_logits(logits, xb, reduction="sum") / len(xb)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            state["steps"] += 1
            running.append(loss.item())
        val = nade_nll(model, x_val).mean().item()      # selection reads validation only
        train_nll = sum(running) / len(running)
        if select_on_validation(state, val, epoch):
            best_weights = copy.deepcopy(model.state_dict())
        state["seconds"] += time.time() - t0
        state["history"].append(dict(epoch=epoch, train_nll=train_nll, validation_nll=val))
        print(f"epoch {epoch}: train {train_nll:.2f}  validation {val:.2f} nats/digit  "
              f"lr {opt.param_groups[0]['lr']:.1e}  {state['seconds']:.0f} s", flush=True)
        state["epoch"] = epoch + 1
        run.save_checkpoint(dict(model=model.state_dict(), optimizer=opt.state_dict(),
                                 best_weights=best_weights, state=state))

    model.load_state_dict(best_weights)
    x_test = data.tensors("test", binarized=True, device=dev)[0].flatten(1)   # read once, here
    per_digit = nade_nll(model, x_test).cpu()
    q = torch.quantile(per_digit, torch.tensor([0.05, 0.5, 0.95])).tolist()
    metrics = {"heldout_nll_nats": per_digit.mean().item(),
               "heldout_bits_per_dim": M.bits_per_dim(per_digit.mean().item()),
               "heldout_nll_nats_p05": q[0], "heldout_nll_nats_p50": q[1], "heldout_nll_nats_p95": q[2],
               "validation_nll_nats": nade_nll(model, x_val).mean().item(),
               "best_epoch": state["best_epoch"], "epochs": state["epoch"],
               "train_seconds": state["seconds"], "parameters": M.count_parameters(model)}
    print("best weights (epoch %d): %s" % (state["best_epoch"], metrics))
    entry = weights.save(o.save_as, model, config={"kind": "nade", **model.config}, data=DATA,
                         seed=run.seed, steps=state["steps"], command=run.command, metrics=metrics,
                         split=data.SIZES)
    print(f"wrote pretrained/{entry['file']}")


# ----------------------------------------------------------------------------------
# Continuous pixels: Bernoulli, 256-way softmax, mixtures of logistics (continuous.py)
# ----------------------------------------------------------------------------------

@register("pixelcnn_continuous", help="one grey pixel: mixtures of K logistics (and the softmax) per context",
          steps=400, save_as="pixelcnn_continuous")
def train_continuous(run: Run) -> None:
    """Maximum likelihood on the 8,000 grey training digits' pixels, by left-neighbour
    context; held-out bits per pixel value on the 1,000 test digits (nothing is selected)."""
    from playground.pixelcnn import continuous

    o = run.opts
    tensors, metrics = continuous.fit_everything(steps=o.steps, seed=run.seed)
    print(metrics)
    weights.save(o.save_as, tensors, config={"kind": "continuous", "bins": continuous.BINS,
                                             "k_max": continuous.K_MAX},
                 data=("MNIST grey levels (0..255) of the 8,000 training digits (playground.data.digits('train')), "
                       "each pixel with its left neighbour's grey level as context; held-out bits on the "
                       "1,000 test digits"),
                 seed=run.seed, steps=o.steps, command=run.command, metrics=metrics, split=data.SIZES)
