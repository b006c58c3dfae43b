"""Every fact is where its article puts it, and in that article only (on the seeds build).

A named graph ``lgr:graph-<id>`` holds what article ``<id>`` states: each fact's evidence is
a sentence of that article, and every entity a fact there points to is one that article
names. Cross-article resolution may give two articles' nodes one IRI, but must never copy a
fact (a place, a date) from one article's graph into another's.
"""
from __future__ import annotations

from labourgraph.namespaces import LGR

PREFIX = """PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX schema: <https://schema.org/> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""
ENTITY_KINDS = ("person-", "org-", "country-", "place-", "meeting-", "document-", "programme-", "eventtheme-")


def _article_graphs(kg):
    out = {}
    for g in kg.named_graphs():
        local = str(g)[len(str(LGR)):] if str(g).startswith(str(LGR)) else ""
        if local.startswith("graph-") and not local.startswith("graph-addition-"):
            out[str(g)] = local[len("graph-"):]
    return out


def test_provenance_every_fact_cites_a_sentence_of_its_own_article(seeds_graph):
    graphs = _article_graphs(seeds_graph)
    assert len(graphs) == 5
    checked = 0
    for g, article_id in graphs.items():
        rows = seeds_graph.query(PREFIX + f"""
            SELECT ?fact ?span ?source WHERE {{ GRAPH <{g}> {{
                ?fact prov:wasDerivedFrom ?span . OPTIONAL {{ ?span oa:hasSource ?source }} }} }}""")
        for row in rows:
            checked += 1
            assert row["source"] is not None, (g, row["fact"], row["span"])
            assert row["source"].value == str(LGR[f"article-{article_id}"]), (g, row["fact"], row["source"])
            assert row["span"].value.startswith(str(LGR[f"span-{article_id}-"])), (g, row["fact"], row["span"])
    assert checked > 100


def test_provenance_every_entity_a_fact_points_to_is_named_by_that_article(seeds_graph):
    """Article 000 says only "di Kamboja": its graph must not place SLOM-21 in Siem Reap. (The
    publisher is the article's metadata, from the sidecar when the text does not name it.)"""
    wrong = []
    for g, article_id in _article_graphs(seeds_graph).items():
        article = str(LGR[f"article-{article_id}"])
        named = {r["e"].value for r in seeds_graph.query(PREFIX + f"""
            SELECT ?e WHERE {{ GRAPH <{g}> {{ <{article}> schema:mentions ?e }} }}""")}
        rows = seeds_graph.query(PREFIX + f"""
            SELECT DISTINCT ?s ?p ?o WHERE {{ GRAPH <{g}> {{ ?s ?p ?o FILTER(isIRI(?o))
                FILTER(?p NOT IN (schema:mentions, schema:publisher, oa:hasBody, rdf:subject, rdf:object, prov:wasGeneratedBy)) }} }}""")
        for row in rows:
            o = row["o"].value
            local = o[len(str(LGR)):] if o.startswith(str(LGR)) else ""
            if local.startswith(ENTITY_KINDS) and o not in named:
                wrong.append((article_id, row["s"].value, row["p"].value, local))
    assert not wrong, "\n".join(map(str, sorted(wrong)))


def test_provenance_slom_21_in_article_000_is_in_cambodia_not_siem_reap(seeds_graph):
    rows = seeds_graph.query(PREFIX + f"""
        SELECT ?place WHERE {{ GRAPH <{LGR['graph-000_cb23610d3ab3ddc5']}> {{
            <{LGR['meeting-slom-21']}> schema:location ?place }} }}""")
    assert {r["place"].value for r in rows} == {str(LGR["country-kh"])}


def test_provenance_a_binary_fact_in_a_graph_has_its_statement_and_evidence_in_that_graph(seeds_graph):
    """No triple of one article's graph is backed only by another article's rdf:Statement."""
    rows = list(seeds_graph.query(PREFIX + """
        SELECT DISTINCT ?g ?s ?p ?o WHERE {
            GRAPH ?g { ?s ?p ?o } GRAPH ?h { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }
            FILTER(?g != ?h)
            FILTER NOT EXISTS { GRAPH ?g { ?own rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o } } }"""))
    assert rows == [], [tuple(r[k].value for k in ("g", "s", "p", "o")) for r in rows]
