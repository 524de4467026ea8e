"""GAN tab: training speed of the live 2-D GAN, time to a healthy result, frames to the browser,
and whether one student's training stalls another student's handlers.

    python -m bench gan            # everything (~3 minutes)
    python -m bench gan quick      # no browser, no app: the in-process numbers only
    python -m bench gan theory     # what D* and the divergences add to each frame
    python -m bench gan flock      # CPU per GAN-iteration, alone vs in flocks (~30 s)

Baseline (same run): the straightforward PyTorch loop (nn.Sequential MLPs, autograd,
torch.optim.Adam, BCE on logits) at 2x128 / batch 256, the size first measured for
this issue, and at the tab's default size.
"""

from __future__ import annotations

import statistics
import threading
import time

import numpy as np
import torch

from bench.common import machine, p50
from playground.gan import datasets, presets, toy
from playground.gan.session import Session


# --- raw training speed -------------------------------------------------------------

def ours_steps_per_s(settings: toy.Settings, seconds: float = 2.0, repeat: int = 3) -> float:
    gan = toy.ToyGAN(settings, datasets.get(settings.data).sample)
    gan.train(50)
    rates = []
    for _ in range(repeat):
        n, t0 = 0, time.perf_counter()
        while time.perf_counter() - t0 < seconds:
            gan.train(50)
            n += 50
        rates.append(n / (time.perf_counter() - t0))
    return p50(rates)


def torch_steps_per_s(width: int, batch: int, seconds: float = 2.0, repeat: int = 3) -> float:
    """The plain loop a student would write: one D step and one G step per iteration."""
    def mlp(n_in, n_out):
        return torch.nn.Sequential(torch.nn.Linear(n_in, width), torch.nn.LeakyReLU(0.2),
                                   torch.nn.Linear(width, width), torch.nn.LeakyReLU(0.2),
                                   torch.nn.Linear(width, n_out))
    torch.manual_seed(0)
    G, D = mlp(2, 2), mlp(2, 1)
    opt_g = torch.optim.Adam(G.parameters(), 1e-3, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(D.parameters(), 1e-3, betas=(0.5, 0.999))
    bce = torch.nn.functional.binary_cross_entropy_with_logits
    ones, zeros = torch.ones(batch, 1), torch.zeros(batch, 1)
    ring = datasets.ring()
    rng = np.random.default_rng(0)

    def step():
        real = torch.from_numpy(ring.sample(rng, batch))
        fake = G(torch.randn(batch, 2))
        loss_d = bce(D(real), ones) + bce(D(fake.detach()), zeros)
        opt_d.zero_grad()
        loss_d.backward()
        opt_d.step()
        loss_g = bce(D(fake), ones)
        opt_g.zero_grad()
        loss_g.backward()
        opt_g.step()

    for _ in range(20):
        step()
    rates = []
    for _ in range(repeat):
        n, t0 = 0, time.perf_counter()
        while time.perf_counter() - t0 < seconds:
            step()
            n += 1
        rates.append(n / (time.perf_counter() - t0))
    return p50(rates)


# --- time to a healthy run, the way the tab trains (bursts + a frame each) ------------------

def healthy_all_modes(repeat: int = 3) -> dict:
    """Wall time until the Healthy preset covers 8/8 modes with >= 80% good samples, training
    exactly as the tab's stream does (bursts of TRAIN_S, then a full frame: meters, D(x), picture)."""
    from playground.gan import tab, views
    walls, steps, train_only = [], [], []
    for _ in range(repeat):
        sess = Session(presets.PRESETS["Healthy"].settings)
        t0 = time.perf_counter()
        trained = 0.0
        while True:
            t = time.perf_counter()
            while time.perf_counter() - t < tab.TRAIN_S:
                sess.train(20)
            trained += time.perf_counter() - t
            frame = sess.snapshot()
            views.canvas_html(sess, frame)
            if frame.meters.covered == 8 and frame.meters.high_quality >= 0.8:
                break
            if time.perf_counter() - t0 > 120:
                break
        walls.append(time.perf_counter() - t0)
        steps.append(sess.gan.step)
        train_only.append(trained)
    return {"healthy_all_modes_s": round(p50(walls), 2), "healthy_all_modes_steps": int(p50(steps)),
            "healthy_all_modes_training_only_s": round(p50(train_only), 2),
            "healthy_all_modes_all_s": [round(w, 2) for w in walls]}


def frame_cost_ms(repeat: int = 20) -> dict:
    """Server time to make one frame (meters, D(x), arrows, picture, figure JSON)."""
    from playground.gan import tab, views
    sess = Session(presets.PRESETS["Healthy"].settings)
    sess.train(2000)
    snap, fig, size = [], [], 0
    for _ in range(repeat):
        t = time.perf_counter()
        frame = sess.snapshot()
        snap.append(time.perf_counter() - t)
        t = time.perf_counter()
        js = views.canvas_html(sess, frame)
        views.meters_html(sess, frame, tab.T)
        fig.append(time.perf_counter() - t)
        size = len(js)
    return {"frame_measure_ms": round(1000 * p50(snap), 2), "frame_draw_ms": round(1000 * p50(fig), 2),
            "frame_kb": round(size / 1024, 1)}


def theory_cost_ms(repeat: int = 200) -> dict:
    """What D* and the divergences add to a frame, in the engine (one BLAS thread): the KDE,
    D* and JSD (divergence.Theory.measure on the meters' 1,000 samples) and the D* picture
    (views.optimal_html), beside the whole frame as the engine draws it (host.frame_outputs)."""
    from playground.gan import blas, host, views
    blas.single_thread()
    sess = Session(presets.PRESETS["Healthy"].settings)
    sess.train(2000)
    frame = sess.snapshot()
    evals = sess.gan.generate(sess.z_eval)

    def timed(work) -> float:
        """CPU ms per call (process time: on a busy machine wall time also counts the waits)."""
        work()
        t = time.process_time()
        for _ in range(repeat):
            work()
        return 1000 * (time.process_time() - t) / repeat

    measure = timed(lambda: sess.theory.measure(evals))
    draw = timed(lambda: views.optimal_html(sess, frame, views.T))
    whole = timed(lambda: host.frame_outputs(sess, None, False, "en"))
    return {"theory_measure_cpu_ms": round(measure, 3), "theory_draw_cpu_ms": round(draw, 3),
            "theory_added_cpu_ms": round(measure + draw, 3), "frame_with_theory_cpu_ms": round(whole, 3),
            "theory_goal_ms": 2.0}


# --- the GIL: does training in other sessions stall a cheap handler? ----------------------

def _cheap_handler() -> None:
    """What a slider drag costs elsewhere in the app: a little Python and a little numpy."""
    a = np.arange(2000, dtype=np.float32)
    for _ in range(20):
        a = np.sqrt(a * a + 1.0)
    str([round(float(v), 3) for v in a[:200]])


def handler_latency(trainers: int, chunked: bool, seconds: float = 4.0) -> float:
    """p95 latency (ms) of _cheap_handler while `trainers` threads train like the tab does."""
    from playground.gan import tab
    stop = threading.Event()

    def train():
        sess = Session(presets.PRESETS["Healthy"].settings)
        while not stop.is_set():
            if chunked:  # the tab: chunks of ~CHUNK_S, time.sleep(0) between them
                t = time.perf_counter()
                while time.perf_counter() - t < tab.TRAIN_S:
                    sess.train(5)
                    time.sleep(0)
            else:        # one long burst of TRAIN_S with no voluntary release
                t = time.perf_counter()
                n = 0
                while time.perf_counter() - t < tab.TRAIN_S:
                    sess.gan.iteration()
                    n += 1
            sess.snapshot()
            time.sleep(0)  # the stream hands its frame to Gradio and trains on

    threads = [threading.Thread(target=train, daemon=True) for _ in range(trainers)]
    for th in threads:
        th.start()
    time.sleep(0.3)
    lat = []
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        t = time.perf_counter()
        _cheap_handler()
        lat.append(time.perf_counter() - t)
        time.sleep(0.02)
    stop.set()
    for th in threads:
        th.join()
    return round(1000 * statistics.quantiles(lat, n=20)[18], 2)


# --- the real app in a real browser ------------------------------------------------------

def browser_numbers(seconds: float = 10.0) -> dict:
    """Frames per second a browser receives while training, and the latency of a cheap
    API call (another student's click) while 0 or 3 other sessions train."""
    from playwright.sync_api import sync_playwright
    from playground import devtools
    from gradio_client import Client

    out = {}
    with devtools.running_app(extra_env={"PLAYGROUND_TOPICS": "gan", "PLAYGROUND_NETGUARD": "0"}) as (url, proc, _):
        with sync_playwright() as p:
            browser = p.chromium.launch(**devtools.launch_args())
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(url)
            page.wait_for_selector("#gan-canvas .gan-canvas img", timeout=120_000)
            page.evaluate("""() => { window.__frames = []; const el = document.querySelector('#gan-meters');
                new MutationObserver(() => { const m = el.querySelector('.gan-meters');
                  if (m) window.__frames.push([performance.now(), +m.dataset.step]); })
                .observe(el, {subtree: true, childList: true, attributes: true}); }""")
            page.click("#gan-train")
            time.sleep(2.0)  # warm-up: the first frames
            page.evaluate("() => { window.__frames = []; }")
            time.sleep(seconds)
            frames = page.evaluate("() => window.__frames")
            page.click("#gan-pause")
            browser.close()
        distinct = {s for _, s in frames}
        span = (frames[-1][0] - frames[0][0]) / 1000 if len(frames) > 1 else seconds
        steps = (max(distinct) - min(distinct)) if distinct else 0
        out["browser_frames_per_s"] = round(len(distinct) / max(span, 1e-9), 1)
        out["browser_steps_per_s_while_drawing"] = round(steps / max(span, 1e-9), 0)

        def latency(n_trainers: int) -> float:
            stop = threading.Event()

            def student():  # presses Train: one stream of frames until stopped
                job = Client(url, verbose=False).submit(*_defaults(), api_name="/gan_train")
                stop.wait()
                job.cancel()

            threads = [threading.Thread(target=student, daemon=True) for _ in range(n_trainers)]
            for th in threads:
                th.start()
            time.sleep(2.0 if n_trainers else 0.1)
            probe = Client(url, verbose=False)
            lat = []
            for _ in range(25):
                t = time.perf_counter()
                probe.predict(*_defaults(), api_name="/gan_pause")  # cheap LIVE handler
                lat.append(time.perf_counter() - t)
            stop.set()
            for th in threads:
                th.join(timeout=10)
            return round(1000 * p50(lat), 1)

        out["api_latency_ms_idle"] = latency(0)
        out["api_latency_ms_3_training"] = latency(3)
    return out


def flock_cost_us(seconds: float = 1.0) -> dict:
    """CPU microseconds per GAN-iteration, each GAN alone (the baseline, as the engine trained
    before flocks) and as flocks of 4 and 8 (batch.py), with the engine's malloc settings."""
    from dataclasses import replace
    from playground import procs
    from playground.gan import batch, engine
    procs.tune_malloc(**engine.MALLOC)   # as the engine process has it

    def cost(gans: list, together: bool) -> float:
        n, t0 = 0, time.process_time()
        while time.process_time() - t0 < seconds:
            if together:
                batch.Flock(gans).train(20)
            else:
                for g in gans:
                    g.train(20)
            n += 20 * len(gans)
        return (time.process_time() - t0) / n * 1e6

    out = {}
    for name in ("Healthy", "Mode collapse"):
        s = presets.PRESETS[name].settings
        for size in (4, 8):
            gans = [toy.ToyGAN(replace(s, seed=k), datasets.get(s.data).sample) for k in range(size)]
            batch.train(gans, 5)
            alone, together = p50([cost(gans, False) for _ in range(3)]), p50([cost(gans, True) for _ in range(3)])
            key = name.lower().replace(" ", "_")
            out[f"{key}_alone_us"] = round(alone)
            out[f"{key}_flock{size}_us"] = round(together)
            out[f"{key}_flock{size}_saves"] = round(1 - together / alone, 3)
    return out


def _defaults() -> list:
    from playground.gan import tab
    return tab.values_of(presets.PRESETS["Healthy"].settings)


def run(args: list[str]) -> dict:
    torch.set_num_threads(1)
    if "theory" in args:  # python -m bench gan theory: D* and the divergences' cost per frame only
        return {**theory_cost_ms(), "machine": machine()}
    if "flock" in args:   # python -m bench gan flock: CPU per GAN-iteration, alone vs flocks
        return {**flock_cost_us(), "machine": machine()}
    default = presets.PRESETS["Healthy"].settings
    big = toy.Settings(g_width=128, d_width=128, batch=256)
    result = {
        "default_setting": {k: v for k, v in default.as_dict().items()
                            if k in ("data", "g_layers", "g_width", "d_layers", "d_width", "batch",
                                     "loss", "g_lr", "d_lr", "z_dim")},
        # headline pair: the same network and batch (the Healthy preset's), ours vs plain torch
        "steps_per_s": round(ours_steps_per_s(default)),
        "baseline_steps_per_s": round(torch_steps_per_s(default.d_width, default.batch)),
        # and a bigger pair, again like with like
        "ours_at_2x128_batch256_steps_per_s": round(ours_steps_per_s(big)),
        "baseline_at_2x128_batch256_steps_per_s": round(torch_steps_per_s(128, 256)),
    }
    result.update(healthy_all_modes())
    result.update(frame_cost_ms())
    result.update(theory_cost_ms())
    result["cheap_handler_p95_ms"] = {
        "idle": handler_latency(0, True),
        "3_trainers_chunked": handler_latency(3, True),
        "3_trainers_unchunked": handler_latency(3, False),
    }
    if "quick" not in args:
        result.update(browser_numbers())
    result["goals"] = {"steps_per_s": 1000, "healthy_all_modes_s": 20, "browser_frames_per_s": 10}
    result["machine"] = machine()
    return result
