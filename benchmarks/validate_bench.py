"""Time SHACL validation of a labourgraph graph with pySHACL and pyshacl-turbo.

Prints, for each engine and inference mode, the best of N runs and whether the engines agree
(same result keys). Not a test: figures depend on the machine.

    python benchmarks/validate_bench.py                       # build/labourgraph.trig, x1 and x10
    python benchmarks/validate_bench.py DATA.trig --scale 1 --scale 50 --repeat 3
    python benchmarks/validate_bench.py --shapes tests/data/validate-shapes.ttl tests/data/validate-bad.ttl

``--scale K`` validates K renamed copies of the data (every ``lgr:`` IRI gets a ``-copyN``
suffix), to see how each engine grows with the size of the graph.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pyoxigraph as ox

from labourgraph.namespaces import LGR
from labourgraph.pipeline import TRIG_NAME, DEFAULT_BUILD_DIR
from labourgraph.store import KnowledgeGraph
from labourgraph.validation import ENGINES, validate


def scaled(kg: KnowledgeGraph, copies: int) -> KnowledgeGraph:
    """``copies`` copies of ``kg`` whose ``lgr:`` IRIs are renamed apart (copy 0 keeps its names)."""
    if copies == 1:
        return kg
    out = KnowledgeGraph()
    quads = list(kg.quads())

    def rename(term, n):
        if isinstance(term, ox.NamedNode) and term.value.startswith(str(LGR)) and n:
            return ox.NamedNode(f"{term.value}-copy{n}")
        return term

    for n in range(copies):
        out.add(ox.Quad(rename(q.subject, n), q.predicate, rename(q.object, n),
                        q.graph_name if isinstance(q.graph_name, ox.DefaultGraph) else rename(q.graph_name, n))
                for q in quads)
    return out


def best_of(repeat: int, fn):
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="*", type=Path, help=f"RDF files (default: {DEFAULT_BUILD_DIR / TRIG_NAME})")
    parser.add_argument("--shapes", type=Path, help="shapes file (default: ontology/shapes.ttl)")
    parser.add_argument("--scale", type=int, action="append", help="copies of the data (repeatable; default 1 and 10)")
    parser.add_argument("--inference", action="append", help="inference modes (default: subclass and rdfs)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; the best is shown")
    args = parser.parse_args(argv)

    paths = args.data or [DEFAULT_BUILD_DIR / TRIG_NAME]
    if not all(p.is_file() for p in paths):
        print(f"no data: {', '.join(map(str, paths))} (run 'labourgraph build' or give files)", file=sys.stderr)
        return 2
    base = KnowledgeGraph.from_files(*paths)
    engines = [e for e in ENGINES if e != "turbo" or _has_turbo()]
    print(f"data: {', '.join(map(str, paths))} ({len(base)} quads); engines: {', '.join(engines)}; "
          f"best of {args.repeat}")
    print(f"{'copies':>6} {'triples':>8} {'inference':>9} " + " ".join(f"{e + ' s':>9}" for e in engines)
          + "  speed-up  same results")
    for copies in args.scale or [1, 10]:
        kg = scaled(base, copies)
        for inference in args.inference or ["subclass", "rdfs"]:
            row, keys = [], []
            for engine in engines:
                seconds, report = best_of(args.repeat, lambda: validate(kg, args.shapes, inference=inference,
                                                                         engine=engine))
                row.append(seconds)
                keys.append([r.key for r in report.results])
            speedup = f"{row[0] / row[1]:8.1f}x" if len(row) > 1 and row[1] else f"{'-':>9}"
            same = "yes" if all(k == keys[0] for k in keys) else "NO"
            print(f"{copies:>6} {len(kg.triples()):>8} {inference:>9} " + " ".join(f"{s:9.2f}" for s in row)
                  + f" {speedup}  {same}")
    return 0


def _has_turbo() -> bool:
    try:
        import pyshacl_turbo  # noqa: F401
    except ImportError:
        return False
    return True


if __name__ == "__main__":
    sys.exit(main())
