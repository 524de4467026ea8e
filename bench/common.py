"""Timing helpers shared by the benchmarks."""

from __future__ import annotations

import os
import platform
import statistics
import time
from typing import Callable


def times(fn: Callable[[], object], repeat: int, warmup: int = 1,
          clock: Callable[[], float] = time.perf_counter) -> list[float]:
    """Seconds per call of `fn` by `clock` (wall time; time.process_time for CPU time),
    after `warmup` untimed calls."""
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(repeat):
        t0 = clock()
        fn()
        out.append(clock() - t0)
    return out


def p50(xs: list[float]) -> float:
    return float(statistics.median(xs))


def machine() -> dict:
    import torch
    return {"cpu_count": os.cpu_count(), "torch_threads": torch.get_num_threads(),
            "python": platform.python_version(), "torch": torch.__version__}
