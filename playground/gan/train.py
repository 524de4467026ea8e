"""How pretrained/gan_*.safetensors were made (the 2-D GANs train live in the tab).

    python -m playground.train gan_digit_classifier --threads 1
    python -m playground.train gan_dcgan_healthy --threads 1
    python -m playground.train gan_dcgan_collapse --threads 1

The classifier comes first: each DCGAN run uses it to report, in the manifest,
how many digit classes its final samples cover.

A DCGAN run writes one file and manifest entry holding the final generator
(keys `generator.*`) and its timeline: samples of a fixed batch of z at ~40
moments of training, as one uint8 array `timeline_samples` [snapshots, samples,
28, 28] with `timeline_steps`, so the tab replays training without 40 weight files.
"""

from __future__ import annotations

import time

import numpy as np
import torch
import torch.nn.functional as F

from playground import data, weights
from playground.gan import model
from playground.train import Run, register

# The GAN models were trained before the validation split existed, on the 9,000 digits that are
# now "train" + "validation"; they select nothing on held-out digits (fixed epochs, last weights).
DATA = "MNIST train+validation splits of assets/mnist10k.npz (9,000 digits; the 1,000 test digits never)"
CLASSIFIER = "gan_digit_classifier"
TIMELINE_SEED = 1234   # the fixed z batch every snapshot shows
CHECKPOINT_EVERY_S = 120


# --- the digit classifier -----------------------------------------------------

def _shift(x: torch.Tensor, max_shift: int, g: torch.Generator) -> torch.Tensor:
    """Random translations by up to `max_shift` pixels (the digits' main variation)."""
    pad = F.pad(x, [max_shift] * 4)
    out = torch.empty_like(x)
    offsets = torch.randint(0, 2 * max_shift + 1, (len(x), 2), generator=g)
    for i, (dy, dx) in enumerate(offsets.tolist()):
        out[i] = pad[i, :, dy: dy + 28, dx: dx + 28]
    return out


def accuracy(classifier: torch.nn.Module, x: torch.Tensor, y: torch.Tensor) -> float:
    classifier.eval()
    with torch.no_grad():
        pred = torch.cat([classifier(xb).argmax(1) for xb in x.split(500)])
    return float((pred == y).float().mean())


@register(CLASSIFIER, help="small CNN that labels generated digits (test accuracy >= 98%)",
          epochs=15, width=32, lr=2e-3, batch=128)
def train_classifier(run: Run) -> None:
    o = run.opts
    x, y = data.tensors("train+validation")
    x_test, y_test = data.tensors("test")
    net = model.DigitClassifier(o.width).to(run.device)
    opt = torch.optim.AdamW(net.parameters(), lr=o.lr, weight_decay=1e-4)
    steps_per_epoch = -(-len(x) // o.batch)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, o.lr, total_steps=o.epochs * steps_per_epoch)
    g = torch.Generator().manual_seed(run.seed)
    step = 0
    for epoch in run.progress(range(o.epochs)):
        net.train()
        order = torch.randperm(len(x), generator=g)
        for idx in order.split(o.batch):
            xb = _shift(x[idx], 2, g).to(run.device)
            loss = F.cross_entropy(net(xb), y[idx].to(run.device), label_smoothing=0.05)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            step += 1
        # printed to watch the run only: nothing is chosen by it (fixed epochs, last weights)
        print(f"epoch {epoch + 1}: test accuracy {accuracy(net, x_test, y_test):.4f}", flush=True)
    acc = accuracy(net, x_test, y_test)
    weights.save(CLASSIFIER, net, config={"width": o.width}, data=DATA, seed=run.seed, steps=step,
                 command=run.command, split={"train+validation": len(x), "test": len(x_test)},
                 metrics={"test_accuracy": acc, "train_accuracy": accuracy(net, x, y)})
    print(f"{CLASSIFIER}: test accuracy {acc:.4f}")


# --- the DCGANs ---------------------------------------------------------------

def fixed_z(n: int, z_dim: int) -> torch.Tensor:
    return torch.randn(n, z_dim, generator=torch.Generator().manual_seed(TIMELINE_SEED))


def to_uint8(images: torch.Tensor) -> torch.Tensor:
    """Generator output in [-1, 1] -> uint8 [N, 28, 28]."""
    return ((images.squeeze(1).clamp(-1, 1) + 1) * 127.5).round().to(torch.uint8).cpu()


def snapshot(G: model.Generator, z: torch.Tensor) -> torch.Tensor:
    G.eval()
    with torch.no_grad():
        out = to_uint8(G(z))
    G.train()
    return out


def classes_covered(images_uint8: torch.Tensor, min_share: float = 0.03,
                    min_confidence: float = 0.5) -> tuple[int, float]:
    """(classes with >= min_share of the samples, recognised with > min_confidence; share
    recognised). The same rule as the tab's meter (mnist.MIN_CONFIDENCE)."""
    classifier = weights.load(CLASSIFIER, model.build_classifier, device="cpu")
    images = images_uint8.float().unsqueeze(1) / 255
    label, conf = model.classify(classifier, images)
    sure = (conf >= min_confidence) & model.digit_like(images)
    counts = torch.bincount(label[sure], minlength=10)
    return int((counts >= min_share * len(label)).sum()), float(sure.float().mean())


HELDOUT_SEED = 99      # the 1,000 fresh samples judged (also classes_covered_1000_samples)


def heldout_metrics(G: model.Generator, n: int = 1000) -> dict:
    """How close n fresh samples come to the 1,000 test digits (never trained on), as judged
    by the digit classifier:

    * heldout_frechet_classifier: the Frechet distance between the two sets' classifier
      features (FID's formula on this classifier; 0 = the same feature statistics), beside
      heldout_frechet_reference_real, the same for 1,000 real training digits (the floor);
    * heldout_class_tv: total variation between the classes the samples are taken for
      ("not sure" is a class of its own) and the test digits' true classes (0 to 1).
    """
    classifier = weights.load(CLASSIFIER, model.build_classifier, device="cpu")
    x_test, y_test = data.tensors("test")
    z = torch.randn(n, G.z_dim, generator=torch.Generator().manual_seed(HELDOUT_SEED))
    was_training = G.training
    G.eval()
    with torch.no_grad():
        fake = to_uint8(G(z.to(next(G.parameters()).device))).float().unsqueeze(1) / 255
    G.train(was_training)
    real = data.tensors("train+validation")[0]
    real = real[torch.randperm(len(real), generator=torch.Generator().manual_seed(HELDOUT_SEED))[:n]]
    test_features = model.classifier_features(classifier, x_test)
    label, conf = model.classify(classifier, fake)
    sure = (conf >= 0.5) & model.digit_like(fake)
    share_fake = torch.bincount(torch.where(sure, label, 10), minlength=11).double() / n
    share_test = torch.bincount(y_test, minlength=11).double() / len(y_test)
    return {"heldout_frechet_classifier": model.frechet_distance(model.classifier_features(classifier, fake),
                                                                 test_features),
            "heldout_frechet_reference_real": model.frechet_distance(model.classifier_features(classifier, real),
                                                                     test_features),
            "heldout_class_tv": float(0.5 * (share_fake - share_test).abs().sum())}


def _dcgan(run: Run) -> None:
    o = run.opts
    x = data.tensors("train+validation")[0] * 2 - 1   # tanh range
    batch_norm = getattr(o, "batch_norm", True)
    G = model.Generator(o.z_dim, o.width, batch_norm=batch_norm).to(run.device)
    D = model.Discriminator(o.width, batch_norm=batch_norm).to(run.device)
    opt_g = torch.optim.Adam(G.parameters(), lr=o.lr_g, betas=(o.beta1, 0.999))
    opt_d = torch.optim.Adam(D.parameters(), lr=o.lr_d, betas=(o.beta1, 0.999))
    steps_per_epoch = len(x) // o.batch
    total = o.epochs * steps_per_epoch
    marks = sorted(set(np.linspace(0, total, o.snapshots).round().astype(int).tolist()))
    z_fixed = fixed_z(o.samples, o.z_dim).to(run.device)
    frames, frame_steps, epoch0, step = [], [], 0, 0
    state = run.load_checkpoint()
    if state:
        for m, k in ((G, "G"), (D, "D"), (opt_g, "opt_g"), (opt_d, "opt_d")):
            m.load_state_dict(state[k])
        frames, frame_steps = list(state["frames"]), state["frame_steps"].tolist()
        epoch0, step = state["epoch"], state["step"]
        print(f"resumed at epoch {epoch0}, step {step}")
    ones = torch.ones(o.batch, device=run.device)
    zeros = torch.zeros(o.batch, device=run.device)
    last_save = time.time()
    for epoch in run.progress(range(epoch0, o.epochs), total=o.epochs, initial=epoch0):
        order = torch.randperm(len(x), generator=torch.Generator().manual_seed(run.seed * 1000 + epoch))
        for i in range(steps_per_epoch):
            if step in marks and step not in frame_steps:
                frames.append(snapshot(G, z_fixed))
                frame_steps.append(step)
            real = x[order[i * o.batch: (i + 1) * o.batch]].to(run.device)
            # D step: real -> 1, fake -> 0 (BCE on logits is -V(D, G))
            fake = G(torch.randn(o.batch, o.z_dim, device=run.device))
            loss_d = (F.binary_cross_entropy_with_logits(D(real), ones)
                      + F.binary_cross_entropy_with_logits(D(fake.detach()), zeros))
            opt_d.zero_grad()
            loss_d.backward()
            opt_d.step()
            # G steps: non-saturating loss -log D(G(z))
            for _ in range(o.g_steps):
                fake = G(torch.randn(o.batch, o.z_dim, device=run.device))
                loss_g = F.binary_cross_entropy_with_logits(D(fake), ones)
                opt_g.zero_grad()
                loss_g.backward()
                opt_g.step()
            step += 1
        print(f"epoch {epoch + 1}: step {step} loss_d {loss_d.item():.3f} loss_g {loss_g.item():.3f}",
              flush=True)
        if time.time() - last_save > CHECKPOINT_EVERY_S or epoch + 1 == o.epochs:
            run.save_checkpoint({"G": G.state_dict(), "D": D.state_dict(), "opt_g": opt_g.state_dict(),
                                 "opt_d": opt_d.state_dict(), "frames": torch.stack(frames),
                                 "frame_steps": torch.tensor(frame_steps), "epoch": epoch + 1,
                                 "step": step})
            last_save = time.time()
    if total not in frame_steps:
        frames.append(snapshot(G, z_fixed))
        frame_steps.append(total)
    timeline = torch.stack(frames)
    covered, recognised = classes_covered(timeline[-1])
    fresh = snapshot(G, torch.randn(1000, o.z_dim, generator=torch.Generator().manual_seed(99)))
    covered_fresh, recognised_fresh = classes_covered(fresh)
    config = {"z_dim": o.z_dim, "width": o.width}
    if not batch_norm:  # older entries have no key: batch norm (model.build_generator's default)
        config["batch_norm"] = False
    training = {"epochs": o.epochs, "batch": o.batch, "lr_g": o.lr_g, "lr_d": o.lr_d,
                "beta1": o.beta1, "g_steps": o.g_steps, "loss": "non-saturating", "batch_norm": batch_norm}
    metrics = {"classes_covered_final": covered, "recognised_share_final": recognised,
               "classes_covered_1000_samples": covered_fresh,
               "recognised_share_1000_samples": recognised_fresh}
    # one file per run: the final generator (keys "generator.*") and its timeline
    tensors = {f"generator.{k}": v for k, v in G.state_dict().items()}
    tensors.update(timeline_samples=timeline, timeline_steps=torch.tensor(frame_steps))
    weights.save(run.name, tensors,
                 config={**config, "timeline": {"samples": o.samples, "z_seed": TIMELINE_SEED,
                                                "snapshots": len(frame_steps)},
                         "training": training},
                 data=DATA, seed=run.seed, steps=step, command=run.command, metrics=metrics,
                 split={"train+validation": len(x)})
    print(f"{run.name}: {metrics}")


# Healthy: the DCGAN paper's recipe (Adam 2e-4, beta1 0.5, one G step per D step).
register("gan_dcgan_healthy", help="DCGAN on the 9,000 train+validation digits: the standard recipe",
         epochs=25, batch=64, z_dim=64, width=32, lr_g=2e-4, lr_d=2e-4, beta1=0.5, g_steps=1,
         snapshots=40, samples=100)(_dcgan)

# Collapse: G outruns a slow D (5 G steps at 20x D's learning rate per D step): "G must
# not be trained too much without updating D" (Goodfellow, NIPS 2016 tutorial), or it maps
# every z to the one image D currently likes best. (A 400-step pilot with these settings
# already showed nearly every sample as the same digit.)
register("gan_dcgan_collapse", help="DCGAN with settings that make it collapse to few digit classes",
         epochs=10, batch=64, z_dim=64, width=32, lr_g=1e-3, lr_d=5e-5, beta1=0.5, g_steps=5,
         snapshots=40, samples=100)(_dcgan)

# The recipe without batch norm: the healthy run's settings exactly, with no batch norm in G or
# in D (the DCGAN paper: batch norm "proved critical to get deep generators to begin learning,
# preventing the generator from collapsing all samples to a single point"). One thing changed,
# so the two timelines side by side show what that one trick does.
register("gan_dcgan_no_bn", help="the healthy DCGAN recipe without batch norm (in G and in D)",
         epochs=25, batch=64, z_dim=64, width=64, lr_g=2e-4, lr_d=2e-4, beta1=0.5, g_steps=1,
         snapshots=40, samples=100, batch_norm=False)(_dcgan)
