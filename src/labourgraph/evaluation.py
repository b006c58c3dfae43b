"""Measure extraction against gold annotations with the shared scorer.

    python -m labourgraph.evaluation GOLD_DIR ARTICLES_DIR [--per-article] [--keep DIR] [--scorer score.py]

Runs :func:`labourgraph.extract.extract` on every article of ``ARTICLES_DIR``, writes the
JSON predictions to a temporary folder named as the scorer expects (``NN.json``; seeds
``seed-NNN.json`` when the gold files are named so), and runs the scorer
(``score.py`` beside the gold's corpus: ``<shared>/eval/score.py``).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from pathlib import Path

from labourgraph.articles import find_articles, read_article
from labourgraph.extract import extract, to_json


def find_scorer(gold_dir: Path) -> Path:
    """``eval/score.py`` in the shared folder that holds ``gold_dir``."""
    for parent in gold_dir.resolve().parents:
        candidate = parent / "eval" / "score.py"
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"no eval/score.py above {gold_dir}")


def _load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("labourgraph_gold_scorer", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def prediction_name(article_stem: str, gold_dir: Path) -> str:
    """The file name the scorer looks for: ``seed-001`` for seed ``001_…`` under seed gold."""
    if (gold_dir / f"{article_stem}.json").exists():
        return article_stem
    prefix = article_stem.split("_", 1)[0]
    if (gold_dir / f"seed-{prefix}.json").exists():
        return f"seed-{prefix}"
    return article_stem


def predict(articles_dir: Path, gold_dir: Path, out_dir: Path) -> list[Path]:
    """Write one prediction per article into ``out_dir``."""
    written = []
    for path in find_articles([articles_dir]):
        article = read_article(path)
        data = to_json(extract(article))
        target = out_dir / f"{prediction_name(path.stem, gold_dir)}.json"
        target.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        written.append(target)
    return written


def score(gold_dir: str | Path, articles_dir: str | Path, keep: str | Path | None = None,
          scorer_path: str | Path | None = None) -> dict:
    """Micro-averaged scores (the scorer's ``--json`` dict) of extraction on ``articles_dir``."""
    gold_dir, articles_dir = Path(gold_dir), Path(articles_dir)
    scorer = _load_scorer(Path(scorer_path) if scorer_path else find_scorer(gold_dir))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(keep) if keep else Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        predict(articles_dir, gold_dir, out)
        total: dict = {}
        for gf in sorted(gold_dir.glob("*.json")):
            gold = json.loads(gf.read_text(encoding="utf-8"))
            pf = out / gf.name
            pred = json.loads(pf.read_text(encoding="utf-8")) if pf.exists() else {}
            scorer.add(total, scorer.score_article(gold, pred))
    micro = {}
    for key, val in total.items():
        if "tp" in val:
            micro[key] = scorer.prf(val["tp"], val["gold"], val["pred"])
        else:
            micro[key] = {**val, "acc": round(val["right"] / val["known"], 3) if val["known"] else None}
    return micro


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold_dir", type=Path)
    ap.add_argument("articles_dir", type=Path)
    ap.add_argument("--per-article", action="store_true")
    ap.add_argument("--keep", type=Path, help="keep the predictions in this folder")
    ap.add_argument("--scorer", type=Path, help="score.py to use (default: eval/score.py above GOLD_DIR)")
    args = ap.parse_args(argv)
    scorer_path = args.scorer or find_scorer(args.gold_dir)
    with tempfile.TemporaryDirectory() as tmp:
        out = args.keep or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        predict(args.articles_dir, args.gold_dir, out)
        scorer = _load_scorer(scorer_path)
        argv2 = [str(args.gold_dir), str(out)] + (["--per-article"] if args.per_article else [])
        return scorer.main(argv2)


if __name__ == "__main__":
    sys.exit(main())
