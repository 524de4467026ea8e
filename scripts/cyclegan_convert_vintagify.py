"""Convert vintagify's CycleGAN generator (modern photo -> vintage look) to safetensors.

    python scripts/cyclegan_convert_vintagify.py [path/to/vintagify-0.1.2-py3-none-any.whl]

Without a path, the wheel is fetched from PyPI with
`pip download --no-deps vintagify==0.1.2` into a temporary folder. Nothing is
installed: the script opens the wheel as a zip, reads only
vintagify/resources/G_A2B_epoch33.pth with torch.load(weights_only=True) (plain
tensors, no pickled code), renames its keys to this repo's layout
(playground.cyclegan.model.convert_state_dict), and writes
pretrained/cyclegan_vintage.safetensors with its manifest entry (fp32, ~45 MB).

To check the conversion it also reads vintagify/generator.py (their nn.Module
definition, plain source, imports only torch) from the wheel, loads the original
weights into it, and measures how far our generator's output is from theirs on
the example photos of assets/cyclegan/examples at 256 pixels: the manifest's
metrics `max_abs_diff_vs_vintagify` ([-1, 1] scale) and
`max_pixel_diff_vs_vintagify_of_255`. vintagify publishes no held-out set, so
there is no quality metric of theirs to report.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import io
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np
import torch
from PIL import Image

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from playground import weights  # noqa: E402
from playground.cyclegan.model import convert_state_dict, generator_from_state_dict, infer_config  # noqa: E402

NAME = "cyclegan_vintage"
REQUIREMENT = "vintagify==0.1.2"
WHEEL = "vintagify-0.1.2-py3-none-any.whl"
MEMBER = "vintagify/resources/G_A2B_epoch33.pth"
MODULE = "vintagify/generator.py"
PHOTOS = ["astronaut.jpg", "chelsea_the_cat.jpg", "coffee.jpg", "rocket.jpg"]
CREDIT = ("Generator G_A2B (epoch 33) of the PyPI package vintagify 0.1.2 by Yusong Zhao and "
          "Fangyi Wang (https://pypi.org/project/vintagify/0.1.2/), MIT licence, "
          "Copyright (c) 2025 beingbetter11643. Converted to safetensors, weights unchanged (fp32).")


def fetch_wheel(folder: Path) -> Path:
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
                    "--dest", str(folder), REQUIREMENT], check=True)
    return folder / WHEEL


def their_generator(wheel: Path, folder: Path) -> type:
    """vintagify's own ResnetGenerator class, from the wheel's generator.py (no install)."""
    source = folder / "vintagify_generator.py"
    with zipfile.ZipFile(wheel) as z:
        source.write_bytes(z.read(MODULE))
    spec = importlib.util.spec_from_file_location("vintagify_generator", source)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.ResnetGenerator


def compare_on_photos(ours: torch.nn.Module, theirs: torch.nn.Module) -> dict[str, float]:
    """Largest difference between the two models' outputs on the example photos, 256 px."""
    from playground.cyclegan import views
    worst = worst_pixel = 0.0
    for name in PHOTOS:
        img = Image.open(REPO / "assets" / "cyclegan" / "examples" / name).convert("RGB")
        x = views.prepare(img, views.fit(img.size, 256, 4))
        with torch.no_grad():
            a, b = ours(x), theirs(x)
        worst = max(worst, (a - b).abs().max().item())
        diff = np.abs(views.to_pixels(a).astype(int) - views.to_pixels(b).astype(int))
        worst_pixel = max(worst_pixel, int(diff.max()))
        print(f"{name}: {tuple(x.shape[2:])}, max |ours - vintagify| = {(a - b).abs().max().item():.2e}")
    return {"max_abs_diff_vs_vintagify": worst, "max_pixel_diff_vs_vintagify_of_255": worst_pixel}


def read_state_dict(wheel: Path) -> dict[str, torch.Tensor]:
    with zipfile.ZipFile(wheel) as z:
        raw = z.read(MEMBER)
    print(f"{MEMBER}: {len(raw) / 1e6:.1f} MB, sha256 {hashlib.sha256(raw).hexdigest()}")
    return torch.load(io.BytesIO(raw), map_location="cpu", weights_only=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("wheel", nargs="?", type=Path, help=f"a local {WHEEL} (default: download it)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or fetch_wheel(Path(tmp))
        original = read_state_dict(wheel)
        Theirs = their_generator(wheel, Path(tmp))
    theirs = Theirs()
    theirs.load_state_dict(original, strict=True)  # the original layout, in their own class
    theirs.eval()
    ours = convert_state_dict(original)
    config = infer_config(ours)
    model = generator_from_state_dict(ours)
    # the renaming must not change a single number
    for (k0, v0), (k1, v1) in zip(original.items(), ours.items()):
        assert torch.equal(v0, v1), (k0, k1)
    metrics = compare_on_photos(model, theirs)
    assert metrics["max_pixel_diff_vs_vintagify_of_255"] <= 1, metrics  # float rounding at most
    metrics["parameters"] = sum(p.numel() for p in model.parameters())
    entry = weights.save(
        NAME, model, config=config, seed=None, steps=0,
        data="Trained by the vintagify authors on unpaired modern (A) and vintage (B) photos; "
             "epoch 33 of their training, not retrained here. Input and output in [-1, 1], RGB.",
        command=f"python scripts/cyclegan_convert_vintagify.py  # fetches {REQUIREMENT} from PyPI",
        metrics=metrics,
        credit=CREDIT)
    print(f"wrote pretrained/{entry['file']} (sha256 {entry['sha256'][:12]}...), config {config}")


if __name__ == "__main__":
    main()
