"""Worker processes: one way to start them, shared by every tab that uses them.

Why processes at all: the serving process answers every student's events, and Python
runs one thread of it at a time (the GIL). Work that holds the GIL for long (training
the GAN tab's networks and drawing its frames, the pixel sampler's hundreds of tiny
torch calls a second) would make every other student's slider wait. In a process of
its own such work uses another core and never touches the server's GIL.

Two ways to start one:

* `context()`, "forkserver", for workers that need torch (the pixel sampler): a small
  server process imports torch and the modules below once, and every worker is forked
  from it in ~20 ms. Plain fork of the multi-threaded server could copy a lock held by
  another thread and hang the child.
* `light()`, "spawn", for a long-lived worker that needs no torch (the GAN engine: NumPy
  and Pillow): a fresh interpreter, ~1 s to start once, and ~150 MB less memory than a
  child of the fork server, which carries torch.

Windows has only "spawn".
"""

from __future__ import annotations

import ctypes
import functools
import logging
import multiprocessing
import sys

log = logging.getLogger("playground")

# Imported once in the fork server, so that a new worker starts warm.
PRELOAD = ["playground.pixelcnn.worker"]


@functools.lru_cache(maxsize=1)
def context() -> multiprocessing.context.BaseContext:
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)
        return ctx
    return multiprocessing.get_context("spawn")


def light() -> multiprocessing.context.BaseContext:
    return multiprocessing.get_context("spawn")


def limit_malloc_arenas(arenas: int = 2) -> bool:
    """Keep the server's memory from growing with its threads (glibc only; else nothing).

    glibc gives threads their own malloc arenas, up to 8 per core, and memory freed in one
    arena is not reused by another. The server runs ~100 worker threads in turn: with a
    class of 30 for 45 s, the server grew 285 MB with the default, 107 MB with 2 arenas
    (bench classroom, the same run). The same as MALLOC_ARENA_MAX=2, set from inside."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL("libc.so.6")
        return bool(libc.mallopt(-8, arenas))  # M_ARENA_MAX
    except (OSError, AttributeError):
        log.info("malloc arenas left as they are (no glibc mallopt)")
        return False
