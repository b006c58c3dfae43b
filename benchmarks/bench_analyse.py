"""Benchmark ``labourgraph analyse`` (and the HTML overview) on a 1,000-article build.

    python benchmarks/bench_analyse.py [--articles 1000] [--builds build /tmp/devbuild] [--html]

The build is synthetic (benchmarks/synthetic.py): the named graphs of the builds given
(default: the seeds, built here into a temporary folder, and /tmp/devbuild if it exists),
copied with renamed IRIs until there are ``--articles`` articles. Times loading the data
with the analysis queries, each topic and each plot in one process, then each
``labourgraph analyse TOPIC --plot`` command end to end (reading the build's TriG included)
against the target of 30 s; with --html, also the HTML export (overview) and its size. Prints figures and
ratios, wall-clock and CPU time (on a shared machine the wall-clock time grows with the
load; the CPU time is what the command costs); asserts nothing.
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import synthetic_build  # noqa: E402
from labourgraph.analyse import analyse, load_data  # noqa: E402
from labourgraph.analyse.plot import plot_bytes  # noqa: E402

TARGET = 30.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--builds", nargs="*", default=None)
    parser.add_argument("--html", action="store_true", help="also time the HTML export of the overview")
    parser.add_argument("--keep", type=Path, default=None, help="write the synthetic build's TriG here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        builds = args.builds
        if builds is None:
            from labourgraph.pipeline import build
            build([Path("seeds")], Path(tmp) / "seeds", progress=False, include_additions=False)
            builds = [Path(tmp) / "seeds"] + ([Path("/tmp/devbuild")] if Path("/tmp/devbuild").is_dir() else [])
        t0 = time.perf_counter()
        kg = synthetic_build(builds, args.articles)
        print(f"synthetic build: {len(kg.named_graphs())} articles, {len(kg)} quads "
              f"from {', '.join(map(str, builds))} ({time.perf_counter() - t0:.1f} s, not counted)")
        if args.keep:
            kg.write(args.keep, "trig")
            print(f"written: {args.keep}")
        start = time.perf_counter()
        data = load_data(graph=kg, data="<synthetic>")
        timings = {"load (queries)": time.perf_counter() - start}
        print(f"rows: participations {len(data.participations)}, meetings {len(data.meetings)}, "
              f"posts {len(data.posts)}, themes {len(data.themes)}")
        for topic in ("actors", "cooperation", "communities", "timeline"):
            t = time.perf_counter()
            result = analyse(topic, data)
            timings[topic] = time.perf_counter() - t
            t = time.perf_counter()
            plot_bytes(result, "png")
            timings[f"{topic} plot"] = time.perf_counter() - t
            size = f"{result.graph.number_of_nodes()} nodes, {result.graph.number_of_edges()} edges" \
                if result.graph is not None else f"{sum(len(x.rows) for x in result.tables)} rows"
            print(f"  {topic:12s} {size}")
        t = time.perf_counter()
        analyse("actors", data, by="year")
        timings["actors --by year"] = time.perf_counter() - t
        total = sum(timings.values())
        print(f"machine load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (wall times grow with it; "
              "CPU times do not)")
        for name, seconds in timings.items():
            print(f"{name:22s} {seconds:7.2f} s")
        print(f"{'all topics, in process':22s} {total:7.2f} s   target {TARGET:.0f} s   ratio {total / TARGET:.2f}")
        # what a user waits for: the command, end to end (reading the TriG included)
        import subprocess
        folder = Path(tmp) / "build1000"
        folder.mkdir()
        kg.write(folder / "labourgraph.trig", "trig")
        for topic in ("actors", "cooperation", "communities", "timeline"):
            command = [sys.executable, "-m", "labourgraph", "analyse", topic, "--data", str(folder),
                       "--plot", str(Path(tmp) / f"{topic}.png"), "-f", "csv"]
            t = time.perf_counter()
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            done = subprocess.run(command, capture_output=True, check=False)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            seconds = time.perf_counter() - t
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            print(f"labourgraph analyse {topic:12s} --plot: {seconds:6.1f} s wall, {cpu:6.1f} s CPU; "
                  f"ratio to {TARGET:.0f} s: {seconds / TARGET:.2f} wall, {cpu / TARGET:.2f} CPU (exit {done.returncode})")
        if args.html:
            from labourgraph.export import export
            t = time.perf_counter()
            page = export(kg, "html")
            print(f"HTML export (overview): {time.perf_counter() - t:.1f} s, {len(page) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
