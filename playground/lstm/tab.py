"""The "LSTM gates" tab: Gradio wiring only (the work is in views.py and diagram.py)."""

from __future__ import annotations

import gradio as gr

from playground import i18n, links, queues, ui
from playground.lstm import colours, examples, text

T = i18n.strings(text)
TITLE = T.title
WEIGHTS = ["lstm_code_lstm", "lstm_code_gru", "lstm_code_rnn", "lstm_brackets"]
MODEL_KEYS = ("lstm", "gru", "rnn", "brackets")
FEATURE_KEYS = ("in_string", "bracket_depth", "line_position", "line_start", "in_comment")
DEFAULT_STATE = {"lstm": "cell", "gru": "hidden", "rnn": "hidden"}

CSS = """
<style>
#lstm-text textarea { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 14px;
  line-height: 1.45; }
#lstm-unit .lstm-unit-text { font-family: ui-monospace, SFMono-Regular, Menlo, monospace;
  font-size: 18px; line-height: 1.75; white-space: pre; overflow-x: auto;
  max-height: 460px; overflow-y: auto; padding: 10px 12px; border: 1px solid #ddd;
  border-radius: 8px; background: #fff; color: #111; }
#lstm-unit .lstm-unit-text span { border-radius: 2px; }
#lstm-unit .lstm-unit-text span.now { outline: 2px solid #f28e2b; }
#lstm-unit .lstm-unit-legend { display: flex; gap: 8px; align-items: center; margin: 4px 0 6px;
  font-size: 15px; color: #333; }
#lstm-unit .lstm-unit-legend .bar { width: 160px; height: 14px; border: 1px solid #ccc; }
#lstm-diagram .lstm-step-head { font-size: 17px; margin-bottom: 4px; }
#lstm-diagram .lstm-equations { font-size: 17px; line-height: 1.9; margin: 6px 0 10px;
  font-family: 'Cambria Math', 'STIX Two Math', Georgia, serif; }
#lstm-diagram .lstm-equations .lhs { font-style: italic; font-weight: 700; }
#lstm-diagram .lstm-vectors-title { font-size: 14px; color: #444; margin-top: 4px; }
#lstm-info p { font-size: 15px; }
</style>
"""


# The most a student can type or paste: the analysis reads the first 2,000 characters
# (views.MAX_CHARS) and says it cut the rest; the browser refuses more than this, so the
# server never receives megabytes.
MAX_TYPED = 8000
_SCALE_DEFAULT = 2.0  # views.SCALE_DEFAULT (not imported: build stays cheap)


def _views():
    # imported on first use: keeps build() cheap (plotly and the models load lazily)
    from playground.lstm import views
    return views


def _labels(kind: str) -> dict[str, str]:
    words = dict(vars(T))
    if kind == "gru":
        words["candidate"] = T.candidate_gru
    words.update({f: getattr(T, f"feature_{f}") for f in FEATURE_KEYS})
    return words


def _state_choices(kind: str) -> list[tuple[str, str]]:
    names = _views().STATES[kind]
    order = [n for n in ("cell", "hidden") if n in names] + [n for n in names if n not in ("cell", "hidden")]
    words = _labels(kind)
    return [(words[n], n) for n in order]


def _info(an) -> str:
    from playground import weights
    try:
        held = weights.entry(_views().NAMES[an.key])["metrics"].get("heldout_bits_per_char")
    except weights.WeightsError:
        held = None
    model = getattr(T, f"model_{an.key}")
    template = T.info_brackets if an.key == "brackets" else T.info
    text_ = template.format(chars=len(an.ids), model=model,
                            bpc=f"{an.bits_per_char:.2f}" if len(an.ids) > 1 else "–",
                            heldout=f"{held:.2f}" if held else T.not_trained)
    return "\n\n".join([text_] + [f"⚠️ {n}" for n in an.notes])


def _unit_view(an, state: str, unit: int, t: int | None = None) -> str:
    words = _labels(an.kind)
    legend = T.unit_legend.format(state=words.get(state, state), unit=int(unit))
    return _views().unit_html(an, state, int(unit), t, legend=legend)


def _diagram(an, t: int, unit: int) -> str:
    from playground.lstm import diagram
    cell = _views().cached_cell(an.key)
    return diagram.cell_diagram(an.rec, an.kind, cell, an.text, an.ids, int(t), int(unit),
                                      _labels(an.kind))


def _heat(an, start: int, unit: int, t: int | None, sort: bool, feature: str, state: str):
    v = _views()
    order = v.unit_order(an, feature, state) if sort else None
    return v.gates_figure(an, int(start), int(unit), None if t is None else int(t),
                          _labels(an.kind), order=order)


# ---------------------------------------------------------------- handlers
@ui.friendly
def analyse(text_in: str, key: str, feature: str, sort: bool = False):
    """Run the model over the text; fill every view, showing the unit that best follows `feature`."""
    v = _views()
    an = v.analyse(text_in, key)
    for note in an.notes:
        gr.Warning(note)
    kind, T_len = an.kind, len(an.ids)
    state = DEFAULT_STATE[kind]
    words = _labels(kind)
    ranked = v.find_units(an, feature, state)
    unit = ranked[0][0] if ranked else 0
    t = min(T_len - 1, 40)
    start = v.window_start(an, t)
    return (
        an, _info(an),
        gr.Slider(minimum=0, maximum=max(1, T_len - 1), value=start),
        _heat(an, start, unit, t, sort, feature, state),
        gr.Radio(choices=_state_choices(kind), value=state),
        gr.Slider(minimum=0, maximum=an.hidden_size - 1, value=unit),
        _unit_view(an, state, unit),
        *_ranking(an, feature, state, ranked, words),
        gr.Slider(minimum=0, maximum=max(1, T_len - 1), value=t),
        _diagram(an, t, unit), v.next_char_figure(an, t, words),
        v.saturation_figure(an, words), v.gradient_figure(an, words), _grad_rows(v, an, words),
    )


def _table(rows: list, headers: list[str]) -> dict:
    # with its headers: the table's own were set in the server's language when the page was built
    return {"data": rows, "headers": list(headers)}


def _ranking(an, feature: str, state: str, ranked: list, words: dict):
    """The find-units table, the sentence about the best unit, and its plot against the feature."""
    if not ranked:
        return [], T.find_none.format(feature=words[feature]), None
    unit, r = ranked[0]
    rows = _table([[k + 1, u, round(c, 3)] for k, (u, c) in enumerate(ranked)], T.find_columns)
    best = T.find_best.format(unit=unit, state=words.get(state, state), r=r, feature=words[feature])
    return rows, best, _views().unit_vs_feature_figure(an, feature, state, unit, words)


@ui.friendly
def redraw_heatmaps(an, start: int, unit: int, t: int, sort: bool, feature: str, state: str):
    if an is None:
        return gr.skip()
    return _heat(an, start, unit, t, sort, feature, state)


@ui.friendly
def show_unit(an, state: str, unit: int, t: int, sort: bool = False, feature: str = "in_string"):
    """Unit or state changed: coloured text, diagram and the outline in the heatmaps."""
    if an is None:
        return gr.skip(), gr.skip(), gr.skip()
    start = _views().window_start(an, int(t))
    return (_unit_view(an, state, unit), _diagram(an, t, unit),
            _heat(an, start, unit, t, sort, feature, state))


@ui.friendly
def show_step(an, t: int, unit: int):
    """Dragging through time: the diagram and the next-character guesses follow."""
    if an is None:
        return gr.skip(), gr.skip()
    return _diagram(an, t, unit), _views().next_char_figure(an, int(t), _labels(an.kind))


@ui.friendly
def settle_step(an, t: int, unit: int, state: str, sort: bool, feature: str):
    """Released the time slider: move the heatmap window there and mark the character."""
    if an is None:
        return gr.skip(), gr.skip(), gr.skip()
    start = _views().window_start(an, int(t))
    return (gr.Slider(value=start), _heat(an, start, unit, t, sort, feature, state),
            _unit_view(an, state, unit, int(t)))


@ui.friendly
def find_units(an, feature: str, state: str, t: int, sort: bool = False):
    if an is None:
        raise gr.Error(T.info_idle.replace("**", ""))
    v = _views()
    words = _labels(an.kind)
    ranked = v.find_units(an, feature, state)
    if not ranked:
        gr.Warning(T.find_none.format(feature=words[feature]))
        return (gr.skip(), gr.skip(), *_ranking(an, feature, state, ranked, words), gr.skip(), gr.skip())
    unit = ranked[0][0]
    start = v.window_start(an, int(t))
    return (gr.Slider(value=unit), _unit_view(an, state, unit),
            *_ranking(an, feature, state, ranked, words),
            _diagram(an, t, unit), _heat(an, start, unit, t, sort, feature, state))


@ui.friendly
def extras(an):
    """After an analysis: the sections that read every model (parameter budgets) and the
    counting models (their counts are built on the first call in this process: ~1-3 s)."""
    if an is None:
        return gr.skip(), gr.skip(), gr.skip(), gr.skip()
    v, words = _views(), _labels(an.kind)
    end = len(an.ids) - 1
    return (_table(v.budget_rows(words), T.budget_columns), v.markov_figure(words),
            gr.Slider(minimum=0, maximum=max(1, end), value=end),
            _table(v.markov_predictions(an, end, words), T.markov_columns))


def _grad_rows(v, an, words: dict, toy=None) -> dict:
    names = dict(words, toy=words["toy_name"].format(scale=toy.scale) if toy else "")
    return _table([[names[r[0]]] + r[1:] for r in v.gradient_summary(an, toy=toy)], T.grad_columns)


@ui.friendly
def explode(an, scale: float, clip: bool):
    """The RNN with U times `scale` beside the trained models' gradient flow, clipped or not."""
    if an is None:
        return gr.skip(), gr.skip(), gr.skip()
    v, words = _views(), _labels(an.kind)
    toy = v.exploding(an, float(scale), bool(clip))
    return v.gradient_figure(an, words, toy), _grad_rows(v, an, words, toy), v.toy_summary(toy, words)


@ui.friendly
def markov_step(an, t: int):
    """Dragging the position: each counting model's and the network's next-character guesses."""
    if an is None:
        return gr.skip()
    return _table(_views().markov_predictions(an, int(t), _labels(an.kind)), T.markov_columns)


@ui.friendly
def continue_text(text_in: str, key: str, temperature: float, length: int, seed: int):
    if not (text_in or "").strip():
        raise gr.Error(T.empty_sample)
    return _views().continue_text(key, text_in, int(length), float(temperature), int(seed))


# ---------------------------------------------------------------- layout
def build() -> None:
    gr.HTML(CSS.replace("</style>", colours.css() + "\n</style>"), elem_id="lstm-style")
    ui.explain(T.intro)
    an = gr.State(None)
    with gr.Row(equal_height=False):
        with gr.Column(scale=3):
            text_in = gr.Textbox(label=T.text_label, value=examples.CODE, lines=10, max_lines=18,
                                 placeholder=T.text_placeholder, elem_id="lstm-text",
                                 max_length=MAX_TYPED)
            with gr.Row():
                example_buttons = {k: gr.Button(getattr(T, f"ex_{k}"), size="sm", min_width=120,
                                                elem_id=f"lstm-ex-{k}")
                                   for k in examples.EXAMPLES}
        with gr.Column(scale=2):
            model = gr.Radio([(getattr(T, f"model_{k}"), k) for k in MODEL_KEYS], value="lstm",
                             label=T.model_label, elem_id="lstm-model")
            run = gr.Button(T.analyse, variant="primary", size="lg", elem_id="lstm-run")
            info = gr.Markdown(T.info_idle, elem_id="lstm-info")

    gr.Markdown(T.h_gates)
    ui.explain(T.gates_explain)
    with gr.Row():
        window = gr.Slider(0, 1999, value=0, step=1, label=T.window_label, elem_id="lstm-window", scale=3)
        sort = gr.Checkbox(False, label=T.sort_label, elem_id="lstm-sort", scale=1)
    heat = gr.Plot(show_label=False, elem_id="lstm-heatmaps")

    gr.Markdown(T.h_unit)
    ui.explain(T.unit_explain)
    with gr.Row():
        state = gr.Radio(_state_choices_static(), value="cell", label=T.state_label, scale=3,
                         elem_id="lstm-state")
        unit = gr.Slider(0, 127, value=0, step=1, label=T.unit_label, scale=2, elem_id="lstm-unit-slider")
    unit_view = gr.HTML(elem_id="lstm-unit")
    with gr.Row():
        feature = gr.Dropdown([(getattr(T, f"feature_{f}"), f) for f in FEATURE_KEYS],
                              value="in_string", label=T.feature_label, scale=3, elem_id="lstm-feature")
        find = gr.Button(T.find, scale=1, elem_id="lstm-find")
    with gr.Row():
        with gr.Column(scale=1):
            best = gr.Markdown(elem_id="lstm-best")
            ranking = gr.Dataframe(headers=i18n.plain(T.find_columns), interactive=False,
                                   elem_id="lstm-ranking", max_height=330)
        with gr.Column(scale=2):
            unit_plot = gr.Plot(show_label=False, elem_id="lstm-unit-plot")

    gr.Markdown(T.h_step)
    ui.explain(T.step_explain)
    t_slider = gr.Slider(0, 1999, value=0, step=1, label=T.t_label, elem_id="lstm-t")
    with gr.Row():
        with gr.Column(scale=3):
            diagram = gr.HTML(elem_id="lstm-diagram")
        with gr.Column(scale=2):
            next_plot = gr.Plot(show_label=False, elem_id="lstm-next")

    gr.Markdown(T.h_sat)
    ui.explain(T.sat_explain)
    sat_plot = gr.Plot(show_label=False, elem_id="lstm-saturation")

    gr.Markdown(T.h_grad)
    ui.explain(T.grad_explain)
    grad_plot = gr.Plot(show_label=False, elem_id="lstm-gradient")
    grad_table = gr.Dataframe(headers=i18n.plain(T.grad_columns), interactive=False,
                              elem_id="lstm-grad-table")
    ui.explain(T.explode_explain)
    with gr.Row():
        scale = gr.Slider(0.5, 3.0, value=_SCALE_DEFAULT, step=0.05, label=T.scale_label, scale=3,
                          elem_id="lstm-scale")
        clip = gr.Checkbox(False, label=T.clip_label, scale=1, elem_id="lstm-clip")
    explode_info = gr.Markdown(elem_id="lstm-explode-info")

    gr.Markdown(T.h_sample)
    ui.explain(T.sample_explain)
    with gr.Row():
        temperature = gr.Slider(0, 2, value=0.7, step=0.05, label=T.temperature, elem_id="lstm-temp")
        length = gr.Slider(20, 600, value=300, step=10, label=T.length)
        seed = gr.Number(value=0, precision=0, label=T.seed, minimum=0)
        sample = gr.Button(T.sample, elem_id="lstm-sample")
    sampled = gr.Textbox(label=T.sample_out, lines=8, max_lines=20, elem_id="lstm-sampled")

    gr.Markdown(T.h_budget)
    ui.explain(T.budget_explain)
    budget = gr.Dataframe(headers=i18n.plain(T.budget_columns), interactive=False,
                          elem_id="lstm-budget")

    gr.Markdown(T.h_markov)
    ui.explain(T.markov_explain)
    markov_plot = gr.Plot(show_label=False, elem_id="lstm-markov")
    markov_t = gr.Slider(0, 1999, value=0, step=1, label=T.markov_t_label, elem_id="lstm-markov-t")
    markov_table = gr.Dataframe(headers=i18n.plain(T.markov_columns), interactive=False,
                                elem_id="lstm-markov-table")

    # ---------------------------------------------------------------- events
    outputs = [an, info, window, heat, state, unit, unit_view, ranking, best, unit_plot,
               t_slider, diagram, next_plot, sat_plot, grad_plot, grad_table]
    extra_outputs = [budget, markov_plot, markov_t, markov_table]
    after = {"fn": extras, "inputs": [an], "outputs": extra_outputs, "api_visibility": "private",
             **queues.INTERACTIVE}
    toy = {"fn": explode, "inputs": [an, scale, clip], "outputs": [grad_plot, grad_table, explode_info],
           "api_visibility": "private"}
    analysed = [run.click(analyse, [text_in, model, feature, sort], outputs, api_name="lstm_analyse",
                          **queues.INTERACTIVE),
                model.input(analyse, [text_in, model, feature, sort], outputs, api_visibility="private",
                            **queues.INTERACTIVE)]
    for key, button in example_buttons.items():
        sample_text, sample_model, sample_feature = examples.EXAMPLES[key]
        analysed.append(button.click(
            lambda s=sample_text, m=sample_model, f=sample_feature: (s, m, f), None,
            [text_in, model, feature], queue=False, api_visibility="private").then(
            analyse, [text_in, model, feature, sort], outputs, api_visibility="private",
            **queues.INTERACTIVE))
    for done in analysed:   # then the views that need more than the one model analysed
        done.success(**toy, **queues.INTERACTIVE)
        done.success(**after)
    scale.input(**toy, **queues.LIVE)
    clip.input(**toy, **queues.LIVE)
    # .input: only what the student moves (not the values analyse sets) triggers a redraw
    heat_inputs = [an, window, unit, t_slider, sort, feature, state]
    window.input(redraw_heatmaps, heat_inputs, heat, api_visibility="private", **queues.LIVE)
    sort.input(redraw_heatmaps, heat_inputs, heat, api_visibility="private", **queues.LIVE)
    unit.input(show_unit, [an, state, unit, t_slider, sort, feature], [unit_view, diagram, heat], api_visibility="private",
                **queues.LIVE)
    state.input(show_unit, [an, state, unit, t_slider, sort, feature], [unit_view, diagram, heat], api_visibility="private",
                **queues.LIVE)
    t_slider.input(show_step, [an, t_slider, unit], [diagram, next_plot], api_visibility="private", **queues.LIVE)
    t_slider.release(settle_step, [an, t_slider, unit, state, sort, feature], [window, heat, unit_view],
                     api_visibility="private", **queues.LIVE)
    find_outputs = [unit, unit_view, ranking, best, unit_plot, diagram, heat]
    find.click(find_units, [an, feature, state, t_slider, sort], find_outputs,
               api_name="lstm_find_units", **queues.INTERACTIVE)
    feature.input(find_units, [an, feature, state, t_slider, sort], find_outputs,
                  api_visibility="private", **queues.INTERACTIVE)
    markov_t.input(markov_step, [an, markov_t], markov_table, api_visibility="private", **queues.LIVE)
    sample.click(continue_text, [text_in, model, temperature, length, seed], sampled,
                 api_name="lstm_continue", **queues.INTERACTIVE)

    # what a link carries (playground/links.py): the tab analyses the linked text, then shows
    # the linked state, unit, step and window (which depend on the model: set after it)
    link = links.declare("lstm", {
        "text": (text_in, links.Text(LINK_TEXT_MAX)), "model": (model, links.Choice(MODEL_KEYS)),
        "feature": (feature, links.Choice(FEATURE_KEYS)), "sort": (sort, links.Bool()),
        "state": (state, links.Choice(LINK_STATES)), "unit": (unit, links.Int(0, 1023)),
        "t": (t_slider, links.Int(0, MAX_TYPED)), "window": (window, links.Int(0, MAX_TYPED)),
        "temperature": (temperature, links.Float(0, 2, 0.05)), "length": (length, links.Float(20, 600, 10)),
        "seed": (seed, links.Int(0, 2**31 - 1)),
    }, main="lstm-heatmaps", run="lstm-run", late=LINK_LATE)
    link.then(link_analyse, [text_in, model, feature, sort], outputs, values=True, **queues.INTERACTIVE)


LINK_TEXT_MAX = 2000  # characters of typed text a link carries
LINK_LATE = ("state", "unit", "t", "window")
LINK_STATES = ("cell", "hidden", "input_gate", "forget_gate", "output_gate", "candidate", "update_gate",
               "reset_gate")


@ui.friendly
def link_analyse(values: dict, text_in: str, key: str, feature: str, sort: bool):
    """A link's text analysed, then its state, unit, step and window where the model has them."""
    if not any(k in values for k in ("text", "model", "feature", "sort", *LINK_LATE)):
        return (gr.skip(),) * 16
    out = list(analyse(text_in, key, feature, sort))
    an = out[0]
    if an is None or not any(k in values for k in LINK_LATE):
        return tuple(out)
    v = _views()
    kind, T_len = an.kind, len(an.ids)
    state = values["state"] if values.get("state") in v.STATES[kind] else DEFAULT_STATE[kind]
    if "unit" in values:
        unit = min(int(values["unit"]), an.hidden_size - 1)
    else:
        ranked = v.find_units(an, feature, state)
        unit = ranked[0][0] if ranked else 0
    t = min(int(values.get("t", 40)), T_len - 1)
    start = min(int(values["window"]), max(0, T_len - 1)) if "window" in values else v.window_start(an, t)
    out[2] = gr.Slider(minimum=0, maximum=max(1, T_len - 1), value=start)
    out[3] = _heat(an, start, unit, t, sort, feature, state)
    out[4] = gr.Radio(choices=_state_choices(kind), value=state)
    out[5] = gr.Slider(minimum=0, maximum=an.hidden_size - 1, value=unit)
    out[6] = _unit_view(an, state, unit)
    out[10] = gr.Slider(minimum=0, maximum=max(1, T_len - 1), value=t)
    out[11] = _diagram(an, t, unit)
    out[12] = v.next_char_figure(an, t, _labels(kind))
    return tuple(out)


def _state_choices_static() -> list[tuple[str, str]]:
    # the LSTM's choices, without importing views (build must stay cheap)
    return [(getattr(T, n), n) for n in ("cell", "hidden", "input_gate", "forget_gate",
                                         "output_gate", "candidate")]
