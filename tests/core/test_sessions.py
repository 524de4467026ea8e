"""Gradio's per-session bookkeeping, made small (playground/sessions.py)."""

import datetime

import gradio as gr
import pytest
from gradio import state_holder

from playground import sessions


@pytest.fixture(scope="module")
def demo():
    sessions.install()
    with gr.Blocks() as d:
        state = gr.State(1)
        box = gr.Textbox("a", elem_id="box")
        gr.Markdown("words")
        box.change(lambda s: s, state, box)
    return d


def test_the_patched_session_sets_every_attribute_the_original_does(demo):
    """If a Gradio upgrade adds an attribute to SessionState, this fails instead of the app."""
    original = object.__new__(state_holder.SessionState)
    sessions.ORIGINAL_INIT(original, demo)
    patched = state_holder.SessionState(demo)
    assert set(vars(original)) == set(vars(patched))
    assert patched.STATE_TTL_WHEN_CLOSED == sessions.CLOSED_TTL_S


def counted(monkeypatch, demo) -> list:
    """config_for_block (a staticmethod) wrapped to record the components it is made for."""
    calls = []
    real = type(demo.default_config).config_for_block
    monkeypatch.setattr(type(demo.default_config), "config_for_block",
                        staticmethod(lambda *a, **k: calls.append(a[0]) or real(*a, **k)))
    return calls


def test_a_new_session_copies_no_component_config_until_asked(demo, monkeypatch):
    calls = counted(monkeypatch, demo)
    s = state_holder.SessionState(demo)
    assert calls == []
    box = next(b for b in demo.blocks.values() if getattr(b, "elem_id", None) == "box")
    assert s.config_values[box._id]["props"]["value"] == "a" and calls == [box._id]
    s._update_value_in_config(box._id, "b")
    assert s.config_values[box._id]["props"]["value"] == "b"
    # the deep-link view still sees every component
    assert len(list(s.components)) == len(demo.blocks)


def test_a_value_set_before_the_config_was_made_is_not_lost(demo):
    s = state_holder.SessionState(demo)
    box = next(b for b in demo.blocks.values() if getattr(b, "elem_id", None) == "box")
    s._update_value_in_config(box._id, "typed")
    assert s.config_values[box._id]["props"]["value"] == "typed"


def test_writing_a_state_only_marks_its_config_stale(demo, monkeypatch):
    s = state_holder.SessionState(demo)
    state = next(b for b in demo.blocks.values() if isinstance(b, gr.State))
    calls = counted(monkeypatch, demo)
    for v in range(5):
        s[state._id] = v
    assert s[state._id] == 4 and calls == []


def test_closed_sessions_are_dropped_once_their_state_expired(demo, monkeypatch):
    holder = state_holder.StateHolder()
    holder.set_blocks(demo)
    state = next(b for b in demo.blocks.values() if isinstance(b, gr.State))
    holder["open"][state._id] = "x"
    holder["closed"][state._id] = "y"
    holder.session_data["closed"].is_closed = True
    monkeypatch.setattr(sessions, "CLOSED_TTL_S", 0)
    holder.session_data["closed"].STATE_TTL_WHEN_CLOSED = 0
    holder.time_last_used["closed"] = datetime.datetime.now() - datetime.timedelta(seconds=5)
    holder.session_data["closed"]._state_ttl[state._id] = (None, datetime.datetime.now() - datetime.timedelta(seconds=5))
    holder.delete_all_expired_state()
    assert "closed" not in holder.session_data and "closed" not in holder.time_last_used
    assert holder["open"][state._id] == "x"
