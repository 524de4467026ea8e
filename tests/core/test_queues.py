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
