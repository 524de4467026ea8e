"""Every student's live 2-D GAN in one place: what the engine process runs (engine.py).

The serving process never trains a GAN nor draws its frames: both hold Python's GIL
for most of their time (thousands of small NumPy calls a second; a frame's measurements,
D over the plane and the meters, ~0.6-1.7 ms), and ten students training in the server
made every other student's slider wait (measured: slider p50 89 ms alone, 280 ms with a
class). In the engine process they use another core, and the server only relays finished
frames.

A `Host` keeps the sessions (`session.Session`, one per browser tab, by session id)
and the runs (a session whose Train stream is playing). It is single-threaded: the
engine calls `handle()` for each command and `turn()` in between, so nothing here
needs a lock, and every interleaving of commands is a plain sequence of calls (the
race tests drive a Host directly).

Fair turns: the playing sessions take turns in round-robin order. A turn trains for a
slice of time, then draws that session's frame. The slice shrinks as more students
train, so that one round (every playing session one frame) takes about ROUND_S of
wall-clock time: one student alone gets ~15 frames a second and ~1,700 steps/s; ten at
once each still get about 1/ROUND_S frames a second. The slice leaves room for what a
turn costs besides training (drawing and sending the frame; on a busy machine, the wait
for a CPU), measured as the turns go: else a class on two busy cores got 4 frames a
second instead of 1/ROUND_S.

Shared turns: the playing sessions whose GANs have the same shape (`batch.shape`: most of
a class runs the default network or one preset) take their turn together, and train as
one computation (batch.py), which costs each of them 15-25% less CPU than its own turn
would; the turn's slice is the sum of theirs, and it ends with a frame for each. Such a
turn is long (up to ROUND_S, frames included) and the engine answers commands between
calls of `turn`, so a turn stops when a command waits (`waiting`: between two chunks of
training or two frames) and the next call goes on with it: run whole, shared turns made
Pause and the presets wait 98 ms at the median instead of 35 (bench classroom, 30
students). A run that a command ended meanwhile leaves the turn.

A run's first turn comes next and alone: a student who has just pressed Train sees the
first frame within one turn, and its training starts at once (30 students: first frame p50
265 ms when a new run waited for its shape's next shared turn).

The slices are fair in steps, not in time: a run whose steps cost more (five D steps per
G step, as the "Mode collapse" preset has, or a wider network) gets a longer slice, so
that every student's GAN learns at about the same pace (in a class, time-fair turns gave
the "Mode collapse" runs a third of the others' steps). A run's slice is at most
MAX_SHARE times the even share, so one expensive setting cannot take the others' time.
Slices are the engine's CPU time: on a busy machine, waiting for a core costs a round some
frames, not its runs' steps (`_train_for`).
"""

from __future__ import annotations

import io
import logging
import time
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from types import SimpleNamespace

import numpy as np

from playground import i18n
from playground.gan import batch, text, toy, views
from playground.gan.session import Session, Together

log = logging.getLogger("playground")

TRAIN_S = 0.050       # the longest turn's training (one student alone: ~15 frames/s)
MIN_TRAIN_S = 0.004   # the shortest, in CPU time (a class training at once: frames keep coming)
ROUND_S = 0.150       # one round of turns in wall-clock time, every playing session one frame:
                      # 30 students, ~10 training (bench classroom, back to back), 0.18 s gave
                      # frames/s min 3.5, p10 4.5, p50 5.0; 0.15 s gave 4.4, 5.1, 5.7, and the
                      # steps/s (p50 87 and 96; the engine's CPU 68 s and 69 s of the 120 s)
CHUNK_S = 0.005       # training goes in chunks of about this long
MAX_SHARE = 3.0       # a costly run's slice: at most this many times the even share
MAX_PLAY_S = 120      # one press of Train runs at most this long
SLOW_S = 0.5          # the losses chart and the status line: at most twice a second
FULL_S = 0.05         # the meters: every frame of one run alone; with N runs, every N x FULL_S
                      # seconds (at least every SLOW_S); between them the canvas alone
MAX_SESSIONS = 96     # beyond this, the least recently used idle session is dropped
IDLE_S = 3600         # a session nobody used for this long is dropped
FIRST_GAP_S = 1.0     # a press of Train gets its first frame from the next turn, unless the same
                      # session pressed less than this long ago (a script pressing on and on
                      # would otherwise push every other run back)
# Settings that apply to a running model without a reset (the rest make a fresh model).
LIVE_FIELDS = ("loss", "g_optimizer", "d_optimizer", "g_lr", "d_lr", "d_steps", "batch", "noise",
               "noise_half_life")


@dataclass
class Run:
    """One press of Train: its counters while it plays."""
    run_id: int
    lang: str | None
    since: float
    step0: int
    frames: int = 0
    chunk: int = 10
    step_s: float = 0.0              # seconds per training step (running mean; 0: not measured)
    first: bool = True               # its first turn is yet to come (at the queue's front, alone)
    slow_at: float = float("-inf")   # the first frame is full and slow
    full_at: float = float("-inf")


@dataclass
class Turn:
    """A shared turn in progress (Host.turn): it stops when a command waits, and goes on."""
    key: tuple                       # the GANs' shape (batch.shape)
    members: list[tuple[str, Run]]   # (session id, run) training together
    budget: float                    # the whole training slice, seconds
    left_s: float                    # what is left of it
    t_start: float
    step_s: float                    # one shared iteration, seconds (0: not measured)
    chunk: int                       # iterations per chunk
    to_draw: list | None = None      # once trained: the (session id, run)s still to draw
    frames: int = 0


@dataclass
class Out:
    """A message for the server: a reply to a command, or a frame of a run."""
    kind: str                      # "reply" | "frame"
    key: int                       # request id | run id
    payload: dict = field(default_factory=dict)


def words(lang: str | None) -> SimpleNamespace:
    """The tab's words in `lang` (None: the server's default), fixed: read them anywhere."""
    return SimpleNamespace(**i18n.words(text, lang or i18n.default_language()))


def frame_outputs(sess: Session, status: str | None, losses: bool, lang: str | None,
                  full: bool = True) -> tuple:
    """(canvas html, meters html or None, losses figure json or None, status or None) of the
    current state: what the tab shows, drawn in the student's language. full=False: the
    canvas alone (`Session.glance`), for the frames between two full ones (None: unchanged)."""
    with i18n.using(lang):
        T = i18n.strings(text)
        if not full:
            return views.canvas_html(sess, sess.glance()), None, None, status
        frame = sess.snapshot()
        return (views.canvas_html(sess, frame), views.meters_html(sess, frame, T),
                views.figure_json(views.losses_figure(sess)) if losses else None, status)


class Host:
    def __init__(self, clock=time.perf_counter, cpu_clock=time.thread_time):
        self.clock = clock            # wall-clock time: the rounds' pace, the frames' rates
        self.cpu_clock = cpu_clock    # this thread's CPU time: what a training slice spends
        self.sessions: OrderedDict[str, Session] = OrderedDict()   # least recently used first
        self.used: dict[str, float] = {}
        self.runs: dict[str, Run] = {}
        self.order: deque[str] = deque()   # playing sessions, whose turn is next first
        self.overhead_s = 0.004            # a turn's wall time beyond its training (running mean)
        self.last_end = float("-inf")      # when the last turn ended
        self.round_wait_s = 0.0            # this round so far: wall time beyond training,
        self.round_frames = 0              # and frames drawn
        self.waiting = lambda: False       # True when a command waits (the engine's pipe)
        self.current: Turn | None = None   # the turn in progress, if a command interrupted it
        self.pressed: dict[str, float] = {}  # when each session last pressed Train

    # --- sessions ----------------------------------------------------------------
    def session(self, sid: str, settings: toy.Settings | None = None) -> Session:
        """The session `sid`; made from `settings` if it does not exist (a new student, or
        one the engine dropped or lost in a restart)."""
        sess = self.sessions.get(sid)
        if sess is None:
            s = settings or toy.Settings()
            if s.data == "drawn":  # the drawing was lost with the session
                s = toy.Settings(**{**s.as_dict(), "data": "ring"})
            sess = self.sessions[sid] = Session(s)
            self._evict()
        self.sessions.move_to_end(sid)
        self.used[sid] = self.clock()
        return sess

    def _evict(self) -> None:
        now = self.clock()
        for sid in list(self.sessions):
            idle = sid not in self.runs
            if idle and (len(self.sessions) > MAX_SESSIONS or now - self.used.get(sid, now) > IDLE_S):
                self.close(sid)  # idle: no run, nothing to tell

    def close(self, sid: str) -> list[Out]:
        """The student left: forget the session (a running stream ends with nothing new)."""
        out = self._end(sid)
        self.sessions.pop(sid, None)
        self.used.pop(sid, None)
        self.pressed.pop(sid, None)
        return out

    # --- runs ----------------------------------------------------------------------
    def _end(self, sid: str, final: dict | None = None) -> list[Out]:
        """Stop sid's run; its stream gets `final` as its last message (None: nothing to
        show, another command draws the frame)."""
        run = self.runs.pop(sid, None)
        if run is None:
            return []
        self.order.remove(sid)
        return [Out("frame", run.run_id, {"final": True, "outputs": None, **(final or {})})]

    def play(self, sid: str, run_id: int, settings: toy.Settings, lang: str | None) -> list[Out]:
        """Train: start a run (a second press replaces the first, whose stream ends)."""
        sess = self.session(sid, settings)
        out = self._end(sid)
        sess.message = ""
        self._apply_live(sess, settings)
        now = self.clock()
        self.runs[sid] = run = Run(run_id, lang, now, sess.gan.step)
        if now - self.pressed.get(sid, float("-inf")) >= FIRST_GAP_S:
            self.order.appendleft(sid)   # the next turn: its own, short (see _mates)
        else:
            run.first = False            # presses too close together: the queue's back
            self.order.append(sid)
        self.pressed[sid] = now
        return out

    def stop(self, run_id: int) -> list[Out]:
        """The stream went away (page closed, cancelled): end its run if it still plays."""
        for sid, run in list(self.runs.items()):
            if run.run_id == run_id:
                self.runs.pop(sid)
                self.order.remove(sid)
        return []

    def pause(self, sid: str, lang: str | None) -> tuple[str, list[Out]]:
        """Pause: the stream's last frame shows the step where training stopped."""
        sess = self.sessions.get(sid)
        if sess is None:
            return words(lang).status_idle, []
        status = words(lang).status_paused.format(step=sess.gan.step)
        if sid not in self.runs:
            return status, []
        run = self.runs[sid]
        return status, self._end(sid, {"outputs": frame_outputs(sess, status, True, run.lang)})

    def turn(self) -> list[Out]:
        """Go on with the turn in progress, or begin the next playing session's, shared with
        every playing session of the same shape: train for their slices, then draw each
        one's frame. Returns early (the turn not over) when a command waits; the next call
        goes on where this one stopped."""
        try:
            if self.current is None:
                if not self.order:
                    return []
                self.current = self._begin()
            out, done = self._go_on(self.current)
        except Exception as err:  # a bug ends these runs with a message, not every run
            log.exception("gan engine: a turn failed")
            turn, self.current = self.current, None
            sids = [sid for sid, _ in turn.members] if turn else list(self.order)[:1]
            return [m for sid in sids for m in self._end(sid, {"error": f"{type(err).__name__}: {err}"})]
        if done:
            self.current = None
        return out

    def _mates(self, sid: str) -> list[str]:
        """The playing sessions that train with `sid` (itself first): the same shape."""
        key = batch.shape(self.sessions[sid].settings)
        return [sid] + [other for other in self.order
                        if other != sid and batch.shape(self.sessions[other].settings) == key]

    def _begin(self) -> "Turn":
        sid = self.order[0]
        # a run's first turn comes first and alone (the student has just pressed Train)
        sids = [sid] if self.runs[sid].first else self._mates(sid)
        self.runs[sid].first = False
        for sid in sids:             # to the back of the queue, in their order
            self.order.remove(sid)
            self.order.append(sid)
        runs = [self.runs[sid] for sid in sids]
        t_start = self.clock()
        for sid in sids:
            self.used[sid] = t_start
        even = ROUND_S / len(self.runs) - self.overhead_s
        budget = min(TRAIN_S * len(runs), sum(max(MIN_TRAIN_S, even * self._share(run)) for run in runs))
        step_s = sum(run.step_s for run in runs) if all(run.step_s > 0 for run in runs) else 0.0
        return Turn(batch.shape(self.sessions[sids[0]].settings), list(zip(sids, runs)), budget,
                    budget, t_start, step_s, runs[0].chunk)

    def _go_on(self, turn: "Turn") -> tuple[list[Out], bool]:
        """(what to send, whether the turn is over)."""
        out = []
        self._still_playing(turn)
        if turn.to_draw is None:
            out += self._train_for(turn)
            if turn.left_s > 0 and turn.members:
                return out, False        # a command waits
            for _, run in turn.members:
                run.chunk, run.step_s = turn.chunk, turn.step_s / len(turn.members)
            turn.to_draw = list(turn.members)
        while turn.to_draw:
            sid, run = turn.to_draw.pop(0)
            if self.runs.get(sid) is run:
                out += self._frame(sid, run, self.sessions[sid])
                turn.frames += 1
            if turn.to_draw and self.waiting():
                return out, False
        self._measure_overhead(turn.t_start, turn.budget, max(1, turn.frames))
        return out, True

    def _still_playing(self, turn: "Turn") -> None:
        """Drop from a resumed turn the runs that ended, or whose GAN changed shape, while it
        waited (Pause, a second press, a closed page, a changed setting); what is left of its
        slice shrinks with them."""
        kept = [(sid, run) for sid, run in turn.members
                if self.runs.get(sid) is run and batch.shape(self.sessions[sid].settings) == turn.key]
        if len(kept) < len(turn.members):
            turn.left_s *= len(kept) / len(turn.members)
            turn.step_s *= len(kept) / len(turn.members)
            turn.members = kept

    def _share(self, run: Run) -> float:
        """This run's slice over the even share. Slices are proportional to the runs' step
        costs (each run then gets the same steps a round), except that none exceeds MAX_SHARE
        and the capped runs' excess goes to the others; the shares add up to the number of
        runs, so a round keeps its length. A run not yet measured counts as the mean."""
        measured = [r.step_s for r in self.runs.values() if r.step_s > 0]
        if run.step_s <= 0 or len(measured) < 2:
            return 1.0
        mean = sum(measured) / len(measured)
        costs = sorted(r.step_s if r.step_s > 0 else mean for r in self.runs.values())
        n, capped = len(costs), 0
        rate = n / sum(costs)   # shares per second of step cost
        # the dearest runs reach the cap first: cap them one by one until the rest fit
        while n - (capped + 1) * MAX_SHARE > 0 and costs[n - 1 - capped] * rate > MAX_SHARE:
            capped += 1
            rate = (n - capped * MAX_SHARE) / sum(costs[:n - capped])
        return min(MAX_SHARE, run.step_s * rate)

    def _measure_overhead(self, t_start: float, budget: float, frames: int) -> None:
        """How much longer than its training a turn takes per frame it draws, from the last
        turn's end to this one's (drawing the frames, sending them, other students' commands,
        and on a busy machine the time the engine waits for a CPU, while it trains too): the
        round is paced in wall-clock time, so that frames keep their rate however little CPU
        the engine gets. Measured over whole rounds (every playing run one frame): a turn
        that waited long would otherwise shrink the next turn's slice, always the same
        runs' when two shapes take turns."""
        end = self.clock()
        start = self.last_end if end - self.last_end < 1.0 else t_start
        self.last_end = end
        self.round_wait_s += max(0.0, end - start - budget)
        self.round_frames += frames
        if self.round_frames >= len(self.runs):
            self.overhead_s = 0.8 * self.overhead_s + 0.2 * self.round_wait_s / self.round_frames
            self.round_wait_s, self.round_frames = 0.0, 0

    def _frame(self, sid: str, run: Run, sess: Session) -> list[Out]:
        """The run's frame after its training (or its last, past the time limit)."""
        T = words(run.lang)
        now = self.clock()
        if now - run.since > MAX_PLAY_S:
            status = T.status_limit.format(seconds=MAX_PLAY_S)
            return self._end(sid, {"outputs": frame_outputs(sess, status, True, run.lang)})
        run.frames += 1
        slow = now - run.slow_at >= SLOW_S
        if slow:
            run.slow_at = now
        # the meters (and the divergences in the chart) with every frame while few train; as
        # more do, on fewer frames, at least twice a second (a full frame costs ~3x a glance)
        full = slow or now - run.full_at >= min(SLOW_S, FULL_S * len(self.runs))
        if full:
            run.full_at = now
        status = None
        if slow:
            elapsed = max(now - run.since, 1e-6)
            status = T.status_running.format(sps=(sess.gan.step - run.step0) / elapsed,
                                             fps=run.frames / elapsed)
        outputs = frame_outputs(sess, status, slow, run.lang, full=full)
        return [Out("frame", run.run_id, {"final": False, "outputs": outputs})]

    def _train_for(self, turn: "Turn") -> list[Out]:
        """Train the turn's sessions together, in chunks sized to ~CHUNK_S each, until its
        slice is spent, or a command waits (after one chunk at least). The last chunk only
        what is left (a whole chunk more would overrun a short slice by up to CHUNK_S, and
        cheap runs, whose chunks hold more steps, would gain the most). A run whose GAN
        diverges ends, with a warning; the others go on.

        `turn.step_s` is the time of one shared iteration; each run's part of it is what
        `_share` weighs. The GANs stay stacked from one chunk to the next (session.Together)
        and are copied back when the loop ends, before a frame or a command reads them.

        Slices are spent in the engine's CPU time, not in wall-clock time: on a busy machine
        the engine waits for a core for a third of its time (bench classroom, 30 students),
        and a chunk during which it waited spent the slice without training. In CPU time
        every turn trains its whole slice, at least MIN_TRAIN_S; the wait shows in the
        round's wall time instead, which `_measure_overhead` counts, so the slices shrink
        to keep the pace while they can, and past their floor the rounds slow down (fewer
        frames, not fewer steps). Measured, 30 students, two pairs of runs back to back:
        the slowest run 69.5-99.9 -> 86.2-118.9 steps/s, the median 117-141 -> 140-167;
        the slowest frames/s 6.24-6.4 -> 5.87-5.91."""
        out, chunks = [], 0
        together = Together([self.sessions[sid] for sid, _ in turn.members])
        try:
            while turn.members and turn.left_s > 0:
                if chunks and self.waiting():   # a command waits: answer it, then go on
                    break
                chunks += 1
                step_s, chunk = turn.step_s, turn.chunk
                n = chunk if step_s <= 0 else max(1, min(chunk, round(turn.left_s / step_s)))
                t = self.cpu_clock()
                diverged = together.train(n)
                spent = max(self.cpu_clock() - t, 1e-6)
                turn.left_s -= spent
                turn.step_s = spent / n if step_s <= 0 else 0.8 * step_s + 0.2 * spent / n
                if n == chunk:
                    turn.chunk = max(1, min(200, round(chunk * CHUNK_S / max(spent, 1e-4))))
                for sid, _ in list(turn.members):
                    sess = self.sessions[sid]
                    if sess in diverged:
                        run = self.runs[sid]
                        T = words(run.lang)
                        out += self._end(sid, {"outputs": frame_outputs(sess, T.status_idle, True, run.lang),
                                               "warning": T.diverged_toast})
                if diverged:
                    self._still_playing(turn)
        finally:   # the GANs as they are, before anything else reads them (a frame, a command)
            together.close()
        return out

    # --- commands that change the model ------------------------------------------------
    def step(self, sid: str, action: str, settings: toy.Settings, lang: str | None) -> dict:
        """One D step, one G step, or a full iteration (d_steps D steps, then G)."""
        sess = self.session(sid, settings)
        out = self._end(sid)
        sess.message = ""
        T = words(lang)
        try:
            if action in ("d", "both"):
                for _ in range(sess.settings.d_steps if action == "both" else 1):
                    sess.step_d()
            if action in ("g", "both"):
                sess.step_g()
        except toy.Diverged:
            return {"outputs": frame_outputs(sess, T.status_idle, True, lang),
                    "warning": T.diverged_toast, "out": out}
        status = T.status_paused.format(step=sess.gan.step)
        return {"outputs": frame_outputs(sess, status, True, lang), "out": out}

    def reset(self, sid: str, settings: toy.Settings, lang: str | None, points: np.ndarray | None = None,
              keep_playing: bool = False) -> dict:
        """A fresh model with `settings` (Reset, a preset, a new drawing, a changed network)."""
        sess = self.session(sid, settings)
        out = [] if keep_playing else self._end(sid)
        if points is not None:
            sess.points = points
        if settings.data == "drawn" and sess.points is None:
            return {"error_key": "err_draw_empty", "out": out}
        sess.message = ""
        sess.reset(settings)
        run = self.runs.get(sid)
        if run is not None:  # a running stream trains the fresh model; its rates count from here
            run.since, run.frames, run.step0 = self.clock(), 0, 0
        return {"outputs": frame_outputs(sess, words(lang).status_idle, True, lang), "out": out}

    def update(self, sid: str, settings: toy.Settings) -> dict:
        """Settings that apply mid-run (learning rates, loss, noise, ...): no reset."""
        self._apply_live(self.session(sid, settings), settings)
        return {}

    @staticmethod
    def _apply_live(sess: Session, settings: toy.Settings) -> None:
        live = {f: getattr(settings, f) for f in LIVE_FIELDS}
        if any(getattr(sess.settings, f) != v for f, v in live.items()):
            sess.update(**live)

    def export(self, sid: str, kind: str) -> dict:
        sess = self.sessions.get(sid)
        if kind == "gif":
            if sess is None or len(sess.frames) < 2:
                return {"error_key": "err_nothing_to_export"}
            return {"data": views.gif_bytes(sess), "step": sess.gan.step}
        if sess is None:
            sess = Session(toy.Settings())
        buf = io.BytesIO()
        views.render_png(sess, sess.snapshot(), size=640).save(buf, format="PNG")
        return {"data": buf.getvalue(), "step": sess.gan.step}

    def stats(self, sid: str | None = None) -> dict:
        """How many sessions and runs there are; with `sid`, that session's settings and step."""
        if sid is None:
            return {"sessions": len(self.sessions), "runs": len(self.runs)}
        sess = self.sessions.get(sid)
        return {} if sess is None else {"settings": sess.settings.as_dict(), "step": sess.gan.step,
                                        "playing": sid in self.runs, "points": sess.points is not None}

    # --- the engine's entry point --------------------------------------------------------
    def handle(self, op: str, req_id: int, kw: dict) -> list[Out]:
        """Run one command; its reply (and any frames it ends runs with) to send back."""
        if op == "play":
            out = self.play(**kw)
            return out + [Out("reply", req_id, {})]
        if op == "stop":
            return self.stop(**kw)
        if op == "close":
            return self.close(**kw)
        if op == "pause":
            status, out = self.pause(**kw)
            return out + [Out("reply", req_id, {"status": status})]
        if op == "stats":
            return [Out("reply", req_id, self.stats(**kw))]
        if op not in ("step", "reset", "update", "export"):
            raise ValueError(f"unknown command {op!r}")
        reply = getattr(self, op)(**kw)
        out = reply.pop("out", [])
        return out + [Out("reply", req_id, reply)]
