"""Gradio pieces every tab shares: explanations with formulas, friendly errors,
the weights banner, and turning editor/sketch values into arrays."""

from __future__ import annotations

import functools
import inspect
import logging
import re
from typing import Any, Callable

import gradio as gr
import numpy as np

from playground import i18n, text, weights
from playground.imaging import InputError

log = logging.getLogger("playground")

# $...$ inline and $$...$$ display formulas, rendered by the KaTeX bundled with Gradio.
LATEX_DELIMITERS = [
    {"left": "$$", "right": "$$", "display": True},
    {"left": "$", "right": "$", "display": False},
]


def explain(markdown: str, **kwargs: Any) -> gr.Markdown:
    """A concept explanation beside a view, formulas rendered."""
    return gr.Markdown(markdown, latex_delimiters=LATEX_DELIMITERS,
                       elem_classes=["explain"], **kwargs)


def weights_banner(names: list[str], message: str) -> gr.Markdown | None:
    """If any of `names` cannot be loaded, show why at the top of the tab (never crash)."""
    found = weights.problems(names)
    if not found:
        return None
    items = "\n".join(f"- {p}" for p in found)
    return gr.Markdown(f"**{message}:**\n\n{items}", elem_classes=["weights-problem"])


# An absolute path (POSIX or Windows) inside a message: a student sees only its last part.
_PATH = re.compile(r"""(?<![\w.:/])(?:/|[A-Za-z]:\\)[^\s'"<>|]*[/\\]([^\s'"<>|/\\]+)""")


def without_paths(message: str) -> str:
    """The message with every absolute path cut to its file name: on a shared server, an
    error shown to a student never tells where the server keeps its files."""
    return _PATH.sub(lambda m: m.group(1), message)


def _to_gr_error(err: Exception) -> gr.Error:
    if isinstance(err, (InputError, weights.WeightsError)):
        return gr.Error(without_paths(str(err)))
    log.exception("unexpected error in a tab handler")
    return gr.Error(without_paths(i18n.strings(text).error_unexpected.format(kind=type(err).__name__, error=err)))


def friendly(fn: Callable) -> Callable:
    """Wrap an event handler so that any failure reaches the user as a clear message.

    InputError and WeightsError carry words meant for the user; anything else is
    logged with its traceback and reported briefly. Works for generators too.
    """
    if inspect.isgeneratorfunction(fn):
        @functools.wraps(fn)
        def gen(*args, **kwargs):
            try:
                yield from fn(*args, **kwargs)
            except gr.Error:
                raise
            except Exception as err:
                raise _to_gr_error(err) from err
        return gen

    @functools.wraps(fn)
    def call(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except gr.Error:
            raise
        except Exception as err:
            raise _to_gr_error(err) from err
    return call


def digit_sketchpad(label: str, **kwargs: Any) -> gr.Sketchpad:
    """A canvas for drawing one digit: black ink on white, one brush, no layers.

    Pass its value through `editor_image` and `imaging.digit_from_user` to get a
    28x28 MNIST-like digit.
    """
    return gr.Sketchpad(label=label, type="numpy", image_mode="RGBA", canvas_size=(280, 280),
                        fixed_canvas=True, layers=False, transforms=(),
                        brush=gr.Brush(default_size=18, colors=["#000000"], color_mode="fixed"),
                        **kwargs)


def editor_image(value: Any) -> np.ndarray | None:
    """The flattened picture from a gr.Sketchpad / gr.ImageEditor value (None if empty)."""
    if value is None:
        return None
    if isinstance(value, dict):
        composite = value.get("composite")
        if composite is None:
            layers = value.get("layers") or []
            composite = layers[-1] if layers else value.get("background")
        value = composite
    if value is None:
        return None
    return np.asarray(value)
