"""Canonical Turtle and TriG against pyoxigraph's own serialisers.

    python benchmarks/bench_serialize.py [--triples 100000] [--graphs 50] [--json out.json]

Builds a graph of labourgraph's shape (benchmarks/bench_store.py's generator), spread over
``--graphs`` named graphs as a build is, then times ``KnowledgeGraph.serialize`` (sorted,
byte-deterministic) and ``pyoxigraph.Store.dump`` of the same store (unsorted), in CPU
seconds, best of three. Prints the ratios (target: <= 1.5x). Asserts nothing.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_store import synthetic_turtle  # noqa: E402

from labourgraph.store import KnowledgeGraph, _prefixes, _triple_key  # noqa: E402


def python_sorted(kg: KnowledgeGraph, fmt: str) -> bytes:
    """The serialiser before: every triple sorted with a Python key (for the 'before' figure)."""
    if fmt == "turtle":
        triples = sorted({q.triple for q in kg.quads()}, key=_triple_key)
        return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=_prefixes())
    quads = sorted(kg.quads(), key=lambda q: (not isinstance(q.graph_name, ox.DefaultGraph), str(q.graph_name),
                                              *_triple_key(q)))
    return ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=_prefixes())


def best(fn, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return min(times)


def graph(triples: int, graphs: int) -> KnowledgeGraph:
    src = ox.Store()
    src.bulk_load(synthetic_turtle(triples).encode(), format=ox.RdfFormat.TURTLE)
    kg = KnowledgeGraph()
    quads = []
    for i, q in enumerate(src):
        g = ox.NamedNode(f"https://w3id.org/labourgraph/id/graph-{i * graphs // len(src)}")
        quads.append(ox.Quad(q.subject, q.predicate, q.object, g))
    kg.add(quads)
    return kg


def measure(triples: int, graphs: int) -> dict:
    kg = graph(triples, graphs)
    store = kg._store
    rows = {}
    # pyoxigraph's Turtle writer takes one graph: the union, as the canonical Turtle is
    union = ox.Store()
    union.extend(ox.Quad(q.subject, q.predicate, q.object) for q in store)
    for fmt, ours, theirs in (
        ("turtle", lambda: kg.serialize("turtle"),
         lambda: union.dump(format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph())),
        ("trig", lambda: kg.serialize("trig"), lambda: store.dump(format=ox.RdfFormat.TRIG)),
    ):
        a, b = best(ours), best(theirs)
        before = best(lambda: python_sorted(kg, fmt), runs=1)
        assert python_sorted(kg, fmt) == ours(), f"{fmt}: not the bytes of the Python sort"
        rows[fmt] = {"labourgraph_s": round(a, 3), "pyoxigraph_s": round(b, 3), "ratio": round(a / b, 2),
                     "python_sort_s": round(before, 3), "python_sort_ratio": round(before / b, 2)}
    return {"triples": len(kg), "graphs": graphs, "rows": rows, "target": 1.5}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--triples", type=int, default=100_000)
    ap.add_argument("--graphs", type=int, default=50)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    result = measure(args.triples, args.graphs)
    print(f"{result['triples']} quads in {result['graphs']} named graphs (CPU s, best of 3)")
    print(f"{'format':8} {'labourgraph':>12} {'pyoxigraph':>11} {'ratio':>7}   {'before (Python sort)':>20}")
    for fmt, r in result["rows"].items():
        print(f"{fmt:8} {r['labourgraph_s']:12.3f} {r['pyoxigraph_s']:11.3f} {r['ratio']:6.2f}x"
              f"   {r['python_sort_s']:10.3f} = {r['python_sort_ratio']:5.2f}x")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
