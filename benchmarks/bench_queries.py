"""Benchmark the named queries on builds of 13, 65 and 260 articles.

    nice python benchmarks/bench_queries.py [--sizes 13 65 260] [--repeat 3] [--rebuild]
                                            [--corpus /work/shared/corpus/dev/articles]

The articles are the five seeds and the development articles (read from ``--corpus`` at
run time, never copied into the repository), taken in turn and copied under new names
(``c01-...``, ``c02-...``) until there are as many as a size asks, so every copy is its own
article with its own named graph. Each size is extracted and assembled once and cached as
TriG (with its Turtle union) under the temporary folder (``--cache``); the cache key holds
the articles and labourgraph's source, so a changed extractor rebuilds. Building 260
articles takes minutes of CPU; run it with ``nice``.

For each size it loads the TriG as every command does (``load_built_graph``, which makes
the set-semantics query store: docs/model.md, "Set semantics") and prints each named
query's time (best of ``--repeat`` runs, wall clock and CPU). ``x native`` is pyoxigraph's own union default
graph (``use_default_graph_as_union=True`` on the same dataset, which counts a triple once
per graph holding it, oxigraph issue 1919) divided by labourgraph's time: how much slower
the query would be without set semantics. It is measured up to ``--native-up-to`` articles,
and a native query still running after ``--native-cap`` seconds is given up (``>N``).

Prints figures; asserts nothing (speed targets live here, not in timed tests).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DEFAULT_CORPUS = Path("/work/shared/corpus/dev/articles")


def pool(corpus: Path) -> list[Path]:
    """The articles copies are made of: the seeds, then the development articles."""
    seeds = sorted(SEEDS.glob("*.txt"))
    dev = sorted(corpus.glob("*.txt")) if corpus.is_dir() else []
    if not dev:
        print(f"note: no articles in {corpus}; using the seeds only", file=sys.stderr)
    return seeds + dev


def cache_key(articles: list[Path], size: int) -> str:
    digest = hashlib.sha256(str(size).encode())
    for path in articles:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for path in sorted((ROOT / "src" / "labourgraph").rglob("*.py")) + sorted((ROOT / "ontology").glob("*")):
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def build_size(articles: list[Path], size: int, cache: Path, rebuild: bool) -> Path:
    """The TriG file of a build of ``size`` articles (cached)."""
    target = cache / f"articles-{size}-{cache_key(articles, size)}.trig"
    if target.is_file() and not rebuild:
        return target
    from labourgraph.articles import load_metadata
    from labourgraph.pipeline import assemble, extract_all

    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        metadata = {}
        for n in range(size):
            source = articles[n % len(articles)]
            copy = n // len(articles)
            name = source.name if copy == 0 else f"c{copy:02d}-{source.name}"
            shutil.copyfile(source, folder / name)
            meta = load_metadata(source.parent).get(source.name)
            if meta:
                metadata[name] = meta
        (folder / "metadata.json").write_text(json.dumps(metadata), encoding="utf-8")
        built, extractions = extract_all(sorted(folder.glob("*.txt")), progress=False)
        kg = assemble(built, extractions)
    cache.mkdir(parents=True, exist_ok=True)
    for stale in cache.glob(f"articles-{size}-*.trig"):
        stale.unlink()                  # a build of an older extractor or corpus
    kg.write(target)
    print(f"built {size} articles in {time.perf_counter() - started:.0f} s -> {target}", file=sys.stderr)
    return target


def timed(run, repeat: int) -> tuple[float, float]:
    """Best wall-clock and best CPU seconds of ``repeat`` runs (on a shared machine the CPU
    time is the query's own cost; the wall clock also counts waiting for a core)."""
    wall = cpu = float("inf")
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        run()
        wall = min(wall, time.perf_counter() - started)
        cpu = min(cpu, time.process_time() - started_cpu)
    return wall, cpu


def native_time(store, text: str, cap: float) -> float | None:
    """Seconds pyoxigraph's union default graph takes, or None past ``cap``. It runs in a
    forked process, killed at the cap, so a runaway query does not keep burning CPU."""
    receive, send = multiprocessing.Pipe(duplex=False)

    def work():
        started = time.perf_counter()
        result = store.query(text, use_default_graph_as_union=True)
        if hasattr(result, "__iter__"):
            for _ in result:
                pass
        send.send(time.perf_counter() - started)

    process = multiprocessing.get_context("fork").Process(target=work, daemon=True)
    process.start()
    process.join(cap)
    if process.is_alive():
        process.kill()
        process.join()
        return None
    return receive.recv() if receive.poll() else None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[13, 65, 260])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "labourgraph-bench-queries")
    ap.add_argument("--rebuild", action="store_true", help="build again even if cached")
    ap.add_argument("--native-up-to", type=int, default=65, help="time pyoxigraph's union graph up to this size")
    ap.add_argument("--native-cap", type=float, default=10.0, help="give up on a native query after this many seconds")
    args = ap.parse_args()

    from labourgraph.pipeline import load_built_graph
    from labourgraph.queries import load_queries, run_local

    articles = pool(args.corpus)
    library = {name: q for name, q in load_queries().items()}
    times: dict[str, dict[int, float]] = {name: {} for name in library}
    cpu_times: dict[str, dict[int, float]] = {name: {} for name in library}
    ratios: dict[str, dict[int, str]] = {name: {} for name in library}
    for size in args.sizes:
        path = build_size(articles, size, args.cache, args.rebuild)
        started = time.perf_counter()
        kg = load_built_graph(path)
        kg.query_store()
        load = time.perf_counter() - started
        print(f"{size} articles: {len(kg)} quads, {len(kg.triples())} triples, "
              f"{len(kg.named_graphs())} named graphs; load + set view {load:.2f} s", file=sys.stderr)
        for name, query in library.items():
            text = query.bind()
            seconds, cpu = timed(lambda: run_local(kg, text, source=query.source), args.repeat)
            times[name][size] = seconds
            cpu_times[name][size] = cpu
            ratio = "-"
            if size <= args.native_up_to:
                native = native_time(kg._store, text, args.native_cap)
                ratio = f">{args.native_cap / max(seconds, 1e-6):.0f}" if native is None else f"{native / max(seconds, 1e-6):.1f}"
            ratios[name][size] = ratio
    width = max(len(n) for n in library)
    head = f"{'query':{width}}" + "".join(f"  {str(s) + ' art. wall ms':>16} {'cpu ms':>8}  {'x native':>8}"
                                          for s in args.sizes)
    print(head)
    print("-" * len(head))
    for name in library:
        cells = "".join(f"  {times[name][s] * 1000:16.1f} {cpu_times[name][s] * 1000:8.1f}  {ratios[name][s]:>8}"
                        for s in args.sizes)
        print(f"{name:{width}}{cells}")
    last = args.sizes[-1]
    slowest = max(times, key=lambda n: times[n][last])
    print(f"slowest at {last} articles: {slowest} {times[slowest][last] * 1000:.1f} ms wall, "
          f"{cpu_times[slowest][last] * 1000:.1f} ms CPU (target: every query under 1000 ms)")


if __name__ == "__main__":
    main()
