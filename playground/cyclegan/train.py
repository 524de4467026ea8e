"""How pretrained/cyclegan_digits.safetensors was made.

    python -m playground.train cyclegan_digits --threads 1

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
def heldout_metrics(m: CycleGAN, batch: int = 250, every: int = 1) -> dict[str, float]:
    """Held-out numbers for the manifest (images in [-1, 1]).

    heldout_cycle_l1       mean |F(G(a)) - a| and |G(F(b)) - b| over the 1,000 + 1,000 held-out digits
    heldout_cycle_l1_aba   the A -> B -> A part alone;  heldout_cycle_l1_bab  the B -> A -> B part
    heldout_digit_kept_ab  fraction of held-out a whose G(a) has the same label as its nearest
                           typeset training digit (pixel distance): does G keep the digit?
    heldout_digit_kept_input  the same test applied to a itself, untranslated: the bar to beat
    """
    was_training = m.training
    m.eval()
    a, a_labels = digits.domain("A", "heldout")
    b, _ = digits.domain("B", "heldout")
    a, a_labels, b = a[::every], a_labels[::every], b[::every]  # every k-th: a quick check, all classes
    b_train, b_train_labels = digits.domain("B", "train")

    def run(net, x):
        return torch.cat([net(x[i:i + batch]) for i in range(0, len(x), batch)])

    fake_b = run(m.G, a)
    aba = (run(m.F, fake_b) - a).abs().mean().item()
    bab = (run(m.G, run(m.F, b)) - b).abs().mean().item()

    def nearest_label(x: torch.Tensor) -> np.ndarray:
        d = torch.cdist(x.flatten(1), b_train.flatten(1))
        return b_train_labels[d.argmin(1).numpy()]

    m.train(was_training)
    return {"heldout_cycle_l1": (aba + bab) / 2, "heldout_cycle_l1_aba": aba, "heldout_cycle_l1_bab": bab,
            "heldout_digit_kept_ab": float((nearest_label(fake_b) == a_labels).mean()),
            "heldout_digit_kept_input": float((nearest_label(a) == a_labels).mean())}


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
    metrics = heldout_metrics(m)
    print("held out:", {k: round(v, 4) for k, v in metrics.items()})
    weights.save(NAME, m, config=config, seed=run.seed, steps=step, command=run.command, metrics=metrics,
                 data="A: 9,000 handwritten MNIST digits (assets/mnist10k.npz, split 'train'); "
                      "B: 9,000 typeset digits in 37 DejaVu/Liberation faces (assets/cyclegan/font_digits.npz, "
                      "split 0); unpaired; metrics on the 1,000 + 1,000 held-out digits of each")
