"""ORG and LOC candidates from the gazetteers and from Swedish organisation-name forms.

Gazetteer names (every municipality body, county board, region, agency, ministry,
fund, the large associations; places) are found with PhraseMatchers built once from
the data files. Names that are in no list are found by their form: a capitalised
phrase ending in an organisation word ("Svenska Judoförbundet", "Umeå FC",
"Västerbottens Idrottsförbund"). A bare "Länsstyrelsen" resolves to the board of the
county that the text names, when it names exactly one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline import resources
from pipeline.nlp.bodies import (
    BodyWords,
    bare_board,
    bodies_from_places,
    resolve_county,
    resolve_home,
)
from pipeline.nlp.extensions import (
    WordTest,
    doc_text,
    set_spans,
    span_text,
    token_table,
)
from pipeline.nlp.org_branches import local_branches
from pipeline.nlp.org_credits import credit_orgs
from pipeline.nlp.org_cues import CueWords, cued_organisations
from pipeline.nlp.org_lists import enumerated_organisations, listed_organisations
from pipeline.nlp.org_spans import form_span, form_type, in_place_end, named_org
from pipeline.nlp.people import is_name_word, name_word
from pipeline.normalize import organisations as orgnorm

ORG_KEY, PLACE_KEY = "orgs", "places"
PLAIN_NAME = re.compile(r"\w+(?: \w+)*")
NAME_JOINERS = {"and", "of", "for", "&"}  # inside an English name after a name word: "Jobs and Society"
ADJECTIVE = re.compile(r"[a-zåäöé]{3,}(?:iska|ska|a)")  # a weak adjective: "ortodoxa", "katolska", "ideella"


@dataclass(frozen=True)
class GazetteerMatchers:
    exact: PhraseMatcher
    caseless: PhraseMatcher
    exact_values: dict      # (label, words as written) -> gazetteer entry
    caseless_values: dict   # (label, words lower-cased) -> gazetteer entry
    label_of: dict          # match id -> "ORG" or "LOC"


@Language.factory("pressmine_gazetteer", assigns=["doc.spans", "doc._.county_code", "doc._.county_board",
                                                  "doc._.home_municipality", "doc._.home_body"], default_config={
    "org_forms": "org_forms.json", "not_name_words": "not_name_words.txt", "first_names": "first_names.txt",
    "grant_verbs": "grant_verbs.json", "prepositions": "prepositions.json", "initiative_words": "initiative_words.json",
    "place_words": "place_words.json"})
def make_gazetteer(nlp: Language, name: str, org_forms: str, not_name_words: str, first_names: str,
                   grant_verbs: str, prepositions: str, initiative_words: str, place_words: str):
    """Each setting names a data file (in pipeline/resources, or a path); the names
    themselves are the reference data of :mod:`pipeline.normalize.organisations`."""
    return Gazetteer(nlp, name, resources.org_forms(org_forms), resources.read_word_list(not_name_words),
                     resources.first_names(first_names), BodyWords.load(grant_verbs, prepositions, place_words),
                     frozenset(resources.read_json(initiative_words)["run_by_cues"]))


class Gazetteer:
    def __init__(self, nlp: Language, name: str, forms: dict, not_name_words: list[str],
                 first_names: frozenset[str], body_words: BodyWords,
                 run_by_cues: frozenset[str]) -> None:
        self.name = name
        self.body_words = body_words
        self.heads = tuple(sorted({h.lower() for h in forms["head_words"]}, key=len, reverse=True))
        self.compound_suffixes = tuple(sorted({h.lower() for h in forms["compound_suffixes"]}, key=len, reverse=True))
        self.head_re = re.compile(r"\w*(?:" + "|".join(map(re.escape, self.heads)) + ")")
        self.compound_re = re.compile(r"(\w*)(?:" + "|".join(map(re.escape, self.compound_suffixes)) + ")")
        endings = "|".join(map(re.escape, sorted({*self.heads, *self.compound_suffixes}, key=len, reverse=True)))
        self.candidate_words_re = re.compile(r"\w*(?:" + endings + ")")
        self.suffix_tokens = frozenset([*forms["sports_abbreviations"], *forms["legal_forms"]])
        self.legal_tokens = frozenset(forms["legal_forms"])
        self.suffix_genitives = frozenset(f"{word}:s" for word in self.suffix_tokens if word.isupper())  # "IF:s"
        written_forms = [tuple(t.lower_ for t in nlp.make_doc(form)) for form in forms["legal_forms"]]
        self.legal_sequences = sorted({words for words in written_forms if len(words) > 1}, key=len, reverse=True)
        self.legal_firsts = frozenset(words[0] for words in self.legal_sequences)
        self.prefix_words = frozenset(forms["prefix_words"])
        self.prefix_heads = tuple(w.lower() for w in forms["prefix_words"] if w[1:].islower())  # "…föreningen"
        self.not_orgs = frozenset(forms["not_org_capitalised"]) | frozenset(not_name_words)
        self.first_names = first_names
        self.name_adjectives = frozenset(forms["name_adjectives"])
        self.initiative_heads = tuple(forms["initiative_heads"])
        self.determiners = frozenset(forms["determiners"])
        self.unit_nouns = tuple(forms["unit_nouns"])
        plural_nouns = tuple(forms["plural_org_nouns"])
        descriptors = tuple(forms["descriptor_nouns"])
        self.cue_words = CueWords(run_by_cues, WordTest(lambda lower: lower.endswith(descriptors)),
                                  frozenset(forms["name_forming_descriptors"]), frozenset(forms["partner_cues"]),
                                  first_names)
        self.is_plural_org_noun = WordTest(lambda lower: lower.endswith(plural_nouns))
        self.is_org_word = WordTest(lambda lower: self.candidate_words_re.fullmatch(lower) is not None
                                    or self.place_led_head_re.fullmatch(lower) is not None)
        self.exact_words = frozenset({*self.suffix_tokens, *self.suffix_genitives, *self.prefix_words})
        self.county_led_heads = frozenset(forms["county_led_heads"])  # "Kalmar läns landsting", not "Sveriges landsting"
        place_heads = sorted([*forms["place_led_heads"], *self.county_led_heads], key=len, reverse=True)
        self.place_led_head_re = re.compile(r"\w*(" + "|".join(map(re.escape, place_heads)) + ")s?")  # "…landstings"
        self.is_candidate = WordTest(
            lambda text: text in self.exact_words or self.candidate_words_re.fullmatch(text.lower()) is not None)
        self.names = self._matcher(nlp, [(s, ("ORG", v)) for s, v in orgnorm.org_surface_forms()]
                                   + [(s, ("LOC", v)) for s, v in orgnorm.place_surface_forms()])

    @staticmethod
    def _matcher(nlp: Language, forms) -> "GazetteerMatchers":
        """An exact (ORTH) matcher, and a case-blind one for names of two words or more.

        Each has one key per label, and the entry a match stands for is looked up by the
        words matched: no surface form names two entries of one label (a test checks
        the data). Patterns are the string ids of a name's words (what
        ``PhraseMatcher.add`` makes of a Doc): thousands of pattern Docs, or a key per
        entry, would each create vocabulary entries and cost a large part of the
        start-up. A plain name (letters, digits, spaces) is split on spaces, which is
        how the tokenizer splits it; names with punctuation go through the tokenizer."""
        exact, caseless = PhraseMatcher(nlp.vocab, attr="ORTH"), PhraseMatcher(nlp.vocab, attr="LOWER")
        found = GazetteerMatchers(exact, caseless, {}, {}, {})
        patterns: dict[str, tuple[list, list]] = {}
        for surface, (label, value) in forms:
            words = surface.split() if PLAIN_NAME.fullmatch(surface) else [t.text for t in nlp.make_doc(surface)]
            exact_patterns, caseless_patterns = patterns.setdefault(label, ([], []))
            found.exact_values.setdefault((label, tuple(words)), value)
            exact_patterns.append([get_string_id(w) for w in words])
            if len(words) > 1:
                lowers = tuple(w.lower() for w in words)
                found.caseless_values.setdefault((label, lowers), value)
                caseless_patterns.append([get_string_id(w) for w in lowers])
        for label, (exact_patterns, caseless_patterns) in patterns.items():
            key = f"pressmine_gazetteer_{label}"
            found.label_of[nlp.vocab.strings.add(key)] = label
            exact.add(key, exact_patterns)
            if caseless_patterns:
                caseless.add(key, caseless_patterns)
        return found

    def _match(self, doc: Doc) -> tuple[list[Span], list[Span]]:
        """Gazetteer organisations and places, in one pass of each matcher."""
        names, table = self.names, token_table(doc)
        matched: dict[tuple[int, int, str], object] = {}
        for match_id, start, end in names.exact(doc):
            label = names.label_of[match_id]
            matched[start, end, label] = names.exact_values[label, tuple(table.texts[start:end])]
        for match_id, start, end in names.caseless(doc):  # both matchers often agree
            label = names.label_of[match_id]
            matched.setdefault((start, end, label), names.caseless_values[label, tuple(table.lowers[start:end])])
        found: dict[str, list[Span]] = {"ORG": [], "LOC": []}
        for (start, end, label), value in sorted(matched.items(), key=lambda item: item[0][:2]):
            span = Span(doc, start, end, label=label)
            x = span._
            if label == "ORG":
                x.normalized = x.canonical = value.canonical
                x.org_type = value.org_type
            else:
                x.normalized = written_place_name(span_text(span), value)
            x.municipality_code, x.county_code = value.municipality_code, value.county_code
            found[label].append(span)
        return found["ORG"], found["LOC"]

    def __call__(self, doc: Doc) -> Doc:
        known, all_places = self._match(doc)
        all_places = filter_spans(all_places)
        known = local_branches(doc, known, all_places, self.heads, self.unit_nouns)
        orgs = filter_spans(known + self._form_orgs(doc, all_places))
        taken = {i for span in orgs for i in range(span.start, span.end)}
        places = [s for s in all_places if not any(i in taken for i in range(s.start, s.end))]
        led = self._place_led_names(doc, places)
        if led:
            orgs += led
            inside = {i for span in led for i in range(span.start, span.end)}
            places = [s for s in places if s.start not in inside]
        listed = listed_organisations(doc, orgs, self._person_starts, self.not_orgs) \
            + enumerated_organisations(doc, self.is_plural_org_noun, self.is_org_word, self._person_starts) \
            + cued_organisations(doc, self.cue_words, {span.start: span for span in places}, self._person_starts,
                                 self.not_orgs)
        if listed:
            orgs = filter_spans(orgs + listed)
            inside = {i for span in listed for i in range(span.start, span.end)}
            places = [s for s in places if s.start not in inside]
            taken |= inside
        resolve_county(doc, self._county_of(orgs, places))
        orgs += self._bare_boards(doc, taken)
        orgs, places = bodies_from_places(doc, orgs, places, self.body_words)
        resolve_home(doc, orgs)
        set_spans(doc, ORG_KEY, sorted(orgs, key=lambda s: s.start))
        set_spans(doc, PLACE_KEY, places)
        return doc

    def _form_orgs(self, doc: Doc, places: list[Span]) -> list[Span]:
        """Names by their form: "Västerbottens fotbollsförbund", "Svenska Judoförbundet", "Umeå FC",
        "Stiftelsen Botildenborg", "Familjecentralen i Sunne"; and photo credits ("Foto: Stocksnap")."""
        place_at = {span.start: span for span in places}
        spans = []
        for token in self._candidates(doc):
            lower, i = token.lower_, token.i
            if token.text in self.not_orgs and not self._opens_name(doc, i):
                continue  # "Stiftelsen" alone is no name; "Stiftelsen Botildenborg" is
            prev_is_name = i > 0 and is_name_word(doc[i - 1]) and not token.is_sent_start
            if self.head_re.fullmatch(lower) and (prev_is_name or (bridge := self._adjectives_before(doc, i)) < i):
                first = i if prev_is_name else bridge
                start = self._extend_left(doc, first)
                if start == first and not is_name_word(token):
                    continue  # a bare "förening" after a sentence's first word names nothing
            elif self._is_prefix(token.text) and i + 1 < len(doc) and is_name_word(doc[i + 1]) \
                    and not (prev_is_name and token.text in self.suffix_tokens):  # "Tallby IF Anna Ek"
                spans.append(self._prefixed_name(doc, i))
                continue
            elif (is_name_word(token) and not token.is_sent_start
                  and (m := self.compound_re.fullmatch(lower)) and len(m.group(1)) > 3):
                start = self._extend_left(doc, i)
            elif (token.text in self.suffix_tokens or token.text in self.suffix_genitives) and prev_is_name:
                start = self._extend_left(doc, i)
            else:
                continue
            spans.append(form_span(doc, start, in_place_end(doc, i + 1, place_at), token.text.removesuffix(":s")))
        spans.extend(self._legal_form_names(doc))
        spans.extend(credit_orgs(doc, place_at, self.first_names, self.not_orgs))
        return spans

    def _legal_form_names(self, doc: Doc) -> list[Span]:
        """'Kvarnen ek. för.', 'Kvarnen ideell förening': a name followed by its legal form
        written in words; the name's first word may open a line or a sentence."""
        lowers, spans = token_table(doc).lowers, []
        for i in [i for i, lower in enumerate(lowers) if lower in self.legal_firsts]:
            if i == 0 or doc[i].is_sent_start or not is_name_word(doc[i - 1]) or doc[i - 1].text in self.not_orgs:
                continue
            words = next((w for w in self.legal_sequences if tuple(lowers[i:i + len(w)]) == w), None)
            if words is not None:
                start = i - 1 if doc[i - 1].is_sent_start else self._extend_left(doc, i - 1)
                spans.append(form_span(doc, start, i + len(words), "förening"))
        return spans

    def _prefixed_name(self, doc: Doc, i: int) -> Span:
        """'Stiftelsen Botildenborg', 'KFUM Norrby', 'Stiftelsen Jobs and Society'; after a
        descriptive word the name that carries its own form is the name ("föreningen
        Norrby FC" is Norrby FC)."""
        end, n = i + 1, len(doc)
        while end < n and end < i + 6 and not doc[end].is_sent_start and (
                is_name_word(doc[end])
                or doc[end].lower_ in NAME_JOINERS and end + 1 < n and is_name_word(doc[end + 1])):
            end += 1
        if end < n and doc[end].text in self.suffix_tokens and not doc[end].is_sent_start:
            return form_span(doc, i + 1, end + 1, doc[end].text)
        return form_span(doc, i, end, doc[i].text)

    def _is_prefix(self, text: str) -> bool:
        """A word that opens a name: "Stiftelsen", "IK" ("IK Stjärnan"), or a capitalised
        compound of a word that does ("Hembygdsföreningen Gamla Lindås")."""
        if text in self.prefix_words:
            return True
        lower = text.lower()
        return text[:1].isupper() and text[1:].islower() and any(
            lower.endswith(head) and len(lower) > len(head) + 2 for head in self.prefix_heads)

    def _adjectives_before(self, doc: Doc, i: int) -> int:
        """Where one or two lower-case adjectives before doc[i] start, when a capitalised
        word stands before them ("Georgiska ortodoxa kyrkan", "Norrby katolska
        församling"); else i."""
        j = i
        while j > 0 and i - j < 2 and ADJECTIVE.fullmatch(doc[j - 1].text) and doc[j - 1].text not in self.determiners \
                and not doc[j - 1].is_sent_start:
            j -= 1
        return j if j < i and j > 0 and is_name_word(doc[j - 1]) else i

    def _person_starts(self, doc: Doc, i: int) -> bool:
        """Does a person's name start at doc[i] (a given name, then a name word)?"""
        return doc[i].text in self.first_names and i + 1 < len(doc) and is_name_word(doc[i + 1])

    def _opens_name(self, doc: Doc, i: int) -> bool:
        """Is doc[i] a word that opens a name ("Stiftelsen", "Föreningen") followed by one?"""
        return doc[i].text in self.prefix_words and i + 1 < len(doc) and is_name_word(doc[i + 1]) \
            and doc[i + 1].text not in self.not_orgs and not doc[i + 1].is_sent_start

    def _candidates(self, doc: Doc) -> list:
        """Tokens that may end or start an organisation name (a remembered test per word)."""
        is_candidate = self.is_candidate
        return [doc[i] for i in [i for i, text in enumerate(token_table(doc).texts) if is_candidate[text]]]

    def _place_led_names(self, doc: Doc, places: list[Span]) -> list[Span]:
        """'Karlshamns United', 'Blekinge Uppfinnareverkstad', 'Gullmarens Centre Court':
        a place name that runs on into capitalised words is the start of a proper name,
        here taken as an organisation, and not a mention of the place. So is a place
        genitive before a club or council word ("Rättviks judoklubb", place_led_heads)."""
        table = token_table(doc)
        place_starts = {span.start for span in places}
        spans = []
        for place in places:
            end = place.end
            while end < len(doc) and end < place.end + 2 and name_word(table.texts[end]) \
                    and not table.sent_starts[end] and not table.newline_before[end] \
                    and table.texts[end] not in self.not_orgs and table.texts[end] not in self.first_names \
                    and end not in place_starts:
                end += 1
            org_type = "other"
            if end == place.end and end < len(doc) and table.texts[place.end - 1].endswith("s") \
                    and not table.newline_before[end] and (m := self.place_led_head_re.fullmatch(table.lowers[end])) \
                    and (m.group(1) not in self.county_led_heads or is_county(place)):
                end += 1  # "Rättviks judoklubb", "Bengtsfors gymnastikklubb": the place's own club
                org_type = form_type(m.group(1))
            if end > place.end and not table.lowers[end - 1].endswith(self.initiative_heads):
                spans.append(named_org(doc, place.start, end, org_type))  # not "Ukraina ESF-projekt": a project
        return spans

    def _extend_left(self, doc: Doc, i: int) -> int:
        """Take the capitalised words before an organisation word into its name; a
        sentence-initial word only when it is a place or a name adjective ("Svenska"),
        or when it stands right before an organisation word that is capitalised itself,
        which only a name's is ("Almby Hembygdsförening", "Västerby IF" opening a list
        line; not "Laget" in "Laget Umeå FC")."""
        start = i
        proper_head = doc[i].text[:1].isupper()
        while start > 0 and start > i - 4 and not doc[start].is_sent_start:
            prev = doc[start - 1]
            if prev.text in self.not_orgs or not (is_name_word(prev) or prev.text.isupper() and prev.is_alpha):
                break
            if prev.is_sent_start and prev.text not in self.name_adjectives and not (proper_head and start == i) \
                    and not self._company_name_opens(doc, start - 1, i) \
                    and orgnorm.lookup_place(orgnorm.strip_genitive(prev.text)) is None:
                break
            start -= 1
        return start

    def _company_name_opens(self, doc: Doc, j: int, head: int) -> bool:
        """Does a sentence's first word doc[j] open a company's name that a legal form ends
        ("Norrby Fastigheter AB hyr ut"), not a noun for a company before it ("Bolaget
        Norrby AB", "Företaget Solpanel AB")?"""
        return doc[head].text.removesuffix(":s") in self.legal_tokens and not self.cue_words.is_descriptor[doc[j].lower_]

    @staticmethod
    def _county_of(orgs: list[Span], places: list[Span]) -> str | None:
        """The county a text names, if exactly one (by county names, boards and regions)."""
        codes = {s._.county_code for s in orgs if s._.org_type in ("county_board", "region") and s._.county_code}
        codes |= {s._.county_code for s in places if s._.county_code and s._.municipality_code is None}
        return codes.pop() if len(codes) == 1 else None

    @staticmethod
    def _bare_boards(doc: Doc, taken: set[int]) -> list[Span]:
        name, county_code = bare_board(doc), doc._.county_code
        spans = []
        if "Länsstyrelsen" not in doc_text(doc):
            return spans
        for i, text in enumerate(token_table(doc).texts):
            if text in ("Länsstyrelsen", "Länsstyrelsens") and i not in taken:
                span = Span(doc, i, i + 1, label="ORG")
                span._.normalized, span._.org_type, span._.county_code = name, "county_board", county_code
                span._.canonical = name if county_code else None
                spans.append(span)
        return spans


def is_county(place: Span) -> bool:
    return place._.county_code is not None and place._.municipality_code is None


def written_place_name(text: str, match) -> str:
    """A place as the text names it ("Sörmland", "Kronoberg"), genitive removed; the
    gazetteer's codes say which municipality or county it is."""
    written = " ".join(text.split())
    if written.casefold() == match.canonical.casefold():
        return match.canonical
    if written.isupper() and match.canonical.casefold().startswith(written.casefold() + " "):
        return match.canonical[:len(written)]  # "BLEKINGE" in a heading: "Blekinge", as in "Blekinge län"
    for ending in (":s", "s"):
        if written.endswith(ending) and orgnorm.lookup_place(written[: -len(ending)]) == match:
            return written[: -len(ending)]
    return written
