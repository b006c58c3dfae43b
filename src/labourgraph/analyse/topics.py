"""The four analyses: actors, cooperation, communities and timeline, computed with networkx.

Each takes :class:`~labourgraph.analyse.data.AnalysisData` and returns an :class:`Analysis`:
named tables (columns and rows, sorted with every tie broken by label and IRI), the network
it was computed on (for drawing and export), and the articles its figures came from.

* The **co-participation network** joins two actors (persons, organisations, countries)
  that take part in the same meeting, in any role (participant, representative, host,
  chair, organiser); an edge's ``weight`` is the number of meetings they share.
* The **cooperation network** joins two countries. A country takes part in a meeting when
  it, one of its bodies (``lg:country``) or one of its officials (a post in such a body)
  does. An edge counts the ``meetings`` both take part in, the meetings one ``hosted``
  where the other took part, the meetings one ``chaired`` (``lg:chair``, or a chairmanship
  of the body whose series the meeting belongs to, in the years of the chairmanship) where
  the other took part, and the ``agreements`` (``lg:Agreement``) with parties from both.
  Its ``weight`` is the sum.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import networkx as nx

from labourgraph.analyse.data import AnalysisData

TOPICS = ("actors", "cooperation", "communities", "timeline")
#: the seed of the Louvain method, so that a run can be repeated
SEED = 42
NO_YEAR = ""


@dataclass
class Table:
    """One table of an analysis: a name (for --table and JSON), a title, columns and rows."""

    name: str
    title: str
    columns: list[str]
    rows: list[list[Any]]

    def dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row)) for row in self.rows]


@dataclass
class Analysis:
    """The result of one topic."""

    topic: str
    tables: list[Table]
    articles: list[str]
    source: str
    graph: nx.Graph | None = None
    notes: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def table(self, name: str) -> Table:
        return next(t for t in self.tables if t.name == name)


def _round(value: float) -> float:
    value = round(float(value), 4)
    return 0.0 if value == 0 else value       # no "-0.0"


# -- the co-participation network ----------------------------------------------------------

def meeting_actors(data: AnalysisData, year: str | None = None) -> dict[str, set[str]]:
    """Meeting -> the actors that take part in it (optionally only the meetings of ``year``)."""
    out: dict[str, set[str]] = defaultdict(set)
    for row in data.participations:
        if year is not None and data.years.get(row["meeting"], NO_YEAR) != year:
            continue
        out[row["meeting"]].add(row["actor"])
    return dict(out)


def coparticipation(data: AnalysisData, year: str | None = None) -> nx.Graph:
    """The co-participation network (see the module's docstring); nodes carry label, kind, meetings."""
    graph = nx.Graph()
    by_meeting = meeting_actors(data, year)
    count: Counter = Counter()
    for meeting in sorted(by_meeting):
        actors = sorted(by_meeting[meeting])
        count.update(actors)
        for actor in actors:
            if actor not in graph:
                graph.add_node(actor, label=data.label(actor), kind=data.kinds.get(actor, ""), meetings=0)
        for a, b in combinations(actors, 2):
            if graph.has_edge(a, b):
                graph[a][b]["weight"] += 1
            else:
                graph.add_edge(a, b, weight=1)
    for actor, n in count.items():
        graph.nodes[actor]["meetings"] = n
    return _sorted_graph(graph)


def _sorted_graph(graph: nx.Graph) -> nx.Graph:
    """The same graph with nodes and edges inserted in sorted order (deterministic iteration)."""
    out = nx.Graph()
    out.graph.update(graph.graph)
    for node in sorted(graph.nodes):
        out.add_node(node, **graph.nodes[node])
    for u, v in sorted(tuple(sorted(e)) for e in graph.edges):
        out.add_edge(u, v, **graph[u][v])
    return out


def centralities(graph: nx.Graph) -> dict[str, dict[str, float]]:
    """Degree, betweenness (both normalised, unweighted) and eigenvector centrality (weighted
    by shared meetings; unit Euclidean norm, see :func:`eigenvector`) of every node."""
    if graph.number_of_nodes() == 0:
        return {}
    degree = nx.degree_centrality(graph) if graph.number_of_nodes() > 1 else {n: 0.0 for n in graph}
    betweenness = fast_betweenness(graph)
    eigen = eigenvector(graph)
    return {n: {"degree": degree[n], "betweenness": betweenness[n], "eigenvector": abs(eigen[n])} for n in graph}


def fast_betweenness(graph: nx.Graph, block: int = 256) -> dict[str, float]:
    """Betweenness centrality, exact, normalised as networkx's ``betweenness_centrality`` (an
    undirected graph's sum over pairs divided by (n-1)(n-2)/2), unweighted.

    Brandes' algorithm run from a block of sources at once with array operations: a
    breadth-first search level by level counts the shortest paths (sigma), then the
    dependencies are accumulated back from the farthest level. It gives networkx's numbers
    (tested) some ten times faster on the co-participation networks of large builds."""
    import numpy as np
    from scipy import sparse

    nodes = list(graph)
    n = len(nodes)
    if n <= 2 or graph.number_of_edges() == 0:
        return {v: 0.0 for v in nodes}
    adjacency = sparse.csr_array(nx.to_scipy_sparse_array(graph, nodelist=nodes, weight=None, format="csr"),
                                 dtype=float)
    total = np.zeros(n)
    for start in range(0, n, block):
        sources = np.arange(start, min(start + block, n))
        rows = len(sources)
        dist = np.full((rows, n), -1, dtype=np.int32)
        sigma = np.zeros((rows, n))
        dist[np.arange(rows), sources] = 0
        sigma[np.arange(rows), sources] = 1.0
        level = 0
        while True:
            frontier = np.where(dist == level, sigma, 0.0)
            reached = np.asarray((adjacency @ frontier.T).T)
            new = (reached > 0) & (dist < 0)
            if not new.any():
                break
            level += 1
            dist[new] = level
            sigma[new] = reached[new]
        delta = np.zeros((rows, n))
        with np.errstate(divide="ignore", invalid="ignore"):
            for k in range(level - 1, 0, -1):
                share = np.where(dist == k + 1, (1.0 + delta) / sigma, 0.0)
                pulled = np.asarray((adjacency @ share.T).T)
                at_k = dist == k
                delta[at_k] = (sigma * pulled)[at_k]
        total += delta.sum(axis=0)
    scale = 1.0 / ((n - 1) * (n - 2))
    return {v: float(total[i] * scale) for i, v in enumerate(nodes)}


def eigenvector(graph: nx.Graph) -> dict[str, float]:
    """Eigenvector centrality: the leading eigenvector of the weighted adjacency matrix, unit
    Euclidean norm (as networkx's ``eigenvector_centrality``), computed with LAPACK, which
    gives the same answer every run, where power iteration can be slow to converge."""
    nodes = list(graph)
    if graph.number_of_edges() == 0:
        return {n: 0.0 for n in nodes}
    import numpy as np
    matrix = nx.to_numpy_array(graph, nodelist=nodes, weight="weight")
    if len(nodes) <= 300:
        values, vectors = np.linalg.eigh(matrix)
        vector = vectors[:, int(np.argmax(values))]
    else:   # sparse, from a fixed start vector
        from scipy.sparse.linalg import eigsh
        sparse = nx.to_scipy_sparse_array(graph, nodelist=nodes, weight="weight", format="csr").astype(float)
        _, vectors = eigsh(sparse, k=1, which="LA", v0=np.ones(len(nodes)))
        vector = vectors[:, 0]
    vector = np.abs(vector) / (np.linalg.norm(vector) or 1.0)
    return {n: float(v) for n, v in zip(nodes, vector)}


def _actor_rows(graph: nx.Graph, year: str | None = None) -> list[list[Any]]:
    scores = centralities(graph)
    rows = []
    for node, s in scores.items():
        attrs = graph.nodes[node]
        row = [attrs["label"], attrs["kind"], node, attrs["meetings"], graph.degree(node),
               _round(s["degree"]), _round(s["betweenness"]), _round(s["eigenvector"])]
        rows.append(([year] if year is not None else []) + row)
    k = 1 if year is not None else 0
    rows.sort(key=lambda r: ((r[0] if year is not None else ""), -r[k + 5], -r[k + 6], -r[k + 7], -r[k + 3],
                             r[k].lower(), r[k + 2]))
    return rows


ACTOR_COLUMNS = ["actor", "kind", "iri", "meetings", "partners", "degree", "betweenness", "eigenvector"]


def actors(data: AnalysisData, by: str | None = None) -> Analysis:
    """Centrality of persons, organisations and countries in the co-participation network."""
    graph = coparticipation(data)
    tables = [Table("actors", "Actors by centrality in the co-participation network (all years)",
                    ACTOR_COLUMNS, _actor_rows(graph))]
    notes = []
    if by == "year":
        years = sorted({y for y in (data.years.get(m, NO_YEAR) for m in meeting_actors(data)) if y})
        rows = []
        for year in years:
            rows += _actor_rows(coparticipation(data, year), year)
        tables = [Table("actors-by-year", "Actors by centrality, each year's meetings on their own",
                        ["year", *ACTOR_COLUMNS], rows)]
        undated = sorted(m for m in meeting_actors(data) if not data.years.get(m))
        if undated:
            notes.append(f"{len(undated)} meeting(s) without a date or a dated article are left out of the years.")
    articles = sorted({r["article"] for r in data.participations if r.get("article")})
    return Analysis("actors", tables, articles, data.source, graph, notes, {"by": by})


# -- cooperation between countries -----------------------------------------------------------

WEIGHTS = ("meetings", "hosted", "chaired", "agreements")


def _countries_of(data: AnalysisData, actor: str) -> set[str]:
    return data.countries.get(actor, set())


def meeting_chairs(data: AnalysisData) -> dict[str, set[str]]:
    """Meeting -> the countries that chaired it: ``lg:chair``, or a chairmanship of the body whose
    series the meeting belongs to, when the meeting's year falls in the chairmanship's years."""
    chairs: dict[str, set[str]] = defaultdict(set)
    for row in data.participations:
        if row["role"] == "chair":
            chairs[row["meeting"]] |= _countries_of(data, row["actor"])
    spans = [(row["series"], row["start"], row.get("end") or row["start"], row["chair"])
             for row in data.chairmanships if row.get("series") and row.get("start")]
    for meeting, series in data.series.items():
        year = data.years.get(meeting)
        if not year:
            continue
        for s, start, end, chair in spans:
            if s == series and start <= year <= end:
                chairs[meeting] |= _countries_of(data, chair)
    return dict(chairs)


def cooperation_graph(data: AnalysisData) -> nx.Graph:
    """The cooperation network between countries (see the module's docstring)."""
    taking_part: dict[str, set[str]] = defaultdict(set)
    hosts: dict[str, set[str]] = defaultdict(set)
    for row in data.participations:
        countries = _countries_of(data, row["actor"])
        taking_part[row["meeting"]] |= countries
        if row["role"] == "host":
            hosts[row["meeting"]] |= countries
    chairs = meeting_chairs(data)
    pair: dict[tuple[str, str], Counter] = defaultdict(Counter)
    node: dict[str, Counter] = defaultdict(Counter)
    for meeting in sorted(taking_part):
        present = taking_part[meeting] | hosts.get(meeting, set()) | chairs.get(meeting, set())
        for country in present:
            node[country]["meetings"] += 1
        for a, b in combinations(sorted(present), 2):
            pair[a, b]["meetings"] += 1
        for key, leaders in (("hosted", hosts.get(meeting, set())), ("chaired", chairs.get(meeting, set()))):
            for leader in leaders:
                node[leader][key] += 1
                for other in present - {leader}:
                    pair[tuple(sorted((leader, other)))][key] += 1
    parties: dict[str, set[str]] = defaultdict(set)
    for row in data.agreements:
        parties[row["agreement"]] |= _countries_of(data, row["party"])
    for agreement in sorted(parties):
        for country in parties[agreement]:
            node[country]["agreements"] += 1
        for a, b in combinations(sorted(parties[agreement]), 2):
            pair[a, b]["agreements"] += 1
    graph = nx.Graph()
    for country in sorted(node):
        graph.add_node(country, label=data.label(country), **{k: node[country][k] for k in WEIGHTS})
    for (a, b) in sorted(pair):
        counts = {k: pair[a, b][k] for k in WEIGHTS}
        graph.add_edge(a, b, weight=sum(counts.values()), **counts)
    for country in graph:
        graph.nodes[country]["strength"] = sum(d["weight"] for _, _, d in graph.edges(country, data=True))
    return graph


def cooperation(data: AnalysisData, by: str | None = None) -> Analysis:
    """Which countries work together, and how: shared meetings, hosting, chairing, agreements."""
    graph = cooperation_graph(data)
    pairs = []
    for a, b, d in graph.edges(data=True):
        la, lb = graph.nodes[a]["label"], graph.nodes[b]["label"]
        if (la.lower(), a) > (lb.lower(), b):
            a, b, la, lb = b, a, lb, la
        pairs.append([la, lb, d["weight"], d["meetings"], d["hosted"], d["chaired"], d["agreements"], a, b])
    pairs.sort(key=lambda r: (-r[2], -r[3], r[0].lower(), r[1].lower(), r[7], r[8]))
    countries = [[d["label"], n, d["strength"], graph.degree(n), d["meetings"], d["hosted"], d["chaired"],
                  d["agreements"]] for n, d in graph.nodes(data=True)]
    countries.sort(key=lambda r: (-r[2], -r[4], r[0].lower(), r[1]))
    tables = [Table("pairs", "Pairs of countries by the weight of their cooperation",
                    ["country", "partner", "weight", "meetings", "hosted", "chaired", "agreements", "iri",
                     "partnerIri"], pairs),
              Table("countries", "Countries by the weight of all their cooperation (strength)",
                    ["country", "iri", "strength", "partners", "meetings", "hosted", "chaired", "agreements"],
                    countries)]
    articles = sorted({r["article"] for rows in (data.participations, data.chairmanships, data.agreements)
                       for r in rows if r.get("article")})
    notes = []
    unplaced = sorted({r["actor"] for r in data.participations if not _countries_of(data, r["actor"])})
    if unplaced:
        notes.append(f"{len(unplaced)} actor(s) belong to no known country (regional bodies, persons without a "
                     "post) and count for no country.")
    return Analysis("cooperation", tables, articles, data.source, graph, notes)


# -- communities -----------------------------------------------------------------------------

def modularity(graph: nx.Graph, communities: list[set[str]]) -> float:
    return nx.community.modularity(graph, communities, weight="weight") if graph.number_of_edges() else 0.0


def find_communities(graph: nx.Graph, seed: int = SEED) -> list[list[str]]:
    """Louvain communities (weighted by shared meetings), largest first, members sorted."""
    if graph.number_of_edges() == 0:
        return [[n] for n in sorted(graph)]
    found = nx.community.louvain_communities(graph, weight="weight", seed=seed)
    return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))


def communities(data: AnalysisData, by: str | None = None, seed: int = SEED) -> Analysis:
    """Groups of actors that meet more among themselves than with others, and the meetings that bind them."""
    graph = coparticipation(data)
    found = find_communities(graph, seed)
    by_meeting = meeting_actors(data)
    strength = dict(graph.degree(weight="weight"))
    members_rows, meeting_rows, shown = [], [], []
    number = 0
    for members in found:
        if len(members) < 2:
            continue
        number += 1
        shown.append(members)
        ordered = sorted(members, key=lambda n: (-strength[n], graph.nodes[n]["label"].lower(), n))
        for n in ordered:
            graph.nodes[n]["community"] = number
            members_rows.append([number, graph.nodes[n]["label"], graph.nodes[n]["kind"], n,
                                 graph.nodes[n]["meetings"], strength[n]])
        inside = set(members)
        binding = [(m, len(actors & inside)) for m, actors in by_meeting.items() if len(actors & inside) >= 2]
        binding.sort(key=lambda x: (-x[1], data.label(x[0]).lower(), x[0]))
        for m, n in binding:
            meeting_rows.append([number, data.label(m), m, data.years.get(m, NO_YEAR), n])
    singles = sum(1 for c in found if len(c) == 1)
    for n in graph:
        graph.nodes[n].setdefault("community", 0)
    q = _round(modularity(graph, [set(c) for c in found]))
    summary = [[i + 1, len(c), sum(1 for r in meeting_rows if r[0] == i + 1),
                ", ".join(graph.nodes[n]["label"] for n in sorted(c, key=lambda n: (-strength[n],
                          graph.nodes[n]["label"].lower(), n))[:3])] for i, c in enumerate(shown)]
    tables = [Table("communities", f"Louvain communities of the co-participation network (seed {seed}, "
                    f"modularity {q})", ["community", "members", "meetings", "central members"], summary),
              Table("members", "Members of each community, by shared meetings (strength)",
                    ["community", "actor", "kind", "iri", "meetings", "strength"], members_rows),
              Table("binding-meetings", "The meetings that bind each community (two or more members take part)",
                    ["community", "meeting", "iri", "year", "members present"], meeting_rows)]
    notes = [f"{singles} actor(s) meet no one else and form no community."] if singles else []
    articles = sorted({r["article"] for r in data.participations if r.get("article")})
    return Analysis("communities", tables, articles, data.source, graph, notes,
                    {"seed": seed, "modularity": q, "communities": shown})


# -- timeline --------------------------------------------------------------------------------

NO_SERIES = "(no series)"


def timeline(data: AnalysisData, by: str | None = None) -> Analysis:
    """Meetings per year by series, posts over time, and themes per year."""
    meetings: dict[str, tuple[str, str]] = {}
    for row in sorted(data.meetings, key=lambda r: (r["meeting"], r.get("year") or "~")):
        meetings.setdefault(row["meeting"], (row.get("year") or NO_YEAR,
                                             data.label(row["series"]) if row.get("series") else NO_SERIES))
    per_year = Counter(meetings.values())
    meeting_rows = [[year, series, n] for (year, series), n in per_year.items()]
    meeting_rows.sort(key=lambda r: (r[0] == NO_YEAR, r[0], -r[2], r[1].lower()))

    posts: dict[tuple[str, str], dict] = {}
    for row in data.posts:
        key = (row["person"], row["post"])
        entry = posts.setdefault(key, {"person": data.label(row["person"]), "post": data.label(row["post"]),
                                       "dates": set(), "articles": set()})
        if row.get("attestedOn"):
            entry["dates"].add(row["attestedOn"])
        entry["articles"].add(row["article"])
    post_rows = [[e["post"], e["person"], min(e["dates"], default=""), max(e["dates"], default=""),
                  len(e["articles"]), ", ".join(sorted(e["articles"])), person, post]
                 for (person, post), e in posts.items()]
    post_rows.sort(key=lambda r: (r[0].lower(), r[2] or "~", r[1].lower(), r[6], r[7]))

    themes: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for row in data.themes:
        themes[row.get("year") or NO_YEAR, data.label(row["theme"]), row["theme"]].add(row["article"])
    theme_rows = [[year, label, len(arts), theme] for (year, label, theme), arts in themes.items()]
    theme_rows.sort(key=lambda r: (r[0] == NO_YEAR, r[0], -r[2], r[1].lower(), r[3]))

    tables = [Table("meetings-per-year", "Meetings per year, by series (year of the meeting, else of the article)",
                    ["year", "series", "meetings"], meeting_rows),
              Table("posts", "Posts over time: who held which post, first and last attested (article dates)",
                    ["post", "person", "first", "last", "articles", "articleIds", "personIri", "postIri"], post_rows),
              Table("themes-per-year", "Themes per year: articles published that year on the theme",
                    ["year", "theme", "articles", "iri"], theme_rows)]
    notes = []
    undated = sum(1 for year, _ in meetings.values() if not year)
    if undated:
        notes.append(f"{undated} meeting(s) have no date and no dated article (year left empty).")
    articles = sorted({r["article"] for rows in (data.meetings, data.posts, data.themes) for r in rows
                       if r.get("article")})
    return Analysis("timeline", tables, articles, data.source, None, notes)


RUNNERS = {"actors": actors, "cooperation": cooperation, "communities": communities, "timeline": timeline}


def analyse(topic: str, data: AnalysisData, by: str | None = None, **kwargs) -> Analysis:
    """Run one topic (one of :data:`TOPICS`)."""
    if topic not in RUNNERS:
        raise ValueError(f"unknown topic {topic!r}; use one of {', '.join(TOPICS)}")
    return RUNNERS[topic](data, by=by, **kwargs)


__all__ = ["TOPICS", "SEED", "Table", "Analysis", "analyse", "actors", "cooperation", "communities", "timeline",
           "coparticipation", "cooperation_graph", "centralities", "find_communities", "meeting_chairs"]
