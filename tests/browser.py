"""Helpers for browser tests: act like a student, then read what is on screen."""

from __future__ import annotations

import hashlib
from pathlib import Path

from playwright.sync_api import Locator, Page

SCREENSHOTS = Path(__file__).parent / "screenshots"


def open_tab(page: Page, title: str) -> None:
    page.get_by_role("tab", name=title).click()


def screenshot(page: Page, name: str, full_page: bool = True) -> Path:
    """Save tests/screenshots/<name>.png (git-ignored) and return its path."""
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def image_bytes(page: Page, img: Locator) -> bytes:
    """The bytes behind an <img> on the page (Gradio serves images as files)."""
    src = img.get_attribute("src")
    assert src, "the image has no src yet"
    if src.startswith("data:"):
        import base64
        return base64.b64decode(src.split(",", 1)[1])
    return page.request.get(src).body()


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def drag_slider(page: Page, slider: Locator, start: float, end: float, steps: int = 8) -> None:
    """Drag a Gradio slider's handle from fraction `start` to `end` of its track, with the mouse."""
    track = slider.locator("input[type=range]")
    box = track.bounding_box()
    assert box, "slider is not visible"
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * start, y)
    page.mouse.down()
    for i in range(1, steps + 1):
        page.mouse.move(box["x"] + box["width"] * (start + (end - start) * i / steps), y)
        page.wait_for_timeout(30)
    page.mouse.up()
