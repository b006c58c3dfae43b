"""Regression guard: extraction scored with the shared scorer on the seeds' gold and the
dev corpus must not fall below floors set a little under the figures measured when the
rules were written (seeds: entities 0.966, roles 1.00; dev: entities 0.974, roles 1.00).

Run ``scripts/score.sh --per-article`` (or ``python -m labourgraph.evaluation GOLD ARTICLES``)
to see the figures. Skipped when ../shared is not next to the checkout.
"""
from pathlib import Path

import pytest

from labourgraph.evaluation import score

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
pytestmark = pytest.mark.slow

FLOORS = {
    "seeds": {"entities": 0.93, "entities.Person": 0.95, "entities.Organization": 0.93, "roles": 0.93},
    "dev": {"entities": 0.93, "entities.Person": 0.95, "entities.Organization": 0.93, "roles": 0.93},
}


@pytest.fixture(scope="module")
def figures(shared_dir):
    return {
        "seeds": score(shared_dir / "corpus" / "seeds" / "gold", SEEDS),
        "dev": score(shared_dir / "corpus" / "dev" / "gold", shared_dir / "corpus" / "dev" / "articles"),
    }


@pytest.mark.parametrize("corpus, measure", [(c, m) for c, floors in FLOORS.items() for m in floors])
def test_f1_stays_above_floor(figures, corpus, measure):
    f1 = figures[corpus][measure]["f1"]
    assert f1 >= FLOORS[corpus][measure], f"{corpus} {measure} F1 {f1} < floor {FLOORS[corpus][measure]}"
