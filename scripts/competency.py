#!/usr/bin/env python3
"""Ask the 29 competency questions of the design notes of a labourgraph build.

    labourgraph build                      # the seeds, into build/
    python scripts/competency.py           # print each question's answer rows
    python scripts/competency.py --write docs/competency.md
    python scripts/competency.py --check   # exit 1 if a question's key answer is missing

The questions, their queries, expected answers and judgements are data, in
scripts/competency.toml next to this file. The build is read with
``labourgraph.pipeline.load_built_graph`` and queried with ``labourgraph.queries.run_local``,
so the default graph is the deduplicated union (each fact once), as for ``labourgraph query``.
"""
from __future__ import annotations

import argparse
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from labourgraph.queries import display, find_query, parse_query_text, run_local, with_prologue

HERE = Path(__file__).resolve().parent
MAPPING = HERE / "competency.toml"
JUDGEMENTS = ("right", "partial", "not answerable")
CELL_WIDTH = 90


@dataclass
class Answer:
    """The rows one query of a question gave, as display strings."""

    label: str                      # how the query is shown: name and params, or "SPARQL"
    sparql: str | None              # the SPARQL text, for a query that is not a named one
    variables: list[str]
    rows: list[tuple[str, ...]]
    columns: list[str]              # the variables to print

    def shown(self) -> list[tuple[str, ...]]:
        idx = [self.variables.index(c) for c in self.columns]
        return [tuple(row[i] for i in idx) for row in self.rows]


@dataclass
class Result:
    question: dict
    answers: list[Answer] = field(default_factory=list)

    def missing(self) -> list[list[str]]:
        """The key rows of the question that no answer row holds."""
        rows = [set(row) for a in self.answers for row in a.rows]
        return [key for key in self.question.get("key", []) if not any(set(key) <= row for row in rows)]

    def unwanted(self) -> list[str]:
        """The ``absent`` values that some answer row holds."""
        cells = {cell for a in self.answers for row in a.rows for cell in row}
        return [value for value in self.question.get("absent", []) if value in cells]

    def key_holds(self) -> bool:
        return not self.missing() and not self.unwanted()


def load_questions(path: Path = MAPPING) -> list[dict]:
    questions = tomllib.loads(path.read_text(encoding="utf-8"))["question"]
    for i, q in enumerate(questions, 1):
        if q["n"] != i:
            raise ValueError(f"{path}: question {q['n']} is number {i} in the file")
        if q["judgement"] not in JUDGEMENTS:
            raise ValueError(f"{path}: question {i}: judgement {q['judgement']!r} is not one of {JUDGEMENTS}")
        if not q.get("query"):
            raise ValueError(f"{path}: question {i} has no query")
    return questions


def run_query(graph, spec: dict) -> Answer:
    params = dict(spec.get("params", {}))
    if "name" in spec:
        named = find_query(spec["name"])
        text = named.bind(params)
        label = " ".join([spec["name"]] + [f"-p {k}={v}" for k, v in params.items()])
        sparql = None
    else:
        named = parse_query_text(with_prologue(spec["sparql"].strip()), "competency")
        text = named.bind(params)
        label, sparql = "SPARQL", spec["sparql"].strip()
    result = run_local(graph, text, source=label)
    rows = [tuple(display(t) for t in row) for row in result.rows]
    columns = spec.get("columns") or result.variables
    unknown = [c for c in columns if c not in result.variables]
    if unknown:
        raise ValueError(f"{label}: no column {', '.join(unknown)} (has {', '.join(result.variables)})")
    return Answer(label, sparql, result.variables, rows, list(columns))


def run_all(graph, questions: list[dict]) -> list[Result]:
    return [Result(q, [run_query(graph, spec) for spec in q["query"]]) for q in questions]


def _cell(text: str) -> str:
    text = text or "–"
    return text if len(text) <= CELL_WIDTH else text[: CELL_WIDTH - 1] + "…"


def compact_rows(answer: Answer) -> list[str]:
    return [" | ".join(_cell(c) for c in row) for row in answer.shown()]


def print_results(results: list[Result], out=sys.stdout) -> None:
    for r in results:
        q = r.question
        print(f"CQ{q['n']}. {q['question']}  [{q['judgement']}]", file=out)
        for a in r.answers:
            print(f"  $ {a.label}", file=out)
            print("    " + " | ".join(a.columns), file=out)
            for line in compact_rows(a) or ["(no rows)"]:
                print("    " + line, file=out)
        for key in r.missing():
            print(f"  ! key answer missing: {key}", file=out)
        for value in r.unwanted():
            print(f"  ! value that should be absent: {value}", file=out)
        print(file=out)


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|")


def render_markdown(results: list[Result]) -> str:
    totals = {j: sum(r.question["judgement"] == j for r in results) for j in JUDGEMENTS}
    lines = [
        "# Competency questions on the seeds",
        "",
        "<!-- generated by scripts/competency.py from scripts/competency.toml; do not edit -->",
        "",
        "The 29 competency questions of the design notes, asked of a build of `seeds/`",
        "(`labourgraph build`, then `python scripts/competency.py --write docs/competency.md`).",
        "Each question names the query that asks it, labourgraph's answer (the rows, compact:",
        "CURIEs for IRIs, `–` for an unbound cell), the answer the seed texts support, and a",
        "judgement: **right**, **partial** (facts missing or extra), or **not answerable**",
        "(the model has no place for it). `tests/test_competency.py` holds each question's key",
        "answer, so a regression shows.",
        "",
        "| | right | partial | not answerable |",
        "|---|---|---|---|",
        f"| questions | {totals['right']} | {totals['partial']} | {totals['not answerable']} |",
        "",
        "| CQ | question | judgement |",
        "|---|---|---|",
    ]
    for r in results:
        q = r.question
        lines.append(f"| [{q['n']}](#cq{q['n']}) | {_md_escape(q['question'])} | {q['judgement']} |")
    for r in results:
        q = r.question
        lines += ["", f"## CQ{q['n']}", "", f"**{q['question']}**", "",
                  f"- **Judgement: {q['judgement']}.** {q['why']}",
                  f"- **Expected** (seeds): {q['expected']}", ""]
        for a in r.answers:
            if a.sparql is None:
                lines.append(f"`labourgraph query {a.label}`")
            else:
                lines += ["```sparql", a.sparql, "```"]
            lines += ["", "```text", " | ".join(a.columns)]
            lines += compact_rows(a) or ["(no rows)"]
            lines += ["```", ""]
        if not r.key_holds():
            lines.append(f"Key answer not given: {r.missing() or ''} {r.unwanted() or ''}".rstrip())
            lines.append("")
    text = "\n".join(lines).rstrip() + "\n"
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="build", help="build folder or RDF file (default: build/)")
    parser.add_argument("--mapping", default=str(MAPPING), help="the questions (default: %(default)s)")
    parser.add_argument("--write", metavar="FILE", help="write the Markdown report to FILE")
    parser.add_argument("--check", action="store_true", help="exit 1 when a key answer is missing")
    parser.add_argument("--quiet", action="store_true", help="do not print the answers")
    args = parser.parse_args(argv)

    from labourgraph.pipeline import load_built_graph

    questions = load_questions(Path(args.mapping))
    graph = load_built_graph(args.data)
    results = run_all(graph, questions)
    if not args.quiet:
        print_results(results)
    if args.write:
        Path(args.write).write_text(render_markdown(results), encoding="utf-8")
    totals = {j: sum(q["judgement"] == j for q in questions) for j in JUDGEMENTS}
    print("  ".join(f"{j}: {n}" for j, n in totals.items()), file=sys.stderr)
    failing = [r.question["n"] for r in results if not r.key_holds()]
    if failing:
        print(f"key answer missing for CQ {', '.join(map(str, failing))}", file=sys.stderr)
    return 1 if args.check and failing else 0


if __name__ == "__main__":
    sys.exit(main())
