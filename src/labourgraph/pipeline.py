"""Build the knowledge graph: articles -> extraction -> RDF -> validation -> files.

The build folder (``build/`` by default) holds ``labourgraph.ttl`` (the whole graph: data
plus the reference entities it uses) and ``labourgraph.trig`` (the same, one named graph
per article). Other commands read the build through :func:`load_built_graph`.
"""
from __future__ import annotations

from pathlib import Path

from labourgraph.errors import RdfSyntaxError
from labourgraph.store import KnowledgeGraph

DEFAULT_BUILD_DIR = Path("build")
TURTLE_NAME = "labourgraph.ttl"
TRIG_NAME = "labourgraph.trig"


def built_graph_path(data: str | Path | None = None) -> Path:
    """The file a command reads: ``data`` itself, or the TriG file of a build folder."""
    path = Path(data) if data is not None else DEFAULT_BUILD_DIR
    if path.is_dir():
        for name in (TRIG_NAME, TURTLE_NAME):
            if (path / name).is_file():
                return path / name
        raise RdfSyntaxError(f"no {TRIG_NAME} or {TURTLE_NAME} in this folder; run 'labourgraph build' first", path)
    if not path.exists():
        hint = "; run 'labourgraph build' first" if data is None else ""
        raise RdfSyntaxError(f"no such file or folder{hint}", path)
    return path


def load_built_graph(data: str | Path | None = None) -> KnowledgeGraph:
    """Load the local build (or the RDF file or build folder ``data``), named graphs kept."""
    return KnowledgeGraph.from_files(built_graph_path(data))
