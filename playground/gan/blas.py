"""Keep NumPy's BLAS on one thread.

NumPy's OpenBLAS starts a thread per core for any matrix product above a small
size, and its idle threads spin. With many sessions training at once on a small
machine those threads fight each other and every other process: measured here,
the same 2-D GAN ran at 12 steps/s with OpenBLAS threads and 217 steps/s without
(a loaded 2-core machine). The 2-D GAN's matrices are tiny; one thread per
session is the right parallelism. This is process-wide (OPENBLAS_NUM_THREADS=1
before NumPy loads would do the same).
"""

from __future__ import annotations

import ctypes
import functools
import glob
import logging
import os

import numpy as np

log = logging.getLogger("playground")

_SETTERS = ("scipy_openblas_set_num_threads64_", "scipy_openblas_set_num_threads",
            "openblas_set_num_threads64_", "openblas_set_num_threads")


@functools.lru_cache(maxsize=1)
def single_thread() -> bool:
    """Set NumPy's OpenBLAS to one thread, once; False if this NumPy has no OpenBLAS we can find."""
    libs = glob.glob(os.path.join(os.path.dirname(np.__file__), "..", "numpy.libs", "*openblas*"))
    libs += glob.glob(os.path.join(os.path.dirname(np.__file__), ".dylibs", "*openblas*"))
    for path in libs:
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for name in _SETTERS:
            if hasattr(lib, name):
                getattr(lib, name)(1)
                return True
    log.info("numpy's BLAS thread count left as is (no OpenBLAS found)")
    return False
