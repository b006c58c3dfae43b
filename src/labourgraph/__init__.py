"""labourgraph: a knowledge graph of ASEAN labour cooperation, built from news articles.

The library API, one function per stage (the command line is a thin shell over these)::

    >>> from labourgraph import build, load_built_graph, run_query, validate, export
    >>> result = build(["seeds"], "build")            # doctest: +SKIP
    >>> kg = load_built_graph("build")                 # doctest: +SKIP
    >>> rows = run_query(kg, "SELECT ?s WHERE { ?s a lg:Meeting }")   # doctest: +SKIP

Names are imported lazily, so ``import labourgraph`` stays cheap.
"""
from __future__ import annotations

from importlib import import_module

__version__ = "0.1.0"

_EXPORTS = {
    "read_article": "labourgraph.articles",
    "Article": "labourgraph.articles",
    "extract_article": "labourgraph.pipeline",
    "build": "labourgraph.pipeline",
    "load_built_graph": "labourgraph.pipeline",
    "KnowledgeGraph": "labourgraph.store",
    "validate": "labourgraph.validation",
    "export": "labourgraph.export",
    "load_queries": "labourgraph.queries",
    "LabourgraphError": "labourgraph.errors",
}
__all__ = ["__version__", "run_query", *_EXPORTS]


def run_query(graph, text: str):
    """Run SPARQL ``text`` (labourgraph's prefixes predeclared) on a KnowledgeGraph."""
    from labourgraph.queries import run_local, with_prologue

    return run_local(graph, with_prologue(text))


def _install_reference_readers() -> None:
    """The extraction modules read no RDF; the readers of the ontology's reference data
    (labourgraph.reference, with rdflib) are passed in here, on first use."""
    from labourgraph import gazetteer

    def lazy(name: str):
        def read(*args):
            from labourgraph import reference
            return getattr(reference, name)(*args)
        return read

    for kind, name in (("references", "read_references"), ("series_notations", "series_notations"),
                       ("theme_concepts", "theme_concepts")):
        if kind not in gazetteer._READERS:
            gazetteer.use_reader(kind, lazy(name))


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'labourgraph' has no attribute {name!r}")


_install_reference_readers()
