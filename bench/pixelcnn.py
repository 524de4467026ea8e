"""Pixel by pixel: the time to draw one 28x28 digit, and streaming it to a client.

    python -m bench pixelcnn [--repeat 5] [--stream-repeat 9] [--threads 1] [--no-stream]

Sampling, in this process (the shipped Gated PixelCNN, "no label", seed 1, --threads):

  sample_s_p50            one digit, fast sampler (vertical stack once per row, horizontal
                          stack one column at a time). Goal: <= 1.0 s.
  naive_sample_s_p50      the same digit the textbook way: 784 full forward passes. Same
                          model, seed, threads and warm-up (one untimed call) as the fast path.
  speedup                 naive_sample_s_p50 / sample_s_p50.
  fast_equals_naive       both paths draw the identical digit (so the speedup is like for like).
  sample4_s_per_digit_p50 four digits drawn as one batch, seconds per digit.
  sample_s_all, naive_sample_s_all   every timed call.

Streaming, measured as a student sees it: from the client. The app runs as a real
server (PLAYGROUND_TOPICS=pixelcnn); gradio_client calls /pixelcnn_generate (speed "as fast
as possible") and stamps every frame as it arrives. The first request warms the server
(model load, worker process start) and is left out of the medians.

  stream_updates_per_s    frames received per second, first frame to last (p50 over
                          digits). Goal: >= 20.
  stream_first_frame_s_p50  request -> first frame received (what a student waits).
  stream_first_frame_s_first_request  the same for the server's first request.
  stream_frame_gap_s_p50, _p95, _max  time between consecutive frames received, over
                          every frame of every measured digit (a long gap is a visible stall).
  stream_digit_s_p50      request -> last frame received: the finished digit on screen.
  stream_slowdown         stream_digit_s over the same digit drawn in this process with no
                          frames, minus 1 (p50 over digits); goal <= 0.20. Both sides are
                          wall time of the whole job as its user waits for it: the stream's
                          includes the request, the queue, the worker round trip and every
                          frame's transfer, which is the point.
  stream_slowdown_server_clock  diagnostic only: the server's own "in X s" for the same
                          digits over the same no-frames times, minus 1. It leaves out what
                          the client waits for outside the sampler, so it is not a headline.
  stream_frames_per_digit, stream_digit_s_all, stream_slowdown_all, direct_*_s_all  the raw
                          numbers behind the medians.

How a stream is paired with its no-frames time: the digit is drawn here right before AND
right after the stream, and the stream is compared with the mean of the two. On a 2-core
machine shared with other jobs the same digit's time drifts by 20-50% from one second to
the next; bracketing the stream cancels a drift that is steady over one pair. Each
no-frames time is taken 0.3 s after the previous stream ended (SETTLE_S): the client runs
in this process, and its threads, still winding down a stream, would otherwise take the
GIL from the sampler here and make the no-frames time too long (which would flatter the
ratio). Single pairs still vary by +-30% on a shared machine: read stream_slowdown_all,
not one median alone.

Continuous pixels (the "Continuous pixels" sub-tab; --no-continuous leaves it out):

  continuous_slider_ms_p50, _max   one move of the K or context slider on the server: the
                          distributions for the new setting, the figure, the table, and the
                          figure's JSON (what Gradio sends); fits loaded once, before timing.
                          Goal: p50 <= 100 ms.
  continuous_first_load_ms  loading the saved fits on the sub-tab's first use.

The server's sampler workers use one torch thread (worker.SamplerProcess.THREADS); the
no-frames reference here uses --threads, default 1, so both sides use the same number.
Timings on a machine shared with other jobs are pessimistic.
"""

from __future__ import annotations

import argparse
import re
import time

import numpy as np
import torch

from bench.common import machine, p50, times
from playground import devtools, weights
from playground.pixelcnn import model as M
from playground.pixelcnn import sampling, views


SETTLE_S = 0.3


def _sampler_times(model, repeat: int) -> dict:
    y1, y4 = torch.tensor([M.NONE]), torch.full((4,), M.NONE)
    # the same warm-up (one untimed call) for both paths: like for like
    fast = times(lambda: sampling.sample(model, y1, seed=1), repeat, warmup=1)
    naive = times(lambda: sampling.sample(model, y1, seed=1, fast=False), max(1, repeat // 2), warmup=1)
    batch4 = times(lambda: sampling.sample(model, y4, seed=1), max(2, repeat // 2), warmup=1)
    a, _ = sampling.sample(model, y1, seed=1)
    b, _ = sampling.sample(model, y1, seed=1, fast=False)
    return {"sample_s_p50": round(p50(fast), 3), "naive_sample_s_p50": round(p50(naive), 3),
            "speedup": round(p50(naive) / p50(fast), 1),
            "sample4_s_per_digit_p50": round(p50(batch4) / 4, 3),
            "fast_equals_naive": bool(torch.equal(a, b)),
            "sample_s_all": [round(t, 3) for t in fast],
            "naive_sample_s_all": [round(t, 3) for t in naive]}


def _direct(model, y, seed: int) -> float:
    """The digit drawn here with no frames, once this process is quiet: gradio_client's
    threads (same process, same GIL) are left a moment to finish with the last stream."""
    time.sleep(SETTLE_S)
    t0 = time.perf_counter()
    sampling.sample(model, y, seed=seed)
    return time.perf_counter() - t0


def _stream(model, threads: int, repeat: int) -> dict:
    """Stream digits through the app, timed by the client; each paired with the same digit
    drawn here with no frames, right before and right after it (see the module's docstring)."""
    from gradio_client import Client
    env = {"PLAYGROUND_TOPICS": "pixelcnn", "PLAYGROUND_THREADS": str(threads)}
    y = torch.tensor([M.NONE])
    rates, frames, first_frame, gaps, seen, server, before, after = ([] for _ in range(8))
    cold = float("nan")
    with devtools.running_app(extra_env=env) as (url, _proc, _):
        client = Client(url, verbose=False)
        for k in range(repeat + 1):  # the first run warms the server (loads the model)
            t_before = _direct(model, y, k)
            t0 = time.perf_counter()
            job = client.submit("any digit (no label)", 1, 1.0, k, "max", views.GATED,
                                api_name="/pixelcnn_generate")
            stamps, last = [], None
            for out in job:          # each frame, stamped as it reaches the client
                stamps.append(time.perf_counter())
                last = out
            t_after = _direct(model, y, k)
            if k == 0 and stamps:
                cold = stamps[0] - t0
            status = re.search(r"in ([\d.]+) s, of which ([\d.]+) s computing", str(last))
            if k == 0 or not status or len(stamps) < 2:
                continue
            frames.append(len(stamps))
            first_frame.append(stamps[0] - t0)
            gaps += [b - a for a, b in zip(stamps, stamps[1:])]
            rates.append((len(stamps) - 1) / (stamps[-1] - stamps[0]))
            seen.append(stamps[-1] - t0)
            server.append(float(status[1]))
            before.append(t_before)
            after.append(t_after)
    direct = [(b + a) / 2 for b, a in zip(before, after)]
    slowdowns = [s / d - 1 for s, d in zip(seen, direct)]
    server_slowdowns = [s / d - 1 for s, d in zip(server, direct)]
    return {"stream_updates_per_s": round(p50(rates), 1), "stream_slowdown": round(p50(slowdowns), 3),
            "stream_first_frame_s_p50": round(p50(first_frame), 3),
            "stream_first_frame_s_first_request": round(cold, 3),
            "stream_frame_gap_s_p50": round(p50(gaps), 4),
            "stream_frame_gap_s_p95": round(float(np.percentile(gaps, 95)), 4),
            "stream_frame_gap_s_max": round(max(gaps), 4),
            "stream_digit_s_p50": round(p50(seen), 3),
            "stream_slowdown_server_clock": round(p50(server_slowdowns), 3),
            "stream_frames_per_digit": int(p50(frames)) if frames else 0,
            "stream_digit_s_all": [round(v, 3) for v in seen],
            "stream_slowdown_all": [round(v, 3) for v in slowdowns],
            "stream_server_s_all": [round(v, 3) for v in server],
            "direct_before_s_all": [round(v, 3) for v in before],
            "direct_after_s_all": [round(v, 3) for v in after]}


def _continuous_times(repeat: int) -> dict:
    from playground.pixelcnn.text import EN
    t0 = time.perf_counter()
    views.continuous_fits()
    first = time.perf_counter() - t0
    rng = np.random.default_rng(0)
    moves = [(int(rng.integers(0, 256)), int(rng.integers(1, 11))) for _ in range(max(10, 4 * repeat))]
    it = iter(moves * 2)

    def move():
        left, k = next(it)
        fig, table = views.continuous_view(left, k, EN)
        return len(fig.to_json()) + len(table)

    ts = times(move, len(moves) - 1, warmup=1)
    return {"continuous_slider_ms_p50": round(1000 * p50(ts), 1),
            "continuous_slider_ms_max": round(1000 * max(ts), 1),
            "continuous_first_load_ms": round(1000 * first, 1)}


def run(args: list[str]) -> dict:
    ap = argparse.ArgumentParser(prog="python -m bench pixelcnn")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--stream-repeat", type=int, default=9)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--no-stream", action="store_true")
    ap.add_argument("--no-continuous", action="store_true")
    o = ap.parse_args(args)
    torch.set_num_threads(o.threads)
    model = weights.load(views.GATED, M.build, device="cpu")
    out = {"model": views.GATED, "parameters": M.count_parameters(model), **machine()}
    out.update(_sampler_times(model, o.repeat))
    if not o.no_stream:
        out.update(_stream(model, o.threads, o.stream_repeat))
    if not o.no_continuous:
        out.update(_continuous_times(o.repeat))
    out["goals"] = {"sample_s_p50 <=": 1.0, "stream_updates_per_s >=": 20, "stream_slowdown <=": 0.2,
                    "continuous_slider_ms_p50 <=": 100}
    return out
