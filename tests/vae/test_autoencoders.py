"""The plain autoencoder and the adversarial autoencoder (issue 16): their math, the rule that
decides whether a sample looks like a digit, their manifest numbers (recomputed), the gap
views' numbers, and a tiny end-to-end run of their trainer."""

import json

import numpy as np
import pytest
import torch

from playground import data, weights
from playground import train as train_cli
from playground.vae import views as V
from playground.vae.model import (RING, VAE, CodeDiscriminator, aae_step, ae_loss, build,
                                  prior_codes, recon, ring_centres)
from playground.vae.train import JUDGED, code_recon_nats, digit_like_count


def _binary_batch(n=8, seed=0):
    g = torch.Generator().manual_seed(seed)
    return (torch.rand((n, 1, 28, 28), generator=g) > 0.7).float()


def test_ae_loss_is_the_reconstruction_cost_of_z_equal_mu():
    torch.manual_seed(0)
    model = VAE(latent_dim=4, channels=4, hidden=16)
    x = _binary_batch()
    mu, _ = model.encode(x)
    assert torch.allclose(ae_loss(model, x), -recon(model.decode(mu), x).mean())
    assert torch.equal(ae_loss(model, x), ae_loss(model, x))      # no noise: deterministic


def test_ring_prior_is_ten_gaussians_on_a_circle():
    z = prior_codes("aae2", 20000, seed=0)
    assert z.shape == (20000, 2) and torch.equal(z, prior_codes("aae2", 20000, seed=0))
    centres = ring_centres(RING["components"], RING["radius"])
    nearest = torch.cdist(z, centres).min(1)
    share = torch.bincount(nearest.indices, minlength=10).float() / len(z)
    assert torch.all((share - 0.1).abs() < 0.01)                  # every component equally likely
    assert nearest.values.pow(2).mean().sqrt() == pytest.approx(RING["std"] * 2 ** 0.5, rel=0.05)
    assert prior_codes("ae16", 5).shape == (5, 16) and prior_codes("vae2", 5).shape == (5, 2)


def _params(module):
    return [p.detach().clone() for p in module.parameters()]


def _changed(before, module):
    return any(not torch.equal(a, b) for a, b in zip(before, module.parameters()))


@pytest.mark.parametrize("phase", ["reconstruction", "discriminator", "encoder"])
def test_each_aae_phase_updates_only_its_own_networks(phase):
    torch.manual_seed(1)
    model, disc = VAE(latent_dim=2, channels=4, hidden=16), CodeDiscriminator(2, hidden=8)
    enc = list(model.encoder.parameters()) + list(model.to_mu.parameters())
    lrs = {"reconstruction": (1e-2, 0, 0), "discriminator": (0, 1e-2, 0), "encoder": (0, 0, 1e-2)}[phase]
    opt_ae = torch.optim.SGD(model.parameters(), lr=lrs[0])
    opt_d = torch.optim.SGD(disc.parameters(), lr=lrs[1])
    opt_enc = torch.optim.SGD(enc, lr=lrs[2])
    dec_before, enc_before, d_before = _params(model.decoder), [p.detach().clone() for p in enc], _params(disc)
    x = _binary_batch(seed=2)
    out = aae_step(model, disc, opt_ae, opt_d, opt_enc, x, torch.randn(len(x), 2))
    assert set(out) == {"recon", "disc", "enc"} and out["recon"] > 0 and out["disc"] > 0
    enc_moved = any(not torch.equal(a, b) for a, b in zip(enc_before, enc))
    assert _changed(dec_before, model.decoder) == (phase == "reconstruction")
    assert enc_moved == (phase in ("reconstruction", "encoder"))
    assert _changed(d_before, disc) == (phase == "discriminator")


def test_the_digit_rule_passes_real_digits_and_counts_them_as_the_notes_say():
    x, _ = data.digits("test")
    _, sure = V.judge(x.astype(np.float32) / 255)
    assert int(sure.sum()) == 959                                  # as the tab and manifest say
    blank = np.zeros((3, 28, 28), np.float32)
    grey_blob = np.full((3, 28, 28), 0.45, np.float32)             # all below the 0.5 ink line
    assert not V.judge(blank)[1].any() and not V.judge(grey_blob)[1].any()


def test_framed_grid_marks_digits_green_and_others_grey():
    images = np.zeros((3, 28, 28), np.float32)
    g = V.framed_grid(images, np.array([True, False, True]), cols=2, scale=1)
    assert g.shape == (2 * 32, 2 * 32, 3) and g.dtype == np.uint8
    assert tuple(g[1, 1]) == V.YES and tuple(g[1, 33]) == V.NO and tuple(g[33, 1]) == V.YES
    assert tuple(g[40, 40]) == (255, 255, 255)                     # the empty fourth cell


@pytest.mark.parametrize("name", ["ae16", "aae2"])
def test_manifest_numbers_reproduce(name):
    assert not weights.problems([name])
    e = weights.entry(name)
    m = e["metrics"]
    assert e["split"] == {"train": 8000, "validation": 1000, "test": 1000}
    assert e["command"].startswith(f"python -m playground.train {name}")
    model = weights.load(name, build, device="cpu")
    x, _ = data.tensors("test", binarized=True)
    assert code_recon_nats(model, x) == pytest.approx(m["test_recon_nats"], abs=1e-2)
    assert digit_like_count(model, name) == m["prior_samples_digit_like"]
    assert m["prior_samples_judged"] == JUDGED
    assert not any(k.startswith("heldout_") for k in m)


def test_the_vae_generates_digits_and_the_plain_autoencoder_does_not():
    count = {n: weights.entry(n)["metrics"]["prior_samples_digit_like"]
             for n in ("vae16_beta1", "ae16", "vae2", "aae2")}
    assert count["vae16_beta1"] > 2 * count["ae16"], count
    assert count["aae2"] > 0.5 * JUDGED and count["vae2"] > 0.5 * JUDGED, count
    recon_ = {n: weights.entry(n)["metrics"]["test_recon_nats"] for n in ("vae16_beta1", "ae16", "vae2", "aae2")}
    assert recon_["ae16"] < recon_["vae16_beta1"]                  # it reconstructs better, still
    assert abs(recon_["aae2"] - recon_["vae2"]) < 10, recon_
    # the AE's codes are nowhere near N(0, I); the VAE's are
    assert V.code_spread("ae16")[1] > 2.0 > 1.2 > V.code_spread("vae16_beta1")[1]


def test_gap_numbers_and_figure():
    log_w = np.random.default_rng(0).normal(-100, 3, 1000)
    elbo, est, gap = V.gap_numbers(log_w, 1)
    assert gap == 0 and elbo == pytest.approx(log_w.mean())
    e2, est2, gap2 = V.gap_numbers(log_w, 1000)
    m = log_w.max()
    assert est2 == pytest.approx(m + np.log(np.exp(log_w - m).mean())) and gap2 > 0 and e2 == elbo
    fig = V.gap_figure(log_w, 37, {"left": "l", "right": "r", "elbo": "ELBO", "gap": "gap",
                                   "logpx": "log p(x)", "curve": "c", "chosen": "K = {k}", "k_axis": "K"})
    assert [t.type for t in fig.data] == ["waterfall", "scatter", "scatter", "scatter"]
    assert list(fig.data[2].x) == [37] and 37 in list(fig.data[1].x)


@pytest.mark.parametrize("name", ["ae16", "aae2"])
def test_trainer_end_to_end_on_a_few_digits(tmp_path, monkeypatch, name):
    real = data.tensors

    def few(split="train", binarized=False, device="cpu"):
        x, y = real(split, binarized, device)
        return x[:128], y[:128]

    monkeypatch.setattr(data, "tensors", few)
    pre = tmp_path / "pretrained"
    pre.mkdir()
    clf = weights.entry("gan_digit_classifier")
    (pre / clf["file"]).write_bytes((weights.pretrained_dir() / clf["file"]).read_bytes())
    (pre / "manifest.json").write_text(json.dumps({"gan_digit_classifier": clf}))
    monkeypatch.setenv("PLAYGROUND_PRETRAINED", str(pre))
    monkeypatch.setattr(train_cli, "CHECKPOINTS", tmp_path / "checkpoints")
    weights._cache.clear()
    threads = torch.get_num_threads()
    try:
        train_cli.main([name, "--epochs", "1", "--threads", "1", "--seed", "3", "--batch-size", "64"])
        train_cli.main([name, "--epochs", "2", "--threads", "1", "--seed", "3", "--batch-size", "64",
                        "--resume"])
    finally:
        torch.set_num_threads(threads)
        weights._cache.clear()
    e = json.loads((pre / "manifest.json").read_text())[name]
    assert e["steps"] == 4 and e["config"]["kind"] == ("ae" if name == "ae16" else "aae")
    assert set(e["metrics"]) >= {"test_recon_nats", "validation_recon_nats", "prior_samples_digit_like"}
    assert weights.load(name, build, device="cpu").latent_dim == (16 if name == "ae16" else 2)


def test_a_missing_autoencoder_file_empties_only_its_own_section(monkeypatch):
    from playground.vae import tab
    real = V.prior_samples

    def broken(name, *args, **kwargs):
        if name == V.AE_MODEL:
            raise weights.FileMissing(name, "file pretrained/ae16.safetensors is missing")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(V, "prior_samples", broken)
    out = tab._ae_aae_static()
    assert len(out) == tab.N_AE_AAE
    assert "not available" in out[0] and "ae16" in out[0]           # section 6 says why
    assert "10 Gaussians on a ring" in out[4] and out[5] is not None  # section 7 still works
