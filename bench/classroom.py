"""A class on one server: N simulated students and one real browser, then a health check.

    python -m bench classroom [students=30] [seconds=120] [--runs=2] [--device=cpu|cuda]
                              [--no-probe] [--probe-nice=0] [--profile=FILE]

The students are light: one asyncio loop speaking the browser's own queue protocol
(POST /queue/join, the /queue/data and /heartbeat event streams, POST /cancel) over raw
HTTP, each student its own session. Each student moves from activity to activity, with
the mix a lesson has: the GAN tab (train, watch, pause, train again, a second press,
close the page mid-run), VAE slider drags (the page decodes a drag itself, so the server
gets the decoder's weights once per page and one event per drag, its release), attention
and LSTM (one analysis, then views), pixel-by-pixel streams (watched, stopped or
abandoned), a CycleGAN photo now and then. Some students reload the page between
activities (a new session; the old one closes).

One real Chromium (Playwright) moves two VAE sliders in turn throughout and times each
value from the input event to the new picture painted: a latent slider (decoded by the
page) and the interpolation's example slider (answered by the server, through the class's
queue).

After the load: a new student must get a GAN frame, a pixel frame and a slider picture;
`py-spy dump` lists the server's threads, and any thread still inside the app's code
once the class has gone (beyond the app's own named service threads) counts as stuck;
memory of the server and its worker processes (RSS, and PSS, which counts pages shared
between them once).

Keys (times in ms unless named _s; p50/p95 over every event of the run):
  probe_slider_ms_p50/p95      the browser: latent slider input -> new picture painted
  probe_server_slider_ms_p50/p95  the same for the interpolation's example slider, which goes
                               to the server (an event through the class's queue)
  quick_ms_p50/p95             VAE slider release decode, attention view change, LSTM redraw
                               (quick_ms_p95_by: each of them; oneshot_ms_p95_by likewise)
  vae_decoder_fetch_ms_p50/p95 a page fetching the VAE decoder's weights (1.7 MB, once a page)
  oneshot_ms_p50/p95           attention Show, LSTM Analyse
  gan_fps_min/p10/p50          frames per second of each GAN run (runs of >= 3 s)
  gan_engine_fps_p50           frames per second the engine drew for them (their status lines):
                               above gan_fps, frames were drawn that the server dropped
  gan_sps_min/p10/p50          training steps per second of each run (from Pause's step)
  gan_sps_p50_healthy, gan_sps_p50_mode_collapse   the same, per setting (the one with five D
                               steps per G step costs ~3.5x as much per step)
  gan_slowest                  the four slowest runs, whole (setting, crowd, length, first frame)
  gan_concurrent_mean          how many students were training at the same time (mean)
  gan_fps_min_9plus, gan_sps_min_9plus   the slowest run among those during which nine or
                               more students trained at once (gan_runs_with_9plus_training)
  gan_by_crowd                 the runs by how many trained at once (a run's mean: 0-9, 9-11,
                               11-13, >=13): runs, sps_min, sps_p50, fps_min
  gan_first_frame_ms_p50/p95   Train pressed -> first frame
  pixel_first_frame_ms_p50/p95, pixel_fps_p50
  errors                       failed events, unexpected errors, timeouts (with samples)
  health_*                     the new student after the load
  stuck_threads                threads still in app code after the class left
  memory_*_mb                  RSS and PSS of server + workers (and by process), at start,
                               after warm-up and after each run; rss_growth_last_vs_first
  loadgen_cpu_s, server_cpu_s  CPU used during the load (the load generator must stay
                               far below the server, so the figures are the server's);
                               cpu_s_by_process: server, gan-engine, pixel-workers, ...
  probe_browser_cpu_s          CPU of the probe's browser: it shares the server's two cores (a
                               student's browser would not), as a scheduling group of its own
                               (see `probe`; --probe-nice=N lowers its priority)
  machine_busy                 the whole machine's busy share during the load (/proc/stat)
  --profile=FILE               py-spy samples of what holds the server's GIL (collapsed stacks;
                               the server is not paused to take them)
  CLASSROOM_RUNS_TO=FILE       (environment) every GAN run of the last run, as JSON
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import re
import statistics
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from bench.common import machine
from playground import devtools

API = "gradio_api"
EXAMPLES = Path(__file__).resolve().parents[1] / "assets" / "cyclegan" / "examples"
TEXTS = [
    "The animal didn't cross the street because it was too tired.",
    "A student opened the notebook and the model began to draw digits.",
    "def mean(xs):\n    return sum(xs) / len(xs)\n",
    "for i in range(10):\n    print(i, [i * i for i in range(i)])\n",
]
# A lesson's mix; with 30 students about 10 are training a GAN at any moment (the case).
ACTIVITIES = {"gan": 0.38, "vae": 0.23, "attention": 0.12, "lstm": 0.12, "pixel": 0.10, "cyclegan": 0.05}
RELOAD_P = 0.15   # a student reloads the page (new session) after an activity
MIN_WATCH_S = 4.0  # a Train is watched at least this long (pressed then, or not at all)
EVENT_TIMEOUT_S = 60.0
PROBE_NICE = 0    # the probe browser's CPU priority (--probe-nice=N): see `probe`


def pct(xs: list[float], q: float) -> float | None:
    return round(float(np.percentile(xs, q)), 1) if xs else None


# ----------------------------------------------------------------------------------
# The queue protocol, as the browser speaks it
# ----------------------------------------------------------------------------------

@dataclass
class Event:
    event_id: str
    api: str
    t0: float
    messages: asyncio.Queue = field(default_factory=asyncio.Queue)
    done: bool = False


class App:
    """The server's config: which fn_index an api_name is, and its inputs' default values."""

    def __init__(self, url: str, config: dict):
        self.url = url.rstrip("/")
        comps = {c["id"]: c for c in config["components"]}
        self.deps = {d["api_name"]: d for d in config["dependencies"] if d.get("api_name")}
        self.comps = comps
        # the VAE's decoder, which the page fetches and runs itself (playground/vae/webdecoder.py)
        # (gr.HTML keeps its own props under props["props"])
        self.decoder_path = next((c["props"].get("props", {}).get("decoder") for c in comps.values()
                                  if c.get("props", {}).get("elem_id") == "vae-decoded"), None)

    def file_url(self, path: str) -> str:
        return f"{self.url}/{API}/file={path}"

    def payload(self, api: str, **values) -> tuple[int, int | None, list]:
        """(fn_index, trigger_id, data) with defaults, `values` by elem_id or input position."""
        d = self.deps[api]
        data = []
        for k, cid in enumerate(d["inputs"]):
            c = self.comps[cid]
            props = c.get("props", {})
            v = None if c["type"] == "state" else props.get("value")
            key = props.get("elem_id")
            if key in values:
                v = values[key]
            elif f"_{k}" in values:
                v = values[f"_{k}"]
            data.append(v)
        trigger = d["targets"][0][0] if d["targets"] else None
        return d["id"], trigger, data


class Student:
    """One browser tab: a session with its heartbeat and its data stream."""

    def __init__(self, app: App, http, stats: "Stats"):
        self.app, self.http, self.stats = app, http, stats
        self.hash = uuid.uuid4().hex[:11]
        self.events: dict[str, Event] = {}
        self.early: dict[str, list] = {}   # messages that came before join's answer did
        self.stream_task: asyncio.Task | None = None
        self.heartbeat = asyncio.create_task(self._heartbeat())
        self.closed = False
        self.gan_step: int | None = 0   # the GAN's step as Pause last reported it
        self.gan_preset = "Healthy"     # the tab's default setting until a preset is chosen
        self.vae_decoder = False        # has this page fetched the VAE's decoder yet

    async def _heartbeat(self) -> None:
        try:
            async with self.http.stream("GET", f"{self.app.url}/{API}/heartbeat/{self.hash}",
                                        timeout=None) as r:
                async for _ in r.aiter_lines():
                    pass
        except Exception:
            pass

    async def _stream(self) -> None:
        try:
            async with self.http.stream("GET", f"{self.app.url}/{API}/queue/data",
                                        params={"session_hash": self.hash}, timeout=None) as r:
                async for line in r.aiter_lines():
                    if not line.startswith("data:"):
                        continue
                    msg = json.loads(line[5:])
                    kind = msg.get("msg")
                    if kind == "close_stream":
                        break
                    eid = msg.get("event_id") or ""
                    ev = self.events.get(eid)
                    if ev is not None:
                        ev.messages.put_nowait(msg)
                    elif kind == "unexpected_error":
                        self.stats.error("unexpected_error", msg.get("message"))
                    elif eid:  # the event ran before its join's answer reached us
                        self.early.setdefault(eid, []).append(msg)
        except Exception as err:
            if not self.closed:
                self.stats.error("data_stream", repr(err))
        finally:
            self.stream_task = None
            if not self.closed:  # events still waiting: the browser reconnects
                if any(not e.done for e in self.events.values()):
                    self.stream_task = asyncio.create_task(self._stream())

    async def submit(self, api: str, **values) -> Event | None:
        fn, trigger, data = self.app.payload(api, **values)
        body = {"data": data, "event_data": None, "fn_index": fn, "trigger_id": trigger,
                "session_hash": self.hash}
        t0 = time.perf_counter()
        try:
            r = await self.http.post(f"{self.app.url}/{API}/queue/join", json=body, timeout=30)
        except Exception as err:
            self.stats.error(f"join:{api}", repr(err))
            return None
        if r.status_code != 200:
            self.stats.error(f"join:{api}", f"HTTP {r.status_code} {r.text[:200]}")
            return None
        ev = Event(r.json()["event_id"], api, t0)
        self.events[ev.event_id] = ev
        for msg in self.early.pop(ev.event_id, []):
            ev.messages.put_nowait(msg)
        if self.stream_task is None:
            self.stream_task = asyncio.create_task(self._stream())
        return ev

    async def result(self, ev: Event, timeout: float = EVENT_TIMEOUT_S) -> tuple[bool, list | None, float]:
        """Wait for the event to complete: (success, output data, seconds)."""
        deadline = time.perf_counter() + timeout
        try:
            while True:
                msg = await asyncio.wait_for(ev.messages.get(), max(0.01, deadline - time.perf_counter()))
                if msg["msg"] == "process_completed":
                    ok = bool(msg.get("success"))
                    out = msg.get("output") or {}
                    if not ok:
                        self.stats.error(f"failed:{ev.api}", str(out.get("error"))[:200])
                    return ok, out.get("data"), time.perf_counter() - ev.t0
        except asyncio.TimeoutError:
            self.stats.error(f"timeout:{ev.api}", f"no answer in {timeout:.0f} s")
            return False, None, time.perf_counter() - ev.t0
        finally:
            ev.done = True
            self.events.pop(ev.event_id, None)

    async def call(self, api: str, **values) -> tuple[bool, list | None, float]:
        ev = await self.submit(api, **values)
        if ev is None:
            return False, None, 0.0
        return await self.result(ev)

    async def cancel(self, ev: Event) -> None:
        fn = self.app.deps[ev.api]["id"]
        try:
            await self.http.post(f"{self.app.url}/{API}/cancel", timeout=10,
                                 json={"session_hash": self.hash, "fn_index": fn, "event_id": ev.event_id})
        except Exception as err:
            self.stats.error("cancel", repr(err))

    async def close(self) -> None:
        """The page closes: both event streams drop, as when a tab is closed."""
        self.closed = True
        for task in (self.heartbeat, self.stream_task):
            if task is not None:
                task.cancel()
        for ev in list(self.events.values()):
            ev.done = True
        self.events.clear()


# ----------------------------------------------------------------------------------
# What the class measures
# ----------------------------------------------------------------------------------

class Stats:
    def __init__(self):
        self.lat: dict[str, list[float]] = {"quick": [], "oneshot": [], "compute": [], "click": [],
                                             "decoder_fetch": []}
        self.gan_runs: list[dict] = []
        self.gan_first: list[float] = []
        self.pixel_first: list[float] = []
        self.pixel_fps: list[float] = []
        self.errors: dict[str, int] = {}
        self.error_samples: dict[str, str] = {}
        self.training = 0
        self.training_samples: list[int] = []
        self.events = 0

    def error(self, kind: str, message) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1
        self.error_samples.setdefault(kind, str(message)[:300])

    def add(self, kind: str, seconds: float, what: str | None = None) -> None:
        self.lat[kind].append(seconds * 1e3)
        if what:   # also by event, to see which one makes a kind's tail
            self.lat.setdefault(f"{kind}:{what}", []).append(seconds * 1e3)
        self.events += 1


STEP_RE = re.compile(r"(\d[\d,]*)")


FPS_RE = re.compile(r"([\d.]+) frames/s")


def _engine_fps(data) -> float | None:
    """The frames/s in a Train stream's status line ('Training · N steps/s · M frames/s')."""
    if isinstance(data, str):
        m = FPS_RE.search(data)
        return float(m.group(1)) if m else None
    if isinstance(data, (list, tuple)):
        for item in data:
            found = _engine_fps(item)
            if found is not None:
                return found
    return None


def _step_of(status) -> int | None:
    """The step number in a 'Paused at step N' line."""
    if not isinstance(status, str):
        return None
    m = STEP_RE.search(status.replace("\u202f", ""))
    return int(m.group(1).replace(",", "")) if m else None


async def gan_activity(s: Student, rng: random.Random, until: float, st: Stats) -> bool:
    """Train, watch, pause (or press Train again, or close the page). False: page closed.

    A run is measured from the press of Train to the answer of Pause: frames per second
    between its first and last frame, steps per second from the step Pause reports."""
    if rng.random() < 0.3 or s.gan_step is None:
        preset = rng.choice(["Healthy", "Mode collapse"])
        ok, _, dt = await s.call("gan_preset", **{"gan-preset": preset})
        st.add("click", dt)
        s.gan_step = 0 if ok else None
        s.gan_preset = preset if ok else s.gan_preset
    pressed, frames, t_first, t_last, crowd = None, 0, None, None, []
    engine_fps = None   # frames/s the engine drew for this run, as its status line says
    first_ms = None     # the run's first frame after its press of Train
    while until - time.perf_counter() >= MIN_WATCH_S:  # nobody presses Train to look away at once
        ev = await s.submit("gan_train")
        if ev is None:
            return True
        pressed = pressed or ev.t0
        st.training += 1
        first = None
        watch = rng.uniform(4, 14)
        end = min(until, time.perf_counter() + watch)
        watch = end - time.perf_counter()
        kinds = []   # what the server said about this event (for an error's sample)
        try:
            while True:
                left = end - time.perf_counter()
                if left <= 0:
                    break
                try:
                    msg = await asyncio.wait_for(ev.messages.get(), left)
                except asyncio.TimeoutError:
                    break
                kind = msg["msg"] if msg["msg"] != "estimation" else \
                    f"estimation (rank {msg.get('rank')} of {msg.get('queue_size')})"
                if not kinds or kinds[-1] != kind:
                    kinds.append(kind)
                if msg["msg"] == "process_generating":
                    frames += 1
                    t_last = time.perf_counter()
                    said = _engine_fps((msg.get("output") or {}).get("data"))
                    engine_fps = said if said is not None else engine_fps
                    if first is None:
                        first = t_last - ev.t0
                        st.gan_first.append(first * 1e3)
                        first_ms = first_ms or first * 1e3
                    t_first = t_first or t_last
                elif msg["msg"] == "process_completed":
                    if not msg.get("success"):
                        st.error("failed:gan_train", str((msg.get("output") or {}).get("error"))[:200])
                    ev.done = True
                    break
                st.training_samples.append(st.training)
                crowd.append(st.training)
        finally:
            st.training -= 1
        if first is None and not ev.done:
            st.error("gan_no_frame", f"no frame within {watch:.1f} s (the server said: {', '.join(kinds) or 'nothing'})")
        r = rng.random()
        if r < 0.10:       # the page closes mid-run
            return False
        if r < 0.20:       # a second press of Train while running: the new stream takes over
            ev.done = True
            s.events.pop(ev.event_id, None)
            continue
        ok, out, dt = await s.call("gan_pause")
        st.add("click", dt)
        if not ev.done:
            await s.result(ev, 10)
        step = _step_of(out[0]) if ok and out else None
        if t_first is not None and t_last - t_first >= 3:
            run = {"fps": (frames - 1) / (t_last - t_first), "seconds": t_last - t_first,
                   "training_at_once": statistics.mean(crowd) if crowd else 0.0, "engine_fps": engine_fps,
                   "preset": s.gan_preset, "first_frame_ms": first_ms}
            if step is not None and s.gan_step is not None:
                run["steps"] = step - s.gan_step
                run["sps"] = run["steps"] / (time.perf_counter() - dt - pressed)
            st.gan_runs.append(run)
        s.gan_step = step
        pressed, frames, t_first, t_last, crowd = None, 0, None, None, []
        engine_fps, first_ms = None, None
        await asyncio.sleep(rng.uniform(1, 3))
    if pressed is not None:  # still training (a second press at the end): pause before leaving
        await s.call("gan_pause")
        s.gan_step = None
    return True


async def vae_activity(s: Student, rng: random.Random, until: float, st: Stats) -> bool:
    """Slider drags. While a slider moves the page decodes z itself (playground/vae/webdecoder.py):
    the server sends the decoder's weights once per page, then hears one event per drag, its
    release, with all sixteen values."""
    if not s.vae_decoder:
        s.vae_decoder = True
        t = time.perf_counter()
        r = await s.http.get(s.app.file_url(s.app.decoder_path))
        if r.status_code != 200 or len(r.content) < 100_000:
            st.error("vae_decoder", f"HTTP {r.status_code}, {len(r.content)} bytes")
        st.add("decoder_fetch", time.perf_counter() - t)
    z = [0.0] * 16
    while time.perf_counter() < until:
        k = rng.randrange(16)
        value = rng.uniform(-2.5, 2.5)
        await asyncio.sleep(rng.uniform(1, 3))  # the drag: the page's own work
        z[k] = round(float(np.clip(value, -3, 3)), 2)
        ok, _, dt = await s.call("vae_decode", **{f"vae-z{i + 1}": v for i, v in enumerate(z)})
        if ok:
            st.add("quick", dt, "vae_decode")
        await asyncio.sleep(rng.uniform(0.5, 3))
        if rng.random() < 0.2:
            ok, _, dt = await s.call("vae_random")
            st.add("click", dt)
    return True


async def attention_activity(s: Student, rng: random.Random, until: float, st: Stats) -> bool:
    ok, _, dt = await s.call("attention_analyse", **{"att-text": rng.choice(TEXTS[:2])})
    st.add("oneshot", dt, "attention_show")
    while ok and time.perf_counter() < until:
        await asyncio.sleep(rng.uniform(0.5, 3))
        ok2, _, dt = await s.call("attention_view", **{"att-layer": rng.randint(1, 6),
                                                       "att-head": rng.randint(1, 12)})
        if ok2:
            st.add("quick", dt, "attention_view")
    return True


async def lstm_activity(s: Student, rng: random.Random, until: float, st: Stats) -> bool:
    ok, _, dt = await s.call("lstm_analyse", **{"lstm-text": rng.choice(TEXTS[2:]),
                                                "lstm-model": rng.choice(["lstm", "gru", "rnn"])})
    st.add("oneshot", dt, "lstm_analyse")
    while ok and time.perf_counter() < until:
        await asyncio.sleep(rng.uniform(0.5, 3))
        ok2, _, dt = await s.call("redraw_heatmaps", **{"lstm-window": rng.randint(0, 30),
                                                        "lstm-state": "hidden"})
        if ok2:
            st.add("quick", dt, "lstm_redraw")
    return True


async def pixel_activity(s: Student, rng: random.Random, until: float, st: Stats) -> bool:
    while time.perf_counter() < until:
        ev = await s.submit("pixelcnn_generate", **{"pixelcnn-speed": rng.choice(["fast", "max"]),
                                                    "pixelcnn-seed": rng.randint(0, 999)})
        if ev is None:
            return True
        frames, t_first = 0, None
        watch = rng.uniform(2, 9)
        end = time.perf_counter() + watch
        while time.perf_counter() < end:
            try:
                msg = await asyncio.wait_for(ev.messages.get(), end - time.perf_counter())
            except asyncio.TimeoutError:
                break
            if msg["msg"] == "process_generating":
                frames += 1
                if t_first is None:
                    t_first = time.perf_counter()
                    st.pixel_first.append((t_first - ev.t0) * 1e3)
            elif msg["msg"] == "process_completed":
                if not msg.get("success"):
                    st.error("failed:pixelcnn_generate", str((msg.get("output") or {}).get("error"))[:200])
                ev.done = True
                break
        if t_first is not None and time.perf_counter() - t_first > 1:
            st.pixel_fps.append((frames - 1) / (time.perf_counter() - t_first))
        if not ev.done:
            r = rng.random()
            if r < 0.2:
                return False          # abandoned: the page closes
            await s.cancel(ev)        # Stop
            s.events.pop(ev.event_id, None)
        await asyncio.sleep(rng.uniform(1, 3))
    return True


async def cyclegan_activity(s: Student, rng: random.Random, until: float, st: Stats,
                            uploads: dict) -> bool:
    name = rng.choice(sorted(uploads))
    ok, _, dt = await s.call("cyclegan_translate", **{"cyclegan-input": uploads[name]})
    st.add("compute", dt)
    await asyncio.sleep(max(0.0, until - time.perf_counter()))
    return True


async def upload(http, url: str, path: Path) -> dict:
    with open(path, "rb") as f:
        r = await http.post(f"{url}/{API}/upload", files={"files": (path.name, f.read(), "image/jpeg")})
    r.raise_for_status()
    return {"path": r.json()[0], "orig_name": path.name, "meta": {"_type": "gradio.FileData"}}


async def student_life(app: App, http, st: Stats, seed: int, until: float, uploads: dict) -> None:
    rng = random.Random(seed)
    await asyncio.sleep(rng.uniform(0, 5))  # the class arrives over a few seconds
    s = Student(app, http, st)
    names, weights = zip(*ACTIVITIES.items())
    while time.perf_counter() < until:
        act = rng.choices(names, weights)[0]
        end = min(until, time.perf_counter() + rng.uniform(10, 30))
        if act == "cyclegan":
            alive = await cyclegan_activity(s, rng, end, st, uploads)
        else:
            alive = await globals()[f"{act}_activity"](s, rng, end, st)
        if not alive or rng.random() < RELOAD_P:
            await s.close()
            s = Student(app, http, st)
    await s.close()


# ----------------------------------------------------------------------------------
# The probe: a real browser dragging a VAE slider
# ----------------------------------------------------------------------------------

def _autogroup(pid: int) -> str | None:
    """The scheduling group of a process ("/autogroup-806"), or None."""
    try:
        return Path(f"/proc/{pid}/autogroup").read_text().split()[0]
    except (OSError, IndexError):
        return None


def renice_browser(nice: int) -> None:
    """Every thread of the browser this bench started (under playwright's driver) at `nice`,
    and its scheduling groups too: Chromium starts its processes in sessions of their own,
    and Linux (autogroup) shares the CPU fairly between sessions before it looks at any
    thread's nice, so a niced thread alone would still get as much CPU as the whole server.
    (Not the group this bench is in: the server is in it too.)"""
    own = _autogroup(os.getpid())
    for kid in _children(os.getpid()):
        try:
            if "playwright" not in Path(f"/proc/{kid}/cmdline").read_text():
                continue
        except OSError:
            continue
        for p in tree(kid):
            group = _autogroup(p)
            if group is not None and group != own:
                try:
                    Path(f"/proc/{p}/autogroup").write_text(str(nice))
                except OSError:
                    pass
            for task in Path(f"/proc/{p}/task").glob("*"):
                try:
                    os.setpriority(os.PRIO_PROCESS, int(task.name), nice)
                except OSError:
                    pass


def probe(url: str, stop: threading.Event, ready: threading.Event, out: dict,
          nice: int = PROBE_NICE) -> None:
    """Alternates two sliders: a latent slider (the page decodes it: what a drag of the
    sixteen sliders feels like) and the interpolation's example slider (the server encodes
    and decodes: what any event through the class's queue feels like).

    The browser shares the server's two cores, as a student's browser would not. Chromium
    starts its processes in sessions of their own, and Linux (autogroup) shares the CPU
    fairly between sessions before it looks at any thread's priority: under load, the
    browser can take as much CPU as the server and all its workers together. It used
    ~50 s of the 120 s (30 students), as much as the serving process. `nice` > 0 lowers
    its priority, and its groups' (`renice_browser`): measured, the GAN engine then got
    ~100 s of CPU instead of ~82 (the slowest run 116-153 steps/s instead of 85-106), but
    the probe itself waited for the CPU (its slider p95 440-507 ms instead of 86-103), so
    its figures were no longer the server's either. The default, 0, leaves it as it is."""
    from playwright.sync_api import sync_playwright

    from bench.vae import SLIDER_JS
    times_ms, server_ms, lost = [], [], 0
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(**devtools.launch_args())
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            if nice:
                renice_browser(nice)
            page.goto(url)
            page.wait_for_selector("#footer-device", timeout=120_000)
            page.locator("#tab-vae-button, button[role=tab]:has-text('VAE')").first.click()
            page.wait_for_selector("#vae-decoded img", timeout=120_000)
            page.wait_for_selector("#vae-interp-2d img", timeout=120_000)
            page.locator("#vae-z1").scroll_into_view_if_needed()
            page.evaluate("() => window.playgroundVae && window.playgroundVae.load()")
            for k in range(3):  # warm-up
                page.evaluate(SLIDER_JS, ["vae-z1", "vae-decoded", f"{0.5 * k:.2f}"])
                page.evaluate(SLIDER_JS, ["vae-interp-a", "vae-interp-2d", str(k + 1)])
            ready.set()
            k = 0
            while not stop.is_set():
                k += 1
                if nice and k % 6 == 1:
                    renice_browser(nice)
                value = f"{-2.5 + 5.0 * ((k * 0.37) % 1):.2f}"
                on_server = k % 2 == 0
                ms = page.evaluate(SLIDER_JS, ["vae-interp-a", "vae-interp-2d", str(k % 97 + 2)] if on_server
                                   else [f"vae-z{1 + (k // 2) % 3}", "vae-decoded", value])
                if ms >= 0:
                    (server_ms if on_server else times_ms).append(ms)
                lost += ms < 0
                time.sleep(0.15)
            browser.close()
    except Exception as err:
        out["probe_error"] = repr(err)[:300]
    finally:
        ready.set()
    out.update(probe_slider_ms_p50=pct(times_ms, 50), probe_slider_ms_p95=pct(times_ms, 95),
               probe_server_slider_ms_p50=pct(server_ms, 50), probe_server_slider_ms_p95=pct(server_ms, 95),
               probe_updates=len(times_ms) + len(server_ms), probe_lost=lost)


# ----------------------------------------------------------------------------------
# The server: CPU, memory, threads
# ----------------------------------------------------------------------------------

def tree(pid: int) -> list[int]:
    """pid and all its descendants."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo += _children(p)
    return out


def cpu_s(pid: int) -> float:
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    for p in tree(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
        except (OSError, IndexError):
            pass
    return total


def machine_cpu() -> tuple[float, float]:
    """(busy, all) CPU seconds of the whole machine so far (/proc/stat)."""
    ticks = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = ticks[3] + ticks[4]  # idle, iowait
    tick = os.sysconf("SC_CLK_TCK")
    return (sum(ticks[:8]) - idle) / tick, sum(ticks[:8]) / tick


def probe_cpu_s(server: int) -> float:
    """CPU seconds so far of the probe browser (this bench's children, the server's tree left out)."""
    own = set(tree(server)) | {os.getpid()}
    return sum(cpu_s(p) for p in _children(os.getpid()) if p not in own)


def _children(pid: int) -> list[int]:
    """pid's child processes (a child belongs to the thread that made it)."""
    kids = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            kids += [int(k) for k in (task / "children").read_text().split()]
        except OSError:
            pass
    return kids


def _process_name(server: int, p: int, parent: int, cmd: str) -> str:
    return ("server" if p == server else "resource-tracker" if "resource_tracker" in cmd
            else "gan-engine" if "spawn_main" in cmd  # the one process started by spawn
            else "forkserver" if "forkserver" in cmd and parent == server
            else "pixel-workers")


def cpu_by_process(pid: int) -> dict[str, float]:
    """CPU seconds so far of each process in the server's tree, by name."""
    out: dict[str, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for p in tree(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            cmd = Path(f"/proc/{p}/cmdline").read_text().replace("\0", " ")
        except (OSError, IndexError):
            continue
        name = _process_name(pid, p, int(fields[1]), cmd)
        out[name] = out.get(name, 0.0) + (int(fields[11]) + int(fields[12])) / tick
    return out


def memory_mb(pid: int) -> dict:
    """RSS and PSS (shared pages counted once) of the server and its workers, in all and by
    process name."""
    total = {"rss": 0.0, "pss": 0.0, "processes": 0}
    by: dict[str, dict] = {}
    for p in tree(pid):
        try:
            rollup = Path(f"/proc/{p}/smaps_rollup").read_text().splitlines()
            parent = int(Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()[1])
            cmd = Path(f"/proc/{p}/cmdline").read_text().replace("\0", " ")
        except (OSError, IndexError):
            continue
        got = {k.lower(): int(line.split()[1]) / 1024 for line in rollup
               for k in ("Rss", "Pss") if line.startswith(k + ":")}
        name = _process_name(pid, p, parent, cmd)
        entry = by.setdefault(name, {"rss": 0.0, "pss": 0.0, "n": 0})
        for k in ("rss", "pss"):
            total[k] += got.get(k, 0.0)
            entry[k] += got.get(k, 0.0)
        entry["n"] += 1
        total["processes"] += 1
    rounded = {k: round(v, 1) if isinstance(v, float) else v for k, v in total.items()}
    return {**rounded, "by_process": {k: {kk: round(vv, 1) for kk, vv in v.items()} for k, v in by.items()}}


# Threads the app keeps on purpose (named by the app); any other thread found inside
# playground/ code once the class has gone is stuck.
SERVICE_THREADS = ("playground-",)


def stuck_threads(pid: int) -> list[str]:
    pyspy = Path(sys.executable).with_name("py-spy")
    try:
        dump = subprocess.run([str(pyspy), "dump", "--pid", str(pid)], capture_output=True,
                              text=True, timeout=60).stdout
    except (OSError, subprocess.TimeoutExpired) as err:
        return [f"py-spy failed: {err!r}"]
    stuck = []
    for block in re.split(r"\n(?=Thread )", dump):
        head = block.split("\n", 1)[0]
        name = re.search(r'"([^"]*)"', head)
        if name and name.group(1).startswith(SERVICE_THREADS):
            continue
        frames = [ln.strip() for ln in block.splitlines()[1:] if "playground/" in ln]
        if frames:
            stuck.append(f"{head} :: {frames[0]}")
    return stuck


# ----------------------------------------------------------------------------------
# One run and the health check
# ----------------------------------------------------------------------------------

async def class_run(url: str, students: int, seconds: float, seed: int) -> tuple[Stats, float, float]:
    import httpx
    limits = httpx.Limits(max_connections=students * 4 + 20, max_keepalive_connections=students * 4 + 20)
    async with httpx.AsyncClient(limits=limits, timeout=30) as http:
        config = (await http.get(f"{url.rstrip('/')}/config")).json()
        app = App(url, config)
        uploads = {p.name: await upload(http, app.url, p) for p in sorted(EXAMPLES.glob("*.jpg"))[:2]}
        st = Stats()
        until = time.perf_counter() + seconds
        t0, c0 = time.perf_counter(), time.process_time()
        await asyncio.gather(*(student_life(app, http, st, seed * 1000 + i, until, uploads)
                               for i in range(students)))
        return st, time.perf_counter() - t0, time.process_time() - c0


async def warm_up(url: str) -> float:
    """One student uses every tab once (models load lazily on first use): not timed."""
    import httpx
    t0 = time.perf_counter()
    async with httpx.AsyncClient(timeout=120) as http:
        app = App(url, (await http.get(f"{url.rstrip('/')}/config")).json())
        s = Student(app, http, Stats())
        for api in ("attention_analyse", "lstm_analyse", "vae_decode", "gan_timeline"):
            await s.call(api)
        for api in ("gan_train", "pixelcnn_generate"):
            ev = await s.submit(api)
            try:
                while (await asyncio.wait_for(ev.messages.get(), 120))["msg"] != "process_generating":
                    pass
            except asyncio.TimeoutError:
                pass
            await (s.call("gan_pause") if api == "gan_train" else s.cancel(ev))
            s.events.pop(ev.event_id, None)
        photo = await upload(http, app.url, sorted(EXAMPLES.glob("*.jpg"))[0])
        await s.call("cyclegan_translate", **{"cyclegan-input": photo})
        await s.close()
    return time.perf_counter() - t0


async def health(url: str) -> dict:
    """A new student after the class: GAN first frame, pixel first frame, a slider picture."""
    import httpx
    out = {}
    async with httpx.AsyncClient(timeout=30) as http:
        app = App(url, (await http.get(f"{url.rstrip('/')}/config")).json())
        st = Stats()
        s = Student(app, http, st)
        for api, key in (("gan_train", "health_gan_first_frame_s"),
                         ("pixelcnn_generate", "health_pixel_first_frame_s")):
            ev = await s.submit(api)
            t = None
            try:
                while True:
                    msg = await asyncio.wait_for(ev.messages.get(), 30)
                    if msg["msg"] in ("process_generating", "process_completed"):
                        t = time.perf_counter() - ev.t0 if msg["msg"] == "process_generating" else None
                        break
            except asyncio.TimeoutError:
                pass
            out[key] = round(t, 3) if t is not None else None
            if api == "gan_train":
                await s.call("gan_pause")
            else:
                await s.cancel(ev)
            s.events.pop(ev.event_id, None)
        ok, data, dt = await s.call("vae_decode", **{"vae-z1": 1.25})
        out["health_slider_ms"] = round(dt * 1e3, 1) if ok and data else None
        await s.close()
        out["health_errors"] = st.errors
    return out


def summarize(st: Stats, wall: float, loadgen_cpu: float, server_cpu: float) -> dict:
    runs = st.gan_runs
    fps = [r["fps"] for r in runs]
    out = {
        "seconds": round(wall, 1), "events": st.events,
        "quick_ms_p50": pct(st.lat["quick"], 50), "quick_ms_p95": pct(st.lat["quick"], 95),
        "quick_n": len(st.lat["quick"]),
        "quick_ms_p95_by": {k.split(":")[1]: pct(v, 95) for k, v in st.lat.items() if k.startswith("quick:")},
        "vae_decoder_fetch_ms_p50": pct(st.lat["decoder_fetch"], 50),
        "vae_decoder_fetch_ms_p95": pct(st.lat["decoder_fetch"], 95),
        "vae_decoder_fetches": len(st.lat["decoder_fetch"]),
        "oneshot_ms_p50": pct(st.lat["oneshot"], 50), "oneshot_ms_p95": pct(st.lat["oneshot"], 95),
        "oneshot_n": len(st.lat["oneshot"]),
        "oneshot_ms_p95_by": {k.split(":")[1]: pct(v, 95) for k, v in st.lat.items() if k.startswith("oneshot:")},
        "click_ms_p50": pct(st.lat["click"], 50), "click_ms_p95": pct(st.lat["click"], 95),
        "compute_ms_p50": pct(st.lat["compute"], 50), "compute_n": len(st.lat["compute"]),
        "gan_runs": len(runs),
        "gan_fps_min": round(min(fps), 2) if fps else None, "gan_fps_p10": pct(fps, 10),
        "gan_fps_p50": pct(fps, 50),
        "gan_engine_fps_p50": pct([r["engine_fps"] for r in runs if r.get("engine_fps") is not None], 50),
        "gan_sps_min": None, "gan_sps_p10": None, "gan_sps_p50": None,
        "gan_concurrent_mean": round(statistics.mean(st.training_samples), 1) if st.training_samples else 0,
        "gan_first_frame_ms_p50": pct(st.gan_first, 50), "gan_first_frame_ms_p95": pct(st.gan_first, 95),
        "pixel_first_frame_ms_p50": pct(st.pixel_first, 50), "pixel_first_frame_ms_p95": pct(st.pixel_first, 95),
        "pixel_fps_p50": pct(st.pixel_fps, 50),
        "errors": sum(st.errors.values()), "errors_by_kind": st.errors, "error_samples": st.error_samples,
        "loadgen_cpu_s": round(loadgen_cpu, 1), "server_cpu_s": round(server_cpu, 1),
        "loadgen_cpu_share": round(loadgen_cpu / server_cpu, 3) if server_cpu else None,
    }
    rates = [r["sps"] for r in runs if r.get("sps") is not None]
    if rates:
        out.update(gan_sps_min=round(min(rates), 1), gan_sps_p10=pct(rates, 10), gan_sps_p50=pct(rates, 50))
        for name in ("Healthy", "Mode collapse"):
            own = [r["sps"] for r in runs if r.get("sps") is not None and r["preset"] == name]
            out[f"gan_sps_p50_{name.replace(' ', '_').lower()}"] = pct(own, 50)
        # the slowest runs, whole: which setting, how crowded, how long, how late the first frame
        slow = sorted((r for r in runs if r.get("sps") is not None), key=lambda r: r["sps"])[:4]
        if os.environ.get("CLASSROOM_RUNS_TO"):   # every run, for a closer look
            Path(os.environ["CLASSROOM_RUNS_TO"]).write_text(json.dumps(runs))
        out["gan_slowest"] = [{k: (round(v, 1) if isinstance(v, float) else v) for k, v in r.items()}
                              for r in slow]
    # the runs during which about ten students trained at once (the case)
    crowded = [r for r in runs if r["training_at_once"] >= 9]
    out["gan_runs_with_9plus_training"] = len(crowded)
    if crowded:
        out["gan_fps_min_9plus"] = round(min(r["fps"] for r in crowded), 2)
        sps9 = [r["sps"] for r in crowded if r.get("sps") is not None]
        out["gan_sps_min_9plus"] = round(min(sps9), 1) if sps9 else None
    out["gan_by_crowd"] = by_crowd(runs)
    return out


CROWDS = ((0, 9), (9, 11), (11, 13), (13, 99))   # students training at once (a run's mean)


def by_crowd(runs: list[dict]) -> dict:
    """The runs by how many students trained at once while they ran (the issue's bar is for
    ten at once: the 9-11 row): runs, slowest and median steps/s, slowest frames/s."""
    out = {}
    for lo, hi in CROWDS:
        own = [r for r in runs if lo <= r["training_at_once"] < hi]
        sps = [r["sps"] for r in own if r.get("sps") is not None]
        out[f"{lo}-{hi}" if hi < 99 else f">={lo}"] = {
            "runs": len(own), "sps_min": round(min(sps), 1) if sps else None, "sps_p50": pct(sps, 50),
            "fps_min": round(min(r["fps"] for r in own), 2) if own else None}
    return out


def run(args: list[str]) -> dict:
    pos = [a for a in args if not a.startswith("--")]
    opts = {a.split("=")[0]: (a.split("=", 1)[1] if "=" in a else "1") for a in args if a.startswith("--")}
    students = int(pos[0]) if pos else 30
    seconds = float(pos[1]) if len(pos) > 1 else 120.0
    runs = int(opts.get("--runs", 1))
    device = opts.get("--device", "cpu")
    out: dict = {"students": students, "seconds_per_run": seconds, "runs": runs, "device": device,
                 "probe_nice": int(opts.get("--probe-nice", PROBE_NICE))}
    log = Path(os.environ.get("TMPDIR", "/tmp")) / f"classroom-{os.getpid()}.log"
    with devtools.running_app(log_path=log, extra_env={"PLAYGROUND_DEVICE": device}, timeout=300) as (url, proc, _):
        out["memory_start_mb"] = memory_mb(proc.pid)
        out["warm_up_s"] = round(asyncio.run(warm_up(url)), 1)
        out["memory_warm_mb"] = memory_mb(proc.pid)
        for r in range(runs):
            stop, ready, probe_out = threading.Event(), threading.Event(), {}
            thread = None
            if "--no-probe" not in opts:
                thread = threading.Thread(target=probe, daemon=True,
                                          args=(url, stop, ready, probe_out, out["probe_nice"]))
                thread.start()
                ready.wait(300)
            c0, by0, b0, m0 = cpu_s(proc.pid), cpu_by_process(proc.pid), probe_cpu_s(proc.pid), machine_cpu()
            spy = None
            if "--profile" in opts:  # what holds the server's GIL, sampled: collapsed stacks
                # --nonblocking: py-spy otherwise stops the server for every sample (50 a second),
                # which made the quick p95 2.6x what it was unsampled (971 against 377 ms)
                spy = subprocess.Popen([str(Path(sys.executable).with_name("py-spy")), "record", "--gil",
                                        "--nonblocking", "--pid", str(proc.pid), "-d", str(int(seconds)), "-r", "50",
                                        "-f", "raw", "-o", opts["--profile"]],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            st, wall, loadgen = asyncio.run(class_run(url, students, seconds, seed=r + 1))
            server = cpu_s(proc.pid) - c0
            by1 = cpu_by_process(proc.pid)
            browser_cpu, m1 = probe_cpu_s(proc.pid) - b0, machine_cpu()
            if spy is not None:
                spy.wait(60)
            stop.set()
            if thread is not None:
                thread.join(60)
            res = {**summarize(st, wall, loadgen, server), **probe_out,
                   "cpu_s_by_process": {k: round(v - by0.get(k, 0.0), 1) for k, v in by1.items()},
                   "probe_browser_cpu_s": round(browser_cpu, 1),
                   "machine_busy": round((m1[0] - m0[0]) / max(m1[1] - m0[1], 1e-9), 3)}
            time.sleep(15)  # abandoned streams end by themselves (10 s); then look
            res["memory_mb"] = memory_mb(proc.pid)
            res["stuck_threads"] = stuck_threads(proc.pid)
            res.update(asyncio.run(health(url)))
            out[f"run{r + 1}"] = res
        out["server_alive"] = proc.poll() is None
        text = log.read_text(errors="replace")
        out["server_log_errors"] = len(re.findall(r"Traceback|RuntimeError|Exception", text))
        out["server_log_tail"] = [ln for ln in text.splitlines() if "Error" in ln][-5:]
    if runs > 1:
        a, b = out["run1"]["memory_mb"]["rss"], out[f"run{runs}"]["memory_mb"]["rss"]
        out["rss_growth_last_vs_first"] = round(b / a - 1, 3)
    return {**out, **machine()}
