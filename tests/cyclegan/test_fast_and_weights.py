"""The fast CPU path matches the plain forward pass; the shipped weights are what the manifest says."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from playground import weights
from playground.cyclegan import fast as fast_mod
from playground.cyclegan import digits, models, views
from playground.cyclegan.fast import FastGenerator
from playground.cyclegan.model import ResnetGenerator
from playground.cyclegan.train import evaluate_on_test

EXAMPLES = Path(__file__).resolve().parents[2] / "assets" / "cyclegan" / "examples"
SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
TOLERANCE = 2  # per pixel, in 0..255 units: the speed work may not change what a student sees by more


def photo_tensor(name: str, short_side: int = 256) -> torch.Tensor:
    img = Image.open(EXAMPLES / name).convert("RGB")
    return views.prepare(img, views.fit(img.size, short_side, 4))


def _max_pixel_diff(G, x: torch.Tensor) -> int:
    with torch.no_grad():
        reference = G.module(x)  # plain eager fp32
    got = G(x)
    assert got.dtype == torch.float32 and got.shape == reference.shape
    assert (got - reference).abs().max() <= 2 * TOLERANCE / 255 + 1e-6  # the bound on the [-1, 1] scale
    return int(np.abs(views.to_pixels(got).astype(int) - views.to_pixels(reference).astype(int)).max())


PHOTOS = ["astronaut.jpg", "chelsea_the_cat.jpg", "coffee.jpg", "rocket.jpg"]


@pytest.mark.parametrize("name", PHOTOS + ["digit_handwritten_4.png"])
def test_fast_vintage_matches_plain_fp32_within_2_of_255(name):
    G = models.vintage()  # the real ResNet-9 photo model, through the path the tab uses on this CPU
    # 512 for the digit: the case that came closest to the bound when the bf16 layers were chosen
    diff = _max_pixel_diff(G, photo_tensor(name, 512 if name.startswith("digit") else 256))
    assert diff <= TOLERANCE, f"{G.path} path: max pixel difference {diff}"


@pytest.mark.parametrize("bf16", [False, True])
def test_each_fast_path_of_the_photo_model_stays_within_2_of_255(bf16):
    """Both paths, whichever this CPU would pick (bf16 forced on runs emulated where not native)."""
    G = FastGenerator(models.vintage().module, bf16=bf16)
    assert G.path == ("bf16" if bf16 else "nnpack" if fast_mod.nnpack_ok() else "plain")
    assert _max_pixel_diff(G, photo_tensor("chelsea_the_cat.jpg", 320)) <= (TOLERANCE if bf16 else 1)


def test_bf16_is_chosen_only_for_native_bf16(monkeypatch):
    monkeypatch.setattr(fast_mod, "_cpu_flags", lambda: {"avx2", "fma"})
    fast_mod.bf16_ok.cache_clear()
    try:
        assert not fast_mod.bf16_ok()
        assert FastGenerator(ResnetGenerator(3, 3, ngf=4, n_blocks=1), bf16="auto").path != "bf16"
    finally:
        fast_mod.bf16_ok.cache_clear()


@pytest.mark.parametrize("affine", [False, True])
def test_fast_matches_on_other_shapes_and_batches(affine):
    torch.manual_seed(0)
    g = ResnetGenerator(3, 3, ngf=8, n_blocks=3, affine=affine).eval()
    x = torch.rand(2, 3, 44, 60) * 2 - 1
    with torch.no_grad():
        reference = g(x)
        assert torch.allclose(FastGenerator(g)(x), reference, atol=1e-4)
        # bf16: the same shapes and batches come through, each image its own (a random
        # tiny net is no test of the 2/255 bound, the real model above is)
        got = FastGenerator(g, bf16=True)(x)
        assert got.shape == reference.shape and (got - reference).abs().max() < 0.05
        # alone, the second image comes out as in the batch (oneDNN may block a batch of one
        # differently, so bf16 rounding differs a little; mixing images up would differ a lot)
        assert (FastGenerator(g, bf16=True)(x[1:]) - got[1:]).abs().max() < 0.02


def test_without_nnpack_it_is_the_plain_module(monkeypatch):
    monkeypatch.setattr(fast_mod, "nnpack_ok", lambda: False)
    torch.manual_seed(1)
    g = ResnetGenerator(1, 1, ngf=4, n_blocks=1).eval()
    x = torch.rand(1, 1, 28, 28) * 2 - 1
    with torch.no_grad():
        assert torch.equal(FastGenerator(g)(x), g(x))


def test_shipped_pair_has_the_test_cycle_error_its_manifest_claims():
    e = weights.entry("cyclegan_digits")
    assert e["config"]["channels"] == 1 and e["steps"] > 0
    # every 4th test digit (the full set runs in the trainer): the mean over ~520
    # images sits within 0.01 of the mean over ~2,070 unless the weights are not the ones measured
    measured = evaluate_on_test(models.digit_pair(), every=4)
    for key in ("test_cycle_l1", "test_cycle_l1_aba", "test_cycle_l1_bab"):
        assert measured[key] == pytest.approx(e["metrics"][key], abs=0.01), key
    # both directions come back far closer than a blank guess would (mean |x - (-1)| of a digit is ~0.4)
    assert e["metrics"]["test_cycle_l1"] < 0.15
    assert not any(k.startswith("heldout_") for k in e["metrics"])   # every number says its split


def test_typeset_test_digits_come_from_faces_never_trained_on():
    f = np.load(digits.FONT_PATH)
    train_faces = set(f["font"][f["split"] == digits.B_SPLITS["train"]].tolist())
    test_faces = set(f["font"][f["split"] == digits.B_SPLITS["test"]].tolist())
    assert test_faces and not (train_faces & test_faces)
    assert len(train_faces | test_faces) == len(f["fonts"]) == 37
    assert set(f["labels"][f["split"] == 1].tolist()) == set(range(10))
    # the stored split is the one the script makes
    spec = importlib.util.spec_from_file_location("fonts", SCRIPTS / "cyclegan_make_font_digits.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert np.array_equal(script.face_split(f["font"], len(f["fonts"])), f["split"])
    with pytest.raises(ValueError, match="split"):
        digits.domain("B", "heldout")


def test_vintage_weights_are_the_converted_vintagify_generator():
    e = weights.entry("cyclegan_vintage")
    assert "MIT" in e["credit"] and "vintagify 0.1.2" in e["credit"]
    assert e["config"] == dict(in_channels=3, out_channels=3, ngf=64, n_blocks=9, n_down=2, affine=True)
    # measured by the conversion script against vintagify's own module on the example photos
    assert e["metrics"]["max_pixel_diff_vs_vintagify_of_255"] <= 1
    assert e["metrics"]["parameters"] == 11_388_675
    g = models.vintage().module
    assert sum(p.numel() for p in g.parameters()) == 11_388_675
    assert all(p.dtype == torch.float32 for p in g.parameters())


def test_a_digit_goes_there_and_back():
    t = models.translators()["digits_ab"]
    r = views.translate(str(EXAMPLES / "digit_handwritten_3.png"), t)
    assert r.kind == "digit" and r.x.shape == r.y.shape == r.back.shape == (28, 28)
    assert r.error.shape == (28, 28) and 0 <= r.mean_error < 0.5
    assert set(r.critic) == {"input", "output"}
    assert views.display(r.y, "digit").size == (views.DIGIT_DISPLAY, views.DIGIT_DISPLAY)


def test_two_students_at_once_get_their_own_answers():
    """The app shares one generator between sessions: concurrent calls must not mix up."""
    from concurrent.futures import ThreadPoolExecutor
    torch.manual_seed(2)
    G = FastGenerator(ResnetGenerator(3, 3, ngf=8, n_blocks=2).eval())
    xs = [torch.rand(1, 3, 40 + 8 * i, 48) * 2 - 1 for i in range(6)]
    alone = [G(x) for x in xs]
    with ThreadPoolExecutor(3) as pool:
        together = list(pool.map(G, xs))
    assert all(torch.equal(a, b) for a, b in zip(alone, together))
