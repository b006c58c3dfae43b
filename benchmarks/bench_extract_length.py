"""Extraction time against article length: is it linear?

    python benchmarks/bench_extract_length.py [--sizes 10000 100000 1000000] [--json out.json]

Builds one long article by concatenating the seed articles (and the development articles
of /work/shared/corpus/dev, if present) until it reaches each size, extracts it, and prints
CPU seconds, microseconds per character and the ratio of the largest to the smallest time
per character (target: <= 1.5, i.e. linear). Asserts nothing.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = Path(os.environ.get("LABOURGRAPH_DEV_CORPUS", "/work/shared/corpus/dev/articles"))


def source_texts() -> list[str]:
    """The article texts without their page chrome (which extraction blanks out: a long
    article built from whole pages would be mostly blank after the first trailer)."""
    from labourgraph.articles import blank_chrome

    files = sorted((ROOT / "seeds").glob("*.txt"))
    if DEV.is_dir():
        files += sorted(DEV.glob("*.txt"))
    out = []
    for f in files:
        text = f.read_text(encoding="utf-8")
        lines = zip(text.splitlines(keepends=True), blank_chrome(text).splitlines(keepends=True))
        out.append("".join(line for line, kept in lines if line == kept))
    return out


def long_text(size: int, texts: list[str]) -> str:
    """``size`` characters of article text: whole articles one after another, cut at a line."""
    parts, n, i = [], 0, 0
    while n < size:
        t = texts[i % len(texts)].rstrip("\n") + "\n\n"
        parts.append(t)
        n += len(t)
        i += 1
    text = "".join(parts)[:size]
    cut = text.rfind("\n")
    return text[:cut + 1] if cut > size // 2 else text


def time_extract(text: str, tmp: Path) -> float:
    from labourgraph.articles import read_article
    from labourgraph.pipeline import extract_article

    path = tmp / f"long_{len(text)}.txt"
    path.write_text(text, encoding="utf-8")
    article = read_article(path)
    t0 = time.process_time()
    extract_article(article)
    return time.process_time() - t0


def measure(sizes: list[int]) -> dict:
    texts = source_texts()
    with tempfile.TemporaryDirectory() as tmp:
        time_extract(long_text(3000, texts), Path(tmp))      # warm up: tokenizer, gazetteer, patterns
        rows = []
        for size in sizes:
            text = long_text(size, texts)
            cpu = time_extract(text, Path(tmp))
            rows.append({"chars": len(text), "cpu_s": round(cpu, 3), "us_per_char": round(cpu / len(text) * 1e6, 3)})
    per = [r["us_per_char"] for r in rows]
    return {"rows": rows, "ratio": round(max(per) / min(per), 2), "target": 1.5}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    args = ap.parse_args()
    result = measure(args.sizes)
    print(f"{'chars':>10} {'CPU s':>9} {'us/char':>9}")
    for r in result["rows"]:
        print(f"{r['chars']:>10} {r['cpu_s']:>9.3f} {r['us_per_char']:>9.3f}")
    print(f"time per character, largest / smallest: {result['ratio']:.2f}x (target <= {result['target']}x)")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
