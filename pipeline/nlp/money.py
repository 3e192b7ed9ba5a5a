"""MONEY mentions: the pure finder in :mod:`pipeline.normalize.money`, as a component."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.nlp.extensions import doc_text, get_spans, set_spans
from pipeline.normalize.money import find_money

SPANS_KEY = "money"


@Language.factory("pressmine_money", assigns=["doc.spans"], default_config={})
def make_money_finder(nlp: Language, name: str):
    return MoneyFinder(name)


class MoneyFinder:
    """Mark every amount in kronor, with its integer value and hedge word."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for mention in find_money(doc_text(doc)):
            span = doc.char_span(mention.start, mention.end, label="MONEY", alignment_mode="expand")
            if span is None:
                continue
            span._.amount_sek = mention.amount_sek
            span._.qualifier = mention.qualifier
            span._.normalized = str(mention.amount_sek)
            spans.append(span)
        set_spans(doc, SPANS_KEY, spans)
        return doc


def money_spans(doc: Doc) -> list[Span]:
    return get_spans(doc, SPANS_KEY)
