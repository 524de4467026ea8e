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

import functools
import multiprocessing

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
