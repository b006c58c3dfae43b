"""``labourgraph extract``: the JSON shape the scorer reads, deterministic output, one-line errors."""
import json

from click.testing import CliRunner

from labourgraph.cli import cli


def run(*args):
    return CliRunner().invoke(cli, ["extract", *map(str, args)])


def test_json_has_the_fixed_shape(data_dir):
    result = run(data_dir / "extract" / "sample-id.txt")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert list(data) == ["article", "entities", "roles", "events", "relations", "themes", "theme_evidence"]
    assert list(data["article"]) == ["id", "published", "language"]
    for entity in data["entities"]:
        assert list(entity) == ["iri", "label", "type", "aliases", "mentions", "rule"]


def test_entities_are_ordered_by_first_mention_and_offsets_point_into_the_file(data_dir):
    path = data_dir / "extract" / "sample-id.txt"
    text = path.read_text(encoding="utf-8")
    entities = json.loads(run(path).output)["entities"]
    firsts = [e["mentions"][0][0] for e in entities if e["mentions"]]
    assert firsts == sorted(firsts)
    for e in entities:
        for start, end in e["mentions"]:
            assert " ".join(text[start:end].split()) in [e["label"], *e["aliases"]]


def test_roles_name_entities_by_label(data_dir):
    data = json.loads(run(data_dir / "extract" / "sample-id.txt").output)
    assert {"person": "Rudi Hartono", "role": "Sekretaris Jenderal", "organization": "Kementerian Ketenagakerjaan"} \
        in [{k: r[k] for k in ("person", "role", "organization")} for r in data["roles"]]


def test_output_is_identical_for_identical_input(data_dir):
    path = data_dir / "extract" / "sample-id.txt"
    assert run(path).output == run(path).output


def test_missing_article_is_one_line_error_exit_2(tmp_path):
    result = run(tmp_path / "nope.txt")
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [f"Error: {tmp_path / 'nope.txt'}: no such file"]
