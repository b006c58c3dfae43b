"""Benchmark `labourgraph build`: articles per second, triples, validation time, peak memory.

    python benchmarks/bench_build.py [--copies 10]

Copies the seed articles ``--copies`` times under new names (so each copy is its own
article) and times extraction, graph assembly, validation and writing separately.
Prints figures; asserts nothing.
"""
from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from pathlib import Path

from labourgraph import validation
from labourgraph.pipeline import assemble, extract_all

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--copies", type=int, default=10)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        for n in range(args.copies):
            for f in sorted(SEEDS.glob("*.txt")):
                shutil.copy(f, folder / f"{n:04d}-{f.name}")
        paths = sorted(folder.glob("*.txt"))
        t0 = time.perf_counter()
        articles, extractions = extract_all(paths, progress=False)
        t1 = time.perf_counter()
        kg = assemble(articles, extractions)
        t2 = time.perf_counter()
        report = validation.validate(kg)
        t3 = time.perf_counter()
        ttl, trig = kg.serialize("turtle"), kg.serialize("trig")
        t4 = time.perf_counter()
    print(f"articles                 {len(paths):8d}")
    print(f"quads                    {len(kg):8d}   ({len(ttl) / 1e6:.1f} MB Turtle, {len(trig) / 1e6:.1f} MB TriG)")
    print(f"extract                  {t1 - t0:8.2f} s   ({len(paths) / (t1 - t0):.1f} articles/s)")
    print(f"assemble graph           {t2 - t1:8.2f} s")
    print(f"validate (pySHACL)       {t3 - t2:8.2f} s   conforms={report.conforms}")
    print(f"write Turtle + TriG      {t4 - t3:8.2f} s")
    print(f"peak memory (max RSS)    {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:8.0f} MB")


if __name__ == "__main__":
    main()
