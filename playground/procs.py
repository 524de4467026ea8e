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


def tune_malloc(arenas: int = 2, mmap_above: int = 1 << 20, trim_above: int | None = None) -> bool:
    """Keep the server's memory from growing with its threads and its big tensors (glibc only;
    elsewhere nothing changes).

    - Arenas: glibc gives threads their own malloc arenas, up to 8 per core, and memory freed
      in one arena is not reused by another. The server runs ~100 worker threads in turn: with
      a class of 30 for 45 s, the server grew 285 MB with the default, 107 MB with 2 arenas
      (bench classroom, the same run). The same as MALLOC_ARENA_MAX=2, set from inside.
    - Big blocks: glibc raises its mmap threshold after each big free (up to 32 MB), so the
      activations of a CycleGAN photo or an attention run end up in the heap and stay there.
      A fixed threshold of 1 MB gives every such block back to the system when it is freed:
      bench classroom 10 students 60 s, the server ended at 700 MB instead of 783 MB.
    - trim_above (default: mmap_above): free memory at the heap's top beyond this goes back
      to the system. A process that allocates and frees the same few MB thousands of times a
      second (the GAN engine's flocks) wants it well above that working set, else every
      allocation faults its pages in afresh (measured: 3x the time of a flock's forward pass).
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL("libc.so.6")
        M_ARENA_MAX, M_MMAP_THRESHOLD, M_TRIM_THRESHOLD = -8, -3, -1
        ok = bool(libc.mallopt(M_ARENA_MAX, arenas))
        ok &= bool(libc.mallopt(M_MMAP_THRESHOLD, mmap_above))
        ok &= bool(libc.mallopt(M_TRIM_THRESHOLD, mmap_above if trim_above is None else trim_above))
        return ok
    except (OSError, AttributeError):
        log.info("malloc left as it is (no glibc mallopt)")
        return False
