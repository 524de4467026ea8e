"""Helpers for the tests and benchmarks: start the real app, find a Chromium.

    python -m playground.devtools find-chromium   # prints the browser the tests will use
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Iterator

REPO = Path(__file__).resolve().parents[1]

# Flags for a headless Chromium on a locked-down machine: no sandbox (root in a
# container), no GPU, /tmp instead of a small /dev/shm, and no background
# traffic to Google (refused here, and it would count as an outside request).
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]


def find_chromium() -> str | None:
    """A system Chromium (Debian's package) if there is one, else None (Playwright's own)."""
    candidates = [os.environ.get("PLAYGROUND_CHROMIUM"), "/usr/bin/chromium",
                  "/usr/bin/chromium-browser", shutil.which("chromium"), shutil.which("chromium-browser")]
    return next((c for c in candidates if c and Path(c).exists()), None)


def playwright_has_chromium() -> bool:
    """Whether Playwright downloaded its own Chromium (on machines with internet)."""
    try:
        from playwright.sync_api import sync_playwright
        with sync_playwright() as p:
            return Path(p.chromium.executable_path).exists()
    except Exception:
        return False


def launch_args() -> dict:
    """Keyword arguments for playwright's chromium.launch()."""
    args: dict = {"args": list(CHROMIUM_ARGS)}
    exe = find_chromium()
    if exe:
        args["executable_path"] = exe
    return args


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, timeout: float, proc: subprocess.Popen | None = None) -> float:
    """Poll `url` until it answers 200; return the seconds waited."""
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < timeout:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"the app exited with code {proc.returncode} before serving")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return time.perf_counter() - t0
        except OSError:
            pass
        time.sleep(0.05)
    raise TimeoutError(f"{url} did not answer within {timeout} s")


@contextlib.contextmanager
def running_app(log_path: Path | None = None, extra_env: dict | None = None,
                args: list[str] | None = None, timeout: float = 90) -> Iterator[tuple[str, subprocess.Popen, float]]:
    """Start `python app.py` on a free port; yield (url, process, seconds to HTTP 200)."""
    port = free_port()
    env = {**os.environ, "PLAYGROUND_NETGUARD": "1", "PYTHONUNBUFFERED": "1", **(extra_env or {})}
    log = open(log_path, "w") if log_path else subprocess.DEVNULL
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(REPO / "app.py"), "--port", str(port),
                             "--host", "127.0.0.1", *(args or [])],
                            cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_http(url, timeout, proc)
        yield url, proc, time.perf_counter() - t0
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        if log_path:
            log.close()


def rss_mb(pid: int) -> float:
    """Resident memory of a process (Linux), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


if __name__ == "__main__":
    if sys.argv[1:] == ["find-chromium"]:
        exe = find_chromium()
        if exe:
            print(exe)
        elif playwright_has_chromium():
            print("playwright's own chromium")
        else:
            sys.exit("no Chromium found: install Debian's `chromium` or run `playwright install chromium`")
    else:
        sys.exit(__doc__)
