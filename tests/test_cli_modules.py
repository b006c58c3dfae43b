"""The lazy command table names every command module, so each command is found on first use."""
from __future__ import annotations

import ast
from pathlib import Path

import labourgraph.cli as cli_package
from labourgraph.cli import _MODULES

CLI_DIR = Path(cli_package.__file__).parent


def _declared_commands(path: Path) -> set[str]:
    """Names given to ``@cli.command("NAME")`` / ``@cli.group("NAME")`` in one module."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "cli" \
                and node.func.attr in {"command", "group"} and node.args \
                and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
            names.add(node.args[0].value)
    return names


def test_every_command_module_is_in_the_lazy_table():
    modules = {p.stem for p in CLI_DIR.glob("*.py") if not p.stem.startswith("_")}
    assert modules == set(_MODULES)


def test_the_lazy_table_names_each_module_s_commands():
    for module, names in _MODULES.items():
        declared = _declared_commands(CLI_DIR / f"{module}.py")
        assert declared <= set(names), (module, declared - set(names))
