"""The wheel carries the ontology, shapes and queries, so an installed labourgraph works anywhere."""
from __future__ import annotations

import os
import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
                   check=True, capture_output=True)
    (path,) = out.glob("labourgraph-*.whl")
    return path


def test_packaging_wheel_holds_ontology_shapes_and_queries(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in ("labourgraph/_data/ontology/shapes.ttl", "labourgraph/_data/ontology/entities.ttl",
                     "labourgraph/_data/ontology/labourgraph.ttl", "labourgraph/_data/ontology/schemes.ttl",
                     "labourgraph/_data/queries/meeting-timeline.rq"):
        assert required in names


def test_packaging_installed_wheel_finds_its_data_outside_the_checkout(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    code = ("import labourgraph.resources as r; print(r.shapes_file()); "
            "from labourgraph.queries import load_queries; print(len(load_queries()))")
    env = {**os.environ, "PYTHONPATH": str(target)}
    env.pop("LABOURGRAPH_HOME", None)
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    shapes, count = done.stdout.split()
    assert shapes.startswith(str(target)) and int(count) >= 20
