"""Queries for ``labourgraph serve`` run in worker processes that can be stopped.

pyoxigraph cannot cancel a query that is computing (a ``COUNT`` over a triple cross product
yields nothing for minutes), and a thread cannot be killed, so a query that ran out of time
used to keep its thread and its slot until it ended by itself: five such queries took the
endpoint down for good (issue 11). Here every query runs in one of a few worker processes:

* a worker past the query's deadline is killed (SIGKILL) and replaced, so its slot is free
  again at once and the endpoint answers the next query;
* each worker has an address-space limit (``RLIMIT_AS``) of its size after loading the
  graph plus a per-query budget, so a query that sorts a cross product stops with an
  allocation failure in its worker, which is reported and replaced, instead of taking the
  machine's memory;
* the policy (:mod:`labourgraph.sparql_policy`: no ``SERVICE``) is applied in the worker,
  just before the query runs, so parsing a huge or deeply nested query is bounded too;
* workers are forked from Python's ``forkserver`` (labourgraph's modules preloaded there),
  and each one loads the graph from an N-Quads copy of the server's graph into a
  :class:`~labourgraph.store.KnowledgeGraph`, so queries run through the same
  ``KnowledgeGraph.query`` (set semantics and all) as local ones.
"""
from __future__ import annotations

import multiprocessing
import os
import queue
import resource
import signal
import sys
import threading
import time
from dataclasses import dataclass

import pyoxigraph as ox

from labourgraph.errors import QueryError

DEFAULT_WORKERS = 4
DEFAULT_MEMORY_MB = 512
_START_TIMEOUT = 120.0


class QueryTimeout(Exception):
    """The query ran out of time (and its worker was stopped)."""


class QueryBusy(QueryTimeout):
    """No worker became free before the query's deadline."""


class QueryMemory(Exception):
    """The query needed more memory than a worker may use."""


class WorkerCrash(Exception):
    """A worker died while running the query, for another reason than memory."""


# -- the worker process ------------------------------------------------------------------

def _vm_size() -> int:
    """This process's address-space size in bytes (VmSize)."""
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def _worker_main(conn, data: bytes, memory_bytes: int | None) -> None:
    """Load the graph, cap the address space, then answer ``(text, limit)`` requests."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)     # Ctrl-C stops the server, which stops us
    from labourgraph.queries import QueryResult
    from labourgraph.sparql_policy import check_query, refine_error
    from labourgraph.store import KnowledgeGraph
    graph = KnowledgeGraph()
    if data:
        graph.load_bytes(data, ox.RdfFormat.N_QUADS, source="<served graph>")
    try:
        graph.query("ASK {}")                        # build any query view before the cap
    except QueryError:
        pass
    if memory_bytes:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        soft = _vm_size() + memory_bytes
        if hard != resource.RLIM_INFINITY:
            soft = min(soft, hard)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 5000))   # rdflib's parser recurses per triple
    conn.send(("ready", os.getpid()))
    while True:
        try:
            text, limit = conn.recv()
        except (EOFError, OSError):
            return
        try:
            # the policy runs here too, where a slow or deep parse is bounded in time and memory
            checked = check_query(text)
            try:
                result = QueryResult.from_pyoxigraph(graph.query(checked.text), limit=limit)
            except QueryError as err:
                raise refine_error(checked.text, err) from None
            reply = ("ok", result)
        except QueryError as err:
            reply = ("query-error", (err.message, err.line, err.column))
        except MemoryError:
            reply = ("memory", None)
        except Exception as err:  # noqa: BLE001 - reported to the server, which answers 500
            reply = ("error", f"{type(err).__name__}: {err}")
        try:
            conn.send(reply)
        except MemoryError:
            os._exit(3)
        if reply[0] == "memory":
            os._exit(3)                              # a fresh worker is cleaner than a reused one
        del reply


# -- the pool ------------------------------------------------------------------------------

@dataclass(eq=False)
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: object

    @property
    def pid(self) -> int | None:
        return self.process.pid

    def stop(self) -> None:
        try:
            self.process.kill()
        except (OSError, ValueError, AttributeError):
            pass
        self.process.join(5)
        try:
            self.conn.close()
        except OSError:
            pass


class WorkerPool:
    """``size`` worker processes holding a copy of ``graph``; :meth:`run` runs one query."""

    def __init__(self, graph, size: int = DEFAULT_WORKERS, memory_mb: int | None = DEFAULT_MEMORY_MB):
        if size < 1:
            raise ValueError("a worker pool needs at least one worker")
        self.size = size
        self.memory_mb = memory_mb
        self._data = ox.serialize(graph.quads(), format=ox.RdfFormat.N_QUADS) if len(graph) else b""
        self._ctx = multiprocessing.get_context("forkserver")
        self._ctx.set_forkserver_preload(["labourgraph.queries", "labourgraph.store", "labourgraph.sparql_policy",
                                          "rdflib.plugins.sparql.parser", "pyoxigraph"])
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        started = [self._start() for _ in range(size)]
        for worker in started:
            self._await_ready(worker)

    # -- workers ---------------------------------------------------------------------------

    def _start(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        memory = self.memory_mb * 1024 * 1024 if self.memory_mb else None
        process = self._ctx.Process(target=_worker_main, args=(child, self._data, memory),
                                    name="labourgraph-query", daemon=True)
        process.start()
        child.close()
        worker = _Worker(process, parent)
        with self._lock:
            self._all.add(worker)
        return worker

    def _await_ready(self, worker: _Worker) -> None:
        if not worker.conn.poll(_START_TIMEOUT):
            self._discard(worker)
            raise RuntimeError("a query worker did not start")
        try:
            worker.conn.recv()
        except EOFError:
            self._discard(worker)
            raise RuntimeError(f"a query worker failed to start (exit code {worker.process.exitcode})") from None
        self._idle.put(worker)

    def _discard(self, worker: _Worker) -> None:
        worker.stop()
        with self._lock:
            self._all.discard(worker)

    def _replace(self, worker: _Worker) -> None:
        """Stop ``worker`` and start another in the background (the caller answers now)."""
        self._discard(worker)

        def respawn():
            delay = 0.1
            while not self._closed:
                try:
                    fresh = self._start()
                    self._await_ready(fresh)
                    if self._closed:
                        self._discard(fresh)
                    return
                except (OSError, RuntimeError):
                    time.sleep(delay)
                    delay = min(delay * 2, 5.0)

        threading.Thread(target=respawn, name="labourgraph-respawn", daemon=True).start()

    def pids(self) -> list[int]:
        """Process ids of the live workers (for monitoring)."""
        with self._lock:
            return [w.pid for w in self._all if w.pid is not None and w.process.is_alive()]

    # -- running -------------------------------------------------------------------------

    def run(self, text: str, limit: int | None, deadline: float):
        """Check ``text`` against the policy (:func:`labourgraph.sparql_policy.check_query`)
        and run it, in a worker, before ``deadline`` (``time.monotonic``).

        Raises :class:`QueryBusy`, :class:`QueryTimeout`, :class:`QueryMemory`,
        :class:`WorkerCrash` or the query's :class:`QueryError`."""
        while True:
            try:
                worker = self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise QueryBusy() from None
            try:
                worker.conn.send((text, limit))
                break
            except OSError:                        # it died while idle (killed from outside)
                self._replace(worker)
        try:
            if not worker.conn.poll(max(0.0, deadline - time.monotonic())):
                raise QueryTimeout()
            kind, value = worker.conn.recv()
        except QueryTimeout:
            self._replace(worker)
            raise
        except (EOFError, OSError):
            worker.process.join(5)
            code = worker.process.exitcode
            self._replace(worker)
            if code in (-signal.SIGABRT, -signal.SIGSEGV, 3) and self.memory_mb:
                raise QueryMemory() from None      # Rust aborts when an allocation fails
            raise WorkerCrash(f"query worker exited with code {code}") from None
        if kind == "memory":
            self._replace(worker)
            raise QueryMemory()
        self._idle.put(worker)
        if kind == "ok":
            return value
        if kind == "query-error":
            message, line, column = value
            raise QueryError(message, "<query>", line, column)
        raise WorkerCrash(value)

    def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        with self._lock:
            workers = list(self._all)
        for worker in workers:
            self._discard(worker)


__all__ = ["WorkerPool", "QueryTimeout", "QueryBusy", "QueryMemory", "WorkerCrash",
           "DEFAULT_WORKERS", "DEFAULT_MEMORY_MB"]
