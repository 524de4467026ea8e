"""The queue: which events may run side by side. Every event uses one of these.

A classroom is thirty students on one small machine. Gradio queues each event
under a concurrency group; events in different groups never wait for each
other. So a slider drag (milliseconds) never sits behind another student's
training run or sampling job (seconds to minutes):

    LIVE         slider drags and hovers that redraw while they move. Cheap
                 (<= tens of ms), many at once; only the newest value of a drag
                 matters, so stale ones are dropped (trigger_mode="always_last").
    INTERACTIVE  clicks that run a model once on an input (a digit, a sentence):
                 well under a second each.
    COMPUTE      one-off jobs of seconds (a full-size image translation, a batch
                 of samples): few at once, since each uses every CPU core.
    STREAM       long-lived generators that stream frames (pixel-by-pixel
                 sampling, toy generation). Each holds a worker thread for its
                 whole run, so runs are bounded in length by the tab and their
                 number is capped here; extra students wait in the queue and
                 see their position.
    TRAINING     live training streams (the GAN tab): a run lasts up to minutes,
                 so a cap here would leave most of a class waiting for whole
                 runs. Every student's stream starts at once instead; the
                 training itself happens in the GAN engine process, which takes
                 the class's runs in turns (playground/gan/host.py), so a
                 stream here only waits for its next frame and relays it.

Use as `component.event(fn, inputs, outputs, api_name=..., **queues.LIVE)`.
"""

import importlib.util
import sys

LIVE = {"concurrency_id": "live", "concurrency_limit": 16,
        "trigger_mode": "always_last", "show_progress": "hidden"}
INTERACTIVE = {"concurrency_id": "interactive", "concurrency_limit": 8}
COMPUTE = {"concurrency_id": "compute", "concurrency_limit": 2}
STREAM = {"concurrency_id": "stream", "concurrency_limit": 6}
TRAINING = {"concurrency_id": "training", "concurrency_limit": 32}

# For hot events whose inputs are plain numbers and strings and whose outputs are plain
# strings (HTML, Markdown) or ready-made dicts: skip Gradio's per-component pre- and
# post-processing. Gradio hands each value to a worker thread and back for it; with a
# class, those handoffs were ~20% of the server's Python time (py-spy), for nothing.
RAW = {"preprocess": False, "postprocess": False}
RAW_OUT = {"postprocess": False}

# An event that shows progress shows it on at most this many views (quiet_progress).
PROGRESS_VIEWS = 4


def no_matplotlib_search() -> bool:
    """Mark matplotlib as absent (None in sys.modules), if it is not installed: True if so.

    Gradio switches matplotlib's backend around every event it runs (utils.py's
    MatplotlibBackendMananger), with `import matplotlib` on the way in and on the way out.
    The app draws with plotly and does not install matplotlib, so each of those imports
    searched every folder on sys.path before it failed: ~4.5% of the server's Python time
    with a class (py-spy, 30 students). With None in sys.modules the import fails at once,
    as it would anyway. Nothing changes where matplotlib is installed."""
    if "matplotlib" in sys.modules:
        return sys.modules["matplotlib"] is None
    if importlib.util.find_spec("matplotlib") is not None:
        return False
    sys.modules["matplotlib"] = None
    return True


def quiet_progress(demo) -> int:
    """Few loading statuses for the front end to keep (returns how many events changed).

    Gradio's front end keeps a loading status for every component that any event has ever
    shown progress on (its outputs, unless `show_progress_on` names others), and on every
    status message of every event, each streamed frame included, it looks each of them up
    in the page's tree (~600 components) and copies its props. Measured on a page training
    a GAN (15-19 frames a second): 18 such components cost ~170 ms of browser time a second;
    once the student had used every tab, 120 of them, ~2,200 lookups a second, and the
    page's main thread was busy all the time. So:
      - an event that shows no progress keeps none (an empty `show_progress_on`);
      - one that shows it on more than PROGRESS_VIEWS outputs, and names none itself,
        shows it on its first PROGRESS_VIEWS (the tabs list their main views first); the
        others still update."""
    from gradio import State
    changed = 0
    for fn in demo.fns.values():
        if fn.fn is None:
            continue
        if fn.show_progress == "hidden":
            if fn.show_progress_on is not None and len(fn.show_progress_on) == 0:
                continue
            fn.show_progress_on = []
        else:
            shown = [c for c in fn.outputs if not isinstance(c, State)]
            if fn.show_progress_on is not None or len(shown) <= PROGRESS_VIEWS:
                continue
            fn.show_progress_on = shown[:PROGRESS_VIEWS]
        changed += 1
    return changed


# Worker threads must cover every group's limit at once (Gradio's default is 40).
MAX_THREADS = 96
# Beyond this many waiting events the queue answers "busy" instead of growing.
MAX_QUEUE = 256
# Gradio's cache of uploads and outputs: swept every 10 minutes of what is older than an hour
# (our own exports: playground/files.py, the same hour).
DELETE_CACHE = (600, 3600)
# Upload limit: a photo is a few MB; anything larger is refused before decoding.
MAX_FILE_SIZE = "10mb"
