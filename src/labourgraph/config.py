"""Where things are: the build folder, the additions folder, the seeds and the query folders.

They are found, in this order, from

1. ``LABOURGRAPH_HOME``: a folder holding ``build/``, ``additions/``, ``seeds/`` and
   ``queries/`` (and, optionally, a ``labourgraph.toml`` that says otherwise);
2. a ``labourgraph.toml`` in the working directory or the nearest folder above it;
3. otherwise ``build/``, ``seeds/`` and the built-in query library, relative to the
   working directory (the layout of a checkout).

``labourgraph.toml`` (every key optional; relative paths are relative to the file's folder)::

    build = "build"             # where `labourgraph build` writes and other commands read
    additions = "additions"     # where `labourgraph add` keeps additions
    seeds = "seeds"             # what `labourgraph build` reads when given no articles
    queries = ["queries"]       # folders of .rq files, added to the built-in library

So the commands work from any folder below the project, or from anywhere with
``LABOURGRAPH_HOME`` set. Options on the command line (``--out``, ``--data``, ``--build``,
``--additions``, ``--queries-dir``) always win.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from labourgraph.errors import LabourgraphError

CONFIG_NAME = "labourgraph.toml"
ENV_HOME = "LABOURGRAPH_HOME"
_KEYS = ("build", "additions", "seeds", "queries")


@dataclass(frozen=True)
class Places:
    """The folders the commands use by default, and where that was decided."""

    build: Path = Path("build")
    additions: Path | None = None        # None: additions/ beside the build folder
    seeds: Path = Path("seeds")
    queries: tuple[Path, ...] = field(default=())
    origin: str = "default"              # "LABOURGRAPH_HOME", the toml file's path, or "default"


def find_config(start: str | Path | None = None) -> Path | None:
    """The nearest ``labourgraph.toml`` in ``start`` (default: the working directory) or above."""
    here = Path(start or os.getcwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def _shown(path: Path) -> Path:
    """``path`` relative to the working directory when it is below it, else absolute."""
    try:
        return Path(os.path.relpath(path)) if path.resolve().is_relative_to(Path.cwd().resolve()) else path
    except ValueError:
        return path


def _read(config: Path) -> dict:
    try:
        data = tomllib.loads(config.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise LabourgraphError(f"cannot read: {err}", config) from None
    except tomllib.TOMLDecodeError as err:
        text = str(err)
        line = col = None
        import re
        at = re.search(r"\(at line (\d+), column (\d+)\)", text)
        if at:
            line, col = int(at.group(1)), int(at.group(2))
            text = text[:at.start()].strip()
        raise LabourgraphError(f"TOML syntax error: {text}", config, line, col) from None
    section = data.get("labourgraph", data)
    unknown = sorted(set(section) - set(_KEYS) - {"labourgraph"})
    if unknown:
        raise LabourgraphError(f"unknown key {unknown[0]!r}; the keys are {', '.join(_KEYS)}", config)
    return section


def places() -> Places:
    """The folders to use, from ``LABOURGRAPH_HOME``, ``labourgraph.toml`` or the defaults."""
    home = os.environ.get(ENV_HOME)
    if home:
        root = Path(home).expanduser()
        config = root / CONFIG_NAME if (root / CONFIG_NAME).is_file() else None
        origin = ENV_HOME
    else:
        config = find_config()
        if config is None:
            return Places()
        root = config.parent
        origin = str(config)
    values = _read(config) if config is not None else {}

    def path(key: str, default: str) -> Path:
        value = values.get(key, default)
        if not isinstance(value, str):
            raise LabourgraphError(f"{key} must be a path (a string)", config)
        return _shown(root / Path(value).expanduser())

    queries = values.get("queries", [])
    if isinstance(queries, str):
        queries = [queries]
    if not isinstance(queries, list) or not all(isinstance(q, str) for q in queries):
        raise LabourgraphError("queries must be a folder or a list of folders", config)
    additions = path("additions", "additions") if ("additions" in values or home) else None
    return Places(build=path("build", "build"), additions=additions, seeds=path("seeds", "seeds"),
                  queries=tuple(_shown(root / q) for q in queries), origin=origin)


def build_dir() -> Path:
    """The build folder commands read and ``labourgraph build`` writes."""
    return places().build


def seeds_dir() -> Path:
    """What ``labourgraph build`` reads when given no articles."""
    return places().seeds


def additions_dir() -> Path | None:
    """Where ``labourgraph add`` keeps additions (None: ``additions/`` beside the build folder)."""
    return places().additions


def query_dirs() -> tuple[Path, ...]:
    """Folders of ``.rq`` files added to the built-in library."""
    return places().queries


__all__ = ["Places", "places", "find_config", "build_dir", "seeds_dir", "additions_dir", "query_dirs",
           "CONFIG_NAME", "ENV_HOME"]
