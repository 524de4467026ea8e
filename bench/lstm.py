"""LSTM gates tab: server time for 2,000 characters with every view prepared.

    python -m bench lstm [repeat]

`chars_2000_ms_p50` times the tab's Analyse handler on 2,000 characters of
held-out Python code with the LSTM, plus turning each plot into the JSON Gradio
sends (what the server does for one click): the trace of every gate and state,
next-character probabilities, features and find-units, the heatmaps, the
coloured text, the cell diagram, saturation, and the gradient flow of all three
models. Goal: <= 500 ms on a 2-core CPU. `chars_2000_cpu_ms_p50` is the same in
CPU time of this process, a steadier figure when other jobs share the machine.

Baseline in the same run: the bare torch.nn.LSTM forward over the same
characters (the least any view of them could cost). Also: the same for the
GRU, RNN and bracket models, the live redraws (unit slider, time slider), and
the step-by-step cell (model.unroll) against the vectorised trace the tab uses;
the exploding-gradient slider (`explode_slider_*`, goal <= 100 ms), the counting models'
one-off build (`markov_build_*`) and their position slider (`markov_slider_ms_p50`).
A model not trained yet is left out and named in `models_missing` (its share of
the gradient flow is then missing from `chars_2000_ms_p50` too).
"""

from __future__ import annotations

import time

import torch

from bench.common import machine, p50, times
from playground import device, weights
from playground.lstm import data, tab, views
from playground.lstm import model as M


def _click(text: str, key: str, feature: str = "in_string") -> None:
    out = tab.analyse(text, key, feature)
    for value in out:  # what Gradio's postprocess does with each plot
        if hasattr(value, "to_json"):
            value.to_json()


def _cpu_ms(fn, repeat: int) -> float:
    """Median CPU time of the process per call: on a machine shared with other jobs it is
    close to what the wall time would be on an idle one (the work here is single-threaded)."""
    return round(1000 * p50(times(fn, repeat, clock=time.process_time)), 1)


def run(args: list[str]) -> dict:
    repeat = int(args[0]) if args else 7
    device.configure("cpu")
    text = data.code_text("heldout")[:2000]
    present, missing = ["lstm"], []
    for key in ("gru", "rnn", "brackets"):         # load every model once, before timing
        try:
            views.load(key)
            present.append(key)
        except weights.WeightsError:               # not trained yet: timed without it
            missing.append(views.NAMES[key])
    an = views.analyse(text, "lstm")

    model = views.load("lstm")
    x = torch.nn.functional.one_hot(torch.as_tensor(an.ids), model.vocab_size).float()[None]

    def bare_forward():
        with views.single_thread(), torch.inference_mode():
            model.rnn(x)

    def bare_forward_all_threads():
        with torch.inference_mode():
            model.rnn(x)

    result = {
        "chars_2000_ms_p50": round(1000 * p50(times(lambda: _click(text, "lstm"), repeat)), 1),
        "chars_2000_cpu_ms_p50": _cpu_ms(lambda: _click(text, "lstm"), repeat),
        "baseline_bare_nn_lstm_forward_ms_p50": round(1000 * p50(times(bare_forward, repeat)), 1),
        "baseline_bare_nn_lstm_forward_all_threads_ms_p50":
            round(1000 * p50(times(bare_forward_all_threads, repeat)), 1),
        "analyse_only_ms_p50": round(1000 * p50(times(lambda: views.analyse(text, "lstm"), repeat)), 1),
        "analyse_without_gradient_flow_ms_p50": round(1000 * p50(times(
            lambda: views.analyse(text, "lstm", gradients=False), repeat)), 1),
    }
    for key in present[1:]:
        result[f"chars_2000_ms_p50_{key}"] = round(1000 * p50(times(lambda: _click(text, key), repeat)), 1)
    # live redraws while dragging (the analysis is already in the session's state)
    words = tab._labels("lstm")
    result["unit_slider_redraw_ms_p50"] = round(1000 * p50(times(
        lambda: [o.to_json() if hasattr(o, "to_json") else o for o in tab.show_unit(an, "cell", 17, 300)],
        repeat * 3)), 1)
    result["time_slider_redraw_ms_p50"] = round(1000 * p50(times(
        lambda: [o.to_json() if hasattr(o, "to_json") else o for o in tab.show_step(an, 300, 17)],
        repeat * 3)), 1)
    # exploding gradients: the RNN with U times s (forward + hand-written backward + the whole
    # gradient's norm), redrawn with the other models' lines, per move of the s slider
    def explode():
        return [o.to_json() if hasattr(o, "to_json") else o for o in tab.explode(an, 2.0, True)]

    result["explode_slider_ms_p50"] = round(1000 * p50(times(explode, repeat * 3)), 1)
    result["explode_slider_cpu_ms_p50"] = _cpu_ms(explode, repeat * 3)
    # the counting models AR(0..6): built once per process on first use, then a live slider
    from playground.lstm import markov
    train_ids = markov.encode(data.code_text("train"))
    result["markov_build_all_orders_ms"] = round(1000 * markov.Counts.build(train_ids).seconds, 1)
    result["markov_build_all_orders_cpu_ms"] = _cpu_ms(lambda: markov.Counts.build(train_ids), 1)
    tab.extras(an)                                  # the tab's own counts, built here
    result["markov_slider_ms_p50"] = round(1000 * p50(times(lambda: tab.markov_step(an, 1500), repeat * 3)), 1)
    # what the vectorised trace saves: the same gates computed by the step-by-step loop
    cell = views.cached_cell("lstm")

    def unroll():
        with views.single_thread(), torch.inference_mode():
            M.unroll(cell, an.ids)

    def vectorised():
        with views.single_thread():
            M.trace(model, an.ids)

    result["lstm_trace_vectorised_ms_p50"] = round(1000 * p50(times(vectorised, repeat)), 1)
    result["lstm_unroll_step_by_step_ms_p50"] = round(1000 * p50(times(unroll, 3)), 1)
    result["sample_300_chars_ms_p50"] = round(1000 * p50(times(
        lambda: views.continue_text("lstm", text, 300, 0.7), max(3, repeat // 2))), 1)
    result.update(chars=len(text), repeat=repeat, goal_ms=500, models_missing=missing, **machine())
    return result
