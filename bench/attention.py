"""Attention tab: server time for 128 tokens through all-MiniLM-L6-v2 with every view prepared.

    python -m bench attention [repeat]

minilm_128_tokens_ms_p50: a new text of 128 tokens (after the cut) -> tokenize, one forward
    pass with attentions and hidden states, q/k/v of every layer, then everything the tab
    sends: the heatmap, the 6 x 12 grid picture (PNG-encoded), the step-by-step charts for
    the default token, token chips and notices; plotly figures serialised to JSON as
    gr.Plot does. Goal: <= 300 ms on the 2-core CPU.
Baseline (same run, same ids): the bare model forward with output_attentions=True.
The minimum of each is printed too: on a shared, busy CPU the median mostly measures the wait.
Also: a slider move (redraw from the remembered analysis) and a full toy generation
(without the tab's pauses between characters).
"""

from __future__ import annotations

import os

import torch

from bench.common import machine, p50, times

TEXT = ("Attention lets every token look at every other token at once. Each token makes a query, "
        "a key and a value; the weights are a softmax of scaled dot products. ") * 12


def _prepare_everything(text: str) -> int:
    from playground.attention import minilm, tab, views
    a = minilm._analyse(text)                       # no cache: a new text every time
    layer, head = tab.DEFAULT_LAYER - 1, tab.DEFAULT_HEAD - 1
    return _views_bytes(a, layer, head, tab._default_query(a)) + len(views.token_chips(a)) + len(views.notices(a))


def _views_bytes(a, layer: int, head: int, query: int) -> int:
    from playground.attention import grid, minilm, views
    figs = [views.minilm_heatmap(a, layer, head, hide_special=False)]
    picture, _ = grid.heads_grid(a, hide_special=False, selected=(layer, head))
    png = os.path.getsize(grid.to_png_file(picture))
    s = minilm.steps(a, layer, head, query)
    figs += [views.steps_figure(a, s, layer, head, query), views.vectors_figure(a, s, query)]
    views.steps_sentence(a, s, layer, head, query)
    return sum(len(f.to_json()) for f in figs) + png


def run(args: list[str]) -> dict:
    repeat = int(args[0]) if args else 15
    from playground import device
    device.configure("cpu")
    from playground.attention import minilm, tab
    tokenizer, model = minilm.load()
    a = minilm._analyse(TEXT)
    assert a.n == 128, a.n
    ids = torch.tensor([tokenizer(TEXT)["input_ids"][:127] + [tokenizer.sep_token_id]])

    def bare():
        with torch.no_grad():
            model(input_ids=ids, output_attentions=True)

    full = times(lambda: _prepare_everything(TEXT), repeat, warmup=2)
    base = times(bare, repeat, warmup=2)
    payload = _views_bytes(a, 3, 1, 10)
    slider = times(lambda: _views_bytes(a, 2, 7, 10), repeat, warmup=1)
    out = {
        "minilm_128_tokens_ms_p50": round(1000 * p50(full), 1),
        # the fastest run: the best estimate of the time on an idle CPU when others share it
        "minilm_128_tokens_ms_min": round(1000 * min(full), 1),
        "baseline_bare_forward_128_tokens_ms_min": round(1000 * min(base), 1),
        "baseline_bare_forward_128_tokens_ms_p50": round(1000 * p50(base), 1),
        "slider_move_128_tokens_ms_p50": round(1000 * p50(slider), 1),
        "payload_kb_128_tokens": round(payload / 1024, 1),
        "tokens": a.n, "repeat": repeat, **machine(),
    }
    try:
        model_t, task = tab._toy("reverse")
        from playground.attention import toy_views

        def generate():
            for _ in toy_views.toy_generate(model_t, task, "31415926535897932384"):
                pass
        out["toy_generate_20_digits_ms_p50"] = round(1000 * p50(times(generate, repeat, warmup=1)), 1)
    except Exception as err:  # weights not trained yet: say so rather than fail the bench
        out["toy_generate_20_digits_ms_p50"] = f"unavailable: {err}"
    return out
