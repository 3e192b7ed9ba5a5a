"""DATE mentions: the pure finder in :mod:`pipeline.normalize.dates`, as a component.

Relative and partial expressions ("i år", "den 6 april") are resolved against the
document's publication date, which the build stage sets on ``doc._.published``.
Dates are stored on spans as ISO strings so that Docs serialise across processes.
"""
from __future__ import annotations

from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.nlp.extensions import doc_text
from pipeline.nlp.mentions import MentionFinder
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


class DateFinder(MentionFinder):
    """Mark dates, months, seasons and years with their ISO period and granularity."""

    key, label = SPANS_KEY, "DATE"

    def find(self, doc: Doc):
        return find_dates(doc_text(doc), reference=date.fromisoformat(doc._.published) if doc._.published else None)

    def annotate(self, span: Span, mention) -> None:
        x = span._
        x.date, x.date_end = mention.date.isoformat(), mention.date_end.isoformat()
        x.date_granularity, x.date_relative = mention.granularity, mention.relative
        x.normalized = iso_form(mention.date, mention.date_end, mention.granularity)
