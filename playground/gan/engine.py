"""The GAN engine: one process that trains and draws every student's live GAN.

    engine.get().play(sid, settings, lang)  ->  a RunStream of frames
    engine.get().request("reset", sid=..., settings=..., lang=...)  ->  the reply

The engine process runs `serve`: commands in, replies and frames out, and in between
the next playing session's turn (host.py). It starts on the first use of the GAN tab
and runs at the server's CPU priority (`NICE`). A trade-off, measured with 30 students on
2 cores (bench classroom, the same code back to back, only NICE changed): at nice 5 the
class's GAN runs got 4.0 frames/s and 35 steps/s at the median, the slowest 2.0 and 10.5
(nothing visibly moves), quick events p50 143 ms; at nice 0, 4.9 and 56, the slowest 3.5
and 25, quick events p50 188 ms. A lesson where the sliders matter more than the GANs can
set NICE = 5. The engine cannot take more than one core, and its turns are paced (host.py).

On the server's side, one thread ("playground-gan-rx") reads everything the engine
sends and hands it on: a reply to the thread waiting for it, a frame to its run's
`RunStream`. A stream keeps only the newest frame (a slow page never builds a backlog)
and its last one. Nothing here is held across a `yield`: the tab's Train stream waits
for a frame with `RunStream.next` (a condition variable, released while waiting), and
its `close` only posts a message, because Gradio runs a closing stream's `finally` on
its event loop.

If the engine dies, every waiting call fails with a clear message and the next call
starts a new engine; the sessions come back from the settings each command carries.
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
import os
import threading
import time

from playground import procs

log = logging.getLogger("playground")

REPLY_TIMEOUT_S = 30.0
NICE = 0              # the engine's CPU priority against the server's (see above)
# a flock's arrays (up to 8 GANs' activations, ~1 MB each) are freed and made again thousands
# of times a second: keep them in the heap, and the heap's top in place (procs.tune_malloc)
MALLOC = {"arenas": 1, "mmap_above": 4 << 20, "trim_above": 8 << 20}
IDLE_POLL_S = 5.0     # with nobody training, the engine sleeps in poll() this long


class EngineError(RuntimeError):
    """The engine did not answer, or stopped."""


# ----------------------------------------------------------------------------------
# The engine process
# ----------------------------------------------------------------------------------

def serve(conn, nice: int = NICE, own_process: bool = True) -> None:
    """Commands in, replies and frames out; a playing session's turn in between."""
    from playground.gan.host import Host
    if own_process:
        procs.tune_malloc(**MALLOC)
    if nice:
        try:
            os.nice(nice)
        except OSError:
            pass
    host = Host()
    host.waiting = lambda: conn.poll(0)
    while True:
        try:
            ready = conn.poll(0 if host.runs else IDLE_POLL_S)
            while ready:
                op, req_id, kw = conn.recv()
                if op == "quit":
                    conn.close()
                    return
                try:
                    out = host.handle(op, req_id, kw)
                except Exception as err:  # a bug must not take every student's GAN down
                    log.exception("gan engine: %s failed", op)
                    out = [] if not req_id else [_reply(req_id, {"engine_error": f"{type(err).__name__}: {err}"})]
                for m in out:
                    conn.send((m.kind, m.key, m.payload))
                ready = conn.poll(0)
            for m in host.turn():
                conn.send((m.kind, m.key, m.payload))
        except (EOFError, OSError):
            return  # the server went away


def _reply(req_id: int, payload: dict):
    from playground.gan.host import Out
    return Out("reply", req_id, payload)


# ----------------------------------------------------------------------------------
# The server's side
# ----------------------------------------------------------------------------------

class RunStream:
    """The server's end of one run: its newest frame, and its last one."""

    def __init__(self, engine: "Engine", run_id: int):
        self.engine, self.run_id = engine, run_id
        self.cond = threading.Condition()
        self.latest: dict | None = None
        self.final: dict | None = None
        self.done = False

    def put(self, payload: dict) -> None:
        with self.cond:
            if payload.get("final"):
                self.final = payload
                self.latest = None     # the last message is newer than any unread frame
            else:
                self.latest = payload  # an unread older frame is dropped
            self.cond.notify_all()

    def next(self, timeout: float) -> dict | None:
        """The next frame to show (the last one has "final": True), or None after `timeout`."""
        with self.cond:
            self.cond.wait_for(lambda: self.latest is not None or self.final is not None, timeout)
            if self.latest is not None:
                payload, self.latest = self.latest, None
                return payload
            if self.final is not None:
                self.done = True
                return self.final
            return None

    def close(self) -> None:
        """The stream is over (ended, cancelled or its page closed): stop the run. Posts a
        message and returns; it may run on the server's event loop."""
        self.engine._forget(self.run_id)
        if not self.done:
            self.engine.send("stop", run_id=self.run_id)


class _Waiter:
    def __init__(self):
        self.event = threading.Event()
        self.payload: dict | None = None


class Engine:
    """The server's handle on the engine process (or, for tests, an engine thread)."""

    def __init__(self, in_thread: bool = False):
        self.in_thread = in_thread
        self._lock = threading.Lock()        # the tables and (re)starting; held briefly
        self._send_lock = threading.Lock()   # one message on the pipe at a time
        self._conn = None
        self._worker = None
        self._pending: dict[int, _Waiter] = {}
        self._runs: dict[int, RunStream] = {}
        self._ids = itertools.count(1)
        self.starts = 0
        self._stopping = False

    # --- lifecycle ---------------------------------------------------------------------
    def _connection(self):
        with self._lock:
            if self._conn is None:
                self._start()
            return self._conn

    def _start(self) -> None:
        self._stopping = False
        if self.in_thread:
            parent, child = multiprocessing.Pipe()
            worker = threading.Thread(target=serve, args=(child, 0, False), name="playground-gan-engine", daemon=True)
        else:
            ctx = procs.light()
            parent, child = ctx.Pipe()
            worker = ctx.Process(target=serve, args=(child,), name="playground-gan-engine", daemon=True)
        worker.start()
        if not self.in_thread:
            child.close()  # only the engine holds its end: if it dies, recv() sees the pipe close
        self._conn, self._worker = parent, worker
        self.starts += 1
        threading.Thread(target=self._receive, args=(parent,), name="playground-gan-rx", daemon=True).start()

    def running(self) -> bool:
        return self._conn is not None

    def pid(self) -> int | None:
        return getattr(self._worker, "pid", None)

    def _receive(self, conn) -> None:
        """Hand every message from the engine to whoever waits for it, until it stops."""
        try:
            while True:
                kind, key, payload = conn.recv()
                if kind == "reply":
                    with self._lock:
                        waiter = self._pending.pop(key, None)
                    if waiter is not None:
                        waiter.payload = payload
                        waiter.event.set()
                else:
                    with self._lock:
                        stream = self._runs.get(key)
                    if stream is not None:
                        stream.put(payload)
        except (EOFError, OSError):
            pass
        except Exception:  # a closed connection can fail inside recv() with other errors
            if not conn.closed:
                log.exception("gan engine: a message could not be read")
        self._lost(conn)

    def _lost(self, conn) -> None:
        """The engine stopped: fail what waits for it; the next call starts a new one."""
        with self._lock:
            if self._conn is not conn:
                return
            self._conn = None
            pending, self._pending = self._pending, {}
            runs, self._runs = self._runs, {}
        if not self._stopping:
            log.warning("gan engine stopped; the next use starts a new one")
        for waiter in pending.values():
            waiter.payload = {"engine_error": "the GAN engine stopped"}
            waiter.event.set()
        for stream in runs.values():
            stream.put({"final": True, "outputs": None, "engine_error": "the GAN engine stopped"})
        try:
            conn.close()
        except OSError:
            pass

    def stop(self) -> None:
        """End the engine (tests; the server's exit ends a daemon engine by itself). The
        engine closes its end and the receiving thread then closes ours: closing a
        connection that another thread is reading could hand its file number to the
        next connection while that thread still reads it."""
        with self._lock:
            worker = self._worker
            self._stopping = True
        self.send("quit")
        if worker is not None:
            worker.join(5)
            if not self.in_thread and worker.is_alive():
                worker.kill()

    # --- talking to it -----------------------------------------------------------------
    def _send(self, conn, message) -> None:
        with self._send_lock:
            conn.send(message)

    def send(self, op: str, **kw) -> None:
        """A command that needs no answer (stop, close); nothing if no engine runs."""
        conn = self._conn
        if conn is None:
            return
        try:
            self._send(conn, (op, 0, kw))
        except (OSError, ValueError):
            pass

    def request(self, op: str, timeout: float = REPLY_TIMEOUT_S, **kw) -> dict:
        """Send a command and wait for its reply."""
        conn = self._connection()
        waiter = _Waiter()
        req_id = next(self._ids)
        with self._lock:
            self._pending[req_id] = waiter
        try:
            self._send(conn, (op, req_id, kw))
        except (OSError, ValueError) as err:
            self._lost(conn)
            raise EngineError("the GAN engine stopped") from err
        if not waiter.event.wait(timeout):
            with self._lock:
                self._pending.pop(req_id, None)
            raise EngineError(f"the GAN engine did not answer within {timeout:.0f} s")
        if "engine_error" in waiter.payload:
            raise EngineError(waiter.payload["engine_error"])
        return waiter.payload

    def play(self, sid: str, settings, lang: str | None) -> RunStream:
        """Start training session `sid`; its frames arrive in the returned stream."""
        run_id = next(self._ids)
        stream = RunStream(self, run_id)
        with self._lock:
            self._runs[run_id] = stream
        try:
            self.request("play", sid=sid, run_id=run_id, settings=settings, lang=lang)
        except BaseException:
            self._forget(run_id)
            raise
        return stream

    def _forget(self, run_id: int) -> None:
        with self._lock:
            self._runs.pop(run_id, None)

    def streams(self) -> int:
        """Runs the server is still listening to (for tests and the classroom bench)."""
        with self._lock:
            return len(self._runs)


_ENGINE: Engine | None = None
_ENGINE_LOCK = threading.Lock()


def get() -> Engine:
    """The server's one engine (started on its first request)."""
    global _ENGINE
    with _ENGINE_LOCK:
        if _ENGINE is None:
            _ENGINE = Engine()
        return _ENGINE


def running() -> Engine | None:
    """The engine if one was ever asked for, else None (closing a page starts nothing)."""
    return _ENGINE


def wait_until(predicate, timeout: float = 5.0, every: float = 0.01) -> bool:
    """Poll `predicate` until true (tests)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(every)
    return bool(predicate())
