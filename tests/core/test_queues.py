"""The queue design holds: a quick event is served while long streams of other
sessions fill their whole group (it is not queued behind them)."""

import threading
import time

import gradio as gr
import pytest
from gradio_client import Client

from playground import devtools, queues


@pytest.fixture
def demo_with_groups():
    release = threading.Event()
    started = []

    def long_stream(x):
        started.append(x)
        yield f"started {x}"
        release.wait(60)  # a training run that lasts until the test lets it go
        yield f"done {x}"

    def quick(v):
        return v * 2

    with gr.Blocks() as demo:
        n = gr.Number()
        out = gr.Textbox()
        gr.Button("train").click(long_stream, n, out, api_name="stream", **queues.STREAM)
        s = gr.Slider(0, 10)
        doubled = gr.Number()
        s.input(quick, s, doubled, api_name="live", **queues.LIVE)
    demo.queue(max_size=queues.MAX_QUEUE)
    port = devtools.free_port()
    demo.launch(server_port=port, prevent_thread_lock=True, quiet=True,
                max_threads=queues.MAX_THREADS, ssr_mode=False)
    try:
        yield f"http://127.0.0.1:{port}/", release, started
    finally:
        release.set()
        demo.close()


def test_live_events_never_wait_behind_streams(demo_with_groups):
    url, release, started = demo_with_groups
    client = Client(url, verbose=False)
    limit = queues.STREAM["concurrency_limit"]
    jobs = [client.submit(i, api_name="/stream") for i in range(limit + 2)]  # saturate, plus waiting
    deadline = time.time() + 60
    while len(started) < limit and time.time() < deadline:
        time.sleep(0.05)
    assert len(started) == limit, "the stream group should run exactly its limit at once"

    # answered while every stream worker is busy (were it queued behind them, this would time out)
    assert client.submit(3, api_name="/live").result(timeout=30) == 6
    assert len(started) == limit and not release.is_set()  # ...and the streams were still running

    release.set()
    assert [j.result(timeout=60) for j in jobs][-1].startswith("done")


def _progress_targets(dep: dict) -> list:
    """What the front end keeps a loading status for (its `progress_targets`)."""
    return dep["outputs"] if dep["show_progress_on"] is None else dep["show_progress_on"]


def test_quiet_progress_keeps_few_loading_statuses():
    with gr.Blocks() as demo:
        state = gr.State(0)
        views = [gr.Textbox(elem_id=f"v{i}") for i in range(6)]
        b = gr.Button()
        b.click(lambda: [""] * 3, None, views[:3], api_name="hidden", show_progress="hidden")
        b.click(lambda: [""] * 3, None, views[:3], api_name="hidden_named", show_progress="hidden",
                show_progress_on=views[0])
        b.click(lambda: [0] + [""] * 6, None, [state, *views], api_name="many")
        b.click(lambda: [""] * 2, None, views[:2], api_name="few")
        b.click(lambda: [""] * 6, None, views, api_name="named", show_progress_on=views[5])
        b.click(None, None, views, js="() => [1, 2, 3, 4, 5, 6]")  # the page's own: no status
    assert queues.quiet_progress(demo) == 3
    deps = {d["api_name"]: d for d in demo.get_config_file()["dependencies"] if d.get("backend_fn")}
    ids = [v._id for v in views]
    assert deps["hidden"]["show_progress_on"] == []           # shows nothing, keeps nothing
    assert deps["hidden_named"]["show_progress_on"] == []
    assert deps["many"]["show_progress_on"] == ids[:queues.PROGRESS_VIEWS]   # the State skipped
    assert deps["few"]["show_progress_on"] is None            # all its outputs: two
    assert deps["named"]["show_progress_on"] == [ids[5]]      # its own choice


def test_the_app_keeps_few_loading_statuses():
    """Every event of the page shows progress on a few views: 110 components in all, not the
    208 that every event's outputs make (each costs the page a lookup per status message)."""
    from playground.app import build_demo
    deps = [d for d in build_demo().get_config_file()["dependencies"] if d.get("backend_fn")]
    targets = [_progress_targets(d) for d in deps]
    assert all(t == [] for d, t in zip(deps, targets) if d["show_progress"] == "hidden")
    assert max(len(t) for t in targets) <= queues.PROGRESS_VIEWS + 1  # a tab's own choice may add one
    assert len(set().union(*map(set, targets))) <= 120


def test_a_missing_matplotlib_is_not_searched_for_on_every_event(monkeypatch):
    """Gradio imports matplotlib twice per event; where it is not installed, the app marks it
    absent, so the import fails at once (and Gradio's event wrapper still works)."""
    import importlib
    import importlib.util
    import sys

    from gradio.utils import MatplotlibBackendMananger

    monkeypatch.setitem(sys.modules, "matplotlib", None)  # restored as it was after the test
    monkeypatch.delitem(sys.modules, "matplotlib")
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: object())  # "installed"
    assert queues.no_matplotlib_search() is False
    assert "matplotlib" not in sys.modules

    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None)     # not installed
    assert queues.no_matplotlib_search() is True
    assert sys.modules["matplotlib"] is None
    with pytest.raises(ImportError):
        importlib.import_module("matplotlib")
    with MatplotlibBackendMananger():  # what Gradio wraps every event in
        pass
    assert queues.no_matplotlib_search() is True  # a second call changes nothing
