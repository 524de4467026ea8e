"""Files the app writes for a student to download (exports), gone within the hour.

Each file gets a folder of its own (two students' exports never collide) under one
parent folder, and every new file first sweeps away what is older than KEEP_S: on a
shared server, one student's pictures do not stay for the next one to find. Uploads
and what Gradio copies into its own cache are swept by Gradio (`delete_cache`,
playground/app.py).
"""

from __future__ import annotations

import re
import shutil
import tempfile
import time
from pathlib import Path

ROOT = Path(tempfile.gettempdir()) / "playground-exports"
KEEP_S = 3600


def sweep(now: float | None = None) -> None:
    now = time.time() if now is None else now
    if not ROOT.exists():
        return
    for folder in ROOT.iterdir():
        try:
            if now - folder.stat().st_mtime > KEEP_S:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            pass  # another thread got there first


def write(name: str, data: bytes) -> Path:
    """Write `data` as a fresh file called `name` (made safe) and return its path."""
    sweep()
    ROOT.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip(".-") or "export"
    path = Path(tempfile.mkdtemp(dir=ROOT)) / safe
    path.write_bytes(data)
    return path
