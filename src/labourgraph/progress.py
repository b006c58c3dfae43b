"""Progress bars (tqdm) for the stages that take more than a moment, and the log.

Every bar goes to standard error, only when standard error is a terminal, and only once a
stage has run for :data:`DELAY` seconds, so quick commands, pipes and logs stay clean.
``labourgraph -q`` turns them off (:func:`set_quiet`). A stage also logs its name and time
(``labourgraph -v`` shows them).

    with stage("validating (SHACL)"):
        report = validate(kg)

    for article in bar(articles, desc="extracting", unit="article"):
        ...
"""
from __future__ import annotations

import logging
import os
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from tqdm import tqdm

log = logging.getLogger("labourgraph")

#: seconds a stage runs before its bar shows (LABOURGRAPH_PROGRESS_DELAY overrides, for tests)
DELAY = float(os.environ.get("LABOURGRAPH_PROGRESS_DELAY", "2"))
_quiet = False


def set_quiet(quiet: bool) -> None:
    """No bars at all (``labourgraph -q``)."""
    global _quiet
    _quiet = quiet


def _disable(force: bool | None) -> bool | None:
    """tqdm's ``disable``: None lets tqdm show the bar only on a terminal."""
    if _quiet or force is False:
        return True
    return None if force is None else False


def bar(iterable: Iterable | None = None, *, desc: str, show: bool | None = None, **kwargs) -> tqdm:
    """A tqdm bar over ``iterable`` on standard error (``show``: None = on a terminal, after
    :data:`DELAY` seconds; True/False to force)."""
    kwargs.setdefault("leave", False)
    kwargs.setdefault("delay", 0 if show else DELAY)
    return tqdm(iterable, desc=desc, disable=_disable(show), file=sys.stderr, **kwargs)


@contextmanager
def stage(desc: str, show: bool | None = None) -> Iterator[None]:
    """A step without inner progress: a bar with the elapsed time, refreshed twice a second,
    shown after :data:`DELAY` seconds on a terminal. Logs the step and its duration."""
    log.info("%s ...", desc)
    start = time.monotonic()
    disable = _disable(show)
    t = tqdm(total=None, desc=desc, bar_format="{desc}: {elapsed}", disable=disable, file=sys.stderr,
             leave=False, delay=10**9)
    stop = threading.Event()
    thread = None
    if not t.disable:
        delay = 0 if show else DELAY

        def tick():
            while not stop.wait(0.5):
                if time.monotonic() - start >= delay:
                    t.last_print_t = t._time()      # so that close() clears the line
                    t.refresh()

        if delay <= 0:          # shown at once: do not wait for the first tick (a fast step ends before it)
            t.last_print_t = t._time()
            t.refresh()
        thread = threading.Thread(target=tick, name="labourgraph-progress", daemon=True)
        thread.start()
    try:
        yield
    finally:
        stop.set()
        if thread is not None:
            thread.join()
        t.close()
        log.info("%s: %.1f s", desc, time.monotonic() - start)


def configure_logging(verbosity: int = 0, quiet: bool = False, debug: bool = False) -> None:
    """Log to standard error: warnings by default, ``-v`` info, ``-vv`` or ``--debug`` debug,
    ``-q`` errors only (and no progress bars)."""
    if quiet:
        level = logging.ERROR
    elif debug or verbosity >= 2:
        level = logging.DEBUG
    elif verbosity == 1:
        level = logging.INFO
    else:
        level = logging.WARNING
    set_quiet(quiet)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("labourgraph: %(message)s" if level > logging.DEBUG
                                           else "labourgraph: %(name)s: %(message)s"))
    root = logging.getLogger("labourgraph")
    for old in list(root.handlers):
        if getattr(old, "_labourgraph", False):
            root.removeHandler(old)
    handler._labourgraph = True
    root.addHandler(handler)
    root.setLevel(level)
    root.propagate = False


__all__ = ["bar", "stage", "set_quiet", "configure_logging", "DELAY", "log"]
