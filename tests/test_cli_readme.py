"""The README tour runs as written: every ``console`` block's commands, in a fresh copy of the
checkout, with bare ``labourgraph`` on PATH (as after the README's first command), print what
the README shows and exit as it implies.

A ``…`` line stands for any lines, a ``…`` inside a line for any text. Numbers may differ (they
follow the extractor); the words, the order and the exit codes may not.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def console_blocks(text: str) -> list[list[tuple[str, list[str]]]]:
    """Each ```console block as (command, expected output lines) pairs."""
    blocks = []
    for body in re.findall(r"```console\n(.*?)```", text, re.S):
        steps: list[tuple[str, list[str]]] = []
        for line in body.rstrip("\n").split("\n"):
            if line.startswith("$ "):
                steps.append((line[2:], []))
            elif steps:
                steps[-1][1].append(line)
        blocks.append(steps)
    return blocks


def expected_exit(output: list[str]) -> int:
    if any(line.startswith("Error: ") for line in output):
        return 2
    if any(line.startswith("Does not conform") for line in output):
        return 1
    return 0


def matches(expected: list[str], actual: list[str]) -> bool:
    """Whether ``actual`` lines fit ``expected`` (``…`` wildcards, numbers free)."""
    def line_pattern(line: str) -> str:
        parts = [re.sub(r"\d+", r"\\d+", re.escape(p)) for p in line.split("…")]
        return ".*".join(parts)
    pattern = ""
    for line in expected:
        if line.strip() == "…":
            pattern += r"(?:[^\n]*\n)*?"
        else:
            pattern += line_pattern(line.rstrip()) + r"[ \t]*\n"
    return re.fullmatch(pattern, "".join(a.rstrip() + "\n" for a in actual)) is not None


def test_the_parser_reads_the_tour():
    blocks = console_blocks(README)
    commands = [c for block in blocks for c, _ in block]
    assert commands[0] == "labourgraph build"
    assert all(c.startswith(("labourgraph ", "printf ", "cat ")) for c in commands), commands
    assert matches(["a …", "…", "z"], ["a b", "x", "y", "z"]) and not matches(["a", "z"], ["a", "b", "z"])


@pytest.mark.slow
def test_the_readme_tour_runs_as_written(tmp_path):
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    for name in ("seeds", "tests/data", "labourgraph.toml", "docs"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, checkout / name)
        else:
            (checkout / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, checkout / name)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "COLUMNS": "200"}
    env.pop("LABOURGRAPH_HOME", None)
    failures = []
    for block in console_blocks(README):
        for command, expected in block:
            proc = subprocess.run(["bash", "-c", command], cwd=checkout, env=env, capture_output=True, text=True,
                                  timeout=900)
            shown = (proc.stdout + proc.stderr).splitlines()
            want = expected_exit(expected)
            if proc.returncode != want and "|" not in command:
                failures.append(f"$ {command}\nexit {proc.returncode}, README implies {want}\n{proc.stderr}")
            elif expected and not matches(expected, shown):
                failures.append(f"$ {command}\nREADME shows:\n" + "\n".join(expected)
                                + "\nit prints:\n" + "\n".join(shown))
    assert not failures, "\n\n".join(failures)


def test_the_section_for_jena_oxigraph_and_rdflib_users_names_real_options():
    from labourgraph.cli import cli

    section = README.split("## For users of Jena, Oxigraph and rdflib", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    tools = " ".join(row.split("|")[1] for row in rows)
    for tool in ("riot", "arq", "shacl validate", "pyshacl", "rdfpipe", "oxigraph load", "oxigraph query",
                 "oxigraph serve"):
        assert tool in tools, tool
    for row in rows:
        for command in re.findall(r"`(labourgraph [^`]*)`", row.split("|")[2]):
            words = command.split()
            sub = cli.commands[words[1]]
            names = {opt for p in sub.params for opt in (*p.opts, *p.secondary_opts)}
            for word in words[2:]:
                if word.startswith("-") and word != "-":
                    assert word.split("=")[0] in names, (command, word)
