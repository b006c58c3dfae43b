"""Small things: query languages checked, tables that fit the terminal, Indonesian report
headers, and every declared dependency imported by the package."""
from __future__ import annotations

import ast
import importlib
import re
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from labourgraph.cli import cli

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SAMPLE = DATA / "sample-graph.trig"
WIDE = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o LIMIT 40"


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_an_unsupported_label_language_is_an_error_listing_the_supported_ones():
    result = invoke("query", "dialogue-partners", "--data", SAMPLE, "-p", "lang=fr")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "-p lang=fr: labourgraph's labels are in en, id only" in result.stderr


def test_lang_given_twice_must_agree():
    result = invoke("query", "dialogue-partners", "--data", SAMPLE, "-p", "lang=id", "--lang", "en")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "-p lang=id and --lang en disagree" in result.stderr
    same = invoke("query", "dialogue-partners", "--data", SAMPLE, "-p", 'lang="id"', "--lang", "id", "-f", "csv")
    assert same.exit_code == 0 and "Tiongkok" in same.stdout
    assert invoke("query", "dialogue-partners", "--data", SAMPLE, "-p", "lang=ID", "-f", "csv").exit_code == 0


def test_tables_fit_the_terminal_and_are_whole_when_piped(monkeypatch):
    piped = invoke("query", "-e", WIDE, "--data", SAMPLE)
    assert piped.exit_code == 0
    assert max(len(line) for line in piped.stdout.splitlines()) > 100 and "…" not in piped.stdout
    import labourgraph.cli.query as query_cli
    monkeypatch.setattr(query_cli, "stdout_is_terminal", lambda: True)
    monkeypatch.setattr(query_cli.shutil, "get_terminal_size", lambda *a: __import__("os").terminal_size((60, 24)))
    narrow = invoke("query", "-e", WIDE, "--data", SAMPLE)
    lines = narrow.stdout.splitlines()
    assert max(len(line) for line in lines) <= 60 and "…" in narrow.stdout
    assert lines[0].split()[:3] == ["s", "p", "o"] and len(lines) == len(piped.stdout.splitlines())


def test_table_cutting_keeps_columns_aligned():
    from labourgraph.queries import QueryResult
    import pyoxigraph as ox
    result = QueryResult("solutions", variables=["a", "b"],
                         rows=[(ox.Literal("x" * 50), ox.Literal("short")), (ox.Literal("y"), ox.Literal("z" * 30))])
    text = result.table(max_width=40)
    lines = text.splitlines()
    assert all(len(line) <= 40 for line in lines)
    assert lines[2].startswith("x" * 10) and lines[2].split()[0].endswith("…")
    assert lines[2].index("short") == lines[0].index("b")
    assert result.table() == result.table(max_width=1000)


def test_validate_in_indonesian_translates_the_headers_too():
    result = invoke("validate", DATA / "validate-bad.ttl", "--lang", "id")
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"Divalidasi {DATA / 'validate-bad.ttl'}: 6 tripel dalam graf bawaan; shape ")
    assert lines[0].endswith("; inferensi subclass; mesin turbo")
    assert lines[1] == "Tidak sesuai: 6 pelanggaran."
    assert "  Pelanggaran: lgr:" in result.stdout and "Violation" not in result.stdout
    named = invoke("validate", DATA / "validate-bad-named.trig", "--lang", "id").stdout.splitlines()[0]
    assert "1 graf bernama + graf bawaan, diperiksa sebagai satu gabungan" in named
    english = invoke("validate", DATA / "validate-bad.ttl").stdout.splitlines()
    assert english[0].startswith("Validated ") and english[1] == "Does not conform: 6 violations."


# -- dependencies ----------------------------------------------------------------------

#: distribution name -> the module it is imported as
IMPORT_NAMES = {"sparqlwrapper": "SPARQLWrapper", "pyyaml": "yaml", "python-dateutil": "dateutil"}


def declared() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return [re.split(r"[<>=!~;\[ ]", spec, maxsplit=1)[0].strip() for spec in project["dependencies"]]


def imported_by_the_package() -> set[str]:
    found = set()
    for path in (ROOT / "src" / "labourgraph").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.add(node.module.split(".")[0])
    return found


def test_dateparser_is_no_longer_declared():
    assert "dateparser" not in [d.lower() for d in declared()]


@pytest.mark.parametrize("dist", declared())
def test_every_declared_dependency_is_imported_by_the_package_and_imports(dist):
    module = IMPORT_NAMES.get(dist.lower(), dist.replace("-", "_"))
    assert module in imported_by_the_package(), f"{dist} is declared but nothing in src/labourgraph imports {module}"
    importlib.import_module(module)


@pytest.mark.parametrize("dist", declared())
def test_every_declared_dependency_is_tested(dist):
    """Some test module imports a labourgraph module that imports the dependency."""
    module = IMPORT_NAMES.get(dist.lower(), dist.replace("-", "_"))
    users = set()
    for path in (ROOT / "src" / "labourgraph").rglob("*.py"):
        if re.search(rf"^\s*(?:import|from) {re.escape(module)}\b", path.read_text(encoding="utf-8"), re.M):
            parts = path.relative_to(ROOT / "src").with_suffix("").parts
            users.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    tests = [p.read_text(encoding="utf-8") for p in (ROOT / "tests").glob("test_*.py")]
    assert any(re.search(rf"\b{re.escape(user)}\b", text) for user in users for text in tests), (dist, users)
