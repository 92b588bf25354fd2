"""Imported once by the process pool's forkserver: everything is warmed there, before any fork.

Pool workers are forked from the forkserver, so they start with the tokenizer dictionary and the
compiled patterns already in memory (shared copy-on-write) instead of each loading them again:
on 2 busy cores that cut the pool's start-up from about 2.8 s to the cost of one warm-up.
"""

import signal

# The forkserver ignores Ctrl-C only once its preload is done; a Ctrl-C during this warm-up (the first
# second of a batch) printed a KeyboardInterrupt traceback from it.  Ctrl-C is the driver's business.
signal.signal(signal.SIGINT, signal.SIG_IGN)

from .worker import warm  # noqa: E402 - after the signal, so an interrupt during the import is ignored too

warm()
