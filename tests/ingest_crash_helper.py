"""A task function for the process-pool test: kills its worker process on files named *crash*.

It stands in for what no real report here triggers on demand (a parsing library crashing, the OOM
killer); everything else goes through the real per-document function.
"""

from __future__ import annotations

import os

from reportparse.store.worker import process_file


def crash_on_name(path: str):
    if "crash" in os.path.basename(path):
        os._exit(3)  # the worker process dies without a Python exception
    return process_file(path)
