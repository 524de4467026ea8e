"""The pretrained registry: round trip, and a specific error for each way it can break."""

import json

import pytest
import torch

from playground import weights


def build(config):
    return torch.nn.Sequential(torch.nn.Linear(config["n_in"], config["n_out"]), torch.nn.ReLU())


@pytest.fixture
def registry(tmp_path, monkeypatch):
    monkeypatch.setenv("PLAYGROUND_PRETRAINED", str(tmp_path))
    torch.manual_seed(0)
    model = build({"n_in": 4, "n_out": 3})
    weights.save("toy", model, config={"n_in": 4, "n_out": 3}, data="none", seed=0, steps=1,
                 command="python -m playground.train toy", metrics={"heldout_loss": 0.5})
    return tmp_path, model


def test_round_trip(registry):
    path, model = registry
    manifest = json.loads((path / "manifest.json").read_text())
    e = manifest["toy"]
    assert set(weights.REQUIRED_FIELDS) <= set(e)
    assert e["metrics"] == {"heldout_loss": 0.5} and e["config"] == {"n_in": 4, "n_out": 3}
    loaded = weights.load("toy", build, device="cpu")
    x = torch.randn(2, 4)
    assert torch.equal(loaded(x), model(x))
    assert not loaded.training
    assert weights.problems(["toy"]) == []


def test_missing_file(registry):
    path, _ = registry
    (path / "toy.safetensors").unlink()
    with pytest.raises(weights.FileMissing, match="missing.*playground.train toy"):
        weights.load("toy", build, device="cpu")
    assert "missing" in weights.problems(["toy"])[0]


def test_checksum_mismatch(registry):
    path, _ = registry
    f = path / "toy.safetensors"
    blob = bytearray(f.read_bytes())
    blob[-1] ^= 0xFF
    f.write_bytes(bytes(blob))
    with pytest.raises(weights.ChecksumMismatch, match="corrupt"):
        weights.load("toy", build, device="cpu")


def test_wrong_shape(registry):
    with pytest.raises(weights.ShapeMismatch, match=r"0\.weight: file has \(3, 4\), model wants \(5, 4\)"):
        weights.load("toy", lambda c: build({"n_in": 4, "n_out": 5}), device="cpu")


def test_missing_and_unexpected_keys(registry):
    deeper = lambda c: torch.nn.Sequential(torch.nn.Linear(4, 3), torch.nn.Linear(3, 3))
    with pytest.raises(weights.ShapeMismatch, match="missing 1.weight"):
        weights.load("toy", deeper, device="cpu")


def test_not_in_manifest(registry):
    with pytest.raises(weights.NotInManifest, match="not listed.*listed: toy"):
        weights.load("nope", build, device="cpu")


def test_incomplete_entry(registry):
    path, _ = registry
    manifest = json.loads((path / "manifest.json").read_text())
    del manifest["toy"]["sha256"], manifest["toy"]["command"]
    (path / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(weights.ManifestInvalid, match="lacks sha256, command"):
        weights.load("toy", build, device="cpu")


def test_broken_manifest(registry):
    path, _ = registry
    (path / "manifest.json").write_text("{ not json")
    with pytest.raises(weights.ManifestInvalid, match="not valid JSON"):
        weights.entry("toy")


def test_update_metrics(registry):
    weights.update_metrics("toy", heldout_acc=0.9)
    assert weights.entry("toy")["metrics"] == {"heldout_loss": 0.5, "heldout_acc": 0.9}


def test_cached_runs_once_and_does_not_cache_failures():
    calls = []

    def make():
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("first try fails")
        return object()

    with pytest.raises(RuntimeError):
        weights.cached("test:flaky", make)
    a = weights.cached("test:flaky", make)
    assert weights.cached("test:flaky", make) is a and len(calls) == 2


def test_shipped_manifest_is_consistent():
    """Every entry in pretrained/manifest.json is complete and its file matches its sha256."""
    manifest = weights.read_manifest()
    for name in manifest:
        assert weights.problems([name]) == [], name
