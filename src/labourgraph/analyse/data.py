"""The data ``labourgraph analyse`` works on, fetched with the named queries of ``queries/analysis/``.

The same queries run on a local build (pyoxigraph) or on a remote SPARQL 1.1 endpoint
(:class:`labourgraph.remote.Endpoint`), so an analysis of a triple store gives the same
figures as one of the build that was pushed into it. Rows come back as dicts of plain
strings (IRIs as their full text, literals as their lexical form, unbound as ``None``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from labourgraph.queries import find_query, run_local

#: the named queries analyse runs, by the attribute of :class:`AnalysisData` they fill
QUERIES = {
    "participations": "analysis/meeting-actors",
    "affiliations": "analysis/actor-countries",
    "meetings": "analysis/meetings",
    "chairmanships": "analysis/chairmanships",
    "agreements": "analysis/agreements",
    "posts": "analysis/posts",
    "themes": "analysis/themes",
    "entities": "analysis/labels",
}


@dataclass
class AnalysisData:
    """The rows of every analysis query, and where they came from."""

    source: str
    participations: list[dict] = field(default_factory=list)
    affiliations: list[dict] = field(default_factory=list)
    meetings: list[dict] = field(default_factory=list)
    chairmanships: list[dict] = field(default_factory=list)
    agreements: list[dict] = field(default_factory=list)
    posts: list[dict] = field(default_factory=list)
    themes: list[dict] = field(default_factory=list)
    entities: list[dict] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.index()

    def index(self, lang: str = "en") -> None:
        """(Re)build the lookups: labels and kinds by IRI, countries by actor, series by meeting.
        A label is the one in ``lang``, else English, else Indonesian, else any, else the IRI's
        local name; a series is labelled with its notation (SLOM, ALMM) when it has one."""
        order = {code: i for i, code in enumerate(dict.fromkeys([lang, "en", "id"]))}
        best: dict[str, tuple] = {}
        self.kinds: dict[str, str] = {}
        for row in self.entities:
            key = (order.get(row.get("language") or "", len(order)), row.get("label") or "")
            if row["entity"] not in best or key < best[row["entity"]]:
                best[row["entity"]] = key
            self.kinds.setdefault(row["entity"], row.get("kind") or "")
        self.labels: dict[str, str] = {iri: key[1] for iri, key in best.items() if key[1]}
        for row in self.meetings:
            if row.get("series") and row.get("seriesLabel"):
                self.labels[row["series"]] = row["seriesLabel"]
        for row in self.participations:
            self.kinds[row["actor"]] = row.get("kind") or self.kinds.get(row["actor"], "")
        self.countries: dict[str, set[str]] = {}
        for row in self.affiliations:
            self.countries.setdefault(row["actor"], set()).add(row["country"])
        self.series: dict[str, str] = {}
        self.years: dict[str, str] = {}
        for row in self.meetings + self.participations:
            if row.get("series"):
                self.series.setdefault(row["meeting"], row["series"])
            if row.get("year"):
                self.years[row["meeting"]] = min(row["year"], self.years.get(row["meeting"], row["year"]))

    def label(self, iri: str) -> str:
        return self.labels.get(iri) or local(iri)

    @property
    def articles(self) -> list[str]:
        """Identifiers of every article any row cites."""
        found = {row["article"] for rows in (self.participations, self.meetings, self.chairmanships,
                                             self.agreements, self.posts, self.themes)
                 for row in rows if row.get("article")}
        return sorted(found)


def local(iri: str) -> str:
    """``org-kemnaker`` for ``https://w3id.org/labourgraph/id/org-kemnaker``."""
    return iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _plain(term) -> str | None:
    if term is None:
        return None
    return term.value if isinstance(term, (ox.NamedNode, ox.Literal, ox.BlankNode)) else str(term)


def run_query(name: str, *, graph=None, endpoint=None) -> list[dict]:
    """Rows of one named query as dicts of strings, from a local graph or an endpoint."""
    query = find_query(name)
    text = query.bind()
    if endpoint is not None:
        result = endpoint.query(text, source=query.source)
    else:
        result = run_local(graph, text, source=query.source)
    return [{var: _plain(term) for var, term in zip(result.variables, row)} for row in result.rows]


def load_data(data: str | Path | None = None, endpoint: str | None = None, lang: str = "en",
              timeout: float = 60.0, graph=None) -> AnalysisData:
    """Fetch everything analyse needs: from ``graph`` (a loaded KnowledgeGraph), the remote
    ``endpoint`` URL, or the build at ``data`` (default ``build/``); labels in ``lang``."""
    remote = None
    if endpoint:
        from labourgraph.remote import Endpoint
        remote = Endpoint(endpoint, timeout=timeout)
        source = endpoint
    elif graph is None:
        from labourgraph.pipeline import built_graph_path, load_built_graph
        graph = load_built_graph(data)
        source = str(built_graph_path(data))
    else:
        source = str(data) if data else "<graph>"
    rows = {attr: run_query(name, graph=graph, endpoint=remote) for attr, name in QUERIES.items()}
    data = AnalysisData(source=source, **rows)
    data.index(lang)
    return data


__all__ = ["AnalysisData", "QUERIES", "load_data", "run_query", "local"]
