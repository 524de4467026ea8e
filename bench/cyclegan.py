"""The ResNet-9 CycleGAN generator on the CPU: the tab's fast path against plain eager fp32.

    python -m bench cyclegan [repeat]

Measures the real photo model (pretrained/cyclegan_vintage, 11.4 M weights) on a
real photo at 256x256 and 512x512, through `playground.cyclegan.fast` as the tab
runs it (`g256_s_p50`, `g512_s_p50`; `fast_path` says which: "bf16" on CPUs with
native bf16, else "nnpack"), through its fp32 NNPACK path (`nnpack_g256_s_p50`) and through the plain module under torch.no_grad()
in fp32 (`baseline_g256_s_p50`, `baseline_g512_s_p50`), measured in the same
run, interleaved call by call so that a busy machine slows both alike. Also:
the largest per-pixel difference between the two outputs (0..255 units; the
tests hold it to <= 2), the digit pair's round trip, and the CPU seconds per
call (wall time inflates when other processes share the cores; CPU time much less).
"""

from __future__ import annotations

import os
import time

import numpy as np
import torch
from PIL import Image

from bench.common import machine, p50
from playground import device
from playground.cyclegan import models, views
from playground.cyclegan.fast import FastGenerator

EXAMPLE = views.__file__.rsplit("/playground/", 1)[0] + "/assets/cyclegan/examples/astronaut.jpg"


def _square(size: int) -> torch.Tensor:
    img = Image.open(EXAMPLE).convert("RGB").resize((size, size), Image.LANCZOS)
    return views.to_signed(np.asarray(img))


def _timed(fn) -> tuple[float, float]:
    t0, c0 = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - t0, time.process_time() - c0


def _compare(fast, plain, x: torch.Tensor, repeat: int) -> dict:
    """Interleaved timings of fast(x) and plain(x), after one untimed warm-up call each."""
    fast(x), plain(x)
    wall = {"fast": [], "plain": []}
    cpu = {"fast": [], "plain": []}
    for _ in range(repeat):
        for name, fn in (("fast", fast), ("plain", plain)):
            w, c = _timed(lambda: fn(x))
            wall[name].append(w)
            cpu[name].append(c)
    diff = np.abs(views.to_pixels(fast(x)).astype(int) - views.to_pixels(plain(x)).astype(int)).max()
    return {"wall": {k: p50(v) for k, v in wall.items()}, "cpu": {k: p50(v) for k, v in cpu.items()},
            "max_diff_255": int(diff)}


def run(args: list[str]) -> dict:
    repeat = int(args[0]) if args else 5
    device.configure("cpu")
    G = models.vintage()

    def plain(x):
        with torch.no_grad():
            return G.module(x)

    load_before = os.getloadavg()[0]
    r256 = _compare(G, plain, _square(256), repeat)
    fp32 = FastGenerator(G.module, bf16=False)
    r256_fp32 = _compare(fp32, plain, _square(256), repeat) if G.path == "bf16" else r256
    r512 = _compare(G, plain, _square(512), max(2, repeat // 2))
    digit = str(views.__file__.rsplit("/playground/", 1)[0] + "/assets/cyclegan/examples/digit_handwritten_3.png")
    t = models.translators()["digits_ab"]
    views.translate(digit, t)
    digit_times = [_timed(lambda: views.translate(digit, t))[0] for _ in range(repeat)]
    return {
        "g256_s_p50": round(r256["wall"]["fast"], 3),
        "g512_s_p50": round(r512["wall"]["fast"], 3),
        "baseline_g256_s_p50": round(r256["wall"]["plain"], 3),
        "baseline_g512_s_p50": round(r512["wall"]["plain"], 3),
        "fast_path": G.path,
        "nnpack_g256_s_p50": round(r256_fp32["wall"]["fast"], 3),
        "max_pixel_diff_256_nnpack_of_255": r256_fp32["max_diff_255"],
        "speedup_256": round(r256["wall"]["plain"] / r256["wall"]["fast"], 2),
        "speedup_512": round(r512["wall"]["plain"] / r512["wall"]["fast"], 2),
        "cpu_g256_s_p50": round(r256["cpu"]["fast"], 3),
        "cpu_baseline_g256_s_p50": round(r256["cpu"]["plain"], 3),
        "max_pixel_diff_256_of_255": r256["max_diff_255"],
        "max_pixel_diff_512_of_255": r512["max_diff_255"],
        "digit_round_trip_s_p50": round(p50(digit_times), 4),
        "goal_g256_s": 0.4,
        "load_average_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "repeat": repeat,
        **machine(),
    }
