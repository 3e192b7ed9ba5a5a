"""Merge every finder's candidates into ``doc.ents`` and resolve short mentions.

Rule-based candidates (money, dates, gazetteer organisations and places, people)
come first and win overlaps by length; a statistical NER model, when the pipeline
has one, fills the gaps, after filters for the false positives generic NER makes in
this genre. Short mentions of a person ("säger Holgersson") are linked to the full
name written elsewhere in the same text.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline import resources
from pipeline.nlp.bodies import GENERIC_BOARD, bare_board, follow_renames
from pipeline.nlp.extensions import (
    doc_text,
    get_spans,
    set_ents,
    token_table,
    word_after,
    written_name,
)
from pipeline.nlp.organisations import written_place_name
from pipeline.nlp.people import is_name_word, name_word
from pipeline.normalize.organisations import (
    lookup_org,
    lookup_party_marker,
    lookup_place,
    strip_genitive,
)

RULE_KEYS = ("money", "dates", "persons", "orgs", "places")
CONNECTORS = {"och", "i", "för", "av", "på", "med", "&", "de", "la", "of", "for", "and", "the"}
# Labels of statistical models mapped to the dataset's labels (project model and sv_core_news_*).
ACRONYM = re.compile(r"[A-ZÅÄÖ]{2,6}")
UNIT_AREA_WORDS = {"i", "region"}  # "X i Norrby", "X region Norrland": a body's local unit
MODEL_LABELS = {"PER": "PERSON", "PRS": "PERSON", "PERSON": "PERSON", "ORG": "ORG",
                "LOC": "LOC", "GPE": "LOC"}


@Language.factory("pressmine_entities", assigns=["doc.ents"],
                  default_config={"sources": "all", "not_name_words": "not_name_words.txt",
                                  "first_names": "first_names.txt", "prepositions": "prepositions.json"})
def make_entity_merger(nlp: Language, name: str, sources: str, not_name_words: str, first_names: str,
                       prepositions: str):
    """``sources``: "all" (rules, then the model's entities that pass the filters),
    "rules" (the rule-based finders only) or "model" (the model's PERSON/ORG/LOC as
    it predicts them, with rule-based MONEY and DATE): the last two for ablations.
    The other settings name data files (in pipeline/resources, or a path)."""
    if sources not in ("all", "rules", "model"):
        raise ValueError(f"entity sources must be all, rules or model, not {sources!r}")
    return EntityMerger(name, sources, resources.read_word_list(not_name_words), resources.first_names(first_names),
                        resources.read_json(prepositions)["place"])


class EntityMerger:
    def __init__(self, name: str, sources: str, not_names: list[str], first_names: frozenset[str],
                 place_prepositions: list[str]) -> None:
        self.name = name
        self.place_prepositions = frozenset(place_prepositions)  # "bor i Arvika": a place follows
        self.sources = sources
        self.not_names = frozenset(not_names)
        self.first_names = first_names

    def __call__(self, doc: Doc) -> Doc:
        candidates: list[Span] = []
        for key in RULE_KEYS if self.sources != "model" else ("money", "dates"):
            candidates.extend(get_spans(doc, key))
        chosen = filter_spans(candidates)
        if self.sources != "rules" and doc.ents:
            taken = {i for span in chosen for i in range(span.start, span.end)}
            for span in doc.ents:
                mapped = self._from_model(doc, span) if self.sources == "all" else self._raw_model(doc, span)
                if mapped is not None and not any(i in taken for i in range(mapped.start, mapped.end)):
                    chosen.append(mapped)
                    taken.update(range(mapped.start, mapped.end))
        chosen.extend(self._short_person_mentions(doc, chosen))
        orgs = [s for s in chosen if s.label_ == "ORG"]
        renamed = written_org_names(doc, orgs)
        renamed.update(defined_acronyms(doc, orgs))
        renamed.update(units_named_short(orgs))
        renamed.update(one_case_per_name(doc, chosen))
        follow_renames(doc, renamed)
        set_ents(doc, sorted(chosen, key=lambda s: s.start))
        return doc

    def _from_model(self, doc: Doc, span: Span) -> Span | None:
        """A statistical entity, if it passes the checks for this genre's usual false positives.

        A generic news model tags project names, course titles, party letters and
        capitalised common nouns ("Spinneriet", "Vardagssvenska") in press releases; it
        is trusted where the evidence is independent of capitalisation: a given name for
        a person, a gazetteer entry, an acronym or an organisation word for a body, a
        gazetteer entry or a locative preposition for a place."""
        label = MODEL_LABELS.get(span.label_)
        if label is None:
            return None
        while len(span) and (span[0].is_punct or span[0].is_space):
            span = span[1:]
        while len(span) and (span[-1].is_punct or span[-1].is_space):
            span = span[:-1]
        if not len(span) or len(span.text) < 2 or "\n" in span.text or span.text in self.not_names \
                or not span.text[0].isupper() or not (span[-1].text[0].isupper() or span[-1].like_num):
            return None
        new = Span(doc, span.start, span.end, label=label)
        new._.method = "model"
        text = written_name(span)
        if label == "PERSON":
            if len(span) < 2 or not all(is_name_word(t) or t.text == "-" for t in span) \
                    or span[0].text not in self.first_names:
                return None
            new._.normalized = text
        elif label == "ORG":
            base = strip_genitive(text, word_after(span))
            match = lookup_org(text) or lookup_org(base)
            if match is None and not self._org_evidence(span):
                return None
            if base == GENERIC_BOARD:
                new._.normalized = bare_board(doc)
                new._.org_type = "county_board"
                return new
            new._.normalized = match.canonical if match else base
            if match:
                new._.canonical = match.canonical
                new._.org_type, new._.municipality_code, new._.county_code = match.org_type, match.municipality_code, match.county_code
        else:
            match = lookup_place(text) or lookup_place(strip_genitive(text))
            before = doc[span.start - 1].lower_ if span.start > 0 else ""
            if match is None and (before not in self.place_prepositions or span[0].is_sent_start or not all(is_name_word(t) for t in span)):
                return None
            new._.normalized = written_place_name(text, match) if match else text
            if match:
                new._.municipality_code, new._.county_code = match.municipality_code, match.county_code
        return new

    @staticmethod
    def _raw_model(doc: Doc, span: Span) -> Span | None:
        label = MODEL_LABELS.get(span.label_)
        if label is None:
            return None
        new = Span(doc, span.start, span.end, label=label)
        new._.method, new._.normalized = "model", strip_genitive(written_name(span), word_after(span))
        return new

    def _org_evidence(self, span: Span) -> bool:
        """Signs that a capitalised phrase the gazetteer does not know is a body."""
        if len(span) == 1:
            text = span[0].text
            return text.isupper() and text.isalpha() and len(text) >= 3 and lookup_party_marker(text) is None
        if span[0].is_sent_start and span[0].text in self.not_names:
            return False
        return all(t.text[0].isupper() or t.lower_ in CONNECTORS or not t.is_alpha for t in span)

    def _short_person_mentions(self, doc: Doc, chosen: list[Span]) -> list[Span]:
        """'Holgersson' or 'Holgerssons' after 'Ingmar Holgersson' is the same person."""
        texts = token_table(doc).texts
        by_part: dict[str, set[str]] = {}
        for span in chosen:
            if span.label_ == "PERSON" and len(span) >= 2:
                full = span._.normalized
                for part in texts[span.start:span.end]:
                    by_part.setdefault(part, set()).add(full)
        if not by_part:
            return []
        taken = {i for span in chosen for i in range(span.start, span.end)}
        forms = {*by_part, *(part + "s" for part in by_part)}  # a name part, or its genitive
        found = []
        for i in [i for i, text in enumerate(texts) if text in forms]:
            text = texts[i]
            if i in taken or not name_word(text):
                continue
            names = by_part.get(text) or by_part.get(text[:-1] if text.endswith("s") else "")
            if names and len(names) == 1:
                span = Span(doc, i, i + 1, label="PERSON")
                span._.normalized = next(iter(names))
                span._.method = "coref"
                found.append(span)
        return found


def written_org_names(doc: Doc, orgs: list[Span]) -> dict[str, str]:
    """Name each body by the fullest form the text itself supports.

    The gazetteer's name (``canonical``) is used when the text writes it somewhere;
    otherwise the longest form the text does write ("EU", "Röda Korset", a former
    name like "Sveriges Kommuner och Landsting"), so that the dataset never states a
    name the source does not. County boards keep the board's full name: the text
    supports it by naming the county. Returns the names changed (old -> new).
    """
    renamed: dict[str, str] = {}
    groups: dict[str, list[Span]] = {}
    for span in orgs:
        if span._.canonical and span._.org_type != "county_board":
            groups.setdefault(span._.canonical, []).append(span)
    folded_text = doc_text(doc).casefold()
    for canonical, spans in groups.items():
        if canonical.casefold() in folded_text:
            name = canonical
        else:
            name = max((strip_genitive(written_name(s), word_after(s)) for s in spans), key=len)
        for span in spans:
            if span._.normalized != name:
                renamed.setdefault(span._.normalized, name)
            span._.normalized = name
    return renamed


def defined_acronyms(doc: Doc, orgs: list[Span]) -> dict[str, str]:
    """'Sveriges kristna råd (SKR)': an acronym the text defines after a name is that
    name's short form there, whatever else the same letters stand for in the gazetteer.
    Returns the names changed (old -> new)."""
    texts = token_table(doc).texts
    defined: dict[str, Span] = {}
    for span in orgs:
        end = span.end
        if end + 2 < len(texts) and texts[end] == "(" and texts[end + 2] == ")" and ACRONYM.fullmatch(texts[end + 1]):
            defined.setdefault(texts[end + 1], span)
    renamed: dict[str, str] = {}
    if not defined:
        return renamed
    for span in orgs:
        full = defined.get(strip_genitive(written_name(span), word_after(span)))
        if full is not None and full is not span and span._.normalized != full._.normalized:
            renamed.setdefault(span._.normalized, full._.normalized)
            span._.normalized, span._.canonical, span._.org_type = full._.normalized, full._.canonical, full._.org_type
    return renamed


def units_named_short(orgs: list[Span]) -> dict[str, str]:
    """A body the text also names with its place after it ("Studieförbundet Vuxenskolan" and
    "Studieförbundet Vuxenskolan i Norrby", "Sensus" and "Sensus region Norrland") is that
    local unit; a name found by its form that the text also writes longer ("Norrby
    Saints" and "Norrby Saints Basket") is the longer name shortened. A party's bare name
    is the national party, beside its district ("Partiet i Norrland"). Returns the names
    changed (old -> new)."""
    names = {span._.normalized for span in orgs if span._.normalized}
    parties = {span._.normalized for span in orgs if span._.org_type == "party"}
    found_by_form = {span._.normalized for span in orgs if not span._.canonical}
    longer: dict[str, str] = {}
    for short in names:
        runs_on = [name for name in names if name.startswith(short + " ")]
        if len(runs_on) != 1 or short in parties:
            continue  # none, or several units: the short name is the body itself
        rest = runs_on[0][len(short) + 1:]
        if rest.split(" ", 1)[0] in UNIT_AREA_WORDS or lookup_place(rest) is not None \
                or {short, runs_on[0]} <= found_by_form:
            longer[short] = runs_on[0]
    renamed: dict[str, str] = {}
    for span in orgs:
        name = longer.get(span._.normalized)
        if name is not None:
            renamed.setdefault(span._.normalized, name)
            span._.normalized = name
    return renamed


def one_case_per_name(doc: Doc, spans: list[Span]) -> dict[str, str]:
    """A name written in capitals somewhere ("KARLSHAMNS UNITED" in a contact block) and
    in ordinary case elsewhere in the same text is one name: its ordinary form.
    Returns the names changed (old -> new).

    Spans are compared by their words in the token table first, so a text without a
    name in capitals (nearly all) costs one pass over plain strings."""
    texts = token_table(doc).texts

    def written(span: Span) -> str:
        return " ".join(texts[span.start:span.end])

    shouted = {written(s).casefold() for s in spans if texts[s.start].isupper() and written(s).isupper()}
    if not shouted:
        return {}
    by_folded: dict[tuple[str, str], list[Span]] = {}
    for span in spans:
        if written(span).casefold() in shouted and span.label_ in ("PERSON", "ORG", "LOC") and span._.normalized:
            by_folded.setdefault((span.label_, span._.normalized.casefold()), []).append(span)
    renamed: dict[str, str] = {}
    for group in by_folded.values():
        ordinary = next((s._.normalized for s in group if not s._.normalized.isupper()), None)
        if ordinary is not None:
            for span in group:
                if span._.normalized.isupper():
                    renamed.setdefault(span._.normalized, ordinary)
                    span._.normalized = ordinary
    return renamed
