"""DATE mentions: the pure finder in :mod:`pipeline.normalize.dates`, as a component.

Relative and partial expressions ("i år", "den 6 april") are resolved against the
document's publication date, which the build stage sets on ``doc._.published``.
Dates are stored on spans as ISO strings so that Docs serialise across processes.
"""
from __future__ import annotations

from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.nlp.extensions import doc_text, set_spans
from pipeline.normalize.dates import find_dates

SPANS_KEY = "dates"


def iso_form(date, date_end, granularity: str) -> str:
    """ISO 8601 text for a period: 2019-06-04, 2019-06, 2019, or an interval 2019/2022."""
    if granularity == "day":
        return date.isoformat() if date == date_end else f"{date.isoformat()}/{date_end.isoformat()}"
    if granularity == "month":
        return f"{date:%Y-%m}" if (date.year, date.month) == (date_end.year, date_end.month) else f"{date:%Y-%m}/{date_end:%Y-%m}"
    if granularity == "year":
        return str(date.year) if date.year == date_end.year else f"{date.year}/{date_end.year}"
    if granularity == "years":
        return f"{date.year}/{date_end.year}"
    return f"{date.isoformat()}/{date_end.isoformat()}"


@Language.factory("pressmine_dates", assigns=["doc.spans"], default_config={})
def make_date_finder(nlp: Language, name: str):
    return DateFinder(name)


class DateFinder:
    """Mark dates, months, seasons and years with their ISO period and granularity."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        reference = date.fromisoformat(doc._.published) if doc._.published else None
        for mention in find_dates(doc_text(doc), reference=reference):
            span = doc.char_span(mention.start, mention.end, label="DATE", alignment_mode="expand")
            if span is None:
                continue
            x = span._
            x.date, x.date_end = mention.date.isoformat(), mention.date_end.isoformat()
            x.date_granularity, x.date_relative = mention.granularity, mention.relative
            x.normalized = iso_form(mention.date, mention.date_end, mention.granularity)
            spans.append(span)
        set_spans(doc, SPANS_KEY, spans)
        return doc
