"""What the server keeps per student, made small: three changes to Gradio 6.31's sessions.

A class opens, reloads and closes pages all lesson long, and each page is a session.
Measured on this app (461 components), Gradio paid per session:

1. At its first event, ~30 ms of the server's one Python thread at a time (the GIL)
   and ~0.8 MB that stay: `SessionState` copies the config of every component into
   `config_values`, which only Gradio's "deep link" button reads (this app has none).
   With a class reloading pages, that was 15% of all the server's GIL time (py-spy).
   Here the copy is made per component when something first asks for it.
2. The session itself is never dropped (only at 10,000 sessions); its state values are
   kept an hour after the page closed. Here a closed session's state goes after
   CLOSED_TTL_S, and then the session itself.
3. Every write to a gr.State recomputed that state's config (inspect.signature and
   more) for `config_values` again: now it is only marked stale.

`install()` applies them once; `tests/core/test_sessions.py` checks that the patched
class still has every attribute the original sets, so a Gradio upgrade that changes it
fails loudly instead of silently.
"""

from __future__ import annotations

import datetime
import functools
from copy import copy

from gradio import state_holder

CLOSED_TTL_S = 600          # a closed page's state is kept this long (reopened laptops)
SESSION_CAPACITY = 2000     # beyond this many sessions, the least recently used go

ORIGINAL_INIT = state_holder.SessionState.__init__  # for the test that compares the two


class LazyConfig(dict):
    """config_values, filled per component on first read (values set meanwhile kept)."""

    def __init__(self, session: state_holder.SessionState, allowed: set[int]):
        super().__init__()
        self.session, self.allowed = session, allowed
        self.pending_values: dict[int, object] = {}

    def __missing__(self, key: int):
        blocks = self.session.blocks_config.blocks
        if key not in self.allowed or key not in blocks:
            raise KeyError(key)
        value = self.session.blocks_config.config_for_block(key, [], blocks[key])
        if key in self.pending_values and value and "props" in value:
            value["props"]["value"] = self.pending_values.pop(key)
        self[key] = value
        return value

    def __contains__(self, key) -> bool:
        return key in self.allowed and key in self.session.blocks_config.blocks

    def fill(self) -> None:
        for key in list(self.session.blocks_config.blocks):
            if key in self.allowed and not dict.__contains__(self, key):
                self[key]


def _init(self, blocks) -> None:
    self.blocks_config = copy(blocks.default_config)
    self.config_values = LazyConfig(self, set(blocks.blocks))
    self.state_data = {}
    self._state_ttl = {}
    self.is_closed = False
    self.STATE_TTL_WHEN_CLOSED = CLOSED_TTL_S


def _setitem(self, key: int, value) -> None:
    from gradio.components import State

    block = self.blocks_config.blocks.get(key)
    if isinstance(block, State):
        self._state_ttl[key] = (block.time_to_live, datetime.datetime.now())
        self.state_data[key] = value
    else:
        self.blocks_config.blocks[key] = value
    if block:
        dict.pop(self.config_values, key, None)  # stale: made again when read


def _update_config(self, key: int) -> None:
    dict.pop(self.config_values, key, None)


def _update_value_in_config(self, key: int, value) -> None:
    if dict.__contains__(self.config_values, key):
        config = self.config_values[key]
        if "props" in config:
            config["props"]["value"] = value
    else:
        self.config_values.pending_values[key] = value


def _components(self):
    self.config_values.fill()
    for _, config in self.config_values.items():
        if config:
            yield config


def _delete_all_expired_state(self) -> None:
    """Gradio's sweep (every second), which then also drops closed sessions whose
    state has expired, instead of keeping them until 10,000 sessions."""
    now = datetime.datetime.now()
    for session_id in list(self.session_data):
        self.delete_state(session_id, expired_only=True)
        session = self.session_data.get(session_id)
        last = self.time_last_used.get(session_id)
        if (session is not None and session.is_closed and not session.state_data
                and (last is None or (now - last).total_seconds() > CLOSED_TTL_S)):
            with self.lock:
                self.session_data.pop(session_id, None)
                self.time_last_used.pop(session_id, None)


@functools.lru_cache(maxsize=1)
def install() -> None:
    S = state_holder.SessionState
    S.__init__ = _init
    S.__setitem__ = _setitem
    S._update_config = _update_config
    S._update_value_in_config = _update_value_in_config
    S.components = property(_components)
    state_holder.StateHolder.delete_all_expired_state = _delete_all_expired_state
