"""Shared fixtures: the real app on a free port, and a guarded browser page.

Every browser test gets `app_page`: a page on the running app that fails the
test if the page requests anything outside 127.0.0.1 or logs a console error.
The server itself runs with PLAYGROUND_NETGUARD=1 and the session fails if it
tried to reach outside this machine.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from playground import devtools
from playground.netguard import PREFIX as NETGUARD

SCREENSHOTS = Path(__file__).parent / "screenshots"


@pytest.fixture(scope="session")
def app_server(tmp_path_factory):
    """(url, log path) of one `python app.py` shared by the whole test session."""
    log = tmp_path_factory.mktemp("app") / "server.log"
    started = devtools.running_app(log_path=log, extra_env={"PLAYGROUND_DEVICE": "cpu"})
    try:
        url, proc, _ = started.__enter__()
    except (RuntimeError, TimeoutError) as err:
        raise RuntimeError(f"{err}; its log:\n{log.read_text()[-3000:]}") from None
    try:
        yield url, log
        assert proc.poll() is None, f"the app died during the tests:\n{log.read_text()[-3000:]}"
    finally:
        started.__exit__(None, None, None)
    blocked = [line for line in log.read_text().splitlines() if line.startswith(NETGUARD)]
    assert not blocked, "the server tried to reach outside 127.0.0.1:\n" + "\n".join(blocked)


@pytest.fixture(scope="session")
def app_url(app_server):
    return app_server[0]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium where present (Playwright cannot download its own here)."""
    return {**browser_type_launch_args, **devtools.launch_args()}


VIEWPORT = {"width": 1400, "height": 1000}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # an English browser unless a test asks for another (the page follows the browser's language)
    return {**browser_context_args, "viewport": VIEWPORT, "locale": "en-US"}


def _is_local(url: str) -> bool:
    return url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:"))


class Guard:
    """Blocks and records requests outside 127.0.0.1 and records console errors of a page."""

    def __init__(self, page):
        self.outside: list[str] = []
        self.errors: list[str] = []
        page.route("**/*", self._route)
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"uncaught: {e}"))

    def _route(self, route):
        if _is_local(route.request.url):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def check(self) -> None:
        assert not self.outside, f"the page requested outside 127.0.0.1: {self.outside}"
        assert not self.errors, f"the page logged console errors: {self.errors}"


def load_app(page, url: str) -> None:
    page.set_default_timeout(30_000)
    page.goto(url)
    page.wait_for_selector("#footer-device", timeout=60_000)


@pytest.fixture
def app_page(page, app_url):
    """The app, loaded; outside requests are blocked and fail the test, as do console errors."""
    guard = Guard(page)
    load_app(page, app_url)
    yield page
    guard.check()


@pytest.fixture
def open_app(browser, app_url):
    """open_app(locale="ko-KR", query="?lang=en") -> a guarded page of the app in a new browser
    context (its own cookies and storage: another student); all are closed and checked after.
    init_script: JavaScript that runs in the page before any of the page's own."""
    opened = []

    def open_(locale: str = "en-US", query: str = "", init_script: str | None = None):
        context = browser.new_context(locale=locale, viewport=VIEWPORT)
        page = context.new_page()
        if init_script:
            page.add_init_script(init_script)
        opened.append((context, Guard(page)))
        load_app(page, app_url + query)
        return page

    yield open_
    for context, guard in opened:
        context.close()
    for _, guard in opened:
        guard.check()


@contextlib.contextmanager
def _kept_page(browser, url: str, locale: str):
    context = browser.new_context(locale=locale, viewport=VIEWPORT)
    page = context.new_page()
    guard = Guard(page)
    load_app(page, url)
    yield page
    context.close()
    guard.check()


# One page per language for the whole session: a tab used once stays used, so the a11y, i18n
# and links tests do not each pay for its first use again (3-8 s a tab in a browser on two
# cores). The tests on these pages read or set the controls they name, and use_tab(...,
# again=False) uses a tab only where no test has yet.
@pytest.fixture(scope="session")
def ko_page(browser, app_url):
    """One Korean browser's page, shared by every test that asks for it."""
    with _kept_page(browser, app_url, "ko-KR") as page:
        yield page


@pytest.fixture(scope="session")
def en_page(browser, app_url):
    """One English browser's page, shared by every test that asks for it."""
    with _kept_page(browser, app_url, "en-US") as page:
        yield page
