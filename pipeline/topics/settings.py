"""The training settings of the topic classifiers, with their defaults: what
``make classifiers`` uses unless told otherwise (kept free of scikit-learn, so the
command line can show them without importing it)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

SEED = 0
FOLDS = 5
REPEATS = 5
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "resources" / "topic_models.json"


@dataclass(frozen=True)
class Settings:
    """Every hyper-parameter, explicit (the defaults are what the shipped weights used)."""
    relevance_c: float = 0.1
    seed: int = SEED
    folds: int = FOLDS
    repeats: int = REPEATS
