"""Benchmark the graph store on a synthetic graph of labourgraph's shape.

    python benchmarks/bench_store.py [--triples 1000000] [--rdflib]

Generates meetings, participations, post holdings, spans and mentions in the proportions
of the seeds' graph, then times KnowledgeGraph (Oxigraph) parsing, canonical Turtle
writing and a join query; with --rdflib, the same on rdflib's memory store for comparison.
Prints figures; asserts nothing (speed targets live here, not in timed tests).
"""
from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from labourgraph.namespaces import sparql_prologue
from labourgraph.store import KnowledgeGraph

QUERY = sparql_prologue() + """
SELECT ?meeting ?who ?mode ?exact WHERE {
  ?p a lg:Participation ; lg:event ?meeting ; lg:participant ?who ; lg:attendanceMode ?mode ;
     prov:wasDerivedFrom ?span .
  ?meeting lg:editionNumber ?ed . ?span oa:hasSelector ?q . ?q oa:exact ?exact .
  FILTER(?ed > 10)
} ORDER BY ?meeting ?who
"""


def synthetic_turtle(triples: int) -> str:
    """Turtle text of about ``triples`` triples shaped like a built labourgraph graph."""
    head = ("@prefix lg: <https://w3id.org/labourgraph/ns#> .\n@prefix lgr: <https://w3id.org/labourgraph/id/> .\n"
            "@prefix oa: <http://www.w3.org/ns/oa#> .\n@prefix prov: <http://www.w3.org/ns/prov#> .\n"
            "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n@prefix schema: <https://schema.org/> .\n")
    out, n, i = [head], 0, 0
    while n < triples:
        a, m, who = i // 50, i % 40, i % 300
        out.append(
            f"lgr:meeting-s{m}-{i % 30 + 1} a lg:Meeting ; lg:editionNumber {i % 30 + 1} ; skos:prefLabel \"Meeting {m}\"@en .\n"
            f"lgr:participation-{i} a lg:Participation ; lg:event lgr:meeting-s{m}-{i % 30 + 1} ; lg:participant lgr:org-{who} ;"
            f" lg:attendanceMode schema:OnlineEventAttendanceMode ; prov:wasDerivedFrom lgr:span-{a}-{i} .\n"
            f"lgr:span-{a}-{i} a oa:SpecificResource ; oa:hasSource lgr:article-{a} ; oa:hasSelector lgr:span-{a}-{i}-q .\n"
            f"lgr:span-{a}-{i}-q a oa:TextQuoteSelector ; oa:exact \"kalimat {i} tentang pertemuan\" .\n"
            f"lgr:org-{who} skos:prefLabel \"Organisasi {who}\"@id .\n")
        n += 16
        i += 1
    return "".join(out)


def timed(label: str, fn):
    start = time.perf_counter()
    result = fn()
    print(f"{label:38s} {time.perf_counter() - start:8.2f} s")
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--triples", type=int, default=200_000)
    ap.add_argument("--rdflib", action="store_true", help="also time rdflib's memory store")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "g.ttl"
        src.write_text(synthetic_turtle(args.triples), encoding="utf-8")
        print(f"synthetic graph: {src.stat().st_size / 1e6:.1f} MB of Turtle")
        kg = timed("KnowledgeGraph: parse Turtle", lambda: KnowledgeGraph.from_files(src))
        print(f"{'triples':38s} {len(kg):8d}")
        timed("KnowledgeGraph: write canonical Turtle", lambda: kg.serialize("turtle"))
        rows = timed("KnowledgeGraph: join query", lambda: list(kg.query(QUERY)))
        print(f"{'rows':38s} {len(rows):8d}")
        if args.rdflib:
            import rdflib

            g = timed("rdflib: parse Turtle", lambda: rdflib.Graph().parse(src))
            timed("rdflib: write Turtle", lambda: g.serialize(format="turtle"))
            timed("rdflib: join query", lambda: list(g.query(QUERY)))
    print(f"{'peak memory (max RSS)':38s} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:8.0f} MB")


if __name__ == "__main__":
    main()
