"""Organisation spans named by their form: the name as written (genitive removed), the
gazetteer's entry when the name is one, and the type that its words say."""
from __future__ import annotations

from spacy.tokens import Doc, Span

from pipeline.nlp.extensions import word_after, written_name
from pipeline.normalize import organisations as orgnorm


def in_place_end(doc: Doc, end: int, place_at: dict[int, Span]) -> int:
    """The end of a name that runs on into "i <place>" ("Familjecentralen i Sunne"), else ``end``."""
    if end + 1 < len(doc) and doc[end].lower_ == "i" and end + 1 in place_at:
        return place_at[end + 1].end
    return end


def form_span(doc: Doc, start: int, end: int, head: str | None = None) -> Span:
    """An ORG span named by its form: the gazetteer's entry if the name is one, else
    the name as written (genitive removed) with the type its head word says (without
    a head given: the first word of the name that says one, "Pingstförsamlingen i Karlstad")."""
    span = Span(doc, start, end, label="ORG")
    if head is None:
        head = next((t.text for t in span if form_type(t.text) != "association"), span[-1].text)
    name = orgnorm.strip_genitive(written_name(span), word_after(span))
    match = orgnorm.lookup_org(name)
    span._.normalized = match.canonical if match else name
    span._.canonical = match.canonical if match else None
    span._.org_type = match.org_type if match else form_type(head)
    if match:
        span._.municipality_code, span._.county_code = match.municipality_code, match.county_code
    return span


def named_org(doc: Doc, start: int, end: int, org_type: str) -> Span:
    """An organisation not in the reference data, named as written (genitive removed)."""
    span = Span(doc, start, end, label="ORG")
    span._.normalized = orgnorm.strip_genitive(written_name(span), word_after(span))
    span._.org_type = org_type
    return span


def form_type(head: str) -> str:
    lower = head.lower()
    if lower in {"if", "ik", "bk", "ff", "fc", "sk", "gif", "aik", "hk", "bois"}:
        return "sports_club"
    if lower in {"ab", "hb"}:
        return "company"
    if lower.startswith("landsting"):
        return "region"
    if "studieförbund" in lower:
        return "study_association"
    if lower.endswith(("församling", "församlingen", "kyrka", "kyrkan")):
        return "church"
    if lower.endswith(("skola", "skolan", "gymnasiet", "gymnasium")):
        return "school"
    return "association"
