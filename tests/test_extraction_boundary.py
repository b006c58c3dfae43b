"""The extraction modules read no RDF: neither they nor any labourgraph module they import
(directly, inside a function, or by name through importlib) imports rdflib or pyoxigraph.
The ontology's reference data reaches them through readers passed in
(labourgraph.gazetteer.use_reader; labourgraph.reference is the rdflib side)."""
import ast
from pathlib import Path

import pytest

import labourgraph

PACKAGE = Path(labourgraph.__file__).parent
EXTRACTION = ("text", "mentions", "roles", "events", "dates", "themes", "relations", "lexicon", "records",
              "extract", "lexicons")
FORBIDDEN = ("rdflib", "pyoxigraph")


def _file(module: str) -> Path | None:
    """The source file of ``labourgraph.<module>`` (a package's __init__.py), if any."""
    path = PACKAGE.joinpath(*module.split("."))
    for candidate in (path.with_suffix(".py"), path / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def imports_of(source: str, module: str) -> set[str]:
    """Every module name ``source`` imports anywhere: import statements at any depth, relative
    imports resolved against ``labourgraph.<module>``, and string literals given to
    importlib.import_module (f-strings give their constant prefix)."""
    out: set[str] = set()
    package = f"labourgraph.{module}".rsplit(".", 1)[0] if not module.endswith("__init__") else f"labourgraph.{module}"
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[:len(parts) - node.level + 1] + ([base] if base else []))
            out.add(base)
            out |= {f"{base}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module":
            arg = node.args[0] if node.args else None
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                out.add(arg.value)
            elif isinstance(arg, ast.JoinedStr):
                prefix = "".join(v.value for v in arg.values if isinstance(v, ast.Constant))
                out.add(prefix.rstrip("."))
                if prefix.startswith("labourgraph."):
                    out.add("labourgraph.*")      # any module of the package may be loaded by name
    return out


def _closure(start: str) -> dict[str, list[str]]:
    """labourgraph modules reachable from ``labourgraph.<start>`` -> the path that reaches them."""
    seen = {start: [start]}
    todo = [start]
    while todo:
        module = todo.pop()
        path = _file(module)
        if path is None:
            continue
        for name in imports_of(path.read_text(encoding="utf-8"), module):
            if name == "labourgraph.*":
                targets = [m for m in EXTRACTION]     # extract loads only its own stages by name
            elif name.startswith("labourgraph."):
                targets = [name[len("labourgraph."):]]
            else:
                targets = [f"!{name}"]
            for target in targets:
                if target.startswith("!"):
                    seen.setdefault(target, seen[module] + [target[1:]])
                    continue
                if _file(target) is None and "." in target:
                    target = target.rsplit(".", 1)[0]     # "from labourgraph.x import name"
                if target not in seen:
                    seen[target] = seen[module] + [target]
                    todo.append(target)
    return seen


@pytest.mark.parametrize("module", EXTRACTION)
def test_extraction_modules_import_no_rdf_library(module):
    assert _file(module) is not None, f"labourgraph.{module} is gone: update EXTRACTION"
    reached = _closure(module)
    bad = [" -> ".join(path) for name, path in sorted(reached.items())
           if name.startswith("!") and name[1:].split(".")[0] in FORBIDDEN]
    assert not bad, "extraction reaches an RDF library: " + "; ".join(bad)


@pytest.mark.parametrize("source, found", [
    ("import rdflib", {"rdflib"}),
    ("def f():\n    from rdflib.namespace import SKOS", {"rdflib.namespace", "rdflib.namespace.SKOS"}),
    ("from labourgraph import namespaces", {"labourgraph", "labourgraph.namespaces"}),
    ("import importlib\nimportlib.import_module('pyoxigraph')", {"importlib", "pyoxigraph"}),
])
def test_the_import_reader_sees_every_kind_of_import(source, found):
    assert imports_of(source, "extract") == found


def test_the_boundary_check_catches_an_indirect_import(tmp_path, monkeypatch):
    """A module that imports rdflib through another labourgraph module is caught."""
    (tmp_path / "a.py").write_text("from labourgraph import b\n")
    (tmp_path / "b.py").write_text("def f():\n    import rdflib\n")
    monkeypatch.setattr(__import__(__name__), "PACKAGE", tmp_path)
    reached = _closure("a")
    assert reached["!rdflib"] == ["a", "b", "rdflib"]


def test_the_reference_readers_are_installed_and_read_the_ontology():
    from labourgraph.gazetteer import default_gazetteer, reader

    assert reader("references").__name__ == "read"     # the lazy reader labourgraph/__init__ installs
    assert len(default_gazetteer()) > 0


# -- the stage protocol ---------------------------------------------------------------------

def _doc():
    from labourgraph.articles import Article
    from labourgraph.extract import ArticleDoc
    from labourgraph.gazetteer import Gazetteer
    text = "Para menteri bertemu di Jakarta."
    return ArticleDoc(Article(id="t", path=Path("t.txt"), text=text, body=text, language="id"),
                      Gazetteer.from_entries([]))


def test_each_stage_reads_only_layers_of_stages_before_it():
    from labourgraph.extract import STAGES
    made: list[str] = []
    for stage in STAGES:
        assert set(stage.reads) <= set(made), stage.name
        assert stage.name not in made
        made.append(stage.name)


def test_the_loop_names_a_stage_that_changes_another_stages_layer():
    from labourgraph.extract import FunctionStage, StageError, run_stages
    stages = (FunctionStage("words", (), lambda d: ["a", "b"]),
              FunctionStage("greedy", ("words",), lambda d: d["words"].append("c")))
    with pytest.raises(StageError, match=r"'greedy'.*words"):
        run_stages(_doc(), stages)


def test_the_loop_names_a_stage_that_fails():
    from labourgraph.extract import FunctionStage, StageError, run_stages
    stages = (FunctionStage("broken", (), lambda d: 1 / 0),)
    with pytest.raises(StageError, match=r"'broken'.*ZeroDivisionError"):
        run_stages(_doc(), stages)


def test_the_loop_refuses_a_stage_that_reads_a_layer_not_yet_made():
    from labourgraph.extract import FunctionStage, StageError, run_stages
    with pytest.raises(StageError, match=r"'early'.*reads later"):
        run_stages(_doc(), (FunctionStage("early", ("later",), lambda d: None),))


def test_the_stages_add_one_layer_each_and_extract_reads_them():
    from labourgraph.extract import STAGES, run_stages
    doc = run_stages(_doc())
    assert list(doc.layers) == [s.name for s in STAGES]
