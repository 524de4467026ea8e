"""The GAN engine's races, as deterministic sequences of calls.

Gradio may run the Train stream's steps on any worker thread, run a Pause or a step
button beside it, close the stream when the page goes away, and a student may press
Train twice. In the engine all of these are commands handled one after another by one
`Host`, so every interleaving is a sequence of calls, tested here one by one; the
server's side of a stream (RunStream) is tested with real threads below.
"""

import re
import threading

import pytest

from playground.gan import engine, host, presets, tab, toy

HEALTHY = presets.PRESETS["Healthy"].settings
COLLAPSE = presets.PRESETS["Mode collapse"].settings   # 5 D steps: another shape (batch.shape)


def frames(outs, run_id=None):
    return [o for o in outs if o.kind == "frame" and (run_id is None or o.key == run_id)]


def step_of(outputs) -> int:
    return int(re.search(r'data-step="(\d+)"', outputs[0]).group(1))


@pytest.fixture
def h():
    return host.Host()


def test_a_run_streams_frames_then_pause_ends_it_at_the_step_shown(h):
    h.play("s", 1, HEALTHY, None)
    shown = [step_of(frames(h.turn(), 1)[0].payload["outputs"]) for _ in range(3)]
    assert shown == sorted(set(shown)) and shown[0] > 0
    status, out = h.pause("s", None)
    final = frames(out, 1)
    assert len(final) == 1 and final[0].payload["final"]
    assert step_of(final[0].payload["outputs"]) == int(re.sub(r"\D", "", status)) >= shown[-1]
    assert h.turn() == [] and h.runs == {}
    assert h.pause("s", None)[1] == []  # a second Pause changes nothing


def test_a_second_press_replaces_the_first_run(h):
    h.play("s", 1, HEALTHY, None)
    h.turn()
    out = h.play("s", 2, HEALTHY, None)
    ended = frames(out, 1)
    assert len(ended) == 1 and ended[0].payload == {"final": True, "outputs": None}
    assert [o.key for o in h.turn()] == [2]
    h.stop(1)  # the first stream's close arrives late: the second run goes on
    assert [o.key for o in h.turn()] == [2]


def test_closing_the_page_mid_run_drops_session_and_run(h):
    h.play("s", 1, HEALTHY, None)
    h.turn()
    out = h.handle("close", 0, {"sid": "s"})
    # the stream, if it still listens, ends instead of waiting for frames that never come
    assert [(o.key, o.payload) for o in out] == [(1, {"final": True, "outputs": None})]
    assert h.turn() == [] and "s" not in h.sessions and not h.order


def test_a_stream_that_goes_away_stops_its_run_only(h):
    h.play("a", 1, HEALTHY, None)
    h.play("b", 2, HEALTHY, None)
    h.stop(1)
    assert {o.key for o in h.turn() + h.turn()} == {2} and "a" in h.sessions


def test_a_step_while_training_ends_the_run_and_answers_with_the_frame(h):
    h.play("s", 1, HEALTHY, None)
    h.turn()
    out = h.handle("step", 7, {"sid": "s", "action": "g", "settings": HEALTHY, "lang": None})
    assert frames(out, 1)[0].payload == {"final": True, "outputs": None}
    reply = [o for o in out if o.kind == "reply"][0]
    assert reply.key == 7 and "outputs" in reply.payload and h.runs == {}


def test_a_changed_network_keeps_the_run_going_with_a_fresh_model(h):
    h.play("s", 1, HEALTHY, None)
    for _ in range(3):
        h.turn()
    wider = toy.Settings(**{**HEALTHY.as_dict(), "g_width": 32})
    reply = h.reset("s", wider, None, keep_playing=True)
    assert step_of(reply["outputs"]) == 0 and "s" in h.runs and h.runs["s"].step0 == 0
    assert step_of(frames(h.turn(), 1)[0].payload["outputs"]) > 0
    assert h.sessions["s"].settings.g_width == 32


def test_divergence_ends_the_run_with_a_warning_and_a_reset_model(h):
    wild = toy.Settings(**{**HEALTHY.as_dict(), "g_lr": 100.0, "d_lr": 100.0})
    h.play("s", 1, wild, None)
    for _ in range(50):
        out = frames(h.turn(), 1)
        if out and out[0].payload["final"]:
            break
    final = out[0].payload
    assert final["final"] and "reset" in final["warning"] and step_of(final["outputs"]) == 0
    assert h.sessions["s"].message.startswith("diverged:") and h.runs == {}


def test_a_gan_that_diverges_in_a_shared_turn_ends_alone(h):
    """Three runs of one shape train as one flock, kept stacked from chunk to chunk: the one
    that blows up ends with its warning and a reset model; the other two go on, with the steps
    they trained (copied back from the flock) in their frames."""
    wild = toy.Settings(**{**HEALTHY.as_dict(), "g_lr": 100.0, "d_lr": 100.0})
    for k, s in enumerate((HEALTHY, wild, HEALTHY)):
        h.play(f"s{k}", k, s, None)
    ended, shown = None, {0: [], 2: []}
    for _ in range(200):
        for out in frames(h.turn()):
            if out.payload["final"]:
                ended = out
            else:
                shown[out.key].append(step_of(out.payload["outputs"]))
        if ended and min(len(v) for v in shown.values()) > 3:
            break
    assert ended.key == 1 and "reset" in ended.payload["warning"] and step_of(ended.payload["outputs"]) == 0
    assert set(h.runs) == {"s0", "s2"} and h.sessions["s1"].gan.step == 0
    for k in (0, 2):
        assert shown[k][-1] == h.sessions[f"s{k}"].gan.step > shown[k][0]


def test_time_limit(h, monkeypatch):
    monkeypatch.setattr(host, "MAX_PLAY_S", 0.0)
    h.play("s", 1, HEALTHY, None)
    final = frames(h.turn(), 1)[0].payload
    assert final["final"] and "at most" in final["outputs"][3]


def test_runs_of_one_shape_share_a_turn_and_other_shapes_take_theirs(h):
    """Two students train the default network, two the "Mode collapse" preset: after each
    run's first turn (next, and alone: the newest press first), each pair trains as one flock
    (batch.py) and gets a frame each in its turn; the pairs alternate."""
    for k, settings in enumerate([HEALTHY, COLLAPSE, HEALTHY, COLLAPSE]):
        h.play(f"s{k}", k, settings, None)
    turns = [sorted(o.key for o in frames(h.turn())) for _ in range(4)]
    assert turns == [[3], [2], [1], [0]]
    before = [h.sessions[f"s{k}"].gan.step for k in range(4)]
    turns = [sorted(o.key for o in frames(h.turn())) for _ in range(4)]
    assert turns == [[1, 3], [0, 2]] * 2
    steps = [h.sessions[f"s{k}"].gan.step - before[k] for k in range(4)]
    assert min(steps) > 0 and steps[0] == steps[2] and steps[1] == steps[3]
    h.stop(0)   # a mate leaves: the other trains on alone
    assert [sorted(o.key for o in frames(h.turn())) for _ in range(2)] == [[1, 3], [2]]


def test_idle_sessions_are_dropped_beyond_the_cap_but_never_a_playing_one(h, monkeypatch):
    monkeypatch.setattr(host, "MAX_SESSIONS", 3)
    h.play("p", 1, HEALTHY, None)
    for k in range(5):
        h.session(f"idle{k}", HEALTHY)
    assert "p" in h.sessions and len(h.sessions) == 3
    assert "idle0" not in h.sessions and "idle4" in h.sessions


def test_a_lost_session_comes_back_from_the_settings_a_command_carries(h):
    h.close("s")
    reply = h.handle("step", 3, {"sid": "s", "action": "g", "settings": HEALTHY, "lang": None})
    assert step_of(reply[-1].payload["outputs"]) == 1


def test_unknown_commands_are_refused(h):
    with pytest.raises(ValueError, match="unknown command"):
        h.handle("__init__", 1, {})


# --- the server's side: RunStream and the stream's generator, with threads -------------

def test_run_stream_keeps_the_newest_frame_and_never_drops_the_last():
    s = engine.RunStream(engine.Engine(in_thread=True), 1)
    s.put({"final": False, "n": 1})
    s.put({"final": False, "n": 2})
    assert s.next(0)["n"] == 2 and s.next(0) is None
    s.put({"final": False, "n": 3})
    s.put({"final": True, "n": 4})  # newer than the unread frame: the frame is dropped
    assert s.next(0)["n"] == 4 and s.done


def values(**change):
    v = dict(zip(tab.FIELDS, tab.values_of(HEALTHY)))
    v.update(change)
    return [v[f] for f in tab.FIELDS]


@pytest.fixture
def eng(monkeypatch):
    e = engine.Engine(in_thread=True)
    monkeypatch.setattr(engine, "_ENGINE", e)
    yield e
    e.stop()


def test_a_stream_closed_from_another_thread_stops_its_run(eng):
    """Gradio closes a stream's generator on its event loop when the page goes away."""
    stream = tab.play(None, *values())
    handle = None
    box = {}

    def consume():
        box["first"] = next(stream)

    t = threading.Thread(target=consume)
    t.start()
    t.join(30)
    handle = box["first"][0]
    stream.close()  # from this thread, not the one that ran the steps
    assert engine.wait_until(lambda: eng.request("stats")["runs"] == 0)
    assert eng.streams() == 0 and eng.request("stats", sid=handle.sid)["playing"] is False
    # the session survives: Train again works
    again = tab.play(handle, *values())
    assert next(again)[0] == handle
    again.close()


def test_two_presses_at_once_leave_one_run(eng):
    first = tab.play(None, *values())
    handle = next(first)[0]
    second = tab.play(handle, *values())
    results = {}

    def drain(name, gen):
        results[name] = list(gen) if name == "first" else next(gen)

    threads = [threading.Thread(target=drain, args=("first", first)),
               threading.Thread(target=drain, args=("second", second))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    # the first stream ended with a frame that changes nothing; the second one plays
    assert all(isinstance(v, dict) and v.get("__type__") == "update" for v in results["first"][-1][1:])
    assert eng.request("stats") == {"sessions": 1, "runs": 1}
    second.close()
    assert engine.wait_until(lambda: eng.request("stats")["runs"] == 0)


def test_pause_and_close_at_the_same_time(eng):
    """Pause and the page closing race: whichever comes first, nothing is left running."""
    for order in ("pause-first", "close-first"):
        stream = tab.play(None, *values())
        handle = next(stream)[0]
        calls = [lambda: tab.pause(handle, *values()), stream.close]
        if order == "close-first":
            calls.reverse()
        threads = [threading.Thread(target=c) for c in calls]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        assert engine.wait_until(lambda: eng.request("stats")["runs"] == 0)
        assert eng.streams() == 0


def test_a_dead_engine_gives_a_clear_message_and_the_next_press_starts_a_new_one(monkeypatch):
    """The real engine process, killed mid-run."""
    e = engine.Engine()
    monkeypatch.setattr(engine, "_ENGINE", e)
    try:
        stream = tab.play(None, *values())
        handle = next(stream)[0]
        e._worker.kill()
        with pytest.raises(Exception, match="GAN could not train"):
            for _ in range(100):
                next(stream)
        again = tab.play(handle, *values())
        assert next(again)[0] == handle and e.starts == 2
        again.close()
    finally:
        e.stop()


def test_closing_the_page_drops_its_gan_and_ends_its_stream(eng):
    """demo.unload calls tab.forget with the page's request: the engine forgets the session."""
    from types import SimpleNamespace

    stream = tab.play(None, *values())
    handle = next(stream)[0]
    tab.forget(SimpleNamespace(session_hash=handle.sid))
    rest = list(stream)  # the stream ends by itself, its last yield changing nothing
    assert rest and all(isinstance(v, dict) and v.get("__type__") == "update" for v in rest[-1][1:])
    assert eng.request("stats") == {"sessions": 0, "runs": 0}


def test_every_word_a_student_gets_back_is_in_their_language(h):
    """The engine has no request to read a language from: each command carries it."""
    from playground.gan import text as gan_text
    h.play("s", 1, HEALTHY, "ko")
    h.turn()
    status, out = h.pause("s", "ko")
    assert status == gan_text.KO["status_paused"].format(step=h.sessions["s"].gan.step)
    reply = h.step("s", "g", HEALTHY, "ko")
    assert reply["outputs"][3] == gan_text.KO["status_paused"].format(step=h.sessions["s"].gan.step)
    assert gan_text.KO["hq_label"] in reply["outputs"][1]  # the meters too
    assert h.reset("s", HEALTHY, "en")["outputs"][3] == gan_text.EN["status_idle"]


class Ticks:
    """A clock that moves `dt` seconds every time it is read (deterministic turns)."""

    def __init__(self, dt: float):
        self.t, self.dt = 0.0, dt

    def __call__(self) -> float:
        self.t += self.dt
        return self.t


def together(train):
    """A stand-in for session.Together whose training is `train(sessions, n)`."""
    class Fake:
        def __init__(self, sessions):
            self.sessions = list(sessions)

        def train(self, n):
            return train(self.sessions, n)

        def close(self):
            pass
    return Fake


def train_on(clock: Ticks, monkeypatch) -> dict:
    """Training takes 0.5 ms of `clock` a step and no real time; returns steps per session."""
    trained = {}

    def train(sessions, n):
        for sess in sessions:
            clock.t += 0.0005 * n
            trained[id(sess)] = trained.get(id(sess), 0) + n
        return []

    monkeypatch.setattr(host, "Together", together(train))
    return trained


def test_meters_come_with_every_frame_alone_and_less_often_in_a_crowd(monkeypatch):
    """A full frame (meters, divergences) costs ~3x the canvas alone: one student gets it on
    every frame; in a class of ten each run gets one at least every SLOW_S, the canvas between."""
    clock = Ticks(0.002)
    h = host.Host(clock=clock, cpu_clock=clock)
    train_on(clock, monkeypatch)
    h.play("alone", 1, HEALTHY, None)
    alone = [frames(h.turn())[0].payload["outputs"] for _ in range(6)]
    assert all(meters is not None for _, meters, _, _ in alone)
    h.pause("alone", None)

    for k in range(10):
        h.play(f"s{k}", 100 + k, HEALTHY, None)
    shown = {k: [] for k in range(10)}
    while clock.t < 3.0:
        for out in frames(h.turn()):
            shown[out.key - 100].append((clock.t, out.payload["outputs"][1] is not None))
    for k, seen in shown.items():
        assert seen[0][1]                             # the first frame is full
        assert any(not full for _, full in seen)      # the canvas alone in between
        full_at = [t for t, full in seen if full]
        assert max(b - a for a, b in zip(full_at, full_at[1:])) <= host.SLOW_S + 0.3


def test_rounds_keep_their_pace_when_drawing_a_frame_is_slow(monkeypatch):
    """On a busy machine a frame may take the engine 6 ms of wall-clock time and sending it
    (with other students' commands) 4 ms more: the training slices shrink so that a round
    of ten runs (two shapes, so two turns) still takes ~ROUND_S."""
    clock = Ticks(0.0001)
    h = host.Host(clock=clock, cpu_clock=clock)
    drawn = host.frame_outputs

    def slow_frame(*args, **kw):
        clock.t += 0.006
        return drawn(*args, **kw)

    def turn() -> int:
        n = len(frames(h.turn()))
        clock.t += 0.004 * n
        return n

    monkeypatch.setattr(host, "frame_outputs", slow_frame)
    trained = train_on(clock, monkeypatch)
    for k in range(10):
        h.play(f"s{k}", k, HEALTHY if k % 2 else COLLAPSE, None)
    while sum(turn() for _ in range(2)) and clock.t < 1.5:
        pass
    t0, shown = clock.t, 0
    for _ in range(2 * 5):
        shown += turn()
    per_round = (clock.t - t0) / (shown / 10)
    assert 0.8 * host.ROUND_S <= per_round <= 1.2 * host.ROUND_S, per_round
    assert len(trained) == 10 and min(trained.values()) > 0   # every run still trains


def train_costing(clock: Ticks, monkeypatch, cost: dict) -> tuple[dict, dict]:
    """Training takes cost[session's key] seconds of `clock` a step (default 0.5 ms);
    returns steps and training seconds per session key."""
    steps, spent = {}, {}

    def train(sessions, n):
        for sess in sessions:
            key = sess.key
            clock.t += cost.get(key, 0.0005) * n
            steps[key] = steps.get(key, 0) + n
            spent[key] = spent.get(key, 0.0) + cost.get(key, 0.0005) * n
        return []

    monkeypatch.setattr(host, "Together", together(train))
    return steps, spent


def _class_of(h, n, settings=lambda k: HEALTHY):
    for k in range(n):
        h.play(f"s{k}", k, settings(k), None)
        h.sessions[f"s{k}"].key = f"s{k}"


def test_turns_are_fair_in_steps_when_some_runs_cost_more(monkeypatch):
    """Three students of ten train the "Mode collapse" preset, whose steps cost 3x: with
    time-fair turns they got a third of the others' steps; now every run gets about the
    same number, and a round still takes about ROUND_S."""
    clock = Ticks(0.0001)
    h = host.Host(clock=clock, cpu_clock=clock)
    _class_of(h, 10, lambda k: COLLAPSE if k < 3 else HEALTHY)
    steps, _ = train_costing(clock, monkeypatch, {f"s{k}": 0.0015 for k in range(3)})
    for _ in range(2 * 10):   # the costs are measured in the first rounds (two turns each)
        h.turn()
    steps.clear()
    t0 = clock.t
    for _ in range(2 * 20):
        h.turn()
    assert min(steps.values()) >= 0.8 * max(steps.values()), steps
    assert 0.8 * host.ROUND_S <= (clock.t - t0) / 20 <= 1.25 * host.ROUND_S


def test_a_run_loses_no_steps_while_the_engine_waits_for_a_cpu(monkeypatch):
    """On a busy machine the engine waits for a core mid-chunk: here every chunk waits three
    times as long as it trains, and drawing a frame takes 20 ms, so the rounds cannot keep
    their pace and every slice is at its floor. The floor is CPU time: each run still trains
    MIN_TRAIN_S a round (in wall-clock time it trained a quarter of that)."""
    wall, cpu = Ticks(0.0001), Ticks(0.0)
    h = host.Host(clock=wall, cpu_clock=cpu)
    drawn = host.frame_outputs

    def slow_frame(*args, **kw):
        wall.t += 0.020
        return drawn(*args, **kw)

    steps = {}

    def train(sessions, n):
        for sess in sessions:
            cpu.t += 0.0005 * n
            wall.t += 4 * 0.0005 * n
            steps[sess.key] = steps.get(sess.key, 0) + n
        return []

    monkeypatch.setattr(host, "frame_outputs", slow_frame)
    monkeypatch.setattr(host, "Together", together(train))
    _class_of(h, 10)
    for _ in range(10 + 3):    # the first turns (alone), then whole rounds
        h.turn()
    steps.clear()
    shown = sum(len(frames(h.turn())) for _ in range(5))
    per_frame = host.MIN_TRAIN_S / 0.0005          # steps a run trains a round, at the floor
    assert shown == 50 and min(steps.values()) >= 0.9 * 5 * per_frame, steps


def test_a_run_that_costs_far_more_takes_at_most_its_cap(monkeypatch):
    """One student's network costs 20x a step: its slice grows only to MAX_SHARE times the
    even share, so the other nine keep most of the time."""
    clock = Ticks(0.0001)
    h = host.Host(clock=clock, cpu_clock=clock)
    wide = toy.Settings(**{**HEALTHY.as_dict(), "d_width": 128})
    _class_of(h, 10, lambda k: wide if k == 0 else HEALTHY)
    _, spent = train_costing(clock, monkeypatch, {"s0": 0.002})
    for _ in range(2 * 10):
        h.turn()
    spent.clear()
    for _ in range(2 * 20):
        h.turn()
    even = sum(spent.values()) / 10
    others = sum(v for k, v in spent.items() if k != "s0") / 9
    assert 2 * even <= spent["s0"] <= host.MAX_SHARE * 1.1 * even, (spent["s0"], even)
    assert others >= 0.7 * even


def test_a_waiting_command_is_answered_mid_turn_and_the_turn_goes_on(monkeypatch):
    """A shared turn is long; the engine answers commands between calls of `turn`. With a
    command waiting, the turn stops after one chunk of training (or one frame), and the next
    call goes on with it: the runs get their whole slice and a frame each, and a run that the
    command ended leaves the turn."""
    clock = Ticks(0.0001)
    h = host.Host(clock=clock, cpu_clock=clock)
    trained = train_on(clock, monkeypatch)
    _class_of(h, 4)
    s0 = id(h.sessions["s0"])
    for _ in range(4):      # each run's first turn, alone
        h.turn()
    for _ in range(5):
        before = trained.get(s0, 0)
        assert sorted(o.key for o in frames(h.turn())) == [0, 1, 2, 3]
    full = trained[s0] - before

    before = trained[s0]
    h.waiting = lambda: True
    assert h.turn() == [] and h.current is not None     # one chunk, then the command
    _, ended = h.pause("s1", None)
    assert frames(ended, 1)[0].payload["final"]
    calls, keys = 1, []
    while h.current is not None:
        out = frames(h.turn())
        assert len(out) <= 1                             # a command still waits: one at a time
        keys += [o.key for o in out]
        calls += 1
    assert sorted(keys) == [0, 2, 3] and calls > 5
    assert 0.9 * full <= trained[s0] - before <= 1.1 * full


def test_a_press_gets_the_next_turn_but_not_again_and_again(h):
    """Train's first frame comes from the next turn, ahead of the runs already playing;
    a session pressing again within FIRST_GAP_S waits its turn at the back."""
    for k in range(3):
        h.play(f"s{k}", k, HEALTHY, None)
    for _ in range(4):
        h.turn()
    h.play("new", 10, COLLAPSE, None)
    assert [o.key for o in frames(h.turn())] == [10]
    h.play("new", 11, COLLAPSE, None)          # at once again: to the back
    assert sorted(o.key for o in frames(h.turn())) == [0, 1, 2]
    assert [o.key for o in frames(h.turn())] == [11]


@pytest.mark.parametrize("where", ["_begin", "_go_on"])
def test_a_bug_in_a_turn_ends_its_runs_with_a_message_and_the_others_play_on(h, monkeypatch, where):
    h.play("a", 1, HEALTHY, None)
    h.play("b", 2, COLLAPSE, None)
    real = getattr(host.Host, where)

    def broken(self, *args):
        monkeypatch.setattr(host.Host, where, real)   # once
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(host.Host, where, broken)
    ended = frames(h.turn())
    assert [o.key for o in ended] == [2] and "ZeroDivisionError" in ended[0].payload["error"]
    assert h.current is None and list(h.runs) == ["a"]
    assert [o.key for o in frames(h.turn())] == [1]
