"""The sampler in processes of its own, so that streaming frames never slows it down.

Why a process, not a thread: the sampler decides a pixel with about a hundred tiny
torch operations, and each one lets go of Python's global interpreter lock (GIL)
and takes it back. Whenever another thread of the server wakes up in between (Gradio's
queue polls every millisecond; the stream draws 25 frames a second), it takes the
lock, and the sampler waits until that thread hands it back. Measured on 2 cores: a
thread that only wakes every millisecond makes an in-thread sampler 70% slower. A
process has its own interpreter and its own lock.

Why processes that stay: a freshly started process samples its first digit ~10%
slower than a warm one (its memory is new: page faults, cold caches). So a process,
once started, serves digit after digit; the pool starts another only when every one
is busy (one per concurrent stream, which queues.STREAM caps). Processes are forked
from a small server process that imported torch and the sampler once
(multiprocessing's "forkserver"): the first sample of the app's life waits ~1.5 s for
it, a new worker then starts in ~20 ms.

Parent and worker share, in shared memory, the canvas, the probabilities and the
index of the newest pixel: the worker writes them after every pixel, the stream reads
the newest state when it draws a frame. A job ends at the next pixel when `stop()` is
called (Stop, or the page closed) or when nobody has looked for ABANDONED_S seconds
(the stream was dropped without being closed); the worker then sends back how long it
took and waits for the next job.
"""

from __future__ import annotations

import itertools
import math
import multiprocessing
import threading
import time
import weakref
from dataclasses import dataclass

import numpy as np
import torch

from playground import procs
from playground.pixelcnn import model as M
from playground.pixelcnn import sampling

SIZE, N_PIXELS = M.SIZE, M.SIZE * M.SIZE
MAX_BATCH = 8  # samples drawn at once (the tab's slider goes this far)


_CTX = procs.context()  # forkserver: torch and this module are imported once, in the fork server


# ----------------------------------------------------------------------------------
# What travels between the processes
# ----------------------------------------------------------------------------------

@dataclass
class Job:
    model_key: int                 # which model; weights are sent only when the worker lacks it
    weights: tuple[dict, dict[str, np.ndarray]] | None
    device: str
    threads: int
    y: torch.Tensor
    u: torch.Tensor
    temperature: float
    start: int
    given: torch.Tensor | None
    pace: float | None             # pixels per second at most (None: as fast as it goes)
    abandoned_s: float


@dataclass
class Result:
    """What the worker reports when a job ends."""
    count: int                     # pixels decided
    elapsed: float                 # seconds from the first pixel to the end, pauses included
    computing: float               # of which deciding pixels (no pauses)
    stopped: bool                  # ended by stop() or abandonment, not by the last pixel
    error: BaseException | None = None
    model_key: int | None = None   # the model the worker holds now


def _weights(model: torch.nn.Module) -> tuple[dict, dict[str, np.ndarray]]:
    """The model as (build config, weights as plain arrays): cheap to pickle (~1.5 MB)."""
    kind = "gated" if isinstance(model, M.GatedPixelCNN) else "plain"
    state = {k: v.detach().cpu().numpy() for k, v in model.state_dict().items()}
    return {"kind": kind, **model.config}, state


def _rebuild(weights: tuple[dict, dict[str, np.ndarray]], device: str) -> torch.nn.Module:
    config, state = weights
    model = M.build(config)
    model.load_state_dict({k: torch.from_numpy(v) for k, v in state.items()})
    return model.to(device).eval()


class _Board:
    """What a worker and the parent share: tensors in shared memory, room for MAX_BATCH
    samples; a job uses the first B rows."""

    def __init__(self):
        self.canvas = torch.zeros(MAX_BATCH, SIZE, SIZE).share_memory_()
        self.probs = torch.zeros(MAX_BATCH, SIZE, SIZE).share_memory_()
        self.newest = torch.zeros(1, dtype=torch.int64).share_memory_()  # -1: no pixel yet
        self.seen = torch.zeros(1, dtype=torch.float64).share_memory_()  # time.monotonic()
        self.batch = 0
        self._arrays = None

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_arrays": None}  # numpy views would travel as copies

    def arrays(self) -> tuple[np.ndarray, ...]:
        """numpy views of the shared tensors, made once per process: a pixel's writes then
        cost ~1 us each instead of a torch indexing call."""
        if self._arrays is None:
            self._arrays = tuple(t.numpy() for t in (self.canvas, self.probs, self.newest, self.seen))
        return self._arrays

    def reset(self, batch: int, start: int, given: torch.Tensor | None) -> None:
        """Parent, worker idle: a blank board (completion: the visible pixels on it)."""
        self.batch = batch
        self.canvas.zero_()
        if given is not None:
            self.canvas[:batch].view(batch, N_PIXELS)[:, :start] = given.reshape(-1, N_PIXELS)[:, :start].cpu()
        self.probs.fill_(float("nan"))
        self.newest[0] = -1
        self.seen[0] = time.monotonic()

    def publish(self, step: sampling.Step) -> None:
        """Worker: pixel `step.index` is decided (written before the index, which readers go by)."""
        canvas, probs, newest, _ = self.arrays()
        r, c, b = step.row, step.col, len(step.value)
        canvas[:b, r, c] = step.value.numpy()
        probs[:b, r, c] = step.prob.numpy()
        newest[0] = step.index

    def last_look(self) -> float:
        """When the parent last looked (time.monotonic())."""
        return float(self.arrays()[3][0])

    def snapshot(self) -> sampling.Step | None:
        """Parent: a copy of the newest state, as the sampler's own Step."""
        i = int(self.newest[0])
        if i < 0:
            return None
        canvas, probs = self.canvas[:self.batch].clone(), self.probs[:self.batch].clone()
        # the worker may already be past pixel i: hide what it decided since, so the
        # frame shows pixels 0..i exactly
        canvas.view(self.batch, N_PIXELS)[:, i + 1:] = 0.0
        probs.view(self.batch, N_PIXELS)[:, i + 1:] = float("nan")
        r, c = divmod(i, SIZE)
        return sampling.Step(i, probs[:, r, c], canvas[:, r, c], canvas, probs)


# ----------------------------------------------------------------------------------
# The worker process
# ----------------------------------------------------------------------------------

def _serve(conn, board: _Board, cancel) -> None:
    """A worker's life: job after job, until the server closes the pipe (or exits)."""
    model, model_key = None, None
    while True:
        try:
            job: Job = conn.recv()
        except EOFError:
            return
        try:
            if job.model_key != model_key:
                model, model_key = None, None
                model, model_key = _rebuild(job.weights, job.device), job.model_key
            result = _run(job, model, board, cancel)
        except Exception as err:  # the weights did not load
            result = Result(0, 0.0, 0.0, False, err)
        result.model_key = model_key
        conn.send(_picklable(result))


def _run(job: Job, model: torch.nn.Module, board: _Board, cancel) -> Result:
    """Draw pixels, publish each one, keep the pace, stop when asked."""
    torch.set_num_threads(job.threads)
    t0 = time.perf_counter()
    count, computing, error = 0, 0.0, None

    def stop_now() -> bool:
        if time.monotonic() - board.last_look() > job.abandoned_s:
            cancel.set()
        return cancel.is_set()

    try:
        steps = sampling.steps(model, job.y, job.u, job.temperature, start=job.start, given=job.given)
        while not stop_now():
            t = time.perf_counter()
            step = next(steps, None)
            if step is None:
                break
            computing += time.perf_counter() - t
            board.publish(step)
            count += 1
            if job.pace:
                wait = t0 + count / job.pace - time.perf_counter()
                if wait > 0 and cancel.wait(wait):
                    break
    except Exception as err:  # handed to the parent, which raises it for the user
        error = err
    return Result(count, time.perf_counter() - t0, computing, cancel.is_set(), error)


def _picklable(result: Result) -> Result:
    """An exception that cannot be pickled travels as its words."""
    try:
        _CTX.reducer.ForkingPickler.dumps(result.error)
    except Exception:
        result.error = RuntimeError(f"{type(result.error).__name__}: {result.error}")
    return result


# ----------------------------------------------------------------------------------
# The parent side: a pool of workers
# ----------------------------------------------------------------------------------

class _Worker:
    """One worker process with its board, its cancel flag and its pipe."""

    def __init__(self):
        self.board = _Board()
        self.cancel = _CTX.Event()
        self.conn, child = _CTX.Pipe()
        self.process = _CTX.Process(target=_serve, args=(child, self.board, self.cancel),
                                    name="pixelcnn-sampler", daemon=True)
        self.process.start()
        child.close()  # only the worker holds its end: if it dies, recv() sees the pipe close
        self.model_key: int | None = None
        self.owner: SamplerProcess | None = None  # the job it runs for
        self.unanswered = False                   # a job was sent, its result not read yet
        self.lock = threading.Lock()              # one reader of the pipe at a time

    def receive(self) -> Result:
        self.unanswered = False
        try:
            result = self.conn.recv()
            self.model_key = result.model_key
            return result
        except EOFError:  # killed, or crashed in native code: nothing was sent
            self.model_key = None
            self.process.join(1)
            return Result(0, math.nan, math.nan, False, RuntimeError(
                f"the sampler process ended without a result (exit code {self.process.exitcode})"))

    def free(self) -> bool:
        """No job of its own: the answer to a stopped job read and dropped, and a job whose
        stream nobody looks at any more, ended by itself, taken back from it."""
        if not self.lock.acquire(blocking=False):  # its stream is waiting on it right now
            return False
        try:
            owner = self.owner
            if owner is not None and owner.abandoned() and self.conn.poll(0):
                owner._finish(self.receive())
            # a stopped job ends at its next pixel: worth a short wait rather than a new process
            if self.owner is None and self.unanswered and self.conn.poll(0.1):
                self.receive()
            return self.owner is None and not self.unanswered and self.process.is_alive()
        finally:
            self.lock.release()


_POOL: list[_Worker] = []
_POOL_LOCK = threading.Lock()   # streams start and stop from several server threads
_MODEL_KEYS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_KEYS = itertools.count()


def _model_key(model: torch.nn.Module) -> int:
    """A number per model object: a worker that already holds it is sent no weights."""
    if model not in _MODEL_KEYS:
        _MODEL_KEYS[model] = next(_KEYS)
    return _MODEL_KEYS[model]


def _take(owner: SamplerProcess) -> _Worker:
    """A free worker (a new one when all are busy), now owned by `owner`."""
    with _POOL_LOCK:
        _POOL[:] = [w for w in _POOL if w.process.is_alive() or w.owner is not None]
        worker = next((w for w in _POOL if w.free()), None)
        if worker is not None:
            worker.owner = owner
            return worker
    worker = _Worker()  # outside the lock: the very first one also starts the fork server (~1.5 s)
    worker.owner = owner
    with _POOL_LOCK:
        _POOL.append(worker)
    return worker


def workers() -> list[multiprocessing.process.BaseProcess]:
    """The worker processes alive now (for tests and diagnostics)."""
    with _POOL_LOCK:
        return [w.process for w in _POOL if w.process.is_alive()]


def busy() -> int:
    """How many workers are drawing right now (a stopped job counts until it has ended)."""
    with _POOL_LOCK:
        return sum(1 for w in _POOL if w.process.is_alive() and not w.free())


class SamplerProcess:
    """`sampling.steps(model, y, u, ...)` run by a worker process, `pace` pixels per
    second at most (None: as fast as it goes). The parent polls it:

        s = SamplerProcess(model, y, u).start()
        while not s.wait(1 / 25):
            show(s.latest())
        s.result(), s.latest()
    """

    ABANDONED_S = 10.0
    # One torch thread per worker: a pixel is ~100 tiny ops, too small to split across
    # cores; with a class sampling at once, 2-thread workers drew ~3x slower (measured).
    THREADS = 1

    def __init__(self, model: torch.nn.Module, y: torch.Tensor, u: torch.Tensor,
                 temperature: float = 1.0, pace: float | None = None, start: int = 0,
                 given: torch.Tensor | None = None):
        if not 1 <= len(y) <= MAX_BATCH:
            raise ValueError(f"draw 1 to {MAX_BATCH} samples at once, not {len(y)}")
        self.model = model
        self.job = Job(_model_key(model), None, str(next(model.parameters()).device),
                       self.THREADS, y.cpu(), u.cpu(), float(temperature), int(start),
                       None if given is None else given.cpu(), pace, self.ABANDONED_S)
        self.worker: _Worker | None = None
        self._result: Result | None = None
        self._last: sampling.Step | None = None  # the board as it was when the job let go of it

    def start(self) -> SamplerProcess:
        worker = self.worker = _take(self)
        worker.board.reset(len(self.job.y), self.job.start, self.job.given)
        worker.cancel.clear()  # safe: the worker is idle, waiting for this job
        if worker.model_key != self.job.model_key:
            self.job.weights = _weights(self.model)
            worker.model_key = self.job.model_key
        worker.unanswered = True
        worker.conn.send(self.job)
        self.job.weights = None
        return self

    def wait(self, timeout: float) -> bool:
        """Up to `timeout` seconds for the job to end; True once it has. Counts as a look."""
        worker = self.worker
        if worker is not None:
            with worker.lock:
                if worker.owner is self:
                    worker.board.seen[0] = time.monotonic()
                    if worker.conn.poll(timeout):
                        self._finish(worker.receive())
        return self._result is not None

    def abandoned(self) -> bool:
        """Nobody has called wait() for ABANDONED_S seconds (the worker ends the job then)."""
        return time.monotonic() - self.worker.board.last_look() > self.job.abandoned_s

    def latest(self) -> sampling.Step | None:
        """The newest decided pixel with the canvas and probabilities up to it (a copy)."""
        if self.worker is None:
            return None
        if self.worker.owner is not self:  # released: the board may hold another job now
            return self._last
        return self.worker.board.snapshot()

    def result(self) -> Result:
        if self._result is None:
            raise RuntimeError("the sampler is still running: wait() until it returns True")
        return self._result

    def stop(self) -> None:
        """End the job at the worker's next pixel; returns at once, and the worker goes
        back to the pool (it answers the stopped job before it takes the next)."""
        if self.worker is not None:
            with self.worker.lock:  # held for microseconds: by the pool, or by wait() of this very stream
                if self.worker.owner is self:
                    self.worker.cancel.set()
                    self._release()

    def _finish(self, result: Result) -> None:
        self._result = result
        self._release()

    def _release(self) -> None:
        """Hand the worker back to the pool, keeping a copy of the board as it is now."""
        self._last = self.worker.board.snapshot()
        self.worker.owner = None
