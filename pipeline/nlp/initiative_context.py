"""What the initiative rules share: a document's context, a found name, and where a
name written without quotes ends.

Swedish capitalises only the first word of a project's name ("Svenska med baby",
"Vänner för livet"), so capitals cannot say where a name ends. It ends at
punctuation or a line break; at a relative or subordinating word ("som", "där");
at a finite verb (the predicate: "projektet Gröna vägar startar i maj") or a passive
naming who runs it ("X ägs av Y"); at "och"
before a capitalised word (a second name); at an entity that cannot be part of a
name (an amount, a date, a person, a known organisation); or after a number that
closes it ("Framtid 2030", "Steget 2.0"). Function words cannot end a name.
"""
from __future__ import annotations

import bisect
import functools
import itertools
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from pipeline.nlp.extensions import TokenTable, WordTest, get_ents, token_table
from pipeline.nlp.grants.purpose import CLAUSE_ENDS
from pipeline.nlp.initiative_vocabulary import PROJECT_WORDS, InitiativeWords
from pipeline.normalize.organisations import lookup_org, lookup_place

MAX_NAME_TOKENS = 10
BULLETS = frozenset({"•", "·", "▪", "◦", "*", "-", "–"})
SEPARATORS = frozenset({",", "–", "-", "—", ":"})
NAME_INNER = frozenset({"&", "/", "+"})  # marks that may stand inside a name: "Råd & Stöd"


@functools.cache
def known_names() -> WordTest:
    """A name -> whether it is a body or place of the reference data ("ESF", "Halland")."""
    return WordTest(lambda name: lookup_org(name) is not None or lookup_place(name) is not None)


@dataclass(frozen=True)
class Found:
    """A name found by a rule: tokens [start, end), the rule's name, and the owner the
    construction itself names (a list line's organisation), if any."""

    start: int
    end: int
    rule: str
    owner: str | None = None
    quoted: bool = False
    normalized: str | None = None  # when the name is not the span's text (an acronym's expansion)
    acronym: str | None = None     # the acronym a programme is named by, when it is


def organisation_named(ctx: "Context", start: int, end: int) -> str | None:
    """The organisation that tokens [start, end) name in a list label or line ("Förening
    X:", "Pingstförsamlingen i Y,"): the ORG entity there, a body of the reference data,
    or words that read as a body's name (capitalised, connectors, an organisation head
    word such as "förening"), as written."""
    ent = ctx.ent_at.get(start)
    if ent is not None and ent.label_ == "ORG" and ent.start == start and ent.end == end:
        return ent._.normalized
    texts = ctx.table.texts
    words = " ".join(texts[start:end])
    match = lookup_org(words)
    if match is not None:
        return match.canonical
    if not 0 < end - start <= 6 or not texts[start][:1].isupper() or texts[start].lower() in ctx.words["not_name_openers"]:
        return None
    for k in range(start, end):
        text = texts[k]
        if not any(ch.isalpha() for ch in text) or ctx.ent_at.get(k) is not None and ctx.ent_at[k].label_ in ("PERSON", "MONEY", "DATE"):
            return None
        if not (text[:1].isupper() or ctx.words.org_word[text.lower()]):
            return None
    return words


@dataclass
class Context:
    """A document as the rules read it: token strings, sentences, and its entities."""

    doc: Doc
    table: TokenTable
    words: InitiativeWords
    ents: list[Span]
    n: int = 0                                               # number of tokens
    ent_at: dict[int, Span] = field(default_factory=dict)   # token index -> the entity covering it
    money_starts: list[int] = field(default_factory=list)
    by_bit: dict[int, list[int]] = field(default_factory=dict)  # bit -> the tokens whose word has it
    expansions: dict[str, str | None] = field(default_factory=dict)  # acronym -> its expansion in this text

    @classmethod
    def of(cls, doc: Doc, words: InitiativeWords) -> "Context":
        ents = get_ents(doc)
        table = token_table(doc)
        ctx = cls(doc, table, words, ents, len(table.texts))
        ctx.ent_at = {i: ent for ent in ents for i in range(ent.start, ent.end)}
        ctx.money_starts = [e.start for e in ents if e.label_ == "MONEY"]
        masks = list(map(words.mask.__getitem__, table.texts))
        for i in itertools.compress(range(ctx.n), masks):
            mask = masks[i]
            while mask:
                bit = mask & -mask
                ctx.by_bit.setdefault(bit, []).append(i)
                mask ^= bit
        return ctx

    def at(self, bit: int) -> list[int]:
        """The tokens whose word has ``bit`` (one bit), in order."""
        return self.by_bit.get(bit, [])

    @functools.cached_property
    def speaks_of_projects(self) -> bool:
        """Does the text use a project noun anywhere ("projektet", "satsningar", "metod")?"""
        return any(bit & PROJECT_WORDS for bit in self.by_bit)

    @functools.cached_property
    def line_starts(self) -> list[int]:
        """The first token of each line, in order."""
        return [0] + [i for i in itertools.compress(range(self.n), self.table.newline_before) if i]

    def line_end(self, i: int) -> int:
        """Where the line holding token ``i`` ends (the next line's first token)."""
        starts = self.line_starts
        k = bisect.bisect_right(starts, i)
        return starts[k] if k < len(starts) else self.n

    def has_money(self, start: int, end: int) -> bool:
        k = bisect.bisect_left(self.money_starts, start)
        return k < len(self.money_starts) and self.money_starts[k] < end

    def sentence(self, i: int) -> tuple[int, int]:
        """The [start, end) of the sentence holding token ``i``."""
        starts = self.table.sentence_starts
        k = bisect.bisect_right(starts, i) - 1
        return starts[k], starts[k + 1] if k + 1 < len(starts) else self.n

    def line_start(self, i: int) -> int:
        """The first token of the line holding token ``i``."""
        return self.line_starts[bisect.bisect_right(self.line_starts, i) - 1]

    def first_word(self, start: int, end: int) -> int:
        """The first token in [start, end) that is neither space nor a list bullet."""
        texts = self.table.texts
        while start < end and (texts[start].isspace() or texts[start] in BULLETS):
            start += 1
        return start

    def opens_name(self, i: int, lowercase_ok: bool = False, any_word: bool = False) -> bool:
        """Can token ``i`` be a name's first word? ``any_word``: where the page's layout
        says a name starts (after a list item's dash), a pronoun or article may open it
        ("En bit av Sverige")."""
        if i >= self.n:
            return False
        text = self.table.texts[i]
        if not any(ch.isalpha() for ch in text):
            return False
        if text in self.words.not_names and (self.table.sent_starts[i] or self.table.newline_before[i]):
            return False  # "Läs mer", "Kontakt", a month: page furniture, where a line or sentence starts
        if self.table.lowers[i] in self.words["not_name_openers"] and not any_word:
            return False
        prefix, hyphen, rest = text.partition("-")
        if hyphen and prefix.isupper() and rest[:1].islower():
            return False  # "EU-samarbetet", "IT-stödet": a common noun led by an acronym
        return text[0].isupper() or text[0].isdigit() or lowercase_ok

    def follows_on_line(self, i: int) -> bool:
        """Does token ``i`` follow the previous one on the same line?"""
        return i < self.n and not self.table.newline_before[i]

    def blocks_name(self, i: int) -> bool:
        """Is token ``i`` inside an entity that cannot be part of a name?"""
        ent = self.ent_at.get(i)
        if ent is None:
            return False
        label = ent.label_
        if label in ("PERSON", "MONEY"):
            return True
        if label == "DATE":
            return not self.table.texts[i].isdigit()  # a bare year may end a name: "Framtid 2030"
        return label == "ORG" and ent._.canonical is not None and ent.start == i

    def time_adverbial_at(self, i: int) -> bool:
        """Do tokens ``i`` and ``i + 1`` say when ("i höst", "i fredags")? A name ends before them."""
        lowers = self.table.lowers
        return i + 1 < self.n and lowers[i + 1] in self.words.time_adverbials.get(lowers[i], ())

    def run_by_at(self, i: int) -> bool:
        """Does token ``i`` open "drivs av", "ägs av" (a passive naming who runs it)? A name ends before it."""
        lowers = self.table.lowers
        return i + 1 < self.n and lowers[i] in self.words["run_by_cues"] and lowers[i + 1] == "av"

    def name_end(self, start: int, limit: int, subject: bool = False) -> int:
        """Where a name written without quotes that starts at ``start`` ends (see the
        module's docstring). ``subject``: the name is the clause's subject, so the first
        finite verb is its own predicate; otherwise a verb after "och Y" shows that Y
        opened a new clause ("projektet Lyftet och tanken är ...") and the name ends
        before "och"."""
        table, words = self.table, self.words
        texts, lowers, newline = table.texts, table.lowers, table.newline_before
        stops, verbs, joiners = words["name_stops"], words.finite_verb, words["name_joiners"]
        limit = min(limit, start + MAX_NAME_TOKENS)
        title_style = start + 1 < limit and texts[start + 1][:1].isupper()
        last_joiner = None
        i = start + 1 if not self.blocks_name(start) else start
        if i > start and _closes_name(texts[start]):
            return i
        while i < limit:
            text, lower = texts[i], lowers[i]
            if newline[i] or text.isspace() or (text in CLAUSE_ENDS and text not in NAME_INNER):
                break
            if lower in stops or self.blocks_name(i) or self.time_adverbial_at(i):
                break
            if verbs[lower] or self.run_by_at(i):
                if last_joiner is not None and not subject:
                    i = last_joiner
                break
            if title_style and text.islower() and lower not in words["title_inner_words"]:
                break  # "Integration Norrland vänligen ...": a capitalised name ends at a plain word
            if lower in joiners:
                if i + 1 < limit and texts[i + 1][:1].isupper():
                    break  # "X och Y": two names
                last_joiner = i
            i += 1
            if _closes_name(text):
                break
        while i > start + 1 and lowers[i - 1] in words["trailing_words"]:
            i -= 1
        return i


def _closes_name(text: str) -> bool:
    """A number closes a name: a year or a version ("Integration 2016", "Steget 2.0")."""
    return text[:1].isdigit()
