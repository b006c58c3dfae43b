"""Set semantics: each fact comes back once, and counts are right, however the graph is asked.

The seeds are built once; every named query and a set of COUNT/SUM probes then run on the
TriG build folder, on the Turtle file, on a real ``oxigraph serve`` after ``labourgraph
push``, and on ``labourgraph serve``, and must give the same rows (docs/model.md, "Set semantics").
"""
from __future__ import annotations

import collections
import threading

import pytest
from click.testing import CliRunner
from test_remote import oxigraph  # noqa: F401 - the real Oxigraph server fixture

from labourgraph.cli import cli
from labourgraph.pipeline import TURTLE_NAME, load_built_graph
from labourgraph.queries import load_queries, run_local, uses_keyword, with_prologue
from labourgraph.remote import Endpoint
from labourgraph.server import make_server

pytestmark = pytest.mark.slow
LIBRARY = load_queries()
LGR = "https://w3id.org/labourgraph/id/"

#: Anwar Sanusi's post holding, stated by two articles: one row, not 2^5
ANWAR_HOLDING = """SELECT ?holding ?post ?organisation ?role WHERE {
  ?holding a lg:PostHolding ; org:member lgr:person-anwar-sanusi ; lg:post ?post ;
           org:organization ?organisation ; org:role ?role }"""

#: counts and sums that a bag union gets wrong
PROBES = {
    "triples": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "per-type": "SELECT ?type (COUNT(?s) AS ?n) WHERE { ?s a ?type } GROUP BY ?type ORDER BY ?type",
    "post-holdings": "SELECT (COUNT(*) AS ?n) WHERE { ?h a lg:PostHolding ; org:member ?person ; lg:post ?post }",
    "holdings-per-person": """SELECT ?person (COUNT(?h) AS ?n) WHERE { ?h a lg:PostHolding ; org:member ?person }
                              GROUP BY ?person ORDER BY ?person""",
    "participations": """SELECT (COUNT(*) AS ?n) WHERE {
                           ?p a lg:Participation ; lg:event ?m ; lg:participant ?a }""",
    "participants-per-meeting": """SELECT ?m (COUNT(?a) AS ?n) WHERE { ?p lg:event ?m ; lg:participant ?a }
                                   GROUP BY ?m ORDER BY ?m""",
    "edition-sum": "SELECT (SUM(?e) AS ?sum) WHERE { ?m a lg:Meeting ; lg:editionNumber ?e }",
    "mentions": "SELECT (COUNT(*) AS ?n) WHERE { ?a schema:mentions ?e }",
    "labels": "SELECT (COUNT(*) AS ?n) WHERE { ?e skos:prefLabel ?l }",
    "anwar-holding": ANWAR_HOLDING + " ORDER BY ?holding ?post ?organisation ?role",
}

#: what one row of a named query stands for: no two rows may share these columns
ONE_ROW_PER = {
    "agreements": ["agreement", "party", "scope"],
    "analysis/actor-countries": ["actor", "country"],
    "analysis/agreements": ["agreement", "party", "article"],
    "analysis/chairmanships": ["chairmanship", "series", "article"],
    "analysis/labels": ["entity", "kind", "language"],
    "analysis/meeting-actors": ["meeting", "actor", "role", "article"],
    "analysis/meetings": ["meeting", "article", "series"],
    "analysis/posts": ["person", "post", "article"],
    "analysis/themes": ["theme", "article"],
    "articles-on-theme": ["article", "subject"],
    "articles": ["article"],
    "chairmanships": ["chair", "body", "start"],
    "dialogue-partners": ["partner", "meeting", "article"],
    "documents-by-type": ["document", "article"],
    "documents-initiated-by": ["act", "document", "article"],
    "entity-lookup": ["entity", "kind", "matched"],
    "entity-mentions": ["article", "start", "end"],
    "entity-profile": ["direction", "property", "value", "graph", "sentence"],
    "facts-with-evidence": ["fact", "start", "end", "article", "rule"],
    "meeting-details": ["session"],
    "meeting-participants": ["agent", "role"],
    "meeting-series-editions": ["meeting"],
    "meeting-speakers": ["meeting", "speaker", "role", "post", "sentence"],
    "meeting-timeline": ["meeting"],
    "meetings-attended-by": ["meeting", "article", "representative"],
    "meetings-between": ["meeting"],
    "people-with-several-posts": ["person", "post", "article"],
    "planned-and-upcoming": ["thing", "article"],
    "post-holders-over-time": ["person", "article"],
    "posts-in-organisation": ["person", "post", "article"],
    "priorities-of-actor": ["theme", "article", "rank"],
    "subsidiary-bodies": ["body", "link", "directParent"],
    "themes-by-article": ["theme", "article"],
    "where-results-go": ["source", "target", "article"],
    "work-programmes": ["programme", "presentedBy", "priorityTheme", "replaces"],
}


def graph_columns(name: str) -> list[str]:
    """The variables a query binds with GRAPH: a file without named graphs leaves them unbound."""
    return ["graph"] if uses_keyword(LIBRARY[name].text, "GRAPH") else []


@pytest.fixture(scope="module")
def served(seeds_build):
    """``labourgraph serve`` of the seeds build, as an endpoint."""
    server = make_server(load_built_graph(seeds_build), host="127.0.0.1", port=0)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield Endpoint(f"http://127.0.0.1:{server.server_address[1]}/sparql")
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def three_ways(seeds_build, oxigraph, served):  # noqa: F811 - the imported fixture
    """The seeds' graph asked three ways (TriG build folder, Turtle file, pushed Oxigraph),
    and a fourth: ``labourgraph serve``."""
    endpoint = Endpoint(oxigraph + "/query", update_url=oxigraph + "/update")
    endpoint.update("DROP SILENT ALL")
    result = CliRunner().invoke(cli, ["push", "--endpoint", oxigraph + "/store", "--data", str(seeds_build)])
    assert result.exit_code == 0, result.output
    yield load_built_graph(seeds_build), load_built_graph(seeds_build / TURTLE_NAME), endpoint, served
    endpoint.update("DROP SILENT ALL")       # leave the server as other modules' tests expect it


def rows(where, text: str, source: str = "<probe>"):
    if isinstance(where, Endpoint):
        return where.query(text, source)
    return run_local(where, text, source)


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_every_named_query_gives_the_same_rows_three_ways(name, three_ways):
    text = LIBRARY[name].bind()
    results = [rows(where, text, name) for where in three_ways]
    assert results[0].variables == results[1].variables == results[2].variables == results[3].variables
    assert results[0].row_keys() == results[2].row_keys(), f"{name}: the pushed store differs from build/"
    assert results[0].row_keys() == results[3].row_keys(), f"{name}: serve differs from build/"
    hidden = [results[0].variables.index(v) for v in graph_columns(name)]
    if not hidden:
        assert results[0].row_keys() == results[1].row_keys(), f"{name}: the .ttl differs from build/"
    else:
        # a GRAPH column is empty on a file without named graphs; every other column agrees
        def drop(keys):
            return sorted({tuple(c for i, c in enumerate(k) if i not in hidden) for k in keys})
        assert drop(results[0].row_keys()) == drop(results[1].row_keys())
        assert all(all(k[i] == "" for i in hidden) for k in results[1].row_keys())


@pytest.mark.parametrize("probe", sorted(PROBES))
def test_counts_and_sums_are_the_same_three_ways(probe, three_ways):
    text = with_prologue(PROBES[probe])
    results = [rows(where, text).row_keys() for where in three_ways]
    assert results[0] == results[1] == results[2] == results[3]
    assert results[0], probe


def test_count_of_triples_is_the_number_of_distinct_triples(three_ways):
    trig, turtle, _, _ = three_ways
    text = with_prologue(PROBES["triples"])
    assert int(run_local(trig, text).rows[0][0].value) == len(trig.triples()) == len(turtle)
    assert len(trig) > len(trig.triples())          # some triples are stated by several article graphs


def test_anwar_sanusi_holds_his_post_once_three_ways(three_ways):
    text = with_prologue(ANWAR_HOLDING)
    for where in three_ways:
        result = rows(where, text)
        assert [r[0].value for r in result.rows] == [LGR + "holding-anwar-sanusi-kemnaker-sekretaris-jenderal"]


def test_graph_queries_see_each_article_graph(three_ways):
    """GRAPH ?g sees the article graphs (each triple in every graph that states it), never the
    default graph's union."""
    trig, _, store, served = three_ways
    text = with_prologue("""SELECT ?g WHERE { GRAPH ?g { lgr:holding-anwar-sanusi-kemnaker-sekretaris-jenderal
                                                         org:member lgr:person-anwar-sanusi } } ORDER BY ?g""")
    graphs = [LGR + "graph-002_1762f880eb5c61fe", LGR + "graph-003_947afba12d10ef6e"]
    assert [r[0].value for r in rows(trig, text).rows] == graphs
    assert [r[0].value for r in rows(store, text).rows] == graphs
    assert [r[0].value for r in rows(served, text).rows] == graphs


def test_push_by_sparql_update_gives_the_same_counts(three_ways, seeds_build, oxigraph):  # noqa: F811
    trig, _, endpoint, _ = three_ways
    endpoint.update("DROP SILENT ALL")
    try:
        result = CliRunner().invoke(cli, ["push", "--update", oxigraph + "/update", "--data", str(seeds_build)])
        assert result.exit_code == 0, result.output
        for probe in ("triples", "per-type", "post-holdings", "anwar-holding"):
            text = with_prologue(PROBES[probe])
            assert rows(endpoint, text).row_keys() == rows(trig, text).row_keys(), probe
    finally:                                  # back to what the Graph Store push gave
        endpoint.update("DROP SILENT ALL")
        CliRunner().invoke(cli, ["push", "--endpoint", oxigraph + "/store", "--data", str(seeds_build)])


@pytest.mark.parametrize("name", sorted(n for n in LIBRARY if not n.startswith("checks/")))
def test_no_named_query_repeats_a_row_or_a_fact(name, seeds_graph):
    result = run_local(seeds_graph, LIBRARY[name].bind(), LIBRARY[name].source)
    keys = result.row_keys()
    assert len(keys) == len(set(keys)), f"{name}: identical rows"
    columns = [result.variables.index(v) for v in ONE_ROW_PER[name]]
    per_fact = collections.Counter(tuple(k[i] for i in columns) for k in keys)
    assert [k for k, n in per_fact.items() if n > 1] == [], f"{name}: one fact on several rows"


def test_every_library_query_says_what_one_row_stands_for():
    assert {n for n in LIBRARY if not n.startswith("checks/")} == set(ONE_ROW_PER)


# -- the repros of issue 10 ------------------------------------------------------------

def _query(graph, name: str, **params):
    return run_local(graph, LIBRARY[name].bind(params), LIBRARY[name].source)


def test_meeting_timeline_gives_slom_21_once_in_siem_reap_held(seeds_graph):
    result = _query(seeds_graph, "meeting-timeline")
    col = result.variables.index
    slom = [r for r in result.rows if r[col("meeting")].value == LGR + "meeting-slom-21"]
    assert len(slom) == 1
    assert slom[0][col("place")].value == LGR + "place-siem-reap"
    assert slom[0][col("status")].value.endswith("status-held")


def test_articles_lists_each_article_once(seeds_graph):
    result = _query(seeds_graph, "articles")
    ids = [r[0].value for r in result.rows]
    assert sorted(ids) == sorted(set(ids)) and len(ids) == 5


def test_a_delegate_is_not_also_listed_as_a_participant(seeds_graph):
    meeting = ("lgr:meeting-pertemuan-tingkat-tinggi-dengan-president-of-vietnam-general-confederation-"
               "of-labor-vgcl-nguyen-dinh-khang")
    result = _query(seeds_graph, "meeting-participants", meeting=meeting)
    agents = [r[0].value for r in result.rows]
    assert LGR + "person-andi-gani-nena-wea" in agents
    assert len(agents) == len(set(agents))
