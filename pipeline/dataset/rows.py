"""Turn documents and processed spaCy Docs into rows of the contract's tables.

Rows are plain JSON-shaped dicts (dates as ISO strings) with columns of
:mod:`pipeline.dataset.schema` (an entity row leaves out the columns without a
value): they are cached as they are and written by
:class:`pipeline.dataset.write.DatasetWriter`, which fills the missing columns with
nulls and casts the dates.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.dataset.duplicates import signature
from pipeline.dataset.ids import ACTOR_LABELS, actor_id
from pipeline.document import Document, Rejected
from pipeline.nlp.keys import ALSO_PLACES_KEY

if TYPE_CHECKING:
    from spacy.tokens import Doc


def document_row(document: Document) -> dict:
    return {
        "doc_id": document.doc_id, "source_file": document.source_file, "url": document.url,
        "source_id": document.source_id, "title": document.title,
        "published": document.published.isoformat() if document.published else None,
        "publisher": document.publisher, "text": document.text, "n_words": len(document.text.split()),
        "source_format": document.source_format, "encoding": document.encoding,
        "content_sha256": document.content_sha256,
    }


def topic_columns(doc: "Doc") -> dict:
    """The documents columns the topics component decides (see pipeline.nlp.topics)."""
    relevance = float(doc.cats.get("integration", 0.0))
    themes, groups = doc._.themes or [], doc._.target_groups or []
    return {"is_integration": bool(doc._.is_integration), "relevance": relevance,
            "themes": list(themes), "target_groups": list(groups)}


def signature_row(document: Document) -> dict:
    """What the end of the build needs to find copies of this document among all others."""
    return {"doc_id": document.doc_id, "published": document.published.isoformat() if document.published else None,
            **signature(document.text)}


# The span attributes each label carries; reading only those keeps this step cheap.
LABEL_ATTRIBUTES = {
    "MONEY": ("amount_sek", "qualifier"),
    "DATE": ("date", "date_end", "date_granularity", "date_relative"),
    "PERSON": ("role", "affiliation"),
    "ORG": ("canonical", "org_type", "municipality_code", "county_code"),
    "LOC": ("municipality_code", "county_code"),
    "INITIATIVE": ("owner",),
}


def entity_rows(doc: "Doc", text: str | None = None) -> list[dict]:
    """One row per entity in ``doc.ents``, and a LOC row for each body's name that the
    text uses as a place (``doc.spans["also_places"]``: "bor i Trosa kommun"), beside
    the body's ORG row; ``doc_id`` is filled in by the caller.
    ``text`` is the document's text when the caller has it (spaCy rebuilds ``doc.text``).

    A row holds the columns that have a value: the writer fills the others with nulls,
    and leaving them out makes the cached results a third smaller."""
    text = doc.text if text is None else text
    rows = []
    also_places = doc.spans[ALSO_PLACES_KEY] if ALSO_PLACES_KEY in doc.spans else ()
    for ent in sorted([*doc.ents, *also_places], key=lambda span: span.start):
        x = ent._
        label = ent.label_
        row = {"label": label, "text": text[ent.start_char:ent.end_char], "start_char": ent.start_char,
               "end_char": ent.end_char, "normalized": x.normalized, "method": x.method}
        for name in LABEL_ATTRIBUTES.get(label, ()):
            value = getattr(x, name)
            if value is not None:
                row[name] = value
        if label in ACTOR_LABELS:
            row["actor_id"] = actor_id(label, row.get("canonical") or row["normalized"] or row["text"])
        rows.append(row)
    return rows


def grant_rows(doc: "Doc") -> list[dict]:
    return [dict(grant) for grant in (doc._.grants or [])]


def rejected_row(rejected: Rejected) -> dict:
    return {"source_file": rejected.source_file, "reason": rejected.reason, "detail": rejected.detail}


def with_doc_id(rows: list[dict], doc_id: str) -> list[dict]:
    return [{"doc_id": doc_id, **row} for row in rows]
