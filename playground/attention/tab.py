"""The Attention tab: Gradio wiring only (the work is in views.py, minilm.py and model.py)."""

from __future__ import annotations

import random
import time

import gradio as gr

from playground import files, i18n, links, queues, ui, weights
from playground.attention import text
from playground.imaging import InputError

T = i18n.strings(text)
# The most a student can type or paste: MiniLM reads 128 tokens (a few hundred characters);
# the browser refuses more, so the server never receives megabytes (handlers cut too).
MAX_TYPED = 4000
TITLE = T.title
WEIGHTS = ["attention_reverse"]

# The examples are English (MiniLM reads English) and go to the model as typed, so they are
# the same in every language: plain text, not words the page translates.
EXAMPLE_TEXTS = list(text.EN["example_texts"])
DEFAULT_TEXT = EXAMPLE_TEXTS[0]
# In the first example, layer 4 head 2 sends 68% of "it"'s attention to "animal" (and 5% to
# "street"): the coreference a reader makes, found by a head. A good first picture.
DEFAULT_LAYER, DEFAULT_HEAD = 4, 2
STEP_DELAY_S = 0.3  # between generated characters, so the eye can follow

# Saves the matrix behind a plot, in the browser: the figure carries its labels in layout.meta.
CSV_JS = """
() => {
  const gd = document.querySelector('#%s .js-plotly-plot');
  const meta = gd && gd.layout && gd.layout.meta && gd.layout.meta.csv;
  if (!meta) { return; }
  const z = meta.z || (gd._fullData && gd._fullData[0].z) || gd.data[0].z;
  const clean = s => String(s).replace(/\\u200b/g, '');
  const cell = s => { s = clean(s); return /[",\\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s; };
  const num = v => (v === null || v === undefined || Number.isNaN(v)) ? 'masked' : String(Number(Number(v).toPrecision(7)));
  const lines = [[''].concat(meta.cols).map(cell).join(',')];
  Array.from(z).forEach((row, i) => lines.push([cell(meta.rows[i])].concat(Array.from(row).map(num)).join(',')));
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([lines.join('\\n') + '\\n'], {type: 'text/csv'}));
  a.download = meta.name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 2000);
}
"""


def _views():
    from playground.attention import views  # plotly, PIL: imported on first use, not at build
    return views


def _grid():
    from playground.attention import grid
    return grid


def _toy_views():
    from playground.attention import toy_views
    return toy_views


def _minilm():
    from playground.attention import minilm
    return minilm


# --- all-MiniLM-L6-v2 handlers ------------------------------------------------------------

def _head(head: float, avg: bool) -> int | None:
    return None if avg else int(head) - 1


def _default_query(a) -> int:
    return a.tokens.index("it") if "it" in a.tokens else 1


def _steps_outputs(a, layer: float, head: float, avg: bool, query: int | None):
    views, minilm = _views(), _minilm()
    l, h = int(layer) - 1, int(head) - 1
    i = int(min(max(0, query if query is not None else _default_query(a)), a.n - 1))
    s = minilm.steps(a, l, h, i)
    sentence = views.steps_sentence(a, s, l, h, i)
    if avg:
        sentence = T.steps_avg_note.format(head=h + 1) + "\n\n" + sentence
    return sentence, views.steps_figure(a, s, l, h, i), views.vectors_figure(a, s, i)


def _maps(a, layer: float, head: float, avg: bool, hide: bool):
    l = int(layer) - 1
    fig = _views().minilm_heatmap(a, l, _head(head, avg), hide)
    grid = _grid()
    picture, _ = grid.heads_grid(a, hide, (l, _head(head, avg)))
    return fig, grid.to_png_file(picture)


@ui.friendly
def analyse(text_in: str, layer: float, head: float, avg: bool, hide: bool):
    """A new text: run the model once; every view from it."""
    views, minilm = _views(), _minilm()
    a = minilm.analyse(text_in or "")
    notes = views.notices(a)
    query = _default_query(a)
    choices = [(f"{i}: {t}", i) for i, t in enumerate(a.tokens)]
    fig, grid = _maps(a, layer, head, avg, hide)
    sentence, steps, vectors = _steps_outputs(a, layer, head, avg, query)
    tokens = gr.update(value=views.token_chips(a), color_map=_token_colours())  # legend: this session's words
    return (text_in, tokens, gr.update(value=notes, visible=bool(notes)), fig, grid,
            gr.update(choices=choices, value=query), sentence, steps, vectors)


@ui.friendly
def check_text(text_in: str) -> None:
    """Refuse empty text before any work (the views on screen stay as they are)."""
    minilm = _minilm()
    cleaned, _ = minilm.clean((text_in or "")[:minilm.MAX_CHARS])
    if not cleaned.strip():
        raise InputError(T.empty_text)


def _analysis(state: str | None):
    if not state:
        raise InputError(T.empty_text)
    return _minilm().analyse(state)


@ui.friendly
def redraw(state: str | None, layer: float, head: float, avg: bool, hide: bool, query: int | None):
    """Layer, head or a toggle moved: redraw from the remembered analysis (no new forward pass)."""
    if not state:
        return (gr.skip(),) * 5
    a = _analysis(state)
    return (*_maps(a, layer, head, avg, hide), *_steps_outputs(a, layer, head, avg, query))


@ui.friendly
def redraw_steps(state: str | None, layer: float, head: float, avg: bool, query: int | None):
    if not state:
        return (gr.skip(),) * 3
    return _steps_outputs(_analysis(state), layer, head, avg, query)


@ui.friendly
def pick_head(state: str | None, hide: bool, evt: gr.SelectData):
    """A click on the all-heads picture: open the head under the pointer."""
    if not state:
        return gr.skip(), gr.skip(), gr.skip()
    grid = _grid()
    a = _analysis(state)
    geo = grid.grid_geometry(len(_views().kept_positions(a, hide)), *a.attentions.shape[:2])
    hit = grid.grid_hit(geo, *evt.index[:2])
    if hit is None:
        return gr.skip(), gr.skip(), gr.skip()
    layer, head = hit
    if head is None:
        return layer + 1, gr.skip(), True
    return layer + 1, head + 1, False


def pick_token(evt: gr.SelectData):
    """A click on a token chip: follow that token step by step."""
    return evt.index if isinstance(evt.index, int) else gr.skip()


@ui.friendly
def all_heads_csv(state: str | None, hide: bool):
    """All 72 matrices as one CSV file (playground.files: gone within the hour)."""
    a = _analysis(state)
    path = files.write("minilm_all_heads.csv", _views().grid_csv(a, hide).encode("utf-8"))
    return gr.update(value=str(path), visible=True)


# --- our encoder-decoder -------------------------------------------------------------------

def _toy(task_name: str):
    from playground.attention import model, tasks
    return weights.get(f"attention_{task_name}", model.build), tasks.TASKS[task_name]


@ui.friendly
def check_source(task_name: str, source: str) -> None:
    from playground.attention import tasks
    _toy_views().check_toy_input(tasks.TASKS[task_name], source)


TOY_AVG = "avg"  # the head choice "average of the heads" (shown in the session's language)


def _toy_head(head: str) -> int | None:
    return None if head == TOY_AVG else int(head) - 1


def _toy_head_choice(head: int | None) -> str:
    return TOY_AVG if head is None else str(head + 1)


def _toy_outputs(trace, step: int, layer: float, head: str):
    views = _toy_views()
    enc, dec, cross, probs = views.toy_figures(trace, step, int(layer) - 1, _toy_head(head))
    return views.toy_output_markdown(trace, step), enc, dec, cross, probs


def _step_slider(trace):
    # a slider needs maximum > minimum, even while only the first character is written
    return gr.update(maximum=max(2, trace.steps), value=trace.steps)


def _frames(task_name: str, source: str, use_pe: bool, layer: float, head: str, delay: float):
    """The decoder's work, one frame per written character (`delay` seconds apart)."""
    views = _toy_views()
    model, task = _toy(task_name)
    source = views.check_toy_input(task, source)
    trace = None
    started = time.perf_counter()
    for trace in views.toy_generate(model, task, source, use_pe):
        yield (trace, _step_slider(trace),
               *_toy_outputs(trace, trace.steps, layer, head), gr.skip())
        if not trace.finished:
            time.sleep(max(0.0, delay - (time.perf_counter() - started)))
            started = time.perf_counter()
    yield (trace, _step_slider(trace),
           *_toy_outputs(trace, trace.steps, layer, head), views.pe_adds_figure(model, task, source))


@ui.friendly
def generate(task_name: str, source: str, use_pe: bool, layer: float, head: str):
    """Stream the decoder's work: one frame per written character."""
    yield from _frames(task_name, source, use_pe, layer, head, STEP_DELAY_S)


@ui.friendly
def replay(trace, step: float, layer: float, head: str):
    if trace is None:
        return (gr.skip(),) * 5
    return _toy_outputs(trace, int(step), layer, head)


def _best_head(task_name: str) -> tuple[int, int | None]:
    """The cross-attention head (None: a layer's average) that follows the expected alignment
    most often (0-based), measured once per process on held-out examples: the view the tab
    opens on."""
    def find():
        from playground.attention import alignment, tasks
        model, task = _toy(task_name)
        scores = alignment.head_scores(model, tasks.Codec(task), task, tasks.heldout_pairs(task, 64, seed=5))
        return max(scores, key=scores.get)
    return weights.cached(f"attention:best_head:{task_name}", find)


@ui.friendly
def change_task(task_name: str):
    """Another task: its example, its hint, and the head that shows its alignment best."""
    from playground.attention import tasks
    task = tasks.TASKS[task_name]
    layer, head = _best_head(task_name)
    return (task.examples[0], T.task_hint[task_name], gr.update(samples=[[e] for e in task.examples]),
            layer + 1, _toy_head_choice(head))


def random_example(task_name: str):
    from playground.attention import tasks
    return tasks.TASKS[task_name].sample_split(random.Random(), heldout=True)[0]


def pe_table():
    from playground.attention import model
    return _toy_views().pe_figure(model.sinusoidal_positions(40, 64).numpy(), 40)


# --- first look ----------------------------------------------------------------------------

@ui.friendly
def first_look(state, layer, head, avg, hide):
    """When the tab is first opened: the default sentence."""
    if state:
        return (gr.skip(),) * 9
    return analyse(DEFAULT_TEXT, layer, head, avg, hide)


@ui.friendly
def first_generation(toy_state, task_name, source, use_pe, toy_layer, toy_head):
    """When the tab is first opened: one finished generation and the positional table."""
    if toy_state is not None:
        return (gr.skip(),) * 11
    layer, head = _best_head(task_name)
    last = None
    for last in _frames(task_name, source, use_pe, layer + 1, _toy_head_choice(head), delay=0.0):
        pass
    return (*last, pe_table(), layer + 1, _toy_head_choice(head))


def _token_colours() -> dict[str, str]:
    return {T.tok_word: "#eef2f7", T.tok_piece: "#cfe3f6", T.tok_special: "#d4d4d4", T.tok_unknown: "#f4a3a3"}


def build() -> None:
    tab = gr.context.Context.block  # the gr.Tab this is built in: its select shows the first look
    ui.explain(T.intro)
    gr.Markdown(T.minilm_heading)
    ui.explain(T.minilm_about)
    state = gr.State(None)  # the text whose analysis is on screen (analyses are cached by text)
    with gr.Row(equal_height=True):
        text_in = gr.Textbox(value=DEFAULT_TEXT, label=T.text_label, placeholder=T.text_placeholder,
                             lines=2, max_lines=6, scale=5, elem_id="att-text",
                             max_length=MAX_TYPED)
        show = gr.Button(T.show, variant="primary", scale=1, elem_id="att-show")
    examples = gr.Dataset(components=[text_in], samples=[[e] for e in EXAMPLE_TEXTS], label=T.examples)
    # the legend shows the colour map's keys as they are: in the server's language until the
    # first analysis sends the session's (`_token_colours`)
    tokens = gr.HighlightedText(label=T.tokens_label, combine_adjacent=False, show_legend=True,
                                color_map=i18n.plain(_token_colours()), elem_id="att-tokens")
    notes = gr.Markdown(visible=False, elem_id="att-notes")
    with gr.Row():
        layer = gr.Slider(1, 6, value=DEFAULT_LAYER, step=1, label=T.layer, elem_id="att-layer")
        head = gr.Slider(1, 12, value=DEFAULT_HEAD, step=1, label=T.head, elem_id="att-head")
        with gr.Column(min_width=220):
            avg = gr.Checkbox(False, label=T.average_heads, elem_id="att-avg")
            hide = gr.Checkbox(False, label=T.hide_special, elem_id="att-hide")
    gr.Markdown(T.grid_label)
    grid = gr.Image(show_label=False, interactive=False, type="numpy", format="png",
                    buttons=["download", "fullscreen"], elem_id="att-grid")
    with gr.Row():
        with gr.Column(scale=8):
            ui.explain(T.grid_note)
        with gr.Column(scale=2, min_width=200):
            grid_csv_btn = gr.Button(T.grid_csv, size="sm", elem_id="att-grid-csv")
            grid_file = gr.File(label=T.grid_csv_file, visible=False)
    with gr.Row():
        with gr.Column(scale=5, min_width=420):
            heat_csv = gr.Button(i18n.plain(T.csv), size="sm", render=False)
            heatmap = gr.Plot(show_label=False, elem_id="att-heatmap", buttons=[heat_csv])
        with gr.Column(scale=4, min_width=360):
            gr.Markdown(T.steps_heading)
            ui.explain(T.steps_about)
            query = gr.Dropdown(label=T.query_token, choices=[], value=None, elem_id="att-query")
            steps_md = ui.explain("", elem_id="att-steps-text")
            vec_csv = gr.Button(i18n.plain(T.csv), size="sm", render=False)
            vectors_plot = gr.Plot(show_label=False, elem_id="att-vectors", buttons=[vec_csv])
    steps_csv = gr.Button(i18n.plain(T.csv), size="sm", render=False)
    steps_plot = gr.Plot(show_label=False, elem_id="att-steps", buttons=[steps_csv])
    ui.explain(T.png_hint)

    map_outputs = [heatmap, grid, steps_md, steps_plot, vectors_plot]
    analyse_outputs = [state, tokens, notes, heatmap, grid, query, steps_md, steps_plot, vectors_plot]
    # Bad text is caught by a quick check first, so the error toast leaves the views in place.
    # (Queued: Gradio shows an error as a toast only for queued events; unqueued ones get a bare 500.)
    run = dict(fn=analyse, inputs=[text_in, layer, head, avg, hide], outputs=analyse_outputs,
               **queues.INTERACTIVE)
    show.click(check_text, text_in, None, **queues.LIVE).success(api_name="attention_analyse", **run)
    text_in.submit(check_text, text_in, None, **queues.LIVE).success(**run)
    examples.click(lambda sample: sample[0], examples, text_in, queue=False).then(**run)
    gr.on([layer.change, head.change, avg.change, hide.change], redraw,
          [state, layer, head, avg, hide, query], map_outputs, api_name="attention_view", **queues.LIVE)
    query.change(redraw_steps, [state, layer, head, avg, query], [steps_md, steps_plot, vectors_plot],
                 **queues.LIVE)
    grid.select(pick_head, [state, hide], [layer, head, avg], **queues.LIVE)
    tokens.select(pick_token, None, query, queue=False)
    grid_csv_btn.click(all_heads_csv, [state, hide], grid_file, **queues.INTERACTIVE)
    for btn, elem in ((heat_csv, "att-heatmap"), (steps_csv, "att-steps"), (vec_csv, "att-vectors")):
        btn.click(None, js=CSV_JS % elem)

    toy = _build_toy(tab, state, [layer, head, avg, hide], analyse_outputs)

    # what a link carries (playground/links.py); the tab then analyses the linked text
    link = links.declare("attention", {
        "text": (text_in, links.Text(LINK_TEXT_MAX)), "layer": (layer, links.Int(1, 6)),
        "head": (head, links.Int(1, 12)), "avg": (avg, links.Bool()), "hide_special": (hide, links.Bool()),
        "query": (query, links.Int(0, 511)), **toy["params"],
    }, main="att-heatmap", run="att-show", late=("query",))
    link.then(_link_analyse, [text_in, layer, head, avg, hide], analyse_outputs, values=True,
              **queues.INTERACTIVE)
    link.then(_link_generate, toy["inputs"], toy["outputs"], values=True, **queues.INTERACTIVE)


LINK_TEXT_MAX = 500  # characters of typed text a link carries


@ui.friendly
def _link_analyse(values, text_in, layer, head, avg, hide):
    """The linked text analysed, then the linked query token (if it has one)."""
    out = list(analyse(text_in, layer, head, avg, hide))
    if "query" in values:
        a = _minilm().analyse(text_in or "")
        if 0 <= values["query"] < len(a.tokens):
            out[5] = gr.update(choices=out[5]["choices"], value=values["query"])
            out[6:9] = _steps_outputs(a, layer, head, avg, values["query"])
    return tuple(out)


TOY_LINK = ("source", "use_pe", "step", "toy_layer", "toy_head")


@ui.friendly
def _link_generate(values, task_name, source, use_pe, layer, head, step):
    """The toy model's whole output for the linked input at once (no delay), at the linked step."""
    if not any(k in values for k in TOY_LINK):
        return (gr.skip(),) * 8
    last = None
    for last in _frames(task_name, source, use_pe, layer, head, 0.0):
        pass
    if "step" in values and last is not None:
        trace = last[0]
        k = max(1, min(int(step), trace.steps))
        last = (trace, gr.update(maximum=max(2, trace.steps), value=k), *_toy_outputs(trace, k, layer, head),
                last[-1])
    return last


def _build_toy(tab, state, minilm_inputs, analyse_outputs) -> dict:
    from playground.attention import tasks
    gr.Markdown(T.toy_heading)
    ui.explain(T.toy_about)
    toy_state = gr.State(None)
    offered = list(tasks.TASKS)
    # a choice of one is no choice: the radio appears only when a second task is added
    task = gr.Radio([(T.task_names[k], k) for k in offered], value="reverse", label=T.task,
                    visible=len(offered) > 1, elem_id="toy-task")
    hint = ui.explain(T.task_hint["reverse"])
    with gr.Row(equal_height=True):
        source = gr.Textbox(value=tasks.TASKS["reverse"].examples[0], label=T.toy_input, scale=4,
                            max_length=200, elem_id="toy-input")
        gen = gr.Button(T.generate, variant="primary", scale=1, elem_id="toy-generate")
        rnd = gr.Button(T.random_example, scale=1, elem_id="toy-random")
    examples = gr.Dataset(components=[source], samples=[[e] for e in tasks.TASKS["reverse"].examples],
                          label=T.examples)
    use_pe = gr.Checkbox(True, label=T.use_pe, elem_id="toy-use-pe")
    output = gr.Markdown(elem_id="toy-output")
    with gr.Row():
        step = gr.Slider(1, 21, value=1, step=1, label=T.step, elem_id="toy-step", scale=3)
        toy_layer = gr.Radio([1, 2], value=2, label=T.toy_layer, elem_id="toy-layer", scale=1)
        toy_head = gr.Radio([(h, h) for h in "1234"] + [(T.toy_head_avg_label, TOY_AVG)], value=TOY_AVG,
                            label=T.toy_head, elem_id="toy-head", scale=2)
    plots = {}
    with gr.Row():
        for name in ("toy-enc", "toy-dec"):
            btn = gr.Button(i18n.plain(T.csv), size="sm", render=False)
            plots[name] = (gr.Plot(show_label=False, elem_id=name, buttons=[btn]), btn)
    with gr.Row():
        for name in ("toy-cross", "toy-probs"):
            btn = gr.Button(i18n.plain(T.csv), size="sm", render=False)
            plots[name] = (gr.Plot(show_label=False, elem_id=name, buttons=[btn]), btn)
    gr.Markdown(T.pe_heading)
    ui.explain(T.pe_about)
    with gr.Row():
        for name in ("toy-pe", "toy-pe-adds"):
            btn = gr.Button(i18n.plain(T.csv), size="sm", render=False)
            plots[name] = (gr.Plot(show_label=False, elem_id=name, buttons=[btn]), btn)
    for name, (_, btn) in plots.items():
        btn.click(None, js=CSV_JS % name)
    enc, dec, cross, probs = (plots[k][0] for k in ("toy-enc", "toy-dec", "toy-cross", "toy-probs"))
    pe_plot, pe_adds = plots["toy-pe"][0], plots["toy-pe-adds"][0]

    toy_outputs = [output, enc, dec, cross, probs]
    gen_outputs = [toy_state, step, *toy_outputs, pe_adds]
    run = dict(fn=generate, inputs=[task, source, use_pe, toy_layer, toy_head], outputs=gen_outputs,
               **queues.STREAM)
    gen.click(check_source, [task, source], None, **queues.LIVE).success(api_name="attention_generate", **run)
    source.submit(check_source, [task, source], None, **queues.LIVE).success(**run)
    # .input: only the student's own moves (generation itself moves the step slider)
    gr.on([step.input, toy_layer.input, toy_head.input], replay, [toy_state, step, toy_layer, toy_head],
          toy_outputs, **queues.LIVE)
    task.change(change_task, task, [source, hint, examples, toy_layer, toy_head],
                **queues.INTERACTIVE).success(**run)
    examples.click(lambda sample: sample[0], examples, source, queue=False).success(**run)
    rnd.click(random_example, task, source, queue=False)

    # The first look: when the tab opens (or at page load when it is the only/first tab).
    triggers = []
    if isinstance(tab, gr.Tab):
        triggers.append(tab.select)
    from playground.app import available_topics
    root = gr.context.Context.root_block
    if root is not None and available_topics()[:1] == ["attention"]:
        triggers.append(root.load)
    if triggers:
        gr.on(triggers, first_look, [state, *minilm_inputs], analyse_outputs, **queues.INTERACTIVE)
        gr.on(triggers, first_generation, [toy_state, task, source, use_pe, toy_layer, toy_head],
              [*gen_outputs, pe_plot, toy_layer, toy_head], **queues.INTERACTIVE)
    return {"params": {"source": (source, links.Text(200)), "use_pe": (use_pe, links.Bool()),
                       "step": (step, links.Int(1, 21)), "toy_layer": (toy_layer, links.Choice((1, 2))),
                       "toy_head": (toy_head, links.Choice(("1", "2", "3", "4", TOY_AVG)))},
            "inputs": [task, source, use_pe, toy_layer, toy_head, step], "outputs": gen_outputs}
