"""Files or standard streams: ``-`` (and ``/dev/stdin``, or any pipe such as ``<(cmd)``) for
every file a command reads, and ``-`` for every file it writes.

RDF read from a stream has no file suffix, so its format comes from ``--syntax`` or is
sniffed where that is unambiguous (:func:`labourgraph.formats.sniff`).
"""
from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from pathlib import Path

import click

from labourgraph.errors import LabourgraphError, RdfSyntaxError
from labourgraph.formats import RdfFormat, parse_bytes, rdf_format, rdf_format_for_suffix, sniff

STDIN_NAME = "<stdin>"
_STDIN_PATHS = ("-", "/dev/stdin", "/proc/self/fd/0", "/dev/fd/0")

_stdin_taken: list[str] = []


def is_stream(path: str | Path | None) -> bool:
    """Whether ``path`` means a stream rather than a regular file or folder: ``-``,
    ``/dev/stdin``, or a pipe or character device (``<(cmd)``, ``/dev/fd/N``)."""
    if path is None:
        return False
    text = str(path)
    if text in _STDIN_PATHS:
        return True
    try:
        mode = os.stat(text).st_mode
    except OSError:
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISCHR(mode) or stat.S_ISSOCK(mode)


def source_name(path: str | Path) -> str:
    """How a stream is named in messages: ``<stdin>`` for standard input, else its path."""
    return STDIN_NAME if str(path) in _STDIN_PATHS else str(path)


def read_stream(path: str | Path, what: str = "input") -> bytes:
    """All bytes of a stream (``-`` is standard input, read once per command)."""
    name = source_name(path)
    if name == STDIN_NAME:
        if _stdin_taken:
            raise click.UsageError(f"standard input is read once; it is already the {_stdin_taken[0]}")
        _stdin_taken.append(what)
        return sys.stdin.buffer.read()
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError as err:
        raise LabourgraphError(f"cannot read: {err.strerror or err}", name) from None


def reset_stdin() -> None:
    """Forget that standard input was read (each command invocation starts afresh)."""
    _stdin_taken.clear()


def input_format(syntax: str | None, path: str | Path | None = None) -> RdfFormat | None:
    """The format ``--syntax`` names, else the one the file's suffix suggests (None for a stream)."""
    if syntax:
        return rdf_format(syntax)
    if path is not None and not is_stream(path):
        return rdf_format_for_suffix(path)
    return None


def load_rdf(paths, syntax: str | None = None):
    """A :class:`~labourgraph.store.KnowledgeGraph` of RDF files, build folders and streams."""
    from labourgraph.pipeline import built_graph_path
    from labourgraph.store import KnowledgeGraph

    kg = KnowledgeGraph()
    for path in paths:
        if is_stream(path):
            parse_bytes(kg, read_stream(path, "data"), syntax, source_name(path))
            continue
        path = Path(path)
        if path.is_dir():
            path = built_graph_path(path)
        if syntax:
            if not path.is_file():
                raise RdfSyntaxError("no such file", path)
            parse_bytes(kg, path.read_bytes(), syntax, str(path))
        else:
            kg.load(path)
    return kg


def load_data(data: str | Path | None, syntax: str | None = None):
    """The graph ``--data`` names: a file, a build folder, ``-``, or (None) the configured build."""
    from labourgraph.pipeline import load_built_graph

    if data is None:
        from labourgraph.config import build_dir
        configured = build_dir()
        return load_built_graph(configured if configured != Path("build") else None)
    if is_stream(data) or syntax:
        graph = load_rdf([data], syntax)
        if hasattr(graph, "query_store"):
            graph.query_store()          # the set-semantics view, as load_built_graph makes it
        return graph
    return load_built_graph(data)


@contextlib.contextmanager
def as_files(paths, syntax: str | None = None):
    """Regular files for ``paths``: a stream (or a file whose suffix does not say ``--syntax``)
    is copied to a temporary file with the right suffix. Yields ``(files, names)``, where
    ``names`` maps each temporary file back to the name to show (``<stdin>``)."""
    tmpdir = None
    files: list[Path] = []
    names: dict[str, str] = {}
    try:
        for path in paths:
            fmt = rdf_format(syntax) if syntax else None
            stream = is_stream(path)
            if not stream and (fmt is None or rdf_format_for_suffix(path) == fmt):
                files.append(Path(path))
                continue
            data = read_stream(path, "data") if stream else Path(path).read_bytes()
            name = source_name(path)
            if fmt is None:
                fmt = sniff(data)
                if fmt is None:
                    if not data.strip():
                        raise RdfSyntaxError("no data (empty input)", name)
                    raise RdfSyntaxError("cannot tell the RDF format of this input; give it with --syntax", name)
            if tmpdir is None:
                tmpdir = tempfile.mkdtemp(prefix="labourgraph-")
            stem = "stdin" if name == STDIN_NAME else f"input-{len(files)}"
            tmp = Path(tmpdir) / f"{stem}{fmt.suffix}"
            tmp.write_bytes(data)
            names[str(tmp)] = name
            files.append(tmp)
        try:
            yield files, names
        except LabourgraphError as err:
            if err.path in names:
                err.path = names[err.path]
            raise
    finally:
        if tmpdir is not None:
            for f in Path(tmpdir).iterdir():
                f.unlink()
            os.rmdir(tmpdir)


def write_output(output: str | Path | None, data: bytes) -> None:
    """Write ``data`` to ``output`` atomically, or to standard output for ``-`` or None."""
    if output is None or str(output) == "-":
        out = sys.stdout.buffer
        out.write(data)
        out.flush()
        return
    from labourgraph.store import write_atomically
    write_atomically(output, data)


def stdout_is_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False
