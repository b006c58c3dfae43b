"""labourgraph analyse: every figure on a small graph written by hand equals a value worked out
here independently (by hand, or with numpy for the eigenvector), the queries give the same
data locally and through an endpoint, and the plots and exports are real and repeatable."""
from __future__ import annotations

import csv
import io
import json
import threading
from itertools import combinations

import numpy as np
import pytest
from click.testing import CliRunner

from labourgraph.analyse import analyse, load_data
from labourgraph.analyse.data import AnalysisData
from labourgraph.analyse.output import network_bytes, render
from labourgraph.analyse.plot import plot_bytes
from labourgraph.cli import cli
from labourgraph.store import KnowledgeGraph

LGR = "https://w3id.org/labourgraph/id/"
PREFIXES = """@prefix lg: <https://w3id.org/labourgraph/ns#> .
@prefix lgr: <https://w3id.org/labourgraph/id/> .
@prefix lgc: <https://w3id.org/labourgraph/concept/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

# The hand-made world: countries X, Y, Z; body A of X, body B of Y; P holds a post in A.
#   m1 (2020, series s1, article a1): A and P take part, X hosts
#   m2 (2020, series s1, article a2): A and B take part
#   m3 (2021, series s2, article a3): B takes part, Z chairs
#   an agreement between A and B (article a4); Y chairs the body of s1 in 2020 (article a2)
# The co-participation network is the triangle A-P-X, the edge A-B and the edge B-Z.
ENTITIES = {"country-x": ("lg:Country", "Xland"), "country-y": ("lg:Country", "Yland"),
            "country-z": ("lg:Country", "Zland"), "org-a": ("org:Organization", "Agency A"),
            "org-b": ("org:Organization", "Bureau B"), "org-body": ("org:Organization", "The Body"),
            "person-p": ("schema:Person", "Pat Person")}
ARTICLES = {"a1": "2020-01-10", "a2": "2020-06-01", "a3": "2021-03-03", "a4": "2021-05-05"}
MEETINGS = {"m1": ("2020-03-01", "s1", "a1", ["org-a", "person-p"], {"host": "country-x"}),
            "m2": ("2020-09-09", "s1", "a2", ["org-a", "org-b"], {}),
            "m3": ("2021-02-02", "s2", "a3", ["org-b"], {"chair": "country-z"})}


def hand_trig(meetings=MEETINGS, extra: str = "") -> str:
    lines = [PREFIXES]
    for key, (cls, label) in ENTITIES.items():
        lines.append(f'lgr:{key} a {cls} ; skos:prefLabel "{label}"@en .')
    lines += ['lgr:org-a lg:country lgr:country-x .', 'lgr:org-b lg:country lgr:country-y .',
              'lgr:series-s1 a lg:MeetingSeries ; skos:notation "S1" ; lg:seriesOf lgr:org-body .',
              'lgr:series-s2 a lg:MeetingSeries ; skos:notation "S2" .',
              'lgc:theme-t1 skos:prefLabel "theme one"@en .', 'lgc:theme-t2 skos:prefLabel "theme two"@en .']
    for art, date in ARTICLES.items():
        lines.append(f'lgr:article-{art} a schema:NewsArticle ; dcterms:identifier "{art}" ; '
                     f'schema:datePublished "{date}"^^xsd:date .')
        lines.append(f'lgr:span-{art}-0-10 a oa:SpecificResource ; oa:hasSource lgr:article-{art} .')
    lines += ['lgr:article-a1 dcterms:subject lgc:theme-t1 .', 'lgr:article-a2 dcterms:subject lgc:theme-t1 .',
              'lgr:article-a3 dcterms:subject lgc:theme-t2 .']
    for m, (date, series, art, actors, roles) in meetings.items():
        span = f"lgr:span-{art}-0-10"
        lines.append(f'lgr:meeting-{m} a lg:Meeting ; skos:prefLabel "Meeting {m}"@en ; '
                     f'schema:superEvent lgr:series-{series} ; schema:startDate "{date}"^^xsd:date .')
        lines.append(f'lgr:mention-{m} a oa:Annotation ; oa:hasBody lgr:meeting-{m} ; oa:hasTarget {span} .')
        for actor in actors:
            lines.append(f'lgr:participation-{m}-{actor} a lg:Participation ; lg:event lgr:meeting-{m} ; '
                         f'lg:participant lgr:{actor} ; lg:participationRole lgc:role-delegate ; '
                         f'prov:wasDerivedFrom {span} .')
        for role, actor in roles.items():
            lines.append(f'lgr:meeting-{m} lg:{role} lgr:{actor} .')
            lines.append(f'lgr:statement-{m}-{role} a rdf:Statement ; rdf:subject lgr:meeting-{m} ; '
                         f'rdf:predicate lg:{role} ; rdf:object lgr:{actor} ; prov:wasDerivedFrom {span} .')
    lines += [
        'lgr:holding-p a lg:PostHolding ; org:member lgr:person-p ; org:organization lgr:org-a ; '
        'lg:post lgr:post-a-head ; prov:wasDerivedFrom lgr:span-a1-0-10 , lgr:span-a3-0-10 .',
        'lgr:post-a-head a org:Post ; skos:prefLabel "Head of A"@en .',
        'lgr:document-d a lg:Agreement ; lg:party lgr:org-a , lgr:org-b ; prov:wasDerivedFrom lgr:span-a4-0-10 .',
        'lgr:chairmanship-y a lg:Chairmanship ; org:member lgr:country-y ; org:organization lgr:org-body ; '
        'org:memberDuring lgr:period-2020 ; prov:wasDerivedFrom lgr:span-a2-0-10 .',
        'lgr:period-2020 dcat:startDate "2020"^^xsd:gYear ; dcat:endDate "2020"^^xsd:gYear .', extra]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def hand_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("analyse") / "hand.ttl"
    path.write_text(hand_trig(), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def hand(hand_file) -> AnalysisData:
    return load_data(hand_file)


def by_iri(table, column="iri"):
    return {row[column]: row for row in table.dicts()}


# -- actors ----------------------------------------------------------------------------------

def test_actor_counts_and_centralities_equal_the_values_worked_out_by_hand(hand):
    rows = by_iri(analyse("actors", hand).table("actors"))
    a, p, x, b, z = (LGR + k for k in ("org-a", "person-p", "country-x", "org-b", "country-z"))
    assert set(rows) == {a, p, x, b, z}
    assert {k: rows[k]["meetings"] for k in rows} == {a: 2, p: 1, x: 1, b: 2, z: 1}
    assert {k: rows[k]["partners"] for k in rows} == {a: 3, p: 2, x: 2, b: 2, z: 1}
    # degree: partners / (n - 1), n = 5
    assert {k: rows[k]["degree"] for k in rows} == {a: 0.75, p: 0.5, x: 0.5, b: 0.5, z: 0.25}
    # betweenness: A lies on the shortest paths P-B, P-Z, X-B, X-Z (4 of 6 pairs not involving it);
    # B on A-Z, P-Z, X-Z (3 of 6)
    assert {k: rows[k]["betweenness"] for k in rows} == {a: round(4 / 6, 4), p: 0.0, x: 0.0, b: 0.5, z: 0.0}
    assert rows[a]["kind"] == "organisation" and rows[p]["kind"] == "person" and rows[x]["kind"] == "country"
    assert rows[a]["actor"] == "Agency A"


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_fast_betweenness_equals_networkx_on_random_graphs(seed):
    import networkx as nx

    from labourgraph.analyse.topics import fast_betweenness
    graph = nx.gnm_random_graph(40, 70, seed=seed)
    graph.add_edges_from([(100, 101), (101, 102)])      # a second component
    graph.add_node(200)                                  # and a lone node
    fast, reference = fast_betweenness(graph, block=7), nx.betweenness_centrality(graph)
    assert max(abs(fast[n] - reference[n]) for n in graph) < 1e-9


def test_eigenvector_centrality_is_the_leading_eigenvector_of_the_adjacency_matrix(hand):
    # worked out here from the adjacency matrix written by hand (and it agrees with networkx's
    # power iteration, nx.eigenvector_centrality, on the same network)
    rows = by_iri(analyse("actors", hand).table("actors"))
    order = [LGR + k for k in ("org-a", "person-p", "country-x", "org-b", "country-z")]
    adjacency = np.zeros((5, 5))
    for i, j in [(0, 1), (0, 2), (1, 2), (0, 3), (3, 4)]:     # A-P, A-X, P-X, A-B, B-Z
        adjacency[i, j] = adjacency[j, i] = 1
    values, vectors = np.linalg.eigh(adjacency)
    leading = np.abs(vectors[:, np.argmax(values)])
    leading /= np.linalg.norm(leading)
    assert [rows[k]["eigenvector"] for k in order] == pytest.approx(list(leading), abs=2e-4)
    import networkx as nx
    graph = nx.Graph([("A", "P"), ("A", "X"), ("P", "X"), ("A", "B"), ("B", "Z")])
    power = nx.eigenvector_centrality(graph, max_iter=10_000, tol=1e-12)
    assert [power[k] for k in "APXBZ"] == pytest.approx(list(leading), abs=1e-4)


def test_actors_are_ranked_by_degree_then_betweenness_with_ties_broken_by_label(hand):
    names = [r["actor"] for r in analyse("actors", hand).table("actors").dicts()]
    # B (betweenness 0.5) before P and X; P and X tie on everything but the eigenvector... and
    # have equal eigenvectors too (they are symmetric), so the label decides: Pat before Xland
    assert names == ["Agency A", "Bureau B", "Pat Person", "Xland", "Zland"]


def test_actors_by_year_computes_each_year_on_its_own_meetings(hand):
    rows = analyse("actors", hand, by="year").table("actors-by-year").dicts()
    y2020 = {r["iri"]: r for r in rows if r["year"] == "2020"}
    y2021 = {r["iri"]: r for r in rows if r["year"] == "2021"}
    # 2020: m1 {A, P, X} and m2 {A, B}: A meets all three others
    assert set(y2020) == {LGR + k for k in ("org-a", "person-p", "country-x", "org-b")}
    assert y2020[LGR + "org-a"]["degree"] == 1.0 and y2020[LGR + "org-b"]["degree"] == round(1 / 3, 4)
    assert y2020[LGR + "org-a"]["betweenness"] == round(2 / 3, 4)      # B-P and B-X of the 3 pairs
    # 2021: m3 {B, Z}
    assert set(y2021) == {LGR + "org-b", LGR + "country-z"}
    assert all(r["degree"] == 1.0 for r in y2021.values())


# -- cooperation -------------------------------------------------------------------------------

def test_cooperation_weights_equal_the_counts_worked_out_by_hand(hand):
    result = analyse("cooperation", hand)
    pairs = {(r["iri"], r["partnerIri"]): r for r in result.table("pairs").dicts()}
    x, y, z = LGR + "country-x", LGR + "country-y", LGR + "country-z"
    # X and Y: m1 (X hosts, Y chairs the body of s1 in 2020) and m2 (A of X, B of Y, Y chairs): 2 meetings;
    # X hosted one with Y present; Y chaired two with X present; one agreement between A and B
    assert {k: pairs[x, y][k] for k in ("meetings", "hosted", "chaired", "agreements", "weight")} == \
        {"meetings": 2, "hosted": 1, "chaired": 2, "agreements": 1, "weight": 6}
    # Y and Z: m3 (B of Y, Z chairs)
    assert {k: pairs[y, z][k] for k in ("meetings", "hosted", "chaired", "agreements", "weight")} == \
        {"meetings": 1, "hosted": 0, "chaired": 1, "agreements": 0, "weight": 2}
    assert set(pairs) == {(x, y), (y, z)}
    countries = by_iri(result.table("countries"))
    assert {k: countries[k]["strength"] for k in countries} == {x: 6, y: 8, z: 2}
    assert [r["country"] for r in result.table("countries").dicts()] == ["Yland", "Xland", "Zland"]


def test_cooperation_network_exports_with_its_weights(hand, tmp_path):
    import networkx as nx
    result = analyse("cooperation", hand)
    for suffix in (".graphml", ".gexf"):
        data = network_bytes(result, tmp_path / f"c{suffix}")
        assert data == network_bytes(result, tmp_path / f"c{suffix}"), "repeatable bytes"
        path = tmp_path / f"c{suffix}"
        path.write_bytes(data)
        graph = nx.read_graphml(path) if suffix == ".graphml" else nx.read_gexf(path)
        edge = graph.edges[LGR + "country-x", LGR + "country-y"]
        assert int(edge["weight"]) == 6 and int(edge["chaired"]) == 2 and int(edge["agreements"]) == 1


# -- communities -------------------------------------------------------------------------------

def two_cliques() -> AnalysisData:
    """Two groups of four that each meet alone, and one meeting of a1 and b1."""
    rows = []
    for meeting, actors in {"ma": ["a1", "a2", "a3", "a4"], "mb": ["b1", "b2", "b3", "b4"], "mc": ["a1", "b1"]}.items():
        rows += [{"meeting": LGR + meeting, "year": "2024", "actor": LGR + "org-" + a, "kind": "organisation",
                  "role": "delegate", "article": meeting} for a in actors]
    labels = [{"entity": LGR + "org-" + a, "kind": "organisation", "label": a.upper(), "language": "en"}
              for a in ("a1", "a2", "a3", "a4", "b1", "b2", "b3", "b4")]
    return AnalysisData(source="<hand>", participations=rows, entities=labels)


def test_louvain_finds_the_two_groups_and_the_meetings_that_bind_them():
    result = analyse("communities", two_cliques())
    members = result.table("members").dicts()
    found = {frozenset(r["actor"] for r in members if r["community"] == c) for c in (1, 2)}
    assert found == {frozenset({"A1", "A2", "A3", "A4"}), frozenset({"B1", "B2", "B3", "B4"})}
    # modularity by hand: m = 13 edges; each group has 6 inner edges and degree sum 13
    assert result.extra["modularity"] == round(2 * (6 / 13 - (13 / 26) ** 2), 4)
    binding = result.table("binding-meetings").dicts()
    assert {(r["community"], r["iri"], r["members present"]) for r in binding} == {
        (1, LGR + "ma", 4), (2, LGR + "mb", 4)}
    # a1 and b1 are the strongest members of their groups (4 shared meetings each)
    assert [r["actor"] for r in members if r["community"] == 1][0] == "A1"


def test_communities_repeat_with_the_same_seed(hand):
    first = render(analyse("communities", hand), "json")
    assert all(render(analyse("communities", hand), "json") == first for _ in range(3))


# -- timeline ----------------------------------------------------------------------------------

def test_timeline_counts_meetings_posts_and_themes(hand):
    result = analyse("timeline", hand)
    assert result.table("meetings-per-year").rows == [["2020", "S1", 2], ["2021", "S2", 1]]
    posts = result.table("posts").dicts()
    assert [(p["person"], p["post"], p["first"], p["last"], p["articles"]) for p in posts] == [
        ("Pat Person", "Head of A", "2020-01-10", "2021-03-03", 2)]
    assert result.table("themes-per-year").rows == [
        ["2020", "theme one", 2, "https://w3id.org/labourgraph/concept/theme-t1"],
        ["2021", "theme two", 1, "https://w3id.org/labourgraph/concept/theme-t2"]]
    assert result.articles == ["a1", "a2", "a3"]


# -- output ------------------------------------------------------------------------------------

def test_csv_and_json_carry_the_same_rows_as_the_table(hand):
    result = analyse("actors", hand)
    parsed = list(csv.DictReader(io.StringIO(render(result, "csv"))))
    assert [r["iri"] for r in parsed] == [r[2] for r in result.table("actors").rows]
    doc = json.loads(render(result, "json"))
    assert doc["tables"]["actors"]["rows"][0]["actor"] == "Agency A"
    assert doc["articles"] == ["a1", "a2", "a3"] and "3 articles (a1, a2, a3)" in doc["caption"]
    text = render(result, "table")
    assert "lgr:org-a" in text and "Data: 3 articles (a1, a2, a3)" in text


def distinct_colours(png: bytes) -> int:
    from PIL import Image
    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).reshape(-1, 3)
    return len(np.unique(pixels, axis=0))


@pytest.mark.parametrize("topic", ["actors", "cooperation", "communities", "timeline"])
def test_plots_have_the_expected_size_and_are_not_blank(hand, topic):
    from PIL import Image
    png = plot_bytes(analyse(topic, hand), "png")
    image = Image.open(io.BytesIO(png))
    assert image.size == (1000, 700)
    assert distinct_colours(png) > 50, "a drawing, not a blank page"
    assert png == plot_bytes(analyse(topic, hand), "png"), "the same data gives the same bytes"


def test_svg_plots_repeat_byte_for_byte(hand):
    first = plot_bytes(analyse("cooperation", hand), "svg")
    assert first.startswith(b"<?xml") and b"<svg" in first
    assert plot_bytes(analyse("cooperation", hand), "svg") == first
    assert b"<dc:date>" not in first, "no date stamp"


def test_a_plot_of_an_empty_graph_says_so(tmp_path):
    empty = AnalysisData(source="<empty>")
    for topic in ("actors", "cooperation", "communities", "timeline"):
        result = analyse(topic, empty)
        assert all(t.rows == [] for t in result.tables)
        assert distinct_colours(plot_bytes(result, "png")) > 2


# -- the command line --------------------------------------------------------------------------

def test_cli_writes_table_plot_and_network(hand_file, tmp_path):
    runner = CliRunner()
    plot, net = tmp_path / "coop.png", tmp_path / "coop.gexf"
    result = runner.invoke(cli, ["analyse", "cooperation", "--data", str(hand_file), "--plot", str(plot),
                                 "-o", str(net)])
    assert result.exit_code == 0, result.output
    assert "Xland" in result.stdout and plot.stat().st_size > 1000 and b"<gexf" in net.read_bytes()
    result = runner.invoke(cli, ["analyse", "actors", "--by", "year", "--data", str(hand_file), "-f", "csv"])
    assert result.exit_code == 0 and result.stdout.startswith("year,actor,kind,iri")


@pytest.mark.parametrize("args, message", [
    (["timeline", "--plot", "x.pdf"], "x.pdf: a plot is written as .png or .svg"),
    (["actors", "-o", "x.csv"], "x.csv: a network is written as .graphml or .gexf"),
    (["timeline", "-o", "x.gexf"], "timeline has no network"),
    (["actors", "--table", "nope"], "actors has no table 'nope'"),
])
def test_cli_bad_input_is_one_line_and_exit_2(hand_file, args, message, tmp_path):
    result = CliRunner().invoke(cli, ["analyse", *args, "--data", str(hand_file)])
    assert result.exit_code == 2
    assert result.stderr.strip().startswith("Error: ") and message in result.stderr
    assert "Traceback" not in result.output and len(result.stderr.strip().splitlines()) == 1


def test_cli_on_a_missing_build_is_one_line(tmp_path):
    result = CliRunner().invoke(cli, ["analyse", "actors", "--data", str(tmp_path / "nothing")])
    assert result.exit_code == 2 and result.stderr.startswith("Error: ")


@pytest.fixture(scope="module")
def endpoint(hand_file):
    from labourgraph.server import make_server
    server = make_server(KnowledgeGraph.from_files(hand_file), host="127.0.0.1", port=0)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("topic", ["actors", "cooperation", "communities", "timeline"])
def test_an_endpoint_gives_the_same_analysis_as_the_build(hand, endpoint, topic):
    remote = load_data(endpoint=endpoint)
    assert render(analyse(topic, remote), "json").replace(endpoint, "S") == \
        render(analyse(topic, hand), "json").replace(hand.source, "S")


def test_every_pair_of_countries_meeting_counts_once_per_meeting():
    # three countries at one meeting: three pairs, one meeting each
    rows = [{"meeting": LGR + "m", "year": "2024", "actor": LGR + f"country-{c}", "kind": "country",
             "role": "delegate", "article": "x"} for c in "abc"]
    affiliations = [{"actor": LGR + f"country-{c}", "country": LGR + f"country-{c}"} for c in "abc"]
    labels = [{"entity": LGR + f"country-{c}", "kind": "country", "label": c, "language": "en"} for c in "abc"]
    result = analyse("cooperation", AnalysisData(source="<hand>", participations=rows, affiliations=affiliations,
                                                 entities=labels))
    assert sorted((r["country"], r["partner"], r["meetings"]) for r in result.table("pairs").dicts()) == [
        (a, b, 1) for a, b in combinations("abc", 2)]


@pytest.mark.slow
@pytest.mark.parametrize("topic", ["actors", "cooperation", "communities", "timeline"])
def test_every_topic_works_on_the_seeds(seeds_build, topic, tmp_path):
    args = ["analyse", topic, "--data", str(seeds_build), "--plot", str(tmp_path / "p.svg"), "-f", "json"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert len(doc["articles"]) >= 3 and all(t["rows"] for t in doc["tables"].values())
    assert (tmp_path / "p.svg").read_bytes().startswith(b"<?xml")
