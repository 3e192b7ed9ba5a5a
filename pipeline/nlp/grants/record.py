"""One grant as the finder records it on ``doc._.grants`` (a plain dict, so Docs
serialise to worker processes; the dataset stage turns it into a row)."""
from __future__ import annotations

from spacy.tokens import Doc, Span

from pipeline.nlp.entity_index import EntityIndex


def grant_record(funder: str | None, recipient: str | None, amount: Span, year: int | None, sent: Span,
                 purpose: str | None = None) -> dict:
    return {"funder": funder, "recipient": recipient, "amount_sek": amount._.amount_sek,
            "qualifier": amount._.qualifier, "year": year, "purpose": purpose, "evidence": sent.text.strip(),
            "start_char": sent.start_char, "end_char": sent.end_char}


def sentence_year(doc: Doc, sent: Span, index: EntityIndex) -> int | None:
    """The year of the first date in the sentence, else the publication year."""
    year = index.first_year(sent.start, sent.end)
    if year is not None:
        return year
    return int(doc._.published[:4]) if doc._.published else None
