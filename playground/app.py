"""Assemble the page: header, intro, one tab per topic that exists, footer.

A topic shows up when `playground/<topic>/tab.py` exists. That module provides:

    TITLE: str          the tab's label (from its text.py)
    WEIGHTS: list[str]  manifest names it needs (a banner explains any problem)
    build() -> None     creates its components and events, inside the tab

Building must be cheap: no model is loaded and nothing heavy is imported until
a student first uses the tab (see `playground.weights.get`). A tab that fails to
build shows its error; the other tabs are unaffected.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import os
import traceback

import gradio as gr

from playground import TOPICS, i18n, queues, sessions
from playground import device as device_mod
from playground import text
from playground.ui import weights_banner

log = logging.getLogger("playground")

# System fonts only: a web font would be fetched from outside 127.0.0.1.
THEME = gr.themes.Soft(
    primary_hue="indigo",
    secondary_hue="amber",
    font=[gr.themes.Font("system-ui"), gr.themes.Font("Segoe UI"), "Roboto", "sans-serif"],
    font_mono=[gr.themes.Font("ui-monospace"), "SFMono-Regular", "Menlo", "monospace"],
)

CSS = """
.explain { font-size: 0.95em; }
.weights-problem { border-left: 4px solid #d97706; padding-left: 0.8em; background: #fffbeb; }
#footer-device { opacity: 0.8; font-size: 0.9em; }
/* pixel-art images stay crisp when the browser scales them */
img { image-rendering: auto; }
.pixelated img { image-rendering: pixelated; }
"""


def available_topics(topics: tuple[str, ...] = TOPICS) -> list[str]:
    """Topics whose tab module exists, in syllabus order.

    PLAYGROUND_TOPICS=vae,gan limits the page to those tabs (for developing one
    tab, or a lighter classroom page); unset, every tab that exists is shown.
    """
    only = {t.strip() for t in os.environ.get("PLAYGROUND_TOPICS", "").split(",") if t.strip()}
    return [t for t in topics
            if (not only or t in only)
            and importlib.util.find_spec(f"playground.{t}") is not None
            and importlib.util.find_spec(f"playground.{t}.tab") is not None]


def _build_tab(topic: str) -> None:
    T = i18n.strings(text)
    try:
        tab = importlib.import_module(f"playground.{topic}.tab")
    except Exception:
        log.exception("tab %s failed to import", topic)
        with gr.Tab(topic.capitalize(), id=topic):
            gr.Markdown(f"**{T.tab_broken}:**\n\n```\n{traceback.format_exc(limit=3)}\n```")
        return
    with gr.Tab(tab.TITLE, id=topic, elem_id=f"tab-{topic}"):
        weights_banner(list(getattr(tab, "WEIGHTS", [])), T.weights_problem)
        try:
            tab.build()
        except Exception:
            log.exception("tab %s failed to build", topic)
            gr.Markdown(f"**{T.tab_broken}:**\n\n```\n{traceback.format_exc(limit=3)}\n```")


def build_demo(topics: tuple[str, ...] = TOPICS) -> gr.Blocks:
    sessions.install()
    T = i18n.strings(text)
    # delete_cache: every 10 minutes, Gradio deletes what it keeps from uploads, webcam
    # photos and outputs once older than an hour (a shared server keeps no one's pictures)
    with gr.Blocks(title=T.title, analytics_enabled=False, delete_cache=queues.DELETE_CACHE) as demo:
        gr.Markdown(T.header)
        gr.Markdown(T.intro)
        present = available_topics(topics)
        if present:  # an empty gr.Tabs breaks the page's script
            with gr.Tabs():
                for topic in present:
                    _build_tab(topic)
        gr.Markdown(f"{device_mod.describe()} · {T.footer_source}", elem_id="footer-device")
    demo.queue(max_size=queues.MAX_QUEUE, default_concurrency_limit=queues.INTERACTIVE["concurrency_limit"])
    return demo


def launch_kwargs(host: str, port: int, share: bool) -> dict:
    return dict(server_name=host, server_port=port, share=share, ssr_mode=False,
                theme=THEME, css=CSS, max_file_size=queues.MAX_FILE_SIZE,
                max_threads=queues.MAX_THREADS, show_error=True, footer_links=["api", "settings"],
                state_session_capacity=sessions.SESSION_CAPACITY)
