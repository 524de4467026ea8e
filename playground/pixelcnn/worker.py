"""The sampler in processes of its own, so that streaming frames never slows it down.

Why a process, not a thread: the sampler decides a pixel with about a hundred tiny
torch operations, and each one lets go of Python's global interpreter lock (GIL)
and takes it back. Whenever another thread of the server wakes up in between (Gradio's
queue polls every millisecond; the stream draws 25 frames a second), it takes the
lock, and the sampler waits until that thread hands it back. Measured on 2 cores: a
thread that only wakes every millisecond makes an in-thread sampler 70% slower. A
process has its own interpreter and its own lock.

Why few processes, each drawing several digits: a class draws at once, and a process
with torch costs ~200 MB (six streams meant six processes, 1.2 GB, in the classroom
bench). A worker holds SLOTS jobs and takes them in turns, a pixel at a time (a job
that keeps a pace waits its turn without holding the others). One worker runs
(MAX_PROCESSES), and a second only when all its slots are taken. The trade-off, measured
on this 2-core machine: two students pressing Generate at the same instant on an
otherwise idle machine each get their 4 digits after 1.35 s instead of 0.67 s (a student
alone: 0.67 s either way). In a class, whose machine is busy anyway (bench classroom, 30
students, back to back with two processes): first frame p50 87-104 ms against 71-90 ms,
13-16 frames/s either way, and in the machine's slowest hour 150-168 ms against 119-133;
the server with its workers used 1,336-1,366 MB instead of 1,525-1,553 (RSS; PSS 1,061-1,091
instead of 1,084-1,112). Workers stay once started: a fresh process samples its first
digit ~10% slower than a warm one.
They are forked from a small server process that imported torch and the sampler once
(procs.context(), "forkserver").

Parent and worker share, in shared memory, each slot's canvas, probabilities and index
of the newest pixel: the worker writes them after every pixel, the stream reads the
newest state when it draws a frame. A job ends at its next pixel when `stop()` is
called (Stop, or the page closed) or when nobody has looked for ABANDONED_S seconds
(the stream was dropped without being closed); the worker then sends back how long it
took, and one thread per worker in the server ("playground-pixel-rx") hands that to the
job's stream and frees the slot. Nothing waits on a lock for longer than a few
microseconds, so closing a stream (which Gradio does on its event loop) never blocks.
"""

from __future__ import annotations

import itertools
import math
import multiprocessing
import os
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
SLOTS = 16        # jobs one worker process takes in turns (8 overflowed: in a slow hour a class of
                  # 30 held 8 at once, abandoned streams keep theirs ABANDONED_S, and a second
                  # process took the server and its workers to 1,544 MB)
MAX_PROCESSES = 1  # worker processes while they have free slots (see above)
NICE = 5           # a lower CPU priority than the server's and the GAN engine's (both 0)
MODELS_KEPT = 2    # models a worker keeps (the gated and the plain network); the oldest goes


_CTX = procs.context()  # forkserver: torch and this module are imported once, in the fork server


# ----------------------------------------------------------------------------------
# What travels between the processes
# ----------------------------------------------------------------------------------

class SamplerEnded(RuntimeError):
    """The worker process ended (killed, or crashed in native code) before answering."""

    def __init__(self, code):
        super().__init__(f"the sampler process ended without a result (exit code {code})")
        self.code = code


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
    models: list[int] | None = None  # the models the worker holds (after one failed to load)


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

@dataclass
class _Running:
    """A job the worker is drawing: its pixels to come and its counters."""
    job: Job
    steps: object
    t0: float
    count: int = 0
    computing: float = 0.0
    due: float = 0.0               # time.perf_counter() when its next pixel may be drawn


def _serve(conn, boards: list[_Board], cancels: list) -> None:
    """A worker's life: jobs in, their results out, until the server closes the pipe."""
    try:  # like the GAN engine: a student's slider drag in the server goes first
        os.nice(NICE)
    except OSError:
        pass
    models: dict[int, torch.nn.Module] = {}
    running: dict[int, _Running] = {}
    order: list[int] = []           # slots in turn
    while True:
        try:
            timeout = _next_due(running) if running else None
            if conn.poll(timeout):
                _receive(conn, models, running, order, boards)
                continue
        except EOFError:
            return
        if order:
            slot = order.pop(0)
            order.append(slot)
            _advance(conn, slot, running, order, boards[slot], cancels[slot])


def _next_due(running: dict[int, _Running]) -> float:
    return max(0.0, min(r.due for r in running.values()) - time.perf_counter())


def _receive(conn, models, running, order, boards) -> None:
    slot, job = conn.recv()
    try:
        if job.model_key not in models:
            if len(models) >= MODELS_KEPT:  # the parent side forgets the same one (start())
                models.pop(next(iter(models)))
            models[job.model_key] = _rebuild(job.weights, job.device)
        model = models[job.model_key]
        torch.set_num_threads(job.threads)
        steps = sampling.steps(model, job.y, job.u, job.temperature, start=job.start, given=job.given)
        now = time.perf_counter()
        running[slot] = _Running(job, steps, now, due=now)
        order.append(slot)
    except Exception as err:  # the weights did not load
        conn.send((slot, _picklable(Result(0, 0.0, 0.0, False, err, list(models)))))


def _advance(conn, slot: int, running: dict, order: list, board: _Board, cancel) -> None:
    """One pixel of the job in `slot` if its time has come; its result if it is over."""
    r = running[slot]
    if time.monotonic() - board.last_look() > r.job.abandoned_s:
        cancel.set()
    error, done = None, cancel.is_set()
    now = time.perf_counter()
    if not done and now >= r.due:
        try:
            step = next(r.steps, None)
        except Exception as err:  # handed to the parent, which raises it for the user
            step, error = None, err
        r.computing += time.perf_counter() - now
        if step is None:
            done = True
        else:
            board.publish(step)
            r.count += 1
            r.due = r.t0 + r.count / r.job.pace if r.job.pace else 0.0
    if done:
        del running[slot]
        order.remove(slot)
        conn.send((slot, _picklable(Result(r.count, time.perf_counter() - r.t0, r.computing,
                                           cancel.is_set(), error))))


def _picklable(result: Result) -> Result:
    """An exception that cannot be pickled travels as its words."""
    try:
        _CTX.reducer.ForkingPickler.dumps(result.error)
    except Exception:
        result.error = RuntimeError(f"{type(result.error).__name__}: {result.error}")
    return result


# ----------------------------------------------------------------------------------
# The parent side: a few workers, each with a few slots
# ----------------------------------------------------------------------------------

class _Slot:
    """One place for a job in a worker: its board, its cancel flag, whose job it holds."""

    def __init__(self, worker: "_Worker", index: int):
        self.worker, self.index = worker, index
        self.board = _Board()
        self.cancel = _CTX.Event()
        self.owner: SamplerProcess | None = None  # the stream it draws for
        self.busy = False                         # a job was sent and its result not back yet


class _Worker:
    """One worker process, its slots, its pipe, and the thread that reads its answers."""

    def __init__(self):
        self.slots = [_Slot(self, k) for k in range(SLOTS)]
        self.conn, child = _CTX.Pipe()
        self.process = _CTX.Process(target=_serve, args=(child, [s.board for s in self.slots],
                                                         [s.cancel for s in self.slots]),
                                    name="pixelcnn-sampler", daemon=True)
        self.process.start()
        child.close()  # only the worker holds its end: if it dies, recv() sees the pipe close
        self.model_keys: list[int] = []     # models it holds, oldest first (as the worker keeps them)
        self.send_lock = threading.Lock()
        threading.Thread(target=self._answers, name="playground-pixel-rx", daemon=True).start()

    def send(self, slot: _Slot, job: Job, model: torch.nn.Module) -> None:
        """Send a job, with the model's weights if the worker lacks them. One sender at a
        time, so the worker learns its models in the order this side counts them."""
        with self.send_lock:
            keys = self.model_keys
            if job.model_key not in keys:
                job.weights = _weights(model)
                if len(keys) >= MODELS_KEPT:
                    keys.pop(0)
                keys.append(job.model_key)
            self.conn.send((slot.index, job))

    def _answers(self) -> None:
        """Results as they come, each to its job's stream; the slot is then free again."""
        while True:
            try:
                index, result = self.conn.recv()
            except (EOFError, OSError):
                break
            if result.models is not None:  # the worker could not load a model
                self.model_keys = list(result.models)
            _finished(self.slots[index], result)
        self.process.join(1)
        for slot in self.slots:  # killed, or crashed in native code: nothing more will come
            if slot.busy:
                _finished(slot, Result(0, math.nan, math.nan, False, SamplerEnded(self.process.exitcode)))

    def jobs(self) -> int:
        return sum(s.busy for s in self.slots)


def _finished(slot: _Slot, result: Result) -> None:
    with _POOL_LOCK:  # no one takes the slot before the board is read: the lock is held
        owner, slot.owner = slot.owner, None
        board = slot.board.snapshot() if owner is not None else None
        slot.busy = False  # before the owner hears of it: a stream that has ended has no slot
        if owner is not None:
            owner._finish(result, board)


_POOL: list[_Worker] = []
_POOL_LOCK = threading.Lock()   # slots are taken and handed back from several threads
_MODEL_KEYS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_KEYS = itertools.count()


def _model_key(model: torch.nn.Module) -> int:
    """A number per model object: a worker that already holds it is sent no weights."""
    if model not in _MODEL_KEYS:
        _MODEL_KEYS[model] = next(_KEYS)
    return _MODEL_KEYS[model]


def _take(owner: SamplerProcess) -> _Slot:
    """A free slot, now owned by `owner`: in an idle worker if there is one, else in a new
    worker while there may be more, else in the least busy one."""
    with _POOL_LOCK:
        _POOL[:] = [w for w in _POOL if w.process.is_alive()]
        free = [w for w in _POOL if w.jobs() < SLOTS]
        idle = [w for w in free if w.jobs() == 0]
        worker = idle[0] if idle else None
        if worker is None and len(_POOL) >= MAX_PROCESSES and free:
            worker = min(free, key=_Worker.jobs)
        if worker is not None:
            return _claim(worker, owner)
    worker = _Worker()  # outside the lock: the very first one also starts the fork server (~1.5 s)
    with _POOL_LOCK:
        _POOL.append(worker)
        return _claim(worker, owner)


def _claim(worker: _Worker, owner: SamplerProcess) -> _Slot:
    slot = next(s for s in worker.slots if not s.busy)
    slot.owner, slot.busy = owner, True
    return slot


def workers() -> list[multiprocessing.process.BaseProcess]:
    """The worker processes alive now (for tests and diagnostics)."""
    with _POOL_LOCK:
        return [w.process for w in _POOL if w.process.is_alive()]


def busy() -> int:
    """How many jobs are being drawn right now (a stopped job counts until it has ended)."""
    with _POOL_LOCK:
        return sum(w.jobs() for w in _POOL if w.process.is_alive())


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
        self.slot: _Slot | None = None
        self._result: Result | None = None
        self._done = threading.Event()
        self._stopped = False
        self._last: sampling.Step | None = None  # the board as it was when the job let go of it

    @property
    def worker(self) -> _Worker | None:
        return None if self.slot is None else self.slot.worker

    def start(self) -> SamplerProcess:
        slot = self.slot = _take(self)
        slot.board.reset(len(self.job.y), self.job.start, self.job.given)
        slot.cancel.clear()  # safe: the slot is free, no job of the worker uses it
        try:
            slot.worker.send(slot, self.job, self.model)
        except (OSError, ValueError) as err:  # the worker died since it was chosen
            _finished(slot, Result(0, math.nan, math.nan, False, SamplerEnded(f"{err}")))
        self.job.weights = None
        return self

    def wait(self, timeout: float) -> bool:
        """Up to `timeout` seconds for the job to end; True once it has. Counts as a look."""
        slot = self.slot
        if slot is not None and slot.owner is self:
            slot.board.seen[0] = time.monotonic()
        return self._done.wait(timeout)

    def latest(self) -> sampling.Step | None:
        """The newest decided pixel with the canvas and probabilities up to it (a copy)."""
        slot = self.slot
        if slot is None:
            return None
        if self._stopped or slot.owner is not self:  # the slot may hold another job now
            return self._last
        return slot.board.snapshot()

    def result(self) -> Result:
        if self._result is None:
            raise RuntimeError("the sampler is still running: wait() until it returns True")
        return self._result

    def stop(self) -> None:
        """End the job at the worker's next pixel; returns at once. The slot is handed back
        when the worker has answered (the board is not reused before)."""
        slot = self.slot
        if slot is None:
            return
        with _POOL_LOCK:  # held for microseconds: this may run on Gradio's event loop
            if slot.owner is self and not self._stopped:
                self._last = slot.board.snapshot()
                self._stopped = True
                slot.cancel.set()

    def _finish(self, result: Result, board: sampling.Step | None) -> None:
        """From the worker's reader thread: the job is over."""
        self._result = result
        if not self._stopped:  # a stopped job shows the board as it was at Stop
            self._last = board
        self._done.set()
