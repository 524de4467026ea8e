"""Which device the models run on, and how many CPU threads torch may use.

Set once at start-up by `configure()` (from `--device` / PLAYGROUND_DEVICE),
read everywhere else through `get()`. `auto` prefers CUDA, then Apple's MPS,
then the CPU.
"""

from __future__ import annotations

import os
import threading

import torch

CHOICES = ("auto", "cpu", "cuda", "mps")

_lock = threading.Lock()
_device: torch.device | None = None


class DeviceUnavailable(RuntimeError):
    pass


def _mps_available() -> bool:
    mps = getattr(torch.backends, "mps", None)
    return bool(mps and mps.is_available())


def pick(preference: str = "auto") -> torch.device:
    """Resolve a preference to a device that exists on this machine."""
    preference = (preference or "auto").lower()
    if preference not in CHOICES:
        raise ValueError(f"unknown device {preference!r}; choose one of {', '.join(CHOICES)}")
    if preference == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        if _mps_available():
            return torch.device("mps")
        return torch.device("cpu")
    if preference == "cuda" and not torch.cuda.is_available():
        raise DeviceUnavailable("--device cuda was asked for, but torch sees no CUDA GPU")
    if preference == "mps" and not _mps_available():
        raise DeviceUnavailable("--device mps was asked for, but this torch has no MPS backend")
    return torch.device(preference)


def configure(preference: str | None = None, threads: int | None = None) -> torch.device:
    """Choose the process-wide device and CPU thread count. Call once, early."""
    global _device
    preference = preference or os.environ.get("PLAYGROUND_DEVICE", "auto")
    threads = threads or int(os.environ.get("PLAYGROUND_THREADS", "0") or 0) or (os.cpu_count() or 1)
    with _lock:
        _device = pick(preference)
        # Many sessions run small models at once: intra-op threads beyond the
        # core count only add contention, and inter-op parallelism buys nothing here.
        torch.set_num_threads(max(1, threads))
        try:
            torch.set_num_interop_threads(1)
        except RuntimeError:
            pass  # already fixed once any parallel work has run; harmless
    return _device


def get() -> torch.device:
    """The configured device (configuring with defaults on first use)."""
    if _device is None:
        return configure()
    return _device


def describe(template: str = "Device: {name} · CPU threads: {threads} · torch {torch}") -> str:
    """One line for the page footer: the device and the CPU threads in use (`template`: the
    page's words for it, in any language)."""
    dev = get()
    if dev.type == "cuda":
        name = f"CUDA GPU ({torch.cuda.get_device_name(dev)})"
    elif dev.type == "mps":
        name = "Apple GPU (MPS)"
    else:
        name = "CPU"
    return template.format(name=name, threads=torch.get_num_threads(), torch=torch.__version__)
