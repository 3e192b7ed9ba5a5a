"""PERSON mentions from Swedish naming conventions, with roles and affiliations.

A name is two or three capitalised words. It is accepted when the first is a known
given name, or when the context says it is a person: a quote attribution ("säger
Anna Berg"), a role next to it ("projektledare Anna Berg", "Anna Berg, rektor"),
a party marker ("Anna Berg (S)"), a credit ("Foto: Anna Berg"). Given names, roles
and cue words are data files in ``pipeline/resources``.
"""
from __future__ import annotations

import functools
import re

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from pipeline import resources

SPANS_KEY = "persons"
ROLE_SPANS_KEY = "roles"
PARTICLES = {"af", "von", "van", "de", "der", "den", "da", "al", "el", "bin", "ibn", "di", "le", "la"}
AFFILIATION_PREPOSITIONS = {"i", "på", "vid", "för", "inom", "hos", "från"}
PHONE = re.compile(r"^(\+46|0)\d[\d\-]{4,}$")
PARTY_MARKERS = {"S", "M", "C", "L", "KD", "V", "MP", "SD", "FP"}


@functools.cache
def _cue_words() -> frozenset[str]:
    return frozenset(resources.read_word_list("attribution_words.txt"))


@functools.cache
def _role_heads() -> tuple[str, ...]:
    return tuple(resources.read_word_list("role_heads.txt"))


def is_name_word(token: Token) -> bool:
    """Capitalised word that can be part of a name: 'Gröndahl', 'Söderström-Nilsson', "O'Brien"."""
    text = token.text
    if len(text) < 2 or not text[0].isupper() or text.isupper():
        return False
    return all(ch.isalpha() or ch in "-'’" for ch in text) and any(ch.islower() for ch in text)


def is_initial(token: Token) -> bool:
    """A middle initial written between given name and surname: "R" or "R."."""
    text = token.text
    return (len(text) == 1 and text.isupper() and text.isalpha()) or (len(text) == 2 and text[0].isupper() and text[1] == ".")


def is_role_word(token: Token) -> bool:
    lower = token.lower_
    return any(lower.endswith(head) for head in _role_heads()) and len(lower) > 3


@Language.factory("pressmine_people", assigns=["doc.spans"], requires=["token.is_sent_start"], default_config={})
def make_people_finder(nlp: Language, name: str):
    return PeopleFinder(nlp, name)


class PeopleFinder:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.first_names = resources.first_names()
        self.not_surnames = frozenset(resources.read_word_list("not_name_words.txt"))
        self.role_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.role_matcher.add("ROLE", list(nlp.tokenizer.pipe(resources.roles())))

    def __call__(self, doc: Doc) -> Doc:
        roles = self._find_roles(doc)
        doc.spans[ROLE_SPANS_KEY] = roles
        role_end = {span.end: span for span in roles}
        role_start = {span.start: span for span in roles}
        blocked = self._blocked_tokens(doc)
        persons: list[Span] = []
        i = 0
        while i < len(doc):
            span = self._name_at(doc, i, blocked, role_end, role_start)
            if span is None:
                i += 1
                continue
            persons.append(span)
            i = span.end
        for span in persons:
            span._.normalized = " ".join(span.text.split())
            self._attach_role(doc, span, role_end, role_start)
        doc.spans[SPANS_KEY] = persons
        return doc

    # -- roles -------------------------------------------------------------
    def _find_roles(self, doc: Doc) -> list[Span]:
        spans = [Span(doc, s, e, label="ROLE") for _, s, e in self.role_matcher(doc)]
        spans += [Span(doc, t.i, t.i + 1, label="ROLE") for t in doc if t.is_lower and is_role_word(t)]
        spans += [Span(doc, t.i, t.i + 1, label="ROLE") for t in doc if t.is_title and is_role_word(t) and t.is_sent_start]
        from spacy.util import filter_spans
        return filter_spans(spans)

    # -- names -------------------------------------------------------------
    def _blocked_tokens(self, doc: Doc) -> set[int]:
        """Tokens inside organisations, countries and counties: never names. Towns are not
        blocked, since many surnames are also town names ("Norberg", "Lund", "Mora")."""
        blocked: set[int] = set()
        for span in doc.spans.get("orgs", []):
            blocked.update(range(span.start, span.end))
        for span in doc.spans.get("places", []):
            if span._.municipality_code is None:
                blocked.update(range(span.start, span.end))
        return blocked

    def _is_given(self, token: Token) -> bool:
        text = token.text
        if text in self.first_names:
            return True
        return "-" in text and all(part in self.first_names for part in text.split("-"))

    def _surname_ok(self, token: Token, blocked: set[int]) -> bool:
        return (is_name_word(token) and token.i not in blocked and token.text not in self.not_surnames
                and not is_role_word(token))

    def _name_at(self, doc: Doc, i: int, blocked: set[int], role_end: dict, role_start: dict) -> Span | None:
        first = doc[i]
        if i in blocked or not is_name_word(first) or first.text in self.not_surnames:
            return None
        j = i + 1
        if not self._is_given(first) and j < len(doc) and self._is_given(doc[j]):
            return None  # "Ordföranden Gunnar Backlund": the name starts at the given name
        if j < len(doc) and self._is_given(first) and self._is_given(doc[j]) and j + 1 < len(doc) \
                and self._surname_ok(doc[j + 1], blocked) and not doc[j].is_sent_start:
            j += 1  # a second given name: "Karl Johan Berg"
        if j + 1 < len(doc) and is_initial(doc[j]) and self._surname_ok(doc[j + 1], blocked):
            j += 1  # a middle initial: "Johan R Norberg", "Anna K. Berg"
        surnames = 0
        while j < len(doc) and surnames < 2 and not doc[j].is_sent_start:
            token = doc[j]
            if token.lower_ in PARTICLES and j + 1 < len(doc) and self._surname_ok(doc[j + 1], blocked):
                j += 1
                continue
            if not self._surname_ok(token, blocked) or "\n" in doc[j - 1].whitespace_:
                break
            surnames += 1
            j += 1
        if surnames == 0:
            return None
        span = Span(doc, i, j, label="PERSON")
        if self._is_given(first) or self._has_person_context(doc, span, role_end, role_start):
            return span
        return None

    def _has_person_context(self, doc: Doc, span: Span, role_end: dict, role_start: dict) -> bool:
        before = doc[span.start - 1] if span.start > 0 else None
        if span.start in role_end:
            return True
        if before is not None and before.lower_ in _cue_words():
            return True
        if before is not None and before.text == ":" and span.start > 1 and doc[span.start - 2].lower_ in _cue_words():
            return True
        after = doc[span.end: span.end + 3]
        if len(after) >= 2 and after[0].text == "," and (after[1].i in role_start or is_role_word(after[1])):
            return True
        if len(after) >= 1 and (after[0].i in role_start or is_role_word(after[0])) and after[0].is_lower:
            return True  # "Renée Daun projektledare i Lysekils kommun"
        if len(after) >= 2 and after[0].text == "," and PHONE.match(after[1].text):
            return True  # contact lists: "Ilir Alaj, 0700-58 32 16"
        if len(after) >= 3 and after[0].text == "(" and after[1].text in PARTY_MARKERS and after[2].text == ")":
            return True
        return False

    def _attach_role(self, doc: Doc, span: Span, role_end: dict, role_start: dict) -> None:
        """Role written next to the name, and the organisation it belongs to."""
        k = span.end
        if k + 2 < len(doc) and doc[k].text == "(" and doc[k + 2].text == ")":
            k += 3  # party marker
        role = None
        if k + 1 < len(doc) and doc[k].text == "," and k + 1 in role_start:
            role = role_start[k + 1]
        elif k + 1 < len(doc) and doc[k].text == "," and is_role_word(doc[k + 1]):
            role = doc[k + 1: k + 2]
        elif span.start in role_end:
            role = role_end[span.start]
        if role is None:
            return
        text = role.text
        span._.role = text[0].lower() + text[1:] if text[:1].isupper() and text[1:2].islower() else text
        span._.affiliation = self._affiliation_near(doc, role)

    @staticmethod
    def _affiliation_near(doc: Doc, role: Span) -> str | None:
        orgs = list(doc.spans.get("orgs", []))
        after = role.end
        if after < len(doc) and doc[after].lower_ in AFFILIATION_PREPOSITIONS:
            for org in orgs:
                if org.start == after + 1:
                    return org._.normalized
        for org in orgs:  # "Svenska Röda Korsets generalsekreterare Anna Berg"
            if org.end == role.start:
                return org._.normalized
        return None
