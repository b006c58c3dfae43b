"""Progress bars on a terminal only, for every long stage; global -v, -q and --debug."""
from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from labourgraph import progress
from labourgraph.cli import cli

DATA = Path(__file__).resolve().parent / "data"
BAD = DATA / "validate-bad.ttl"
LG = [sys.executable, "-m", "labourgraph"]


def run_on_a_terminal(args: list[str], delay: str = "0") -> tuple[int, str, str]:
    """Run labourgraph with standard error on a pseudo-terminal; (exit code, stdout, the terminal's text)."""
    import fcntl
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))   # a 100x24 terminal
    env = {**os.environ, "LABOURGRAPH_PROGRESS_DELAY": delay, "COLUMNS": "100"}
    proc = subprocess.Popen([*LG, *args], stdout=subprocess.PIPE, stderr=slave, env=env)
    os.close(slave)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    out = proc.stdout.read().decode()
    proc.wait(timeout=120)
    os.close(master)
    return proc.returncode, out, seen.decode("utf-8", "replace")


def test_validate_shows_a_bar_on_a_terminal():
    code, out, terminal = run_on_a_terminal(["validate", str(BAD)])
    assert code == 1 and out.startswith("Validated ")
    assert "validating: 00:0" in terminal          # the stage's bar with its elapsed time


def test_quiet_shows_no_bar_even_on_a_terminal():
    code, out, terminal = run_on_a_terminal(["-q", "validate", str(BAD)])
    assert code == 1 and "validating" not in terminal


def test_nothing_on_stderr_when_it_is_not_a_terminal():
    env = {**os.environ, "LABOURGRAPH_PROGRESS_DELAY": "0"}
    proc = subprocess.run([*LG, "validate", str(BAD)], capture_output=True, text=True, env=env)
    assert proc.returncode == 1 and proc.stderr == ""


def test_a_bar_waits_two_seconds_before_it_shows(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self):
            return True
    fake = Terminal()
    monkeypatch.setattr(sys, "stderr", fake)
    monkeypatch.setattr(progress, "DELAY", 2.0)
    with progress.stage("quick"):
        time.sleep(0.6)
    assert "quick" not in fake.getvalue()
    monkeypatch.setattr(progress, "DELAY", 0.0)
    with progress.stage("slow"):
        time.sleep(1.2)
    assert "slow: 00:0" in fake.getvalue()


def test_build_stages_have_bars(monkeypatch):
    """build: extraction, graph building, SHACL and writing each run inside a stage."""
    import labourgraph.pipeline as pipeline

    seen = []
    real = pipeline.stage

    def spy(desc, show=None):
        seen.append(desc)
        return real(desc, show=show)
    monkeypatch.setattr(pipeline, "stage", spy)
    bars = []
    real_bar = pipeline.bar
    monkeypatch.setattr(pipeline, "bar", lambda it, **kw: bars.append(kw["desc"]) or real_bar(it, **kw))
    import tempfile
    with tempfile.TemporaryDirectory() as out:
        pipeline.build([DATA / "extract" / "sample-id.txt"], out, progress=False, include_additions=False)
    assert bars == ["extracting"]
    assert seen == ["building the graph", "validating (SHACL)", "writing"]


@pytest.mark.parametrize("flags, shown", [(["-v"], True), ([], False), (["-q"], False)])
def test_verbosity_is_global_and_goes_through_logging(flags, shown):
    result = CliRunner().invoke(cli, [*flags, "validate", str(BAD)])
    assert result.exit_code == 1
    assert ("labourgraph: validating ..." in result.stderr) is shown
    assert ("labourgraph: validating: " in result.stderr) is shown


def test_debug_level_names_the_logger():
    import logging
    CliRunner().invoke(cli, ["--debug", "queries"])
    assert logging.getLogger("labourgraph").level == logging.DEBUG
    CliRunner().invoke(cli, ["-vv", "queries"])
    assert logging.getLogger("labourgraph").level == logging.DEBUG
    CliRunner().invoke(cli, ["queries"])
    assert logging.getLogger("labourgraph").level == logging.WARNING


def test_global_options_come_before_the_command():
    result = CliRunner().invoke(cli, ["-v", "build", "--help"])
    assert result.exit_code == 0 and "Usage: " in result.stdout
