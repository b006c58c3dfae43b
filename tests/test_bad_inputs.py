"""The table of bad inputs: one row per case, with the command, the exit code and the first
line of the message. Every row also checks that there is no traceback and that the build
(and the additions kept beside it) is untouched: the folder is hashed before and after.

Exit codes (README): 1 the data does not conform to the shapes; 2 bad input. The message
is the first line of stderr (of stdout when stderr is empty: exit-1 reports go to stdout).

Rows run in-process with click's CliRunner (fast); the kill -9 cases need processes and
live in tests/test_add.py and tests/test_build.py. Earlier bad-input tests that cover a row
in more depth are named in its ``see`` column.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from labourgraph.cli import cli
from labourgraph.publish import build_lock, publish
from labourgraph.store import KnowledgeGraph

from test_remote import Recorder, failing_after, redirecting

DATA = Path(__file__).resolve().parent / "data"
SHAPES = DATA / "validate-shapes.ttl"
LGR = "https://w3id.org/labourgraph/id/"
GOOD = "Menteri Ketenagakerjaan bertemu delegasi Malaysia di Jakarta pada 12 Maret 2024.\n"
PREFIXES = """@prefix lg: <https://w3id.org/labourgraph/ns#> .
@prefix lgr: <https://w3id.org/labourgraph/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def write(name: str, content: bytes | str) -> Callable[[Path], None]:
    def setup(p: Path) -> None:
        path = p / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return setup


def link(name: str, target: str) -> Callable[[Path], None]:
    def setup(p: Path) -> None:
        (p / name).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, p / name)
    return setup


def both(*setups):
    def setup(p: Path) -> None:
        for s in setups:
            s(p)
    return setup


@dataclass
class Case:
    case: str
    args: list[str]               # {p}: the project folder; {peer}: a local HTTP peer
    code: int
    first: str                    # the first line of the message: its beginning, or all of it ending in $
    setup: Callable[[Path], None] | None = None
    peer: Callable | None = None  # what the local HTTP peer answers
    locked: bool = False          # another command holds the build's lock
    see: str = ""                 # the earlier test of this case

    def __str__(self) -> str:
        return self.case


B = ["--out", "{p}/build", "--no-progress"]
ADD = ["--build", "{p}/build", "--shapes", str(SHAPES), "--by", "t", "--when", "2026-11-25"]

CASES = [
    # -- articles (build, extract) -------------------------------------------------------
    Case("empty article", ["build", "{p}/a.txt", *B], 2, "Error: {p}/a.txt: article is empty$",
         write("a.txt", b""), see="test_build.py::test_build_bad_article_exits_2_with_one_line_and_keeps_earlier_build"),
    Case("blank article", ["build", "{p}/a.txt", *B], 2, "Error: {p}/a.txt: article is empty",
         write("a.txt", b"  \n\t\n"), see="test_articles.py::test_articles_bad_files_are_refused_with_one_line"),
    Case("binary article (PNG)", ["build", "{p}/a.txt", *B], 2, "Error: {p}/a.txt: article is a binary file, not text",
         write("a.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), see="test_build.py (binary)"),
    Case("article not UTF-8", ["build", "{p}/a.txt", *B], 2,
         "Error: {p}/a.txt:2:7: article is not UTF-8 text (byte 0xe9)", write("a.txt", b"baris satu\nbaris \xe9dua\n"),
         see="test_articles.py::test_articles_non_utf8_error_names_line_and_column"),
    Case("UTF-16 article that is not valid UTF-16", ["build", "{p}/a.txt", *B], 2,
         "Error: {p}/a.txt: article is not valid UTF-16 text", write("a.txt", b"\xff\xfeA\x00\x00\xd8")),
    Case("missing article", ["build", "{p}/nope.txt", *B], 2, "Error: {p}/nope.txt: no such file or folder$",
         see="test_build.py::test_build_missing_path_exits_2"),
    Case("symbolic link loop", ["build", "{p}/loop1.txt", *B], 2,
         "Error: {p}/loop1.txt: symbolic link loop (too many levels of symbolic links)$",
         both(link("loop1.txt", "loop2.txt"), link("loop2.txt", "loop1.txt"))),
    Case("broken symbolic link in a folder", ["build", "{p}/news", *B], 2,
         "Error: {p}/news/gone.txt: broken symbolic link (it points to nothing)",
         both(write("news/a.txt", GOOD), link("news/gone.txt", "nowhere.txt"))),
    Case("HTML page saved as .txt", ["build", "{p}/page.txt", *B], 2,
         "Error: {p}/page.txt: article is an HTML page, not plain text; save the page's text (for example with "
         "html2text) and build from that",
         write("page.txt", "<!DOCTYPE html>\n<html><head><title>Berita</title></head><body><p>" + GOOD + "</p></body></html>")),
    Case("HTML fragment without a doctype", ["build", "{p}/page.txt", *B], 2,
         "Error: {p}/page.txt: article is an HTML page",
         write("page.txt", "".join(f'<div class="c"><p>Paragraf {i}. {GOOD}</p></div>\n' for i in range(6)))),
    Case("article over 1,000,000 characters", ["build", "{p}/big.txt", *B], 2,
         "Error: {p}/big.txt: article is too long: 1,000,001 characters, the limit is 1,000,000; split it",
         write("big.txt", "a" * 1_000_001)),
    Case("article over 4 MB (not read at all)", ["extract", "{p}/huge.txt"], 2,
         "Error: {p}/huge.txt: article is too long: 4,000,010 bytes, more than 1,000,000 characters",
         write("huge.txt", b"a" * 4_000_010)),
    Case("two articles with one id", ["build", "{p}/x/a.txt", "{p}/y/a.txt", *B], 2,
         "Error: {p}/x/a.txt: two articles share the id 'a' (ids are file names without suffix)",
         both(write("x/a.txt", GOOD), write("y/a.txt", GOOD))),
    Case("two names whose ids collide", ["build", "{p}/a b.txt", "{p}/a-b.txt", *B], 2,
         "Error: {p}/a b.txt: two articles share the id 'a-b'", both(write("a b.txt", GOOD), write("a-b.txt", GOOD))),
    Case("folder without articles", ["build", "{p}/empty", *B], 2, "Error: {p}/empty: no articles (*.txt) found",
         write("empty/notes.md", "x")),
    Case("metadata.json that is not JSON", ["build", "{p}/news", *B], 2,
         "Error: {p}/news/metadata.json:1:2: metadata sidecar is not valid JSON",
         both(write("news/a.txt", GOOD), write("news/metadata.json", "{oops"))),
    Case("--out is a file", ["build", "{p}/a.txt", "--out", "{p}/a.txt", "--no-progress"], 2,
         "Error: {p}/a.txt: cannot use the build folder: a part of the path is a file, not a folder",
         write("a.txt", GOOD)),
    Case("--out cannot be created", ["build", "{p}/a.txt", "--out", "/proc/labourgraph-out", "--no-progress"], 2,
         "Error: /proc/labourgraph-out: cannot use the build folder: No such file or directory", write("a.txt", GOOD)),
    Case("build while another command writes", ["build", "{p}/a.txt", *B, "--lock-timeout", "0"], 2,
         "Error: {p}/build: another labourgraph command (process {pid}) is writing this build; gave up after "
         "waiting 0 s (--lock-timeout)", write("a.txt", GOOD), locked=True),
    Case("extract a missing article", ["extract", "{p}/nope.txt"], 2, "Error: {p}/nope.txt: no such file$",
         see="test_cli_extract.py::test_missing_article_is_one_line_error_exit_2"),
    Case("extract a binary file", ["extract", "{p}/a.txt"], 2, "Error: {p}/a.txt: article is a binary file, not text",
         write("a.txt", b"\x00\x01\x02binary")),
    # -- queries -------------------------------------------------------------------------
    Case("binary query file", ["query", "{p}/q.rq", "--data", "{p}/build"], 2,
         "Error: {p}/q.rq: the query file is a binary file, not SPARQL text$", write("q.rq", b"SELECT\x00\x01\x02")),
    Case("query file not UTF-8", ["query", "{p}/q.rq", "--data", "{p}/build"], 2,
         "Error: {p}/q.rq:2:1: the query file is not UTF-8 text (byte 0xff)", write("q.rq", b"SELECT * {}\n\xff\n")),
    Case("missing query file", ["query", "{p}/nope.rq", "--data", "{p}/build"], 2, "Error: {p}/nope.rq: no such query file"),
    Case("unknown query name", ["query", "no-such-query", "--data", "{p}/build"], 2, "Error: no query named 'no-such-query'",
         see="test_query_cli.py::test_bad_input_is_one_line_and_exit_2"),
    Case("SPARQL syntax error", ["query", "-e", "SELECT ?s\nWHERE { ?s ?p }", "--data", "{p}/build"], 2, "Error: <-e>:2:",
         see="test_query_cli.py::test_bad_input_is_one_line_and_exit_2"),
    Case("--param without =", ["query", "meetings-attended-by", "-p", "agent", "--data", "{p}/build"], 2,
         "Error: --param takes KEY=VALUE, not 'agent'", see="test_query_cli.py::test_bad_input_is_one_line_and_exit_2"),
    Case("an update as a query", ["query", "-e", "DROP ALL", "--data", "{p}/build"], 2, "Error: <-e>",
         see="test_query_cli.py::test_bad_input_is_one_line_and_exit_2"),
    Case("query a missing build", ["query", "articles", "--data", "{p}/nothing"], 2,
         "Error: {p}/nothing: no such file or folder", see="test_query_cli.py::test_missing_build_is_a_clear_error"),
    Case("query an endpoint that is not http(s)", ["query", "articles", "--endpoint", "file:///etc/passwd"], 2,
         "Error: file:///etc/passwd: not an http(s) URL", see="test_remote.py::test_not_an_http_url_is_refused"),
    Case("query an endpoint that redirects (302)", ["query", "articles", "--endpoint", "{peer}/sparql"], 2,
         "Error: {peer}/sparql: HTTP 302 Found: the endpoint redirects this POST to {peer}/elsewhere",
         peer=redirecting(302)),
    # -- validate, add, additions --------------------------------------------------------
    Case("validate: Turtle syntax error", ["validate", str(DATA / "validate-syntax-error.ttl"), "--shapes", str(SHAPES)], 2,
         f"Error: {DATA / 'validate-syntax-error.ttl'}:5:",
         see="test_validation.py::test_validate_syntax_error_exits_2_with_one_line_naming_file_line_column"),
    Case("validate: missing file", ["validate", "{p}/nowhere.ttl", "--shapes", str(SHAPES)], 2,
         "Error: {p}/nowhere.ttl: no such file", see="test_validation.py::test_validate_missing_file_exits_2"),
    Case("validate: data that does not conform", ["validate", str(DATA / "validate-bad.ttl"), "--shapes", str(SHAPES)], 1,
         f"Validated {DATA / 'validate-bad.ttl'}:"),
    Case("add: Turtle syntax error", ["add", str(DATA / "validate-syntax-error.ttl"), *ADD], 2,
         f"Error: {DATA / 'validate-syntax-error.ttl'}:5:",
         see="test_add.py::test_add_unreadable_data_exits_2_and_changes_nothing"),
    Case("add: no build", ["add", str(DATA / "validate-add-ok.ttl"), "--build", "{p}/nobuild"], 2,
         "Error: {p}/nobuild: no labourgraph.trig here; run 'labourgraph build' first",
         see="test_add.py::test_add_without_a_build_exits_2"),
    Case("add: data that introduces a violation", ["add", str(DATA / "validate-add-bad.ttl"), *ADD], 1,
         "Checked " + str(DATA / "validate-add-bad.ttl") + " with {p}/build/labourgraph.trig",
         see="test_add.py::test_add_rejects_violating_data_and_leaves_everything_byte_identical"),
    Case("add: redefines an ontology term", ["add", "{p}/q.ttl", *ADD, "--force"], 2,
         "Error: {p}/q.ttl: an addition may not change the ontology: "
         "<https://w3id.org/labourgraph/ns#host> <http://www.w3.org/2000/01/rdf-schema#range> "
         "<http://www.w3.org/2001/XMLSchema#string>", write("q.ttl", PREFIXES + "lg:host rdfs:range xsd:string .\n")),
    Case("add: a second confidence for an existing fact", ["add", "{p}/q.ttl", *ADD, "--force"], 2,
         "Error: {p}/q.ttl: an addition may not change the provenance or confidence of an existing fact: "
         "<https://w3id.org/labourgraph/id/participation-test-slom-1-org-a>",
         write("q.ttl", PREFIXES + "lgr:participation-test-slom-1-org-a lg:confidence 0.99 .\n")),
    Case("add: forged provenance for an existing fact", ["add", "{p}/q.ttl", *ADD, "--force"], 2,
         "Error: {p}/q.ttl: an addition may not change the provenance or confidence of an existing fact",
         write("q.ttl", PREFIXES + "lgr:participation-test-slom-1-org-a prov:wasDerivedFrom lgr:span-x-1-2 .\n")),
    Case("add: forged addition provenance", ["add", "{p}/q.ttl", *ADD, "--force"], 2,
         "Error: {p}/q.ttl: an addition may not use the IRIs of labourgraph's provenance",
         write("q.ttl", PREFIXES + "lgr:addition-000000000000 prov:wasAssociatedWith lgr:agent-m .\n")),
    Case("add: --when that is not a date", ["add", str(DATA / "validate-add-ok.ttl"), "--build", "{p}/build",
                                            "--when", "yesterday"], 2,
         "Error: --when must be a date YYYY-MM-DD, not 'yesterday'"),
    Case("add while another command writes", ["add", str(DATA / "validate-add-ok.ttl"), *ADD, "--lock-timeout", "0"], 2,
         "Error: {p}/build: another labourgraph command (process {pid}) is writing this build", locked=True),
    Case("additions remove: unknown id", ["additions", "remove", "abcdef", "--build", "{p}/build"], 2,
         "Error: {p}/additions: 'abcdef' is not an addition (known: none; see 'labourgraph additions list')"),
    # -- export ----------------------------------------------------------------------------
    Case("export to a path under a file", ["export", "--data", "{p}/build", "-f", "turtle", "-o", "{p}/f/x.ttl"], 2,
         "Error: {p}/f/x.ttl: cannot write here: a part of the path is a file, not a folder$", write("f", "x")),
    Case("export to an unwritable place", ["export", "--data", "{p}/build", "-f", "turtle", "-o", "/proc/x.ttl"], 2,
         "Error: /proc/x.ttl: cannot write here: No such file or directory$"),
    Case("export from a missing build", ["export", "--data", "{p}/missing.trig", "-o", "{p}/out.ttl"], 2,
         "Error: {p}/missing.trig: no such file or folder",
         see="test_export_formats.py::test_cli_reports_a_missing_input_as_one_line_and_writes_nothing"),
    # -- push ------------------------------------------------------------------------------
    Case("push --update to an endpoint that redirects (302)", ["push", "--update", "{peer}/sparql", "--data", "{p}/build"],
         2, "Error: {peer}/sparql: HTTP 302 Found: the endpoint redirects this POST to {peer}/elsewhere",
         peer=redirecting(302)),
    Case("push (Graph Store) to an endpoint that redirects (302)",
         ["push", "--endpoint", "{peer}/sparql", "--data", "{p}/build"], 2,
         "Error: {peer}/sparql?default: HTTP 302 Found: the endpoint redirects this PUT to {peer}/elsewhere; a "
         "redirected PUT would arrive as a GET without its body, so it is not followed (use that URL)",
         peer=redirecting(302)),
    Case("push that fails partway", ["push", "--endpoint", "{peer}/store", "--data", "{p}/build"], 2,
         "Error: {peer}/store: HTTP 500 Internal Server Error: disk full; the push stopped after replacing 1 of 2 "
         "graphs (the default graph); the other 1 still holds what it held before. Pushing again is safe (each "
         "graph is replaced whole); --resume sends only the 1 not yet replaced",
         peer=failing_after(1), see="test_remote.py::test_a_push_that_fails_partway_names_the_replaced_graphs_and_resume_sends_the_rest"),
    Case("push --resume with nothing to resume", ["push", "--endpoint", "{peer}/store", "--data", "{p}/build", "--resume"],
         2, "Error: {p}/build/.push-state.json: nothing to resume: no push of this build failed partway",
         peer=failing_after(99)),
    Case("push while another command writes", ["push", "--update", "http://127.0.0.1:9/sparql", "--data", "{p}/build",
                                                "--lock-timeout", "0"], 2,
         "Error: {p}/build: another labourgraph command (process {pid}) is writing this build", locked=True),
    Case("push to an unreachable endpoint", ["push", "--update", "http://127.0.0.1:9/sparql", "--data", "{p}/build"], 2,
         "Error: http://127.0.0.1:9/sparql: cannot reach the endpoint",
         see="test_remote.py::test_an_unreachable_host_is_one_line_and_exit_2"),
]


@pytest.fixture()
def project(tmp_path) -> Path:
    """A project: a published build (from validate-build.trig, its participation given the
    provenance and confidence an extracted fact has); no additions yet."""
    kg = KnowledgeGraph.from_files(DATA / "validate-build.trig")
    fact, graph = ox.NamedNode(LGR + "participation-test-slom-1-org-a"), ox.NamedNode(LGR + "graph-test-article")
    kg.add([ox.Quad(fact, ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom"), ox.NamedNode(LGR + "span-t-0-9"),
                    graph),
            ox.Quad(fact, ox.NamedNode("https://w3id.org/labourgraph/ns#confidence"),
                    ox.Literal("0.8", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")), graph)])
    publish(tmp_path / "build", {"labourgraph.ttl": kg.serialize("turtle"), "labourgraph.trig": kg.serialize("trig")})
    return tmp_path


def fingerprint(project: Path) -> dict[str, str]:
    """The build and the additions beside it: every entry with its bytes' hash (or a link's
    target), hidden bookkeeping files (the lock, a push's resume state) left out."""
    out = {}
    for folder in (project / "build", project / "additions"):
        for path in sorted(folder.rglob("*")) if folder.exists() else []:
            rel = path.relative_to(project)
            if any(part.startswith(".") for part in rel.parts):
                continue
            if path.is_symlink():
                out[str(rel)] = "-> " + os.readlink(path)
            elif path.is_file():
                out[str(rel)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


@pytest.mark.parametrize("row", CASES, ids=str)
def test_bad_input(row: Case, project: Path):
    if row.setup:
        row.setup(project)
    before = fingerprint(project)
    peer = Recorder(row.peer) if row.peer else nullcontext()
    with peer:
        base = peer.base if row.peer else ""

        def fill(text: str) -> str:
            return text.replace("{p}", str(project)).replace("{peer}", base).replace("{pid}", str(os.getpid()))

        args = [fill(a) for a in row.args]
        with build_lock(project / "build") if row.locked else nullcontext():
            result = CliRunner().invoke(cli, args)
    output = result.stderr or result.stdout
    first = output.splitlines()[0] if output else ""
    assert result.exit_code == row.code, f"{row.case}: exit {result.exit_code}\n{result.output}"
    expected = fill(row.first)
    same = first == expected[:-1] if expected.endswith("$") else first.startswith(expected)
    assert same, f"{row.case}:\n  got      {first}\n  expected {expected}"
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    if row.code == 2:
        # one line; a SPARQL syntax error adds the query's line and a caret under the column
        lines = 3 if row.case == "SPARQL syntax error" else 1
        assert result.stderr.count("\n") == lines, f"{row.case}: more than {lines} line(s):\n{result.stderr}"
    assert fingerprint(project) == before, f"{row.case}: the build changed"


def test_every_case_of_the_issue_has_a_row():
    cases = {row.case for row in CASES}
    assert len(cases) == len(CASES)          # one row per case
    for needed in ("article over 1,000,000 characters", "symbolic link loop", "HTML page saved as .txt",
                   "binary query file", "export to an unwritable place", "add: redefines an ontology term",
                   "add: a second confidence for an existing fact", "push that fails partway",
                   "query an endpoint that redirects (302)", "push --update to an endpoint that redirects (302)"):
        assert needed in cases, needed


# -- inputs that used to fail and must now work (no table: they succeed) ------------------

GOOD_INPUTS = {
    "space in the path": ("my article.txt", GOOD.encode("utf-8")),
    "upper-case .TXT in a folder": ("news/ARTICLE.TXT", GOOD.encode("utf-8")),
    "UTF-16 with a BOM": ("utf16.txt", "\ufeff".encode("utf-16-le") + GOOD.encode("utf-16-le")),
    "UTF-8 with a BOM": ("bom.txt", b"\xef\xbb\xbf" + GOOD.encode("utf-8")),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(GOOD_INPUTS))
def test_inputs_that_are_read(case, tmp_path):
    name, content = GOOD_INPUTS[case]
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    given = path.parent if name.startswith("news/") else path
    extracted = CliRunner().invoke(cli, ["extract", str(path), "--format", "turtle"])
    assert extracted.exit_code == 0, extracted.output
    built = CliRunner().invoke(cli, ["build", str(given), "--out", str(tmp_path / "build"), "--no-progress"])
    assert built.exit_code == 0, built.output
    assert "articles: 1" in built.output


@pytest.mark.slow
def test_one_file_by_a_relative_and_an_absolute_path_is_one_article(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    built = CliRunner().invoke(cli, ["build", "a.txt", str(tmp_path / "a.txt"), "--out", "build", "--no-progress"])
    assert built.exit_code == 0, built.output
    assert "articles: 1" in built.output


if __name__ == "__main__":       # print the table (markdown) for the issue's closing note
    print("| case | command | exit | first line |\n|---|---|---|---|")
    for row in CASES:
        command = " ".join(a.replace("\n", "\\n") for a in row.args).replace(str(DATA), "tests/data")
        print(f"| {row.case} | `labourgraph {command}` | {row.code} | `{row.first.replace(str(DATA), 'tests/data')}` |")
