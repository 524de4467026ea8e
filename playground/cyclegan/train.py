"""How pretrained/cyclegan_digits.safetensors was made.

    python -m playground.train cyclegan_digits --threads 1 --steps 1100

A CycleGAN between handwritten digits (A) and typeset digits (B), trained as
the reference code trains one (junyanz/pytorch-CycleGAN-and-pix2pix,
models/cycle_gan_model.py): LSGAN losses, lambda_cyc = 10, lambda_id = 0.5,
Adam(2e-4, betas 0.5/0.999), a pool of 50 past fakes for each critic, and the
learning rate constant for the first half, then decayed linearly to zero.
Smaller networks (28x28 grey digits) and batches of 16 instead of 1.
"""

from __future__ import annotations

import time

import numpy as np
import torch

from playground import weights
from playground.cyclegan import digits
from playground.cyclegan.model import CycleGAN, cycle_loss, identity_loss, lsgan_loss
from playground.train import register

NAME = "cyclegan_digits"
CHECKPOINT_EVERY_S = 180


class ImagePool:
    """The critic sees fakes from the last few hundred steps, not only the newest (Shrivastava et al.).

    With probability 1/2 each new fake replaces a random old one and the old one is
    shown instead: the critic cannot just chase the generator's latest trick.
    """

    def __init__(self, size: int, generator: torch.Generator):
        self.size, self.images, self.g = size, [], generator

    def query(self, fakes: torch.Tensor) -> torch.Tensor:
        out = []
        for img in fakes.detach():
            if len(self.images) < self.size:
                self.images.append(img)
                out.append(img)
            elif torch.rand(1, generator=self.g).item() < 0.5:
                i = int(torch.randint(self.size, (1,), generator=self.g))
                out.append(self.images[i])
                self.images[i] = img
            else:
                out.append(img)
        return torch.stack(out)


def generator_losses(m: CycleGAN, a: torch.Tensor, b: torch.Tensor, lambda_cyc: float,
                     lambda_id: float) -> tuple[torch.Tensor, dict, torch.Tensor, torch.Tensor]:
    """The loss of G and F together (adversarial + cycle + identity) and the fakes made."""
    fake_b, fake_a = m.G(a), m.F(b)                       # a -> G(a),  b -> F(b)
    adv = lsgan_loss(m.D_B(fake_b), True) + lsgan_loss(m.D_A(fake_a), True)
    cyc = cycle_loss(a, m.F(fake_b)) + cycle_loss(b, m.G(fake_a))   # F(G(a)) ~ a, G(F(b)) ~ b
    idt = identity_loss(b, m.G(b)) + identity_loss(a, m.F(a)) if lambda_id > 0 else a.new_zeros(())
    total = adv + lambda_cyc * cyc + lambda_id * lambda_cyc * idt
    return total, {"adv": adv.item(), "cycle": cyc.item(), "identity": idt.item()}, fake_a, fake_b


def critic_loss(D: torch.nn.Module, real: torch.Tensor, fake: torch.Tensor) -> torch.Tensor:
    """Half the LSGAN loss, as in the reference: the critics learn at half the generators' rate."""
    return 0.5 * (lsgan_loss(D(real), True) + lsgan_loss(D(fake.detach()), False))


@torch.inference_mode()
def evaluate_on_test(m: CycleGAN, batch: int = 250, every: int = 1) -> dict[str, float]:
    """Test numbers for the manifest (images in [-1, 1]). Test digits: the 1,000 MNIST test
    digits (A) and every digit of the 4 typeset faces never trained on (B). Nothing is
    selected on them: the run trains a fixed number of steps and keeps the last weights.

    test_cycle_l1          mean |F(G(a)) - a| and |G(F(b)) - b| (the mean of the two parts)
    test_cycle_l1_aba      the A -> B -> A part alone;  test_cycle_l1_bab  the B -> A -> B part
    test_digit_kept_ab     fraction of test a whose G(a) has the same label as its nearest
                           typeset training digit (pixel distance): does G keep the digit?
    test_digit_kept_ab_input  the same test applied to a itself, untranslated: the bar to beat
    test_digit_kept_ab_gain   kept_ab - kept_ab_input, and _ci95 the half-width of its
                                   95% interval (normal approximation, paired per digit)
    test_digit_kept_ba, test_digit_kept_ba_input, test_digit_kept_ba_gain(_ci95)
                           the same for F on the test faces, against the nearest
                           handwritten training digit
    test_digits            how many test digits (A + B) the cycle error averages
    """
    was_training = m.training
    m.eval()
    a, a_labels = digits.domain("A", "test")
    b, b_labels = digits.domain("B", "test")
    # every k-th: a quick check that still has every class
    a, a_labels, b, b_labels = a[::every], a_labels[::every], b[::every], b_labels[::every]

    def run(net, x):
        return torch.cat([net(x[i:i + batch]) for i in range(0, len(x), batch)])

    fake_b, fake_a = run(m.G, a), run(m.F, b)
    aba = (run(m.F, fake_b) - a).abs().mean().item()
    bab = (run(m.G, fake_a) - b).abs().mean().item()
    out = {"test_cycle_l1": (aba + bab) / 2, "test_cycle_l1_aba": aba, "test_cycle_l1_bab": bab,
           "test_digits": len(a) + len(b)}
    for way, x, fake, labels, target in (("ab", a, fake_b, a_labels, "B"),
                                         ("ba", b, fake_a, b_labels, "A")):
        kept, kept_input = _kept(fake, labels, target), _kept(x, labels, target)
        gain, ci95 = _paired_gain(kept, kept_input)
        out.update({f"test_digit_kept_{way}": kept.mean(), f"test_digit_kept_{way}_input": kept_input.mean(),
                    f"test_digit_kept_{way}_gain": gain, f"test_digit_kept_{way}_gain_ci95": ci95})
    m.train(was_training)
    return {k: float(v) for k, v in out.items()}


def _kept(x: torch.Tensor, labels: np.ndarray, target: str) -> np.ndarray:
    """Per image: does its nearest training digit of domain `target` (pixel distance) have its label?"""
    ref, ref_labels = digits.domain(target, "train")
    nearest = torch.cat([torch.cdist(xb.flatten(1), ref.flatten(1)).argmin(1) for xb in x.split(250)])
    return ref_labels[nearest.numpy()] == labels


def _paired_gain(kept: np.ndarray, baseline: np.ndarray) -> tuple[float, float]:
    """Mean of kept - baseline over the same digits and the half-width of its 95% interval."""
    d = kept.astype(np.float64) - baseline.astype(np.float64)
    return float(d.mean()), float(1.96 * d.std(ddof=1) / np.sqrt(len(d)))


@register(NAME, help="CycleGAN handwritten <-> typeset digits (G, F, D_A, D_B)",
          steps=1600, batch=16, lr=2e-4, lambda_cyc=10.0, lambda_id=0.5,
          ngf=16, n_blocks=4, ndf=16, d_layers=2)
def train_digits(run) -> None:
    o = run.opts
    config = dict(channels=1, ngf=o.ngf, n_blocks=o.n_blocks, n_down=2, ndf=o.ndf, d_layers=o.d_layers)
    m = CycleGAN(**config).to(run.device)
    opt_g = torch.optim.Adam([*m.G.parameters(), *m.F.parameters()], lr=o.lr, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam([*m.D_A.parameters(), *m.D_B.parameters()], lr=o.lr, betas=(0.5, 0.999))
    # constant, then linear decay to 0 over the second half (the reference's "linear" policy)
    decay = lambda step: min(1.0, 2.0 * (1 - step / o.steps))  # noqa: E731
    sched_g = torch.optim.lr_scheduler.LambdaLR(opt_g, decay)
    sched_d = torch.optim.lr_scheduler.LambdaLR(opt_d, decay)
    a_all, _ = digits.domain("A", "train")
    b_all, _ = digits.domain("B", "train")
    g = torch.Generator().manual_seed(run.seed)
    pool_a, pool_b = ImagePool(50, g), ImagePool(50, g)
    step = 0
    if (ck := run.load_checkpoint()) is not None:
        m.load_state_dict(ck["model"])
        for obj, key in ((opt_g, "opt_g"), (opt_d, "opt_d"), (sched_g, "sched_g"), (sched_d, "sched_d")):
            obj.load_state_dict(ck[key])
        step = int(ck["step"])
        g.set_state(ck["rng"])
        for pool, key in ((pool_a, "pool_a"), (pool_b, "pool_b")):
            if key in ck:
                pool.images = list(ck[key])
        print(f"resumed at step {step}")
    last_save, log = time.time(), []
    bar = run.progress(total=o.steps, initial=step)
    while step < o.steps:
        # unpaired: two independent draws
        a = a_all[torch.randint(len(a_all), (o.batch,), generator=g)].to(run.device)
        b = b_all[torch.randint(len(b_all), (o.batch,), generator=g)].to(run.device)
        for p in [*m.D_A.parameters(), *m.D_B.parameters()]:
            p.requires_grad_(False)  # the critics are fixed while the generators learn
        loss_g, parts, fake_a, fake_b = generator_losses(m, a, b, o.lambda_cyc, o.lambda_id)
        opt_g.zero_grad(set_to_none=True)
        loss_g.backward()
        opt_g.step()
        for p in [*m.D_A.parameters(), *m.D_B.parameters()]:
            p.requires_grad_(True)
        loss_d = (critic_loss(m.D_A, a, pool_a.query(fake_a).to(run.device))
                  + critic_loss(m.D_B, b, pool_b.query(fake_b).to(run.device)))
        opt_d.zero_grad(set_to_none=True)
        loss_d.backward()
        opt_d.step()
        sched_g.step()
        sched_d.step()
        step += 1
        log.append([parts["adv"], parts["cycle"], parts["identity"], loss_d.item()])
        bar.update(1)
        if step % 100 == 0:
            adv, cyc, idt, d = np.mean(log, 0)
            log.clear()
            bar.write(f"step {step}: G adv {adv:.3f} cycle {cyc:.3f} identity {idt:.3f} | D {d:.3f}")
        if time.time() - last_save > CHECKPOINT_EVERY_S or step == o.steps:
            run.save_checkpoint({"model": m.state_dict(), "opt_g": opt_g.state_dict(),
                                 "opt_d": opt_d.state_dict(), "sched_g": sched_g.state_dict(),
                                 "sched_d": sched_d.state_dict(), "step": step, "rng": g.get_state(),
                                 "pool_a": torch.stack(pool_a.images), "pool_b": torch.stack(pool_b.images)})
            last_save = time.time()
    bar.close()
    metrics = evaluate_on_test(m)
    print("test:", {k: round(v, 4) for k, v in metrics.items()})
    weights.save(NAME, m, config=config, seed=run.seed, steps=step, command=run.command, metrics=metrics,
                 data="A: the 8,000 handwritten MNIST training digits (assets/mnist10k.npz, split "
                      "'train'); B: 8,927 typeset digits in 33 DejaVu/Liberation faces "
                      "(assets/cyclegan/font_digits.npz, split 'train'); unpaired; a fixed number of "
                      "steps, the last weights kept (nothing selected); test_* metrics on the 1,000 "
                      "MNIST test digits and the 1,073 digits of 4 faces never trained on",
                 split={"train_A": len(a_all), "train_B": len(b_all),
                        "test_A": len(digits.domain("A", "test")[0]),
                        "test_B": len(digits.domain("B", "test")[0])})
