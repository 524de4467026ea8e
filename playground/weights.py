"""The registry of pretrained weights: pretrained/*.safetensors + pretrained/manifest.json.

The manifest is one JSON object keyed by model name. Each entry says:

    file      path of the .safetensors file, relative to pretrained/
    sha256    checksum of that file
    config    architecture settings: enough to build the module before loading
    data      what it was trained on
    seed      the training seed
    steps     optimisation steps taken
    command   the exact command that reproduces the file
    metrics   flat object of named numbers (each tab names its keys); a key's prefix
              says which data it is measured on (`test_`, `validation_`, `train_`)
    split     optional: the sizes of the data splits used, e.g. {"train": 8000,
              "validation": 1000, "test": 1000} (selection on validation, metrics on test)
    resumed   optional: how a run that was interrupted and resumed differs from `command`
    credit    licence and source (third-party weights; optional for our own)

Loading checks all of it and raises a specific `WeightsError` subclass whose
message says what is wrong and how to fix it. Weights are only ever read with
safetensors: nothing is unpickled at run time.

Models are loaded lazily, once per process, and shared by every session
(`get`). Tabs call `problems()` at build time to show a banner instead of
crashing when their weights are missing or corrupt.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import threading
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping

import torch
from safetensors.torch import load_file, save_file

REPO = Path(__file__).resolve().parents[1]
REQUIRED_FIELDS = ("file", "sha256", "config", "data", "seed", "steps", "command", "metrics")


class WeightsError(RuntimeError):
    """Something is wrong with a pretrained model; the message says what."""

    def __init__(self, name: str, message: str):
        super().__init__(f"Weights '{name}': {message}")
        self.name = name


class NotInManifest(WeightsError):
    pass


class ManifestInvalid(WeightsError):
    pass


class FileMissing(WeightsError):
    pass


class ChecksumMismatch(WeightsError):
    pass


class ShapeMismatch(WeightsError):
    pass


def pretrained_dir() -> Path:
    """pretrained/ in the repo, or PLAYGROUND_PRETRAINED (tests point it elsewhere)."""
    return Path(os.environ.get("PLAYGROUND_PRETRAINED") or REPO / "pretrained")


def manifest_path() -> Path:
    return pretrained_dir() / "manifest.json"


def read_manifest() -> dict[str, dict]:
    path = manifest_path()
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text())
    except json.JSONDecodeError as e:
        raise ManifestInvalid("*", f"{path} is not valid JSON ({e})") from e
    if not isinstance(data, dict):
        raise ManifestInvalid("*", f"{path} must hold a JSON object keyed by model name")
    return data


def entry(name: str) -> dict:
    """The manifest entry for `name`, with every required field present."""
    manifest = read_manifest()
    if name not in manifest:
        known = ", ".join(sorted(manifest)) or "none"
        raise NotInManifest(name, f"not listed in {manifest_path()} (listed: {known}). "
                                  f"Train it with `python -m playground.train {name}`.")
    e = manifest[name]
    missing = [f for f in REQUIRED_FIELDS if f not in e]
    if missing:
        raise ManifestInvalid(name, f"manifest entry lacks {', '.join(missing)}")
    if not isinstance(e["metrics"], dict):
        raise ManifestInvalid(name, "manifest field 'metrics' must be an object of named numbers")
    return e


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _verified_path(name: str, e: Mapping[str, Any]) -> Path:
    path = pretrained_dir() / e["file"]
    if not path.exists():
        raise FileMissing(name, f"file {path} is missing. Reproduce it with: {e['command']}")
    digest = sha256_file(path)
    if digest != e["sha256"]:
        raise ChecksumMismatch(
            name, f"{path} is corrupt or was replaced: sha256 is {digest[:12]}..., "
                  f"the manifest says {e['sha256'][:12]}.... Reproduce it with: {e['command']}")
    return path


def load_state_dict(name: str) -> tuple[dict[str, torch.Tensor], dict]:
    """Verified tensors of `name` (on the CPU) and its manifest entry."""
    e = entry(name)
    path = _verified_path(name, e)
    try:
        return load_file(path), e
    except Exception as err:  # a file with the right checksum can still be unreadable
        raise ChecksumMismatch(name, f"{path} is not a readable safetensors file ({err})") from err


def check_shapes(name: str, model: torch.nn.Module, state: Mapping[str, torch.Tensor]) -> None:
    """Raise ShapeMismatch unless `state` fits `model` key for key, shape for shape."""
    expected = model.state_dict()
    problems = [f"missing {k}" for k in expected if k not in state]
    problems += [f"unexpected {k}" for k in state if k not in expected]
    problems += [f"{k}: file has {tuple(state[k].shape)}, model wants {tuple(v.shape)}"
                 for k, v in expected.items() if k in state and state[k].shape != v.shape]
    if problems:
        shown = "; ".join(problems[:5]) + (f"; and {len(problems) - 5} more" if len(problems) > 5 else "")
        raise ShapeMismatch(name, f"the file does not fit the architecture in its config: {shown}")


def load(name: str, build: Callable[[dict], torch.nn.Module],
         device: torch.device | str | None = None) -> torch.nn.Module:
    """Build the module from the manifest config, load verified weights, eval mode."""
    state, e = load_state_dict(name)
    model = build(e["config"])
    check_shapes(name, model, state)
    model.load_state_dict(state, strict=True)
    if device is None:
        from playground import device as dev
        device = dev.get()
    return model.to(device).eval()


_cache: dict[str, Any] = {}
_cache_locks: dict[str, threading.Lock] = {}
_cache_guard = threading.Lock()


def cached(key: str, make: Callable[[], Any]) -> Any:
    """Run `make()` once per process per key, thread-safely; failures are not cached."""
    if key in _cache:
        return _cache[key]
    with _cache_guard:
        lock = _cache_locks.setdefault(key, threading.Lock())
    with lock:
        if key not in _cache:
            _cache[key] = make()
    return _cache[key]


def get(name: str, build: Callable[[dict], torch.nn.Module]) -> torch.nn.Module:
    """The shared, lazily loaded model `name` (loaded on first use by any session)."""
    return cached(f"weights:{name}", lambda: load(name, build))


def problems(names: list[str]) -> list[str]:
    """Messages for each of `names` that cannot be loaded (for a tab's banner)."""
    found = []
    for name in names:
        try:
            _verified_path(name, entry(name))
        except WeightsError as err:
            found.append(str(err))
    return found


@contextlib.contextmanager
def _manifest_lock() -> Iterator[None]:
    """Several trainers may finish at once: serialise read-modify-write of the manifest."""
    pretrained_dir().mkdir(parents=True, exist_ok=True)
    with open(pretrained_dir() / ".manifest.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _write_manifest(manifest: dict) -> None:
    path = manifest_path()
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    os.replace(tmp, path)


def save(name: str, weights: torch.nn.Module | Mapping[str, torch.Tensor], *, config: dict,
         data: str, seed: int | None, steps: int, command: str, metrics: dict,
         credit: str | None = None, file: str | None = None,
         split: Mapping[str, int] | None = None, resumed: str | None = None) -> dict:
    """Write pretrained/<file> as safetensors and its manifest entry; returns the entry."""
    state = weights.state_dict() if isinstance(weights, torch.nn.Module) else weights
    # safetensors wants plain, contiguous, unshared CPU tensors
    tensors = {k: v.detach().to("cpu").contiguous().clone() for k, v in state.items()}
    file = file or f"{name}.safetensors"
    path = pretrained_dir() / file
    path.parent.mkdir(parents=True, exist_ok=True)
    save_file(tensors, str(path), metadata={"name": name})
    e = {"file": file, "sha256": sha256_file(path), "config": config, "data": data,
         "seed": seed, "steps": int(steps), "command": command,
         "metrics": {k: float(v) for k, v in metrics.items()}}
    if credit:
        e["credit"] = credit
    if split:
        e["split"] = {k: int(v) for k, v in split.items()}
    if resumed:
        e["resumed"] = resumed
    with _manifest_lock():
        manifest = read_manifest()
        manifest[name] = e
        _write_manifest(manifest)
    _cache.pop(f"weights:{name}", None)
    return e


def update_metrics(name: str, **metrics: float) -> dict:
    """Add or replace held-out numbers in an existing entry."""
    with _manifest_lock():
        manifest = read_manifest()
        if name not in manifest:
            raise NotInManifest(name, "cannot add metrics to a model that is not in the manifest")
        manifest[name]["metrics"].update({k: float(v) for k, v in metrics.items()})
        _write_manifest(manifest)
        return manifest[name]
