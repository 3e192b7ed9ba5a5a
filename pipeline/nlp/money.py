"""MONEY mentions: the pure finder in :mod:`pipeline.normalize.money`, as a component."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.nlp.extensions import doc_text, get_spans
from pipeline.nlp.mentions import MentionFinder
from pipeline.normalize.money import find_money

SPANS_KEY = "money"


@Language.factory("pressmine_money", assigns=["doc.spans"], default_config={})
def make_money_finder(nlp: Language, name: str):
    return MoneyFinder(name)


class MoneyFinder(MentionFinder):
    """Mark every amount in kronor, with its integer value and hedge word."""

    key, label = SPANS_KEY, "MONEY"

    def find(self, doc: Doc):
        return find_money(doc_text(doc))

    def annotate(self, span: Span, mention) -> None:
        span._.amount_sek = mention.amount_sek
        span._.qualifier = mention.qualifier
        span._.normalized = str(mention.amount_sek)


def money_spans(doc: Doc) -> list[Span]:
    return get_spans(doc, SPANS_KEY)
