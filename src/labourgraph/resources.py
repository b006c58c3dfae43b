"""Find the files that travel with labourgraph: the ontology, the shapes, the queries.

In a checkout they are the top-level ``ontology/`` and ``queries/`` folders; in an installed
wheel they are packaged under ``labourgraph/_data/``. ``LABOURGRAPH_HOME`` overrides both.
"""
from __future__ import annotations

import os
from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def _data_root(name: str) -> Path:
    env = os.environ.get("LABOURGRAPH_HOME")
    candidates = []
    if env:
        candidates.append(Path(env) / name)
    candidates += [_PACKAGE / "_data" / name, _PACKAGE.parent.parent / name]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"labourgraph data folder {name!r} not found (looked in "
                            + ", ".join(str(c) for c in candidates) + ")")


def ontology_dir() -> Path:
    """The folder holding the ontology, reference entities and shapes (Turtle)."""
    return _data_root("ontology")


def queries_dir() -> Path:
    """The folder holding the named SPARQL queries (``*.rq``)."""
    return _data_root("queries")


def ontology_file(name: str) -> Path:
    """One file of ``ontology/``, e.g. ``ontology_file("shapes.ttl")``."""
    return ontology_dir() / name


def shapes_file() -> Path:
    """The SHACL shapes that a built graph must pass."""
    return ontology_file("shapes.ttl")


def default_seeds_dir() -> Path:
    """``seeds/`` of the current directory (the project checkout)."""
    return Path("seeds")
