"""labourgraph: a knowledge graph of ASEAN labour cooperation, built from news articles."""
from __future__ import annotations

__version__ = "0.1.0"
