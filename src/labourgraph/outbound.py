"""Whether local commands may reach other hosts. Off unless ``labourgraph --allow-remote``.

A local command works on local files: ``query`` runs on the build, ``validate`` and ``add``
read a file. Without the flag none of them makes an outbound request: a query's ``SERVICE``
is refused (:func:`labourgraph.sparql_policy.check_local`) and a JSON-LD file's remote
``@context`` is not fetched (:meth:`labourgraph.store.KnowledgeGraph.load`). ``query
--endpoint`` and ``push`` reach the one endpoint they are given, which is what they are for.
"""
from __future__ import annotations

from contextlib import contextmanager

HINT = "labourgraph makes no outbound request unless given --allow-remote (labourgraph --allow-remote COMMAND ...)"

_allowed = False


def allowed() -> bool:
    """Whether outbound requests are allowed in this process."""
    return _allowed


def allow(flag: bool = True) -> None:
    """Allow (or forbid again) outbound requests in this process."""
    global _allowed
    _allowed = bool(flag)


@contextmanager
def allowing(flag: bool = True):
    """Allow outbound requests inside a ``with`` block."""
    before = _allowed
    allow(flag)
    try:
        yield
    finally:
        allow(before)


__all__ = ["allowed", "allow", "allowing", "HINT"]
