"""How a known organisation's name runs on into the name of one of its units.

A national association, church or study association acts through regional and local
units, and Swedish names them by the body's name plus the area or the unit:
"ABF Värmland", "ABF-Dalarna", "Studieförbundet Vuxenskolan i Malmö", "Sensus region
Östra Svealand", "Svenska kyrkan Säffle pastorat", "Röda Korsets behandlingscenter".
The unit is the organisation the text speaks of, named whole.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from pipeline.nlp.extensions import token_table
from pipeline.nlp.org_spans import named_org
from pipeline.normalize import organisations as orgnorm

BRANCHING_TYPES = {"association", "study_association", "church", "sports_club", "party"}
AREA_WORDS = {"region", "distrikt", "krets"}  # "Sensus region Stockholm-Gotland"


def local_branches(doc: Doc, orgs: list[Span], places: list[Span], heads: tuple[str, ...],
                   unit_nouns: tuple[str, ...]) -> list[Span]:
    """The organisations with, for each branching one that runs on into a unit's name,
    that unit. ``heads`` are organisation words ("pastorat"), ``unit_nouns`` the
    endings of the nouns for a unit after the body's genitive ("behandlingscenter")."""
    place_at = {span.start: span for span in places}
    out = list(orgs)
    for org in orgs:
        if org._.org_type in BRANCHING_TYPES:
            end = _unit_end(doc, org, place_at, heads, unit_nouns)
            if end > org.end:
                out.append(named_org(doc, org.start, end, org._.org_type))
    texts = token_table(doc).texts
    for i in [i for i, text in enumerate(texts) if "-" in text]:  # "ABF-Dalarna", "Studiefrämjandet-Örebro": one token
        token, text = doc[i], texts[i]
        head, dash, rest = text.partition("-")
        if dash and rest[:1].isupper() and orgnorm.lookup_place(rest.split("-")[0]):
            match = orgnorm.lookup_org(head)
            if match and match.org_type in BRANCHING_TYPES:
                span = Span(doc, token.i, token.i + 1, label="ORG")
                span._.normalized, span._.org_type = token.text, match.org_type
                out.append(span)
    return out


def _unit_end(doc: Doc, org: Span, place_at: dict[int, Span], heads: tuple[str, ...],
              unit_nouns: tuple[str, ...]) -> int:
    """Where the unit's name that ``org`` opens ends (``org.end`` if it opens none)."""
    end, n = org.end, len(doc)
    if end >= n or doc[end].is_sent_start:
        return end
    nxt = doc[end]
    if end in place_at:
        end = place_at[end].end
        if end < n and doc[end].lower_.endswith(heads):
            end += 1  # "... Säffle pastorat"
        return end
    if end + 1 < n and nxt.lower_ == "i" and end + 1 in place_at:
        return place_at[end + 1].end  # "Studieförbundet Vuxenskolan i Malmö"
    if _places_joined(nxt.text):
        return end + 1  # "Studiefrämjandet Örebro-Värmland": a unit covering two areas
    if nxt.lower_ in AREA_WORDS and end + 1 < n and (end + 1 in place_at or _places_joined(doc[end + 1].text)):
        return place_at[end + 1].end if end + 1 in place_at else end + 2  # "Sensus region Stockholm-Gotland"
    if doc[end - 1].text.endswith("s") and nxt.is_lower and nxt.lower_.endswith(unit_nouns):
        return end + 1  # "Röda Korsets behandlingscenter"
    return end


def _places_joined(text: str) -> bool:
    """'Örebro-Värmland': two areas joined by a hyphen."""
    return "-" in text and all(orgnorm.lookup_place(part) for part in text.split("-"))
