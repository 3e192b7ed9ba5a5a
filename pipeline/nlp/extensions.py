"""Custom attributes on spaCy objects, registered once.

Every normalised value travels on the entity span itself (``span._.amount_sek``),
the spaCy way, so that components and the dataset stage share one vocabulary.
Values are JSON-like (dates as ISO strings) so Docs serialise to worker processes.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

SPAN_ATTRIBUTES = (
    "normalized", "amount_sek", "qualifier", "date", "date_end", "date_granularity",
    "date_relative", "role", "affiliation", "org_type", "canonical", "municipality_code", "county_code",
)
DOC_ATTRIBUTES = {
    "doc_id": None,
    "published": None,     # ISO date string or None: the reference for relative dates
    "publisher": None,
    "county_code": None,   # the county the text is about, when it names exactly one
    "grants": None,        # list of dicts, set by the grants component
}


def register_extensions() -> None:
    for name in SPAN_ATTRIBUTES:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
    if not Span.has_extension("method"):
        Span.set_extension("method", default="rules")
    for name, default in DOC_ATTRIBUTES.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


register_extensions()
