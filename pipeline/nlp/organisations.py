"""ORG and LOC candidates from the gazetteers and from Swedish organisation-name forms.

Gazetteer names (every municipality body, county board, region, agency, ministry,
fund, the large associations; places) are found with PhraseMatchers built once from
the data files. Names that are in no list are found by their form: a capitalised
phrase ending in an organisation word ("Svenska Judoförbundet", "Umeå FC",
"Västerbottens Idrottsförbund"). A bare "Länsstyrelsen" resolves to the board of the
county that the text names, when it names exactly one.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline import resources
from pipeline.nlp.people import is_name_word
from pipeline.normalize import organisations as orgnorm

ORG_KEY, PLACE_KEY = "orgs", "places"
BODY_VERBS = {"får", "fick", "beviljas", "beviljades", "tilldelas", "tilldelades", "erhåller", "erhöll"}


@Language.factory("pressmine_gazetteer", assigns=["doc.spans", "doc._.county_code"], default_config={})
def make_gazetteer(nlp: Language, name: str):
    return Gazetteer(nlp, name)


class Gazetteer:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        forms = resources.org_forms()
        self.heads = tuple(sorted({h.lower() for h in [*forms["head_words"], *forms["compound_suffixes"]]},
                                  key=len, reverse=True))
        self.suffix_tokens = frozenset([*forms["sports_abbreviations"], *forms["legal_forms"]])
        self.prefix_words = frozenset(forms["prefix_words"])
        self.not_orgs = frozenset(forms["not_org_capitalised"]) | frozenset(resources.read_word_list("not_name_words.txt"))
        self.orgs = self._matcher(nlp, orgnorm.org_surface_forms())
        self.places = self._matcher(nlp, orgnorm.place_surface_forms())

    @staticmethod
    def _matcher(nlp: Language, forms) -> tuple[PhraseMatcher, PhraseMatcher, dict]:
        """An exact (ORTH) matcher, and a case-blind one for names of two words or more."""
        exact, caseless = PhraseMatcher(nlp.vocab, attr="ORTH"), PhraseMatcher(nlp.vocab, attr="LOWER")
        values: dict[str, object] = {}
        surfaces = [surface for surface, _ in forms]
        for (surface, value), pattern in zip(forms, nlp.tokenizer.pipe(surfaces)):
            key = f"G{len(values)}"
            values[key] = value
            exact.add(key, [pattern])
            if len(pattern) > 1:
                caseless.add(key, [pattern])
        return exact, caseless, values

    def _match(self, doc: Doc, matcher, label: str) -> list[Span]:
        exact, caseless, values = matcher
        spans = []
        for match_id, start, end in [*exact(doc), *caseless(doc)]:
            value = values[doc.vocab.strings[match_id]]
            span = Span(doc, start, end, label=label)
            span._.normalized = value.canonical
            span._.municipality_code = value.municipality_code
            span._.county_code = value.county_code
            if label == "ORG":
                span._.org_type = value.org_type
            spans.append(span)
        return spans

    def __call__(self, doc: Doc) -> Doc:
        orgs = self._match(doc, self.orgs, "ORG") + self._form_orgs(doc)
        orgs = filter_spans(orgs)
        taken = {i for span in orgs for i in range(span.start, span.end)}
        places = [s for s in filter_spans(self._match(doc, self.places, "LOC"))
                  if not any(i in taken for i in range(s.start, s.end))]
        doc._.county_code = self._county_of(orgs, places)
        orgs += self._bare_boards(doc, taken, doc._.county_code)
        orgs, places = self._bodies_from_places(doc, orgs, places)
        doc.spans[ORG_KEY] = sorted(orgs, key=lambda s: s.start)
        doc.spans[PLACE_KEY] = places
        return doc

    def _form_orgs(self, doc: Doc) -> list[Span]:
        """Capitalised phrases that end in an organisation word, or start with one."""
        spans = []
        for token in doc:
            if token.text in self.not_orgs:
                continue
            lower = token.lower_
            is_head = (any(lower.endswith(h) and len(lower) > len(h) + 2 or lower == h for h in self.heads)
                       and (is_name_word(token) or token.i > 0 and is_name_word(doc[token.i - 1])))
            is_suffix = token.text in self.suffix_tokens and token.i > 0 and is_name_word(doc[token.i - 1])
            if is_head or is_suffix:
                start = self._extend_left(doc, token.i)
                if is_suffix and start == token.i:
                    continue
                if start == token.i and not token.text[0].isupper():
                    continue
                spans.append(self._form_span(doc, start, token.i + 1, token.text))
            elif token.text in self.prefix_words and token.i + 1 < len(doc) and is_name_word(doc[token.i + 1]):
                end = token.i + 1
                while end < len(doc) and end < token.i + 4 and is_name_word(doc[end]) and not doc[end].is_sent_start:
                    end += 1
                spans.append(self._form_span(doc, token.i, end, token.text))
        return spans

    def _extend_left(self, doc: Doc, i: int) -> int:
        start = i
        while start > 0 and start > i - 4 and not doc[start].is_sent_start:
            prev = doc[start - 1]
            if prev.text in self.not_orgs or not (is_name_word(prev) or prev.text.isupper() and prev.is_alpha):
                break
            start -= 1
        return start

    @staticmethod
    def _form_span(doc: Doc, start: int, end: int, head: str) -> Span:
        span = Span(doc, start, end, label="ORG")
        name = orgnorm.strip_genitive(" ".join(span.text.split()))
        match = orgnorm.lookup_org(name)
        span._.normalized = match.canonical if match else name
        span._.org_type = match.org_type if match else _form_type(head)
        if match:
            span._.municipality_code, span._.county_code = match.municipality_code, match.county_code
        return span

    @staticmethod
    def _county_of(orgs: list[Span], places: list[Span]) -> str | None:
        """The county a text names, if exactly one (by county names, boards and regions)."""
        codes = {s._.county_code for s in orgs if s._.org_type in ("county_board", "region") and s._.county_code}
        codes |= {s._.county_code for s in places if s._.county_code and s._.municipality_code is None}
        return codes.pop() if len(codes) == 1 else None

    @staticmethod
    def _bare_boards(doc: Doc, taken: set[int], county_code: str | None) -> list[Span]:
        name = orgnorm.county_board(county_code) if county_code else "Länsstyrelsen"
        spans = []
        for token in doc:
            if token.text in ("Länsstyrelsen", "Länsstyrelsens") and token.i not in taken:
                span = Span(doc, token.i, token.i + 1, label="ORG")
                span._.normalized, span._.org_type, span._.county_code = name, "county_board", county_code
                spans.append(span)
        return spans

    @staticmethod
    def _bodies_from_places(doc: Doc, orgs: list[Span], places: list[Span]):
        """'Nyköping får nio miljoner': a municipality name acting as a body is the body."""
        kept = []
        for place in places:
            nxt = doc[place.end] if place.end < len(doc) else None
            if place._.municipality_code and nxt is not None and nxt.lower_ in BODY_VERBS:
                body = resources.municipality_body(place._.municipality_code)
                span = Span(doc, place.start, place.end, label="ORG")
                span._.normalized, span._.org_type = body, "municipality"
                span._.municipality_code, span._.county_code = place._.municipality_code, place._.county_code
                orgs.append(span)
            else:
                kept.append(place)
        return orgs, kept


def _form_type(head: str) -> str:
    lower = head.lower()
    if lower in {"if", "ik", "bk", "ff", "fc", "sk", "gif", "aik", "hk", "bois"}:
        return "sports_club"
    if lower in {"ab", "hb"}:
        return "company"
    if "studieförbund" in lower:
        return "study_association"
    if lower.endswith(("församling", "församlingen", "kyrka", "kyrkan")):
        return "church"
    return "association"
