"""Stable ids shared by the per-document rows and the cross-document tables.

Kept apart from :mod:`pipeline.dataset.crossdoc` so that making rows (in the worker
processes) needs no Arrow: a build imports pyarrow only where it writes tables.
"""
from __future__ import annotations

import hashlib

ACTOR_LABELS = ("PERSON", "ORG", "LOC")


def actor_id(label: str, name: str) -> str:
    """Stable id of an actor: the same label and name give the same id in every build."""
    return hashlib.sha1(f"{label}\0{name}".encode()).hexdigest()[:16]
