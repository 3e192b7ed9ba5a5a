"""Organisations named by the words around them.

Swedish marks who runs something with a participle or passive and "av" ("drivs av",
"framtagen av", "arrangerades av"; the initiative finder's run_by_cues), and puts a
noun for the kind of body before a name in apposition ("teatergruppen Tallbo",
"samordningsförbundet RAR i Norrland"). A capitalised name in either place is an
organisation whatever its form, unless it is a person's or a place's. A noun that
belongs to the name ("Samordningsförbundet", "Stiftelsen") is taken into it.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from pipeline.nlp.extensions import token_table
from pipeline.nlp.org_spans import form_span, in_place_end

MAX_NAME_TOKENS = 5
NAME_JOINERS = {"and", "of", "for", "&"}
COORDINATORS = {"och", "samt", ","}
OPEN_JOINERS = NAME_JOINERS | {"in", "the", "with", "to", "on"}  # English words a name may run on with
ACRONYM_PAIR = re.compile(r"[A-ZÅÄÖ]{2,}(?:-[A-ZÅÄÖ]{2,})+")  # "IOGT-NTO"


@dataclass(frozen=True)
class CueWords:
    run_by: frozenset[str]             # "drivs", "framtagen": followed by "av"
    is_descriptor: Mapping[str, bool]  # "teatergruppen", "föreningen": a kind of body before its name
    name_forming: frozenset[str]       # "samordningsförbundet": a descriptor that is part of the name
    partner: frozenset[str] = frozenset()      # "samarbete", "tillsammans": followed by "med"
    first_names: frozenset[str] = frozenset()  # "tillsammans med Lisa": a person, not a body


def cued_organisations(doc: Doc, words: CueWords, place_at: dict[int, Span],
                       is_person_start: Callable[[Doc, int], bool], not_orgs: frozenset[str]) -> list[Span]:
    """Names after a running cue ("drevs av A och B"), a partnership cue ("i samarbete
    med A och B", where a lone given name is a person's) and a descriptor noun."""
    table = token_table(doc)
    lowers, n = table.lowers, len(table.lowers)
    found: list[Span] = []
    def is_partner_person(d: Doc, k: int) -> bool:
        return is_person_start(d, k) or d[k].text in words.first_names

    for i in range(n - 2):
        partner = lowers[i] in words.partner and lowers[i + 1] == "med"
        if partner or lowers[i] in words.run_by and lowers[i + 1] == "av":
            j = i + 2
            person_test = is_partner_person if partner else is_person_start
            while (span := _name_at(doc, j, words, place_at, person_test, not_orgs)) is not False:
                end = span.end if span is not None else _skip_name(doc, j, words)
                if span is not None:
                    found.append(span)
                if end < n - 1 and lowers[end] in COORDINATORS and doc[end + 1].text[:1].isupper():
                    j = end + 1  # "drevs av A och B"
                else:
                    break
        elif words.is_descriptor[lowers[i]] and doc[i].is_lower and not table.sent_starts[i + 1]:
            span = _name_at(doc, i, words, place_at, is_person_start, not_orgs)
            if span:
                found.append(span)
    return found


def _name_end(doc: Doc, j: int) -> int:
    """The end of the capitalised name (words, acronyms, English joiners) from token j."""
    end, n = j, len(doc)
    while end < n and end < j + MAX_NAME_TOKENS and not (end > j and doc[end].is_sent_start) and (
            doc[end].text[:1].isupper() and (doc[end].is_alpha or ACRONYM_PAIR.fullmatch(doc[end].text))
            or doc[end].lower_ in NAME_JOINERS and end + 1 < n and doc[end + 1].text[:1].isupper()):
        end += 1
    return end


def _skip_name(doc: Doc, j: int, words: CueWords) -> int:
    return _name_end(doc, j + 1 if words.is_descriptor[doc[j].lower_] else j)


def _name_at(doc: Doc, j: int, words: CueWords, place_at: dict[int, Span],
             is_person_start: Callable[[Doc, int], bool], not_orgs: frozenset[str]) -> Span | None | bool:
    """The organisation named from token j (after an optional descriptor noun), None
    when the name there is a person's or a place's, False when no name is there."""
    if j >= len(doc):
        return False
    descriptor = words.is_descriptor[doc[j].lower_] and doc[j].is_lower
    start = j + 1 if descriptor else j
    end = _name_end(doc, start)
    if end == start:
        return False
    if is_person_start(doc, start) or doc[start].text in not_orgs \
            or start in place_at and place_at[start].end >= end \
            or end < len(doc) and doc[end].lower_ in OPEN_JOINERS:
        return None  # a person's or a place's; or an English name running on in lower case ("Sisters in business")
    end = in_place_end(doc, end, place_at)
    if descriptor and doc[j].lower_ in words.name_forming:
        span = form_span(doc, j, end)
        if span._.canonical is None:
            span._.normalized = span._.normalized[:1].upper() + span._.normalized[1:]
        return span
    return form_span(doc, start, end)
