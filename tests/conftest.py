"""Shared fixtures: the real app on a free port, and a guarded browser page.

Every browser test gets `app_page`: a page on the running app that fails the
test if the page requests anything outside 127.0.0.1 or logs a console error.
The server itself runs with PLAYGROUND_NETGUARD=1 and the session fails if it
tried to reach outside this machine.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from playground import devtools
from playground.netguard import PREFIX as NETGUARD

SCREENSHOTS = Path(__file__).parent / "screenshots"


@pytest.fixture(scope="session")
def app_server(tmp_path_factory):
    """(url, log path) of one `python app.py` shared by the whole test session."""
    log = tmp_path_factory.mktemp("app") / "server.log"
    with devtools.running_app(log_path=log, extra_env={"PLAYGROUND_DEVICE": "cpu"}) as (url, proc, _):
        yield url, log
        assert proc.poll() is None, f"the app died during the tests:\n{log.read_text()[-3000:]}"
    blocked = [line for line in log.read_text().splitlines() if line.startswith(NETGUARD)]
    assert not blocked, "the server tried to reach outside 127.0.0.1:\n" + "\n".join(blocked)


@pytest.fixture(scope="session")
def app_url(app_server):
    return app_server[0]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium where present (Playwright cannot download its own here)."""
    return {**browser_type_launch_args, **devtools.launch_args()}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1400, "height": 1000}}


def _is_local(url: str) -> bool:
    return url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:"))


@pytest.fixture
def app_page(page, app_url):
    """The app, loaded; outside requests are blocked and fail the test, as do console errors."""
    outside: list[str] = []
    errors: list[str] = []

    def guard(route):
        if _is_local(route.request.url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"uncaught: {e}"))
    page.set_default_timeout(30_000)
    page.goto(app_url)
    page.wait_for_selector("#footer-device", timeout=60_000)
    yield page
    assert not outside, f"the page requested outside 127.0.0.1: {outside}"
    assert not errors, f"the page logged console errors: {errors}"
