"""Named initiatives: projects, programmes, activities, state programmes and calls, as
entities with label ``INITIATIVE`` and the body that runs them (``span._.owner``).

The rules that find names are in :mod:`pipeline.nlp.initiative_names` (running text),
:mod:`pipeline.nlp.initiative_lists` (lists, tables, sections) and
:mod:`pipeline.nlp.initiative_labels` (labelled fields: "Projektnamn: X"); who runs an
initiative is read by :mod:`pipeline.nlp.initiative_owners`. This component merges
what they find with the entities already in ``doc.ents``: a name never overlaps an
amount, a person or an organisation of the reference data; it replaces an
organisation or place that the pattern finders read in a project's name ("projektet
Integration Norrland" is no place) when the rule that found it is direct evidence. A
year that ends a name stays a DATE ("Framtid 2030": the span is "Framtid", the name
"Framtid 2030"). A name found once is an initiative wherever the text writes it again.
"""
from __future__ import annotations

import itertools
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.nlp import initiative_lists as lists
from pipeline.nlp import initiative_names as names
from pipeline.nlp import initiative_predicates as predicates
from pipeline.nlp.extensions import doc_text, set_ents, span_text, written_name
from pipeline.nlp.initiative_context import Context, Found, known_names
from pipeline.nlp.initiative_events import event_names
from pipeline.nlp.initiative_labels import labelled_names
from pipeline.nlp.initiative_owners import owner_of, stated_owner
from pipeline.nlp.initiative_programmes import national_programmes
from pipeline.nlp.initiative_vocabulary import InitiativeWords

LABEL = "INITIATIVE"
# Most direct evidence first: an earlier rule's name wins an overlap.
RULES = (labelled_names, lists.table_rows, lists.money_lines, lists.granted_lists, lists.colon_lists, names.quoted,
         names.hyphen_compounds, names.after_nouns, predicates.naming, predicates.owned_by_title, names.within, lists.listed_lines, predicates.run_by,
         predicates.appositions, predicates.run_objects, predicates.grant_purposes, lists.headings,
         event_names, national_programmes)
# Rules whose evidence is indirect: their names never replace an organisation that
# covers the whole name.
WEAK_RULES = frozenset({"apposition", "heading", "list_item", "run_by", "within", "mention", "event", "object",
                        "run_object", "purpose"})
# Rules whose names are delimited by the page (quotation marks, list and table cells):
# they may hold a body or place of the reference data ("”Vägen till Arbetsförmedlingen”").
DELIMITED_RULES = frozenset({"quoted", "table_row", "money_line", "colon_list", "label"})


@Language.factory("pressmine_initiatives", assigns=["doc.ents"], requires=["doc.ents"],
                  default_config={"words": "initiative_words.json", "not_name_words": "not_name_words.txt",
                                  "attribution_words": "attribution_words.txt", "org_forms": "org_forms.json",
                                  "grant_verbs": "grant_verbs.json", "prepositions": "prepositions.json"})
def make_initiative_finder(nlp: Language, name: str, words: str, not_name_words: str, attribution_words: str,
                           org_forms: str, grant_verbs: str, prepositions: str) -> "InitiativeFinder":
    """The settings name data files (in pipeline/resources, or a path): the initiative
    word lists, and the lists it shares with the other components."""
    return InitiativeFinder(name, InitiativeWords.load(words, not_name_words, attribution_words, org_forms,
                                                       grant_verbs, prepositions))


class InitiativeFinder:
    def __init__(self, name: str, words: InitiativeWords) -> None:
        self.name = name
        self.words = words

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        ctx = Context.of(doc, self.words)
        found = named_acronyms(ctx, [f for rule in RULES for f in rule(ctx)])
        if not found:
            return doc
        chosen = choose(ctx, found)
        chosen += mentions(ctx, chosen)
        if not chosen:
            return doc
        owner_led_names(ctx, chosen)
        assign_owners(ctx, chosen)
        spans = [span for _, span in chosen]
        taken = {i for span in spans for i in range(span.start, span.end)}
        kept = [e for e in ctx.ents if not taken.intersection(range(e.start, e.end))]  # inside a name or led_by_noun
        set_ents(doc, sorted(kept + spans, key=lambda s: s.start))
        return doc


def assign_owners(ctx: Context, chosen: list[tuple[Found, Span]]) -> None:
    """One owner per initiative (its mentions share a name): the one the rule that found
    it read (a list line's organisation), else what the text says about any mention,
    else, for the text's first initiative, an owner it states on its own ("Projektägare: Y")."""
    by_name: dict[str, list[Span]] = {}
    given: dict[str, str] = {}
    for f, span in chosen:
        key = span._.normalized.casefold()
        by_name.setdefault(key, []).append(span)
        if f.owner:
            given.setdefault(key, f.owner)
    for key, group in by_name.items():
        owner = given.get(key) or owner_of(ctx, sorted(group, key=lambda s: s.start))
        for span in group:
            span._.owner = owner
    first = min(by_name.values(), key=lambda group: min(s.start for s in group))
    if first[0]._.owner is None and (owner := stated_owner(ctx)) is not None:
        for span in first:
            span._.owner = owner


def choose(ctx: Context, found: list[Found]) -> list[tuple[Found, Span]]:
    """The names that pass the checks, without overlaps (``found`` is in the order of
    :data:`RULES`: the earlier rule's name wins)."""
    taken: set[int] = set()
    chosen = []
    for f in found:
        if any(i in taken for i in range(f.start, f.end)):
            continue
        span = initiative_span(ctx, f)
        if span is not None:
            chosen.append((f, span))
            taken.update(range(f.start, f.end))
    return chosen


def named_acronyms(ctx: Context, found: list[Found]) -> list[Found]:
    """An acronym is named by the expansion the text gives at any of its mentions, or by
    the name it follows in brackets ("projektet Nya vägar in (NVI)"), also where another
    rule found the bare acronym ("NVI drivs av Y")."""
    texts = ctx.table.texts
    expansions = {f.acronym: f.normalized for f in found if f.acronym and f.normalized != f.acronym}
    for f in found:
        end = f.end
        if f.acronym is None and end + 2 < ctx.n and texts[end] == "(" and texts[end + 2] == ")" \
                and names.is_acronym(texts[end + 1]):
            expansions.setdefault(texts[end + 1], f.normalized or normalized_name(ctx, Span(ctx.doc, f.start, end)))
    named = []
    for f in found:
        acronym = f.acronym or (texts[f.start] if f.end - f.start == 1 and f.normalized is None else None)
        named.append(replace(f, normalized=expansions[acronym], acronym=acronym) if acronym in expansions else f)
    return named


def initiative_span(ctx: Context, f: Found) -> Span | None:
    """An INITIATIVE span for a found name, or None if the name fails a check. A year
    that ends the name stays a DATE and the span ends before it ("Framtid 2030": the
    span is "Framtid", its normalised name "Framtid 2030")."""
    if f.end <= f.start:
        return None
    name = f.normalized or normalized_name(ctx, Span(ctx.doc, f.start, f.end))
    end = f.end
    year = ctx.ent_at.get(end - 1)
    if year is not None and year.label_ == "DATE" and year.start > f.start and year.end == end:
        end = year.start
    if len(name) < 2 or not any(ch.isalpha() for ch in name) or not may_take(ctx, f, f.start, end, name):
        return None
    span = Span(ctx.doc, f.start, end, label=LABEL)
    span._.normalized = name
    span._.method = "rules"
    return span


def normalized_name(ctx: Context, span: Span) -> str:
    """The name without quotation marks, surrounding punctuation or a leading
    'projektet'/'satsningen' ("projektet ”Sjung med”" -> "Sjung med")."""
    marks = "".join(ctx.words.quote_marks)
    name = written_name(span).strip(marks + " ,.:;–-").strip()
    first, _, rest = name.partition(" ")
    if first.lower() in ctx.words["name_prefixes"] and rest:
        name = rest.strip(marks + " ")
    return name


def may_take(ctx: Context, f: Found, start: int, end: int, name: str) -> bool:
    """Overlaps with the entities found before, and names that are bodies or places."""
    if not f.quoted and known_names()[name]:
        return False
    for i in range(start, end):
        ent = ctx.ent_at.get(i)
        if ent is None:
            continue
        label, whole = ent.label_, ent.start == start and ent.end == end
        if led_by_noun(ctx, f, ent, start, end):
            continue
        if label in ("PERSON", "MONEY", "DATE") or ent.start < start or ent.end > end:
            return False  # or an entity reaching out of the name: the boundaries disagree
        if f.rule in DELIMITED_RULES and not whole:
            continue
        if label == "ORG" and (ent._.canonical is not None or (whole and f.rule in WEAK_RULES)):
            return False
        if label == "LOC" and whole and not f.quoted:
            return False
    return True


def led_by_noun(ctx: Context, f: Found, ent: Span, start: int, end: int) -> bool:
    """Is ``ent`` an organisation read in the project noun and the name after it
    ("Modellen Hälsoskolan" at a sentence's start)? The noun says the words are an
    initiative's name; a body of the reference data stays, and so does one led by a
    noun that also heads bodies' names ("Nätverket Stoppa X": body_name_nouns)."""
    noun = ctx.table.lowers[ent.start]
    return (f.rule == "after_noun" and ent.label_ == "ORG" and ent._.canonical is None and ent.start == start - 1
            and ent.end <= end and ctx.words.name_noun[noun] and noun not in ctx.words["body_name_nouns"])


def owner_led_names(ctx: Context, chosen: list[tuple[Found, Span]]) -> None:
    """A name written after its owner's ("Föreningen Hopp Läxhjälpen") is the same
    initiative as the bare name elsewhere in the text ("projektet Läxhjälpen"): the
    longer name ends with the shorter one, and the words before it are a body (an ORG
    entity, or words the text also writes on their own)."""
    texts = ctx.table.texts
    words = {tuple(texts[f.start:f.end]): span for f, span in chosen}
    text = doc_text(ctx.doc)
    for long_words, long_span in words.items():
        for cut in range(1, len(long_words)):
            short = words.get(long_words[cut:])
            if short is None or short is long_span:
                continue
            lead = " ".join(long_words[:cut])
            ent = ctx.ent_at.get(long_span.start)
            alone = text.count(lead) > text.count(" ".join(long_words))  # written without the name too
            if (ent is not None and ent.label_ == "ORG" and ent.end == long_span.start + cut) or alone:
                short._.normalized = long_span._.normalized


def mentions(ctx: Context, chosen: list[tuple[Found, Span]]) -> list[tuple[Found, Span]]:
    """Other places where the text writes a chosen name, word for word."""
    texts = ctx.table.texts
    taken = {i for _, span in chosen for i in range(span.start, span.end)}
    by_first: dict[str, dict[tuple[str, ...], str]] = {}  # first word -> {the name's words: its name}
    for f, span in chosen:
        if len(span_text(span)) >= 4:
            words = tuple(texts[f.start:f.end])
            by_first.setdefault(words[0], {}).setdefault(words, span._.normalized)
    found = []
    for i in itertools.compress(range(ctx.n), map(by_first.__contains__, texts)):
        if i in taken:
            continue
        for words, name in by_first[texts[i]].items():
            end = i + len(words)
            if tuple(texts[i:end]) != words or any(k in taken for k in range(i, end)):
                continue
            f = Found(i, end, "mention", normalized=name)
            span = initiative_span(ctx, f)
            if span is not None:
                found.append((f, span))
                taken.update(range(i, end))
                break
    return found
