"""Pixel by pixel: the time to draw one 28x28 digit, and streaming it to a client.

    python -m bench pixelcnn [--repeat 5] [--threads 1] [--no-stream]

* sample_s_p50: one digit with the shipped Gated PixelCNN and the fast sampler
  (vertical stack once per row, horizontal stack one column at a time).
  Baseline, same run: naive_sample_s_p50, 784 full forward passes (the textbook way).
  Goal: sample_s_p50 <= 1.0 s. sample4_s_per_digit_p50: four digits drawn as one batch.
* Streaming, through the real app (gradio_client on /pixelcnn_generate, speed "as fast
  as possible"): stream_updates_per_s (frames received per second; goal >= 20) and
  stream_slowdown (the server's time to draw the digit while streaming frames, over the
  same sampler's time with no frames, in this process, minus 1; goal <= 0.20).

The app runs with PLAYGROUND_THREADS equal to --threads, so both sides use the same
number of torch threads. Timings on a machine shared with other jobs are pessimistic.
"""

from __future__ import annotations

import argparse
import re
import time

import torch

from bench.common import machine, p50, times
from playground import devtools, weights
from playground.pixelcnn import model as M
from playground.pixelcnn import sampling, views


def _sampler_times(model, repeat: int) -> dict:
    y1, y4 = torch.tensor([M.NONE]), torch.full((4,), M.NONE)
    fast = times(lambda: sampling.sample(model, y1, seed=1), repeat)
    batch4 = times(lambda: sampling.sample(model, y4, seed=1), max(2, repeat // 2))
    naive = times(lambda: sampling.sample(model, y1, seed=1, fast=False), max(1, repeat // 2), warmup=0)
    a, _ = sampling.sample(model, y1, seed=1)
    b, _ = sampling.sample(model, y1, seed=1, fast=False)
    return {"sample_s_p50": round(p50(fast), 3), "naive_sample_s_p50": round(p50(naive), 3),
            "speedup": round(p50(naive) / p50(fast), 1),
            "sample4_s_per_digit_p50": round(p50(batch4) / 4, 3),
            "fast_equals_naive": bool(torch.equal(a, b)),
            "sample_s_all": [round(t, 3) for t in fast]}


def _stream(model, threads: int, repeat: int) -> dict:
    """Stream digits through the app; each paired with the same digit drawn here with no
    frames, right before it (pairs keep a busy machine's drift out of the ratio)."""
    from gradio_client import Client
    env = {"PLAYGROUND_TOPICS": "pixelcnn", "PLAYGROUND_THREADS": str(threads)}
    y = torch.tensor([M.NONE])
    rates, slowdowns, frames = [], [], []
    with devtools.running_app(extra_env=env) as (url, _proc, _):
        client = Client(url, verbose=False)
        for k in range(repeat + 1):  # the first run warms the server (loads the model)
            t0 = time.perf_counter()
            sampling.sample(model, y, seed=k)
            direct = time.perf_counter() - t0
            job = client.submit("any digit (no label)", 1, 1.0, k, "max", api_name="/pixelcnn_generate")
            stamps, last = [], None
            for out in job:
                stamps.append(time.perf_counter())
                last = out
            status = re.search(r"in ([\d.]+) s, of which ([\d.]+) s computing", str(last))
            if k == 0 or not status or len(stamps) < 2:
                continue
            frames.append(len(stamps))
            rates.append((len(stamps) - 1) / (stamps[-1] - stamps[0]))
            slowdowns.append(float(status[1]) / direct - 1)
    return {"stream_updates_per_s": round(p50(rates), 1), "stream_slowdown": round(p50(slowdowns), 3),
            "stream_frames_per_digit": int(p50(frames)) if frames else 0,
            "stream_slowdown_all": [round(v, 3) for v in slowdowns]}


def run(args: list[str]) -> dict:
    ap = argparse.ArgumentParser(prog="python -m bench pixelcnn")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--no-stream", action="store_true")
    o = ap.parse_args(args)
    torch.set_num_threads(o.threads)
    model = weights.load(views.GATED, M.build, device="cpu")
    out = {"model": views.GATED, "parameters": M.count_parameters(model), **machine()}
    out.update(_sampler_times(model, o.repeat))
    if not o.no_stream:
        out.update(_stream(model, o.threads, o.repeat))
    out["goals"] = {"sample_s_p50 <=": 1.0, "stream_updates_per_s >=": 20, "stream_slowdown <=": 0.2}
    return out
