"""``labourgraph analyse``: who is central, which states work together, which groups form,
and how meetings, posts and themes change over time.

The data is fetched with the named queries in ``queries/analysis/`` (from a build or a
remote SPARQL endpoint), analysed with networkx and drawn with matplotlib::

    from labourgraph.analyse import load_data, analyse
    data = load_data("build")
    result = analyse("cooperation", data)
    print(result.table("pairs").rows[:3])
"""
from __future__ import annotations

from labourgraph.analyse.data import AnalysisData, load_data
from labourgraph.analyse.topics import SEED, TOPICS, Analysis, Table, analyse

__all__ = ["AnalysisData", "Analysis", "Table", "TOPICS", "SEED", "analyse", "load_data"]
