"""Cold start: `python app.py` launch to HTTP 200, and the server's memory after start.

Baseline (same run): the bare cost of importing gradio and torch in a fresh
interpreter, which no start-up can avoid.
"""

from __future__ import annotations

import subprocess
import sys
import time

from bench.common import p50
from playground import devtools


def _import_baseline() -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import gradio, torch"], check=True)
    return time.perf_counter() - t0


def run(args: list[str]) -> dict:
    repeat = int(args[0]) if args else 3
    starts, rss = [], []
    for _ in range(repeat):
        with devtools.running_app() as (url, proc, seconds):
            starts.append(seconds)
            time.sleep(1.0)  # let start-up work settle before reading memory
            rss.append(devtools.rss_mb(proc.pid))
    baseline = [_import_baseline() for _ in range(repeat)]
    return {"cold_start_s": round(p50(starts), 2), "rss_mb": round(p50(rss), 1),
            "baseline_import_gradio_torch_s": round(p50(baseline), 2),
            "runs": repeat, "cold_start_all_s": [round(s, 2) for s in starts]}
