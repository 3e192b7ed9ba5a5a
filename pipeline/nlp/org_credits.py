"""Organisations named in photo and image credits.

A credit ("Foto: Stocksnap", "Bild: Anna Berg/Bildbyrån") names the photographer or
the agency; the annotation guide counts both like any other mention. A name that is
not a person's is an organisation, and after a slash the credit names the agency.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from pipeline.nlp.extensions import doc_text
from pipeline.nlp.org_spans import form_span, in_place_end
from pipeline.nlp.people import is_name_word

CREDIT = re.compile(r"\b(?:[Ff]oto|[Bb]ild|[Ff]otograf|[Ii]llustration)\s*:")


def credit_orgs(doc: Doc, place_at: dict[int, Span], first_names: frozenset[str], not_orgs: frozenset[str]) -> list[Span]:
    """'Foto: Stocksnap' names the photographer or the agency; a name that is not a
    person's is an organisation ("Foto: Kören Sång i Norrby" with its place). After a
    slash the credit names the agency ("Foto: Anna Berg/Bildbyrån")."""
    spans = []
    text = doc_text(doc)
    if "oto" not in text and "ild" not in text and "llustration" not in text:  # cheaper than the regex scan
        return spans
    for match in CREDIT.finditer(text):
        colon = doc.char_span(match.end() - 1, match.end(), alignment_mode="expand")
        if colon is None:
            continue
        start = colon.end
        end = _credit_name_end(doc, start)
        if end > start and doc[start].text not in first_names and doc[start].text not in not_orgs:
            spans.append(form_span(doc, start, in_place_end(doc, end, place_at), doc[end - 1].text))
        slash = next((k for k in range(start, min(start + 8, len(doc))) if doc[k].text == "/"), None)
        if slash is not None and not any(doc[k].text.count("\n") for k in range(start, slash)):
            agency_end = _credit_name_end(doc, slash + 1)
            if agency_end > slash + 1 and doc[slash + 1].text not in first_names:
                spans.append(form_span(doc, slash + 1, agency_end, doc[agency_end - 1].text))
    return spans


def _credit_name_end(doc: Doc, start: int) -> int:
    """The end of up to three name words or words in capitals from ``start``."""
    end = start
    while end < len(doc) and end < start + 3 and (is_name_word(doc[end]) or doc[end].is_upper and doc[end].is_alpha):
        end += 1
    return end
