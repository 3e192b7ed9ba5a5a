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
from spacy.util import filter_spans

from pipeline import resources
from pipeline.nlp.bodies import most_named
from pipeline.nlp.extensions import (
    WordTest,
    get_spans,
    set_spans,
    token_table,
    written_name,
)
from pipeline.normalize.organisations import lookup_party_marker

SPANS_KEY = "persons"
ROLE_SPANS_KEY = "roles"
PARTICLES = {"af", "von", "van", "de", "der", "den", "da", "al", "el", "bin", "ibn", "di", "le", "la"}
AFFILIATION_PREPOSITIONS = {"i", "på", "vid", "för", "inom", "hos", "från"}
PHONE = re.compile(r"^(\+46|0)\d[\d\-]{4,}$")


def is_name_word(token: Token) -> bool:
    """Capitalised word that can be part of a name: 'Gröndahl', 'Söderström-Nilsson', "O'Brien"."""
    return name_word(token.text)


@functools.lru_cache(maxsize=200_000)
def name_word(text: str) -> bool:
    if len(text) < 2 or not text[0].isupper() or text.isupper():
        return False
    return all(ch.isalpha() or ch in "-'’" for ch in text) and any(ch.islower() for ch in text)


def is_initial_text(text: str) -> bool:
    """A middle initial written between given name and surname: "R" or "R."."""
    return (len(text) == 1 and text.isupper() and text.isalpha()) or (len(text) == 2 and text[0].isupper() and text[1] == ".")


def role_head_test(heads: list[str]):
    """A test of a lower-cased word: a title by its head ('integrationsstrateg',
    'kommunikationschef', 'EU-samordnare')."""
    pattern = re.compile("(?:" + "|".join(map(re.escape, sorted(heads, key=len, reverse=True))) + ")$")
    return lambda lower: len(lower) > 3 and pattern.search(lower) is not None


@Language.factory("pressmine_people", assigns=["doc.spans"], requires=["token.is_sent_start"], default_config={
    "first_names": "first_names.txt", "not_name_words": "not_name_words.txt", "roles": "roles.txt",
    "role_heads": "role_heads.txt", "attribution_words": "attribution_words.txt", "role_bodies": "role_bodies.json"})
def make_people_finder(nlp: Language, name: str, first_names: str, not_name_words: str, roles: str, role_heads: str,
                       attribution_words: str, role_bodies: str):
    """Each setting names a data file (in pipeline/resources, or a path)."""
    return PeopleFinder(nlp, name, resources.first_names(first_names), resources.read_word_list(not_name_words),
                        resources.roles(roles), resources.read_word_list(role_heads),
                        resources.read_word_list(attribution_words), resources.read_json(role_bodies))


class PeopleFinder:
    def __init__(self, nlp: Language, name: str, first_names: frozenset[str], not_surnames: list[str],
                 roles: tuple[str, ...], role_heads: list[str], cue_words: list[str], role_bodies: dict) -> None:
        self.name = name
        self.first_names = first_names
        self.not_surnames = frozenset(not_surnames)
        self.cue_words = frozenset(cue_words)
        self.role_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.role_matcher.add("ROLE", list(nlp.tokenizer.pipe(roles)))
        self.is_name_word, self.is_role_word = WordTest(name_word), WordTest(role_head_test(role_heads))
        # role (lower case) -> the kind of body it is a position in
        self.role_bodies = {role: kind for kind, listed in role_bodies.items() if not kind.startswith("_")
                            for role in listed}

    def __call__(self, doc: Doc) -> Doc:
        table = token_table(doc)
        roles = self._find_roles(doc, table)
        set_spans(doc, ROLE_SPANS_KEY, roles)
        role_end = {span.end: span for span in roles}
        role_start = {span.start: span for span in roles}
        blocked = self._blocked_tokens(doc)
        orgs_at = OrgsAt(get_spans(doc, "orgs"))
        persons: list[Span] = []
        is_name_word, after_last = self.is_name_word, 0
        for i in [i for i, text in enumerate(table.texts) if is_name_word[text]]:
            if i < after_last:
                continue  # inside the name found last
            end = self._name_end(table, i, blocked, role_end, role_start)
            if end is None:
                continue
            span = Span(doc, i, end, label="PERSON")
            span._.normalized = written_name(span)
            self._attach_role(doc, table, span, role_end, role_start, orgs_at)
            persons.append(span)
            after_last = end
        set_spans(doc, SPANS_KEY, persons)
        return doc

    # -- roles -------------------------------------------------------------
    def _find_roles(self, doc: Doc, table) -> list[Span]:
        spans = [Span(doc, s, e, label="ROLE") for _, s, e in self.role_matcher(doc)]
        texts, lowers, is_role_word = table.texts, table.lowers, self.is_role_word
        for i in [i for i, lower in enumerate(lowers) if is_role_word[lower]]:
            text, lower = texts[i], lowers[i]
            if text == lower or table.sent_starts[i] and text[1:] == lower[1:]:
                spans.append(Span(doc, i, i + 1, label="ROLE"))
        return filter_spans(spans)

    # -- names -------------------------------------------------------------
    def _blocked_tokens(self, doc: Doc) -> set[int]:
        """Tokens inside organisations, countries and counties: never names. Towns are not
        blocked, since many surnames are also town names ("Norberg", "Lund", "Mora")."""
        blocked: set[int] = set()
        for span in get_spans(doc, "orgs"):
            blocked.update(range(span.start, span.end))
        for span in get_spans(doc, "places"):
            if span._.municipality_code is None:
                blocked.update(range(span.start, span.end))
        return blocked

    def _is_given(self, text: str) -> bool:
        if text in self.first_names:
            return True
        return "-" in text and all(part in self.first_names for part in text.split("-"))

    def _surname_ok(self, table, j: int, blocked: set[int]) -> bool:
        text = table.texts[j]
        return (name_word(text) and j not in blocked and text not in self.not_surnames
                and not self.is_role_word[table.lowers[j]])

    def _name_end(self, table, i: int, blocked: set[int], role_end: dict, role_start: dict) -> int | None:
        """End of the person's name starting at token i, or None when there is none."""
        texts, n = table.texts, len(table.texts)
        first = texts[i]
        if i in blocked or first in self.not_surnames:
            return None
        given = self._is_given(first)
        j = i + 1
        if not given and j < n and self._is_given(texts[j]) and not (i > 0 and table.lowers[i - 1] in self.cue_words):
            return None  # "Ordföranden Gunnar Backlund": the name starts at the given name (not "säger Ali Omar")
        if given and j + 1 < n and self._is_given(texts[j]) and self._surname_ok(table, j + 1, blocked) \
                and not table.sent_starts[j]:
            j += 1  # a second given name: "Karl Johan Berg"
        if j + 1 < n and is_initial_text(texts[j]) and self._surname_ok(table, j + 1, blocked):
            j += 1  # a middle initial: "Johan R Norberg", "Anna K. Berg"
        surnames = 0
        while j < n and surnames < 2 and not table.sent_starts[j]:
            if table.lowers[j] in PARTICLES and j + 1 < n and self._surname_ok(table, j + 1, blocked):
                j += 1
                continue
            if not self._surname_ok(table, j, blocked) or table.newline_before[j]:
                break
            surnames += 1
            j += 1
        if surnames == 0:
            return None
        if given or self._has_person_context(table, i, j, role_end, role_start):
            return j
        return None

    def _has_person_context(self, table, start: int, end: int, role_end: dict, role_start: dict) -> bool:
        texts, lowers = table.texts, table.lowers
        if start in role_end:
            return True
        if start > 0 and lowers[start - 1] in self.cue_words:
            return True
        if start > 1 and texts[start - 1] == ":" and lowers[start - 2] in self.cue_words:
            return True
        after = texts[end:end + 3]
        if len(after) >= 2 and after[0] == "," and (end + 1 in role_start or self.is_role_word[lowers[end + 1]]):
            return True
        if len(after) >= 1 and (end in role_start or self.is_role_word[lowers[end]]) and after[0] == lowers[end]:
            return True  # "Renée Daun projektledare i Lysekils kommun"
        if len(after) >= 2 and after[0] == "," and PHONE.match(after[1]):
            return True  # contact lists: "Ilir Alaj, 0700-58 32 16"
        if len(after) >= 3 and after[0] == "(" and lookup_party_marker(after[1]) is not None and after[2] == ")":
            return True
        return False

    def _attach_role(self, doc: Doc, table, span: Span, role_end: dict, role_start: dict, orgs_at: OrgsAt) -> None:
        """Role written next to the name, and the organisation it belongs to."""
        texts, n = table.texts, len(table.texts)
        k = span.end
        if k + 2 < n and texts[k] == "(" and texts[k + 2] == ")":
            k += 3  # party marker
        role = None
        if k + 1 < n and texts[k] == "," and k + 1 in role_start:
            role = role_start[k + 1]
        elif k + 1 < n and texts[k] == "," and self.is_role_word[table.lowers[k + 1]]:
            role = doc[k + 1: k + 2]
        elif span.start in role_end:
            role = role_end[span.start]
        if role is None:
            return
        text = role.text
        span._.role = text[0].lower() + text[1:] if text[:1].isupper() and text[1:2].islower() else text
        span._.affiliation = self._affiliation_near(doc, role, orgs_at) or implied_affiliation(doc, self.role_bodies.get(" ".join(span._.role.lower().split())))

    @staticmethod
    def _affiliation_near(doc: Doc, role: Span, orgs_at: "OrgsAt") -> str | None:
        after = role.end
        if after < len(doc) and doc[after].lower_ in AFFILIATION_PREPOSITIONS:
            org = orgs_at.start.get(after + 1)
            if org is not None:
                return org._.normalized
        org = orgs_at.end.get(role.start)  # "Svenska Röda Korsets generalsekreterare Anna Berg"
        return org._.normalized if org is not None else None


class OrgsAt:
    """The document's organisations by start and by end token, made once per document
    (the first span wins, as a scan in order would find it)."""

    def __init__(self, orgs: list[Span]) -> None:
        self.start: dict[int, Span] = {}
        self.end: dict[int, Span] = {}
        for org in orgs:
            self.start.setdefault(org.start, org)
            self.end.setdefault(org.end, org)


def implied_affiliation(doc: Doc, kind: str | None) -> str | None:
    """The body a municipal, county or regional position (of ``kind``, from
    role_bodies.json) is held in, when the text says no organisation next to it
    ("Kommunchef Leif Schöndell", "landshövding Maria Arnholm"): the one of that kind
    the text is about, if the text names it."""
    if kind is None:
        return None
    orgs = get_spans(doc, "orgs")
    if kind == "municipality":
        return doc._.home_municipality
    if kind == "county_board":
        return doc._.county_board or most_named(orgs, "county_board")[0]
    return most_named(orgs, "region")[0]
