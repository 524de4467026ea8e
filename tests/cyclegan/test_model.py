"""One generator class runs the reference layout, vintagify's layout and ours; the losses."""

from __future__ import annotations

import pickle

import pytest
import torch
import torch.nn as nn
from safetensors.torch import save_file

from playground import weights
from playground.cyclegan import models
from playground.cyclegan.fast import FastGenerator
from playground.cyclegan.model import (CycleGAN, LayoutError, ResnetGenerator, convert_state_dict,
                                       cycle_loss, generator_from_state_dict, identity_loss,
                                       infer_config, lsgan_loss)


# ---- the two foreign layouts, built here the way their code builds them ---------------------

class RefBlock(nn.Module):
    """The reference ResnetBlock: attribute `conv_block` (vintagify names it `block`)."""

    def __init__(self, dim: int, affine: bool, name: str, dropout: bool):
        super().__init__()
        layers = [nn.ReflectionPad2d(1), nn.Conv2d(dim, dim, 3), nn.InstanceNorm2d(dim, affine=affine), nn.ReLU(True)]
        if dropout:
            layers.append(nn.Dropout(0.5))
        layers += [nn.ReflectionPad2d(1), nn.Conv2d(dim, dim, 3), nn.InstanceNorm2d(dim, affine=affine)]
        setattr(self, name, nn.Sequential(*layers))
        self.name = name

    def forward(self, x):
        return x + getattr(self, self.name)(x)


class RefGenerator(nn.Module):
    """An index-based nn.Sequential called `model`, as in both foreign codes."""

    def __init__(self, c_in=3, c_out=3, ngf=8, n_blocks=9, affine=False, block_name="conv_block",
                 dropout=False):
        super().__init__()
        norm = lambda c: nn.InstanceNorm2d(c, affine=affine)  # noqa: E731
        layers = [nn.ReflectionPad2d(3), nn.Conv2d(c_in, ngf, 7), norm(ngf), nn.ReLU(True)]
        for i in range(2):
            m = 2 ** i
            layers += [nn.Conv2d(ngf * m, ngf * m * 2, 3, stride=2, padding=1), norm(ngf * m * 2), nn.ReLU(True)]
        layers += [RefBlock(ngf * 4, affine, block_name, dropout) for _ in range(n_blocks)]
        for i in range(2):
            m = 2 ** (2 - i)
            layers += [nn.ConvTranspose2d(ngf * m, ngf * m // 2, 3, stride=2, padding=1, output_padding=1),
                       norm(ngf * m // 2), nn.ReLU(True)]
        layers += [nn.ReflectionPad2d(3), nn.Conv2d(ngf, c_out, 7), nn.Tanh()]
        self.model = nn.Sequential(*layers)

    def forward(self, x):
        return self.model(x)


def randomised(module: nn.Module, seed: int = 0) -> nn.Module:
    """Non-trivial affine norm parameters too (they start at 1 and 0)."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in module.named_parameters():
            if p.ndim == 1:
                p.copy_(torch.randn(p.shape, generator=g) * 0.3 + (1.0 if name.endswith("weight") else 0.0))
    return module.eval()


def image(size=(1, 3, 36, 44), seed=1):
    return torch.rand(size, generator=torch.Generator().manual_seed(seed)) * 2 - 1


@pytest.mark.parametrize("kind", ["reference", "reference_6blocks", "reference_dropout", "vintagify"])
def test_foreign_layouts_load_and_compute_the_same(tmp_path, kind):
    ref = randomised(RefGenerator(
        n_blocks=6 if kind == "reference_6blocks" else 9, affine=kind == "vintagify",
        block_name="block" if kind == "vintagify" else "conv_block", dropout=kind == "reference_dropout"))
    state = ref.state_dict()
    if kind.startswith("reference"):
        # checkpoints saved by old PyTorch carry running statistics for every InstanceNorm
        for key in [k for k in state if k.endswith(".weight") and state[k].ndim == 4]:
            prefix = key.rsplit(".", 1)[0]
            state[f"{prefix}.running_mean"] = torch.zeros(1)
        state["model.2.running_var"] = torch.ones(8)
        state["model.2.num_batches_tracked"] = torch.tensor(3)
    path = tmp_path / "latest_net_G.pth"
    torch.save(state, path)
    ours = generator_from_state_dict(torch.load(path, weights_only=True))
    assert ours.config["n_blocks"] == (6 if kind == "reference_6blocks" else 9)
    assert ours.config["affine"] == (kind == "vintagify")
    x = image()
    with torch.no_grad():
        assert torch.allclose(ours(x), ref(x), atol=1e-5)


def test_our_layout_round_trips_through_safetensors(tmp_path):
    g = randomised(ResnetGenerator(3, 3, ngf=8, n_blocks=2, affine=True))
    save_file(g.state_dict(), tmp_path / "ours.safetensors")
    back = generator_from_state_dict(models.read_user_state(tmp_path / "ours.safetensors"))
    assert back.config == g.config
    x = image()
    with torch.no_grad():
        assert torch.equal(back(x), g(x))


def test_data_parallel_prefix_and_config_inference():
    ref = RefGenerator(c_in=1, c_out=3, ngf=4, n_blocks=3)
    state = {f"module.{k}": v for k, v in ref.state_dict().items()}
    assert infer_config(state) == dict(in_channels=1, out_channels=3, ngf=4, n_blocks=3, n_down=2, affine=False)
    assert set(convert_state_dict(state)) == set(ResnetGenerator(1, 3, 4, 3).state_dict())


def test_not_a_generator_is_refused_clearly():
    d = CycleGAN().D_A.state_dict()  # a discriminator: no stem, no head
    with pytest.raises(LayoutError, match="not a ResNet CycleGAN generator"):
        generator_from_state_dict(d)
    with pytest.raises(LayoutError, match="residual blocks"):
        convert_state_dict({"model.0.weight": torch.zeros(1)})


class Payload:
    """Any pickled object: a weights_only load must refuse it without running it."""

    def __reduce__(self):
        return (print, ("this must never run",))


def test_user_checkpoints_found_paired_and_loaded_safely(tmp_path, monkeypatch):
    monkeypatch.setenv("PLAYGROUND_PRETRAINED", str(tmp_path))
    root = tmp_path / "cyclegan"
    (root / "horse2zebra_pretrained").mkdir(parents=True)
    (root / "zebra2horse_pretrained").mkdir()
    (root / "mine").mkdir()

    def small(seed):
        torch.manual_seed(seed)
        return randomised(RefGenerator(ngf=4, n_blocks=2), seed).state_dict()

    torch.save(small(0), root / "horse2zebra_pretrained" / "latest_net_G.pth")
    torch.save(small(1), root / "zebra2horse_pretrained" / "latest_net_G.pth")
    torch.save(small(2), root / "mine" / "latest_net_G_A.pth")
    torch.save(small(3), root / "mine" / "latest_net_G_B.pth")
    torch.save(small(4), root / "lonely.pth")
    torch.save({"x": torch.zeros(1)}, root / "latest_net_D_A.pth")  # critics are not offered
    with open(root / "evil.pth", "wb") as f:
        pickle.dump(Payload(), f)
    found = {t.key: t for t in models.user_translators()}
    assert set(found) == {"user:horse2zebra_pretrained", "user:zebra2horse_pretrained", "user:mine/G_A",
                          "user:mine/G_B", "user:lonely", "user:evil"}
    assert found["user:horse2zebra_pretrained"].reverse is not None
    assert found["user:mine/G_A"].reverse is not None and found["user:lonely"].reverse is None
    # the reverse of horse2zebra is zebra2horse's generator: same output as loading it directly
    x = image()
    reverse = found["user:horse2zebra_pretrained"].reverse()
    direct = FastGenerator(generator_from_state_dict(small(1)), bf16=reverse.bf16)  # the same fast path
    assert torch.allclose(reverse(x), direct(x), atol=1e-5)
    with pytest.raises(weights.WeightsError, match="cannot be used as a CycleGAN generator"):
        found["user:evil"].forward()
    assert "user:lonely" in models.translators()  # offered in the tab's menu


def test_losses_read_like_the_paper():
    ones = torch.ones(2, 1, 4, 4)
    assert lsgan_loss(ones, True) == 0 and lsgan_loss(ones, False) == 1
    assert lsgan_loss(torch.zeros(3), False) == 0
    a = image((2, 1, 8, 8))
    assert cycle_loss(a, a) == 0 and identity_loss(a, a) == 0
    assert torch.isclose(cycle_loss(a, a + 0.25), torch.tensor(0.25))


def test_generator_keeps_size_and_range():
    g = ResnetGenerator(1, 1, ngf=4, n_blocks=1)
    y = g(image((2, 1, 28, 28)) * 50)  # even wild inputs come out in [-1, 1]
    assert y.shape == (2, 1, 28, 28) and y.abs().max() <= 1
