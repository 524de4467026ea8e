"""The tab's pure functions on the real pretrained models, bad input, the manifest's numbers,
and a tiny end-to-end run of the trainer (train -> weights.save -> manifest -> resume)."""

import base64
import io
import json

import numpy as np
import pytest
import torch
from PIL import Image

from playground import data, weights
from playground import train as train_cli
from playground.imaging import InputError
from playground.vae import views as V
from playground.vae.model import PRETRAINED, UNUSED_KL_NATS, build

NAMES = list(PRETRAINED)


def require(*names: str) -> None:
    """The pretrained models a test reads. They are committed to pretrained/, so a missing or
    corrupt one fails the test (with the registry's message saying how to train it), never skips."""
    problems = weights.problems(list(names))
    assert not problems, "\n".join(problems)


def test_manifest_holds_validation_and_test_numbers_and_the_goal_is_met():
    require(*NAMES)
    for name in NAMES:
        e = weights.entry(name)
        assert e["config"]["latent_dim"] == PRETRAINED[name][0]
        assert e["config"]["beta"] == PRETRAINED[name][1]
        assert e["split"] == {"train": 8000, "validation": 1000, "test": 1000}
        m = e["metrics"]
        for split in ("validation", "test"):
            for key in ("neg_elbo_nats", "recon_nats", "kl_nats"):
                assert m[f"{split}_{key}"] > 0
            assert m[f"{split}_neg_elbo_nats"] == pytest.approx(
                m[f"{split}_recon_nats"] + m[f"{split}_kl_nats"], abs=1e-3)
        assert not any(k.startswith("heldout_") for k in m)   # every number says its split
        assert e["command"].startswith(f"python -m playground.train {name}")
    assert weights.entry("vae16_beta1")["metrics"]["test_neg_elbo_nats"] <= 100.0
    kl = {n: weights.entry(n)["metrics"]["test_kl_nats"] for n in V.BETA_MODELS}
    assert kl["vae16_beta0.5"] > kl["vae16_beta1"] > kl["vae16_beta4"]  # a stronger KL weight, less KL


def test_breakdown_terms_add_up_and_unused_dims_are_flagged():
    require("vae16_beta1")
    x, y = V.heldout()
    b = V.breakdown("vae16_beta1", x[0])
    assert b.elbo == pytest.approx(b.recon - b.kl, abs=1e-4)
    assert b.kl == pytest.approx(float(b.kl_per_dim.sum()), abs=1e-4)
    assert b.recon < 0 and b.kl > 0 and b.reconstruction.shape == (28, 28)
    assert np.array_equal(b.unused, b.kl_per_dim < UNUSED_KL_NATS)
    # the same digit always gets the same numbers (fixed Monte Carlo seed)
    assert V.breakdown("vae16_beta1", x[0]).elbo == b.elbo
    z, images = V.resample(b, n=5, seed=3)
    assert z.shape == (5, 16) and images.shape == (5, 28, 28)
    z2, _ = V.resample(b, n=5, seed=4)
    assert not np.allclose(z, z2)


def test_map_manifold_and_interpolation():
    require("vae2")
    mu, labels = V.heldout_mu_2d()
    assert mu.shape == (1000, 2) and set(labels.tolist()) == set(range(10))
    lo, hi = V.map_extent()
    assert lo == -hi and np.mean(np.abs(mu) <= hi) > 0.99
    assert V.manifold(15).shape == (15 * 28, 15 * 28)
    x, _ = V.heldout()
    path, images = V.interpolation("vae2", x[0], x[1], steps=7)
    m = V.model("vae2")
    with torch.no_grad():
        ends, _ = m.encode(torch.as_tensor(x[[0, 1]][:, None]))
    assert np.allclose(path[0], ends[0].numpy(), atol=1e-5) and np.allclose(path[-1], ends[1].numpy(), atol=1e-5)
    assert images.shape == (7, 28, 28)
    idx = V.gallery_indices(0)
    assert sorted(labels[idx].tolist()) == sorted(list(range(10)) * 2)
    assert V.gallery_indices(1) != idx


def test_slider_image_is_a_small_png_of_the_decode():
    require("vae16_beta1")
    uri = V.slider_image([0.0] * 16)
    assert uri.startswith("data:image/png;base64,")
    img = np.asarray(Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1]))))
    assert img.shape == (28, 28) and len(uri) < 2000
    expected = np.clip(V.decode("vae16_beta1", np.zeros((1, 16)))[0] * 255 + 0.5, 0, 255).astype(np.uint8)
    assert np.array_equal(img, expected)
    assert V.slider_image([3.0] * 16) != uri


def test_bad_input_gets_a_clear_message(tmp_path):
    with pytest.raises(InputError, match="No image"):
        V.from_user(None)
    with pytest.raises(InputError, match="drawing is blank"):
        V.from_user(None, drawing=True)
    with pytest.raises(InputError, match="flat colour"):
        V.from_user(np.full((280, 280), 255, np.uint8))  # an all-white upload
    with pytest.raises(InputError, match="drawing is blank"):
        V.from_user(np.full((280, 280, 4), 255, np.uint8), drawing=True)  # an untouched canvas
    not_image = tmp_path / "notes.txt"
    not_image.write_text("this is not a picture")
    with pytest.raises(InputError, match="not an image"):
        V.from_user(str(not_image))
    huge = tmp_path / "huge.png"
    Image.new("L", (13000, 8)).save(huge)
    with pytest.raises(InputError, match="limit"):
        V.from_user(str(huge))
    faint = np.full((280, 280), 255, np.uint8)
    faint[100:180, 130:134] = 200  # a whisper of grey: framed, but no pixel passes 0.5
    with pytest.raises(InputError):
        V.from_user(faint)


def test_a_drawn_digit_is_framed_and_binarized():
    x, _ = data.digits("test")
    paper = 255 - np.kron(x[3], np.ones((10, 10), np.uint8))  # black ink on white, 280x280
    grey, binary = V.from_user(paper)
    assert grey.shape == binary.shape == (28, 28)
    assert set(np.unique(binary).tolist()) == {0.0, 1.0}
    assert np.array_equal(binary, (grey > V.INK).astype(np.float32))


def test_trainer_end_to_end_on_a_few_digits(tmp_path, monkeypatch):
    """`python -m playground.train vae2 --epochs 1` then `--resume --epochs 2`, on 256 digits."""
    real = data.tensors

    asked = []

    def few(split="train", binarized=False, device="cpu"):
        asked.append(split)
        x, y = real(split, binarized, device)
        return x[:256], y[:256]

    monkeypatch.setattr(data, "tensors", few)
    monkeypatch.setenv("PLAYGROUND_PRETRAINED", str(tmp_path / "pretrained"))
    monkeypatch.setattr(train_cli, "CHECKPOINTS", tmp_path / "checkpoints")
    threads = torch.get_num_threads()
    try:
        train_cli.main(["vae2", "--epochs", "1", "--threads", "1", "--seed", "3"])
        first = json.loads((tmp_path / "pretrained" / "manifest.json").read_text())["vae2"]
        train_cli.main(["vae2", "--epochs", "2", "--threads", "1", "--seed", "3", "--resume"])
    finally:
        torch.set_num_threads(threads)
    e = json.loads((tmp_path / "pretrained" / "manifest.json").read_text())["vae2"]
    assert e["config"]["latent_dim"] == 2 and e["config"]["beta"] == 1.0
    assert e["command"] == "python -m playground.train vae2 --seed 3 --epochs 2"
    assert e["steps"] == 2 * first["steps"] == 2 * 4  # 256 digits / batch 64, per epoch
    assert set(e["metrics"]) >= {"test_neg_elbo_nats", "test_recon_nats", "test_kl_nats",
                                 "validation_neg_elbo_nats", "best_epoch"}
    assert e["split"] == data.SIZES
    # each run reads train and validation to train and select, and the test digits once, last
    assert asked == ["train", "validation", "test"] * 2
    model = weights.load("vae2", build, device="cpu")
    assert model.latent_dim == 2
