"""Grants: sentences in which a funder gives an amount to a recipient.

A sentence qualifies when it holds an amount and a transfer verb. The verb's voice
decides the roles: with a giving verb ("beviljar", "ger") the clause's subject is
the funder and the indirect object (or the actor after "till") the recipient; with a
receiving verb ("får", "beviljas") the subject is the recipient and the actor after
"från"/"av" the funder. The subject is the first actor before the verb that is not
inside a prepositional phrase, or, in verb-second order ("I år får Mora kommun"),
the actor right after it. "kommunen" and "länsstyrelsen" as actors resolve to the
body the text is about. Money only proposed or open for applications is skipped;
a grant whose parties the sentence does not name is kept with nulls, for its amount.
Lines of a beneficiary list and rows of a table ("| ABF Flen | Språkcafé | 190 000 |")
that name a recipient and an amount are grants from the funder of the text's grant
statements, which may state no amount of their own ("har beviljat bidrag till
följande organisationer").
"""
from __future__ import annotations

import bisect
import functools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from pipeline import resources
from pipeline.nlp.bodies import home_body, home_municipality
from pipeline.nlp.entity_index import EntityIndex
from pipeline.nlp.extensions import (
    doc_text,
    forget_text,
    get_ents,
    set_ents,
    span_text,
    token_table,
    written_name,
)
from pipeline.nlp.organisations import form_span
from pipeline.nlp.purpose import (
    CLAUSE_ENDS,
    listed_purpose,
    row_purpose,
    statement_purpose,
)
from pipeline.normalize.organisations import county_board


@functools.cache
def grant_vocabulary() -> dict:
    return json.loads(resources.resource_path("grant_verbs.json").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Actor:
    name: str
    start: int  # token index
    end: int


@Language.factory("pressmine_grants", assigns=["doc._.grants", "doc.ents"], requires=["doc.ents"], default_config={})
def make_grant_finder(nlp: Language, name: str):
    return GrantFinder(name)


BULLETS = {"•", "·", "▪", "◦", "*"}  # list markers before a line's name (not dashes: they open quotes)
LIST_NAME_WORDS = {"i", "och", "för", "av", "på", "&"}


class GrantFinder:
    def __init__(self, name: str) -> None:
        self.name = name
        self.vocab = vocab = grant_vocabulary()
        self.give = frozenset(vocab["give"])
        self.receive = frozenset(vocab["receive"])
        self.funder_preps = frozenset(vocab["funder_prepositions"])
        self.recipient_preps = frozenset(vocab["recipient_prepositions"])
        self.prepositions = frozenset(vocab["prepositions"])
        self.infinitives = frozenset(vocab["infinitives"])
        self.v2_openers = frozenset(vocab["v2_openers"])
        self.home_subjects = frozenset(vocab["home_subjects"])
        self.pronoun_subjects = frozenset(vocab["pronoun_subjects"])
        self.not_names = frozenset(resources.read_word_list("not_name_words.txt"))
        self.org_heads = tuple(resources.org_forms()["head_words"])
        self.rate = re.compile(r"^\s*(?:" + "|".join(map(re.escape, vocab["rate_words"])) + r")\b")
        self.not_a_grant = re.compile(r"\b(?:" + "|".join(map(re.escape, vocab["not_a_grant"])) + r")\b")
        self.purpose_phrases = tuple(vocab["not_a_grant_exceptions"])
        self.part_words = frozenset(vocab["part_of_amount_words"])

    def __call__(self, doc: Doc) -> Doc:
        ents = get_ents(doc)
        money = [e for e in ents if e.label_ == "MONEY"]
        grants, listed_names = self._grants(doc, ents, money) if money else ([], [])
        doc._.grants = dedupe(with_document_funder(grants, ents))
        if listed_names:  # recipients named in a list or table are bodies, whole as written
            named = {i for n in listed_names for i in range(n.start, n.end)}
            set_ents(doc, sorted([e for e in ents if not any(i in named for i in range(e.start, e.end))]
                                 + listed_names, key=lambda e: e.start))
        forget_text(doc)
        return doc

    def _grants(self, doc: Doc, ents: list[Span], money: list[Span]) -> tuple[list[dict], list[Span]]:
        """The grants stated in the text, and the recipients named in its beneficiary
        lists and tables that were not yet entities (new ORG spans)."""
        grants: list[dict] = []
        index = EntityIndex.of(ents)
        home = home_municipality(doc, ents)
        body = home_body(doc, ents)
        list_lines = []
        lowers = token_table(doc).lowers
        for sent, amounts in sentences_with(doc, money):
            if self._not_a_grant(sent):
                continue
            verb = self._transfer_verb(doc, lowers, sent.start, sent.end)
            if verb is None:
                list_lines.append((sent, amounts))
                continue
            funder, recipient = self._roles(doc, sent, verb, self._actors(doc, sent, home, index, body))
            if recipient is None and verb.lower_ in self.receive and verb.lower_.endswith("s") and body != funder:
                recipient = body  # "Ytterligare 30 miljoner beviljas ...": the body the release is about
            year = sentence_year(doc, sent, index)
            for k, amount in enumerate(amounts):
                if self.rate.match(doc_text(doc)[amount.end_char: amount.end_char + 12]):
                    continue  # "25 000 kronor per person" is a rate, not a grant
                if k and self._part_of_stated_amount(doc, lowers, amount, sent, index):
                    continue  # "380 miljoner kronor, varav 350 miljoner återstår"
                grants.append(grant_row(funder, recipient, amount, year, sent,
                                        statement_purpose(doc, sent, amount, index, self.vocab)))
        listed_names: list[Span] = []
        if list_lines:
            funders = [g["funder"] for g in grants if g["funder"]]
            if funders:  # the lines are the grants of the text's most frequent funder
                stated, funder = True, max(set(funders), key=funders.count)
            elif grants:
                stated, funder = True, None
            else:  # a statement without an amount: "har beviljat bidrag till följande"
                stated, funder = self._statement(doc, index, home, body)
            if stated:
                listed, listed_names = self._listed(doc, list_lines, funder, index)
                grants += listed
        return grants, listed_names

    def _part_of_stated_amount(self, doc: Doc, lowers: list[str], amount: Span, sent: Span,
                               index: EntityIndex) -> bool:
        """An amount opened by "varav"/"därav" is a part of the amount stated before it,
        not money of its own, unless its clause names who gets that part
        ("varav 3 miljoner till Malmö")."""
        i = amount.start - 1 - (len(amount._.qualifier.split()) if amount._.qualifier else 0)  # "varav drygt 2 miljoner"
        if i < sent.start or lowers[i] not in self.part_words:
            return False
        end = next((j for j in range(amount.end, sent.end) if lowers[j] in CLAUSE_ENDS), sent.end)
        return not index.orgs_in(amount.end, end)

    def _not_a_grant(self, sent: Span) -> bool:
        """Money only proposed, planned or open for applications ("kan söka", "har 4
        miljoner kronor att fördela"); a purpose ("för att fördela") is no such cue."""
        low = sent.text.lower()
        for phrase in self.purpose_phrases:
            low = low.replace(phrase, " ")
        return self.not_a_grant.search(low) is not None

    def _transfer_verb(self, doc: Doc, lowers: list[str], start: int, end: int) -> Token | None:
        """The first verb of giving or receiving in doc[start:end]; a reflexive use is
        none ("kostnaderna fördelar sig", "satsningen betalar sig")."""
        for i in range(start, end):
            if (lowers[i] in self.give or lowers[i] in self.receive) and not (i + 1 < len(doc) and lowers[i + 1] == "sig"):
                return doc[i]
        return None

    def _statement(self, doc: Doc, index: EntityIndex, home: str | None, body: str | None) -> tuple[bool, str | None]:
        """Whether the text states a grant in a sentence without an amount, which a list
        or table of beneficiaries follows or precedes ("Länsstyrelsen har beviljat bidrag
        till följande organisationer:", "Så här fördelas pengarna:"), and its funder if
        it names one."""
        table = token_table(doc)
        starts = table.sentence_starts
        stated = False
        for k, start in enumerate(starts):
            end = sentence_end(starts, k, len(doc))
            verb = self._transfer_verb(doc, table.lowers, start, end)
            if verb is None or doc[start].text == "|":
                continue
            sent = doc[start:end]
            if self._not_a_grant(sent):
                continue
            stated = True
            funder, _ = self._roles(doc, sent, verb, self._actors(doc, sent, home, index, body))
            if funder:
                return True, funder
        return stated, None

    def _listed(self, doc: Doc, lines: list[tuple[Span, list[Span]]], funder: str | None,
                index: EntityIndex) -> tuple[list[dict], list[Span]]:
        """Beneficiary lists and tables with a grant statement: "Equmeniakyrkan, Agabi 25 800
        kronor", "Helsingborg – 13 miljoner i år", "| 5041-2017 | Eskilstuna Friidrott |
        Kunskap i svenska | 153 000 |". Each line that opens with a name (a table row: whose
        first text cell is a name) and holds an amount, and no verb of its own, is a grant
        from the document's funder. Returns the grants and the recipients' names that
        were no entity yet, as ORG spans."""
        rows, names = [], []
        for sent, money in lines:
            if len(sent) > 30 or not sent.text.strip():
                continue
            name = self._line_opener(doc, sent, index)
            recipient = name and (name._.normalized or written_name(name))
            if recipient is None or recipient == funder:
                continue
            year = sentence_year(doc, sent, index)
            in_table = next(t for t in sent if not t.is_space).text == "|"
            rows += [grant_row(funder, recipient, amount, year, sent,
                               row_purpose(doc, sent, name.end) if in_table else listed_purpose(doc, name.end, money[0]))
                     for amount in money]
            if (name.start, name.end) not in index.spans:
                names.append(name)
        if len({r["recipient"] for r in rows}) < 2:  # a list has several lines
            return [], []
        return rows, names

    def _line_opener(self, doc: Doc, sent: Span, index: EntityIndex) -> Span | None:
        """The organisation or place a list line opens with, up to a comma or dash: an
        entity, or a new ORG span over words that read as a name."""
        first = next((t for t in sent if not t.is_space and t.text not in BULLETS), None)
        if first is None:
            return None
        if first.text == "|":
            return self._row_name(doc, sent, index)
        ent = index.parties.get(first.i)
        if ent is not None:
            nxt = doc[ent.end] if ent.end < len(doc) else None
            if nxt is not None and nxt.text in (",", "–", "-", ":", "—"):
                return ent
        end = first.i
        while end < sent.end and end < first.i + 5 and doc[end].text not in (",", "–", "—", ":"):
            end += 1
        words = doc[first.i:end]
        if end < sent.end and len(words) and self._name_like(words) \
                and not index.has_money(first.i, end):
            return listed_name(doc, first.i, end)
        return None

    def _row_name(self, doc: Doc, row: Span, index: EntityIndex) -> Span | None:
        """The name in a table row's first text cell (case numbers and ids skipped):
        the organisation or place found there, or the cell itself if it reads as a name."""
        bars = [t.i for t in row if t.text == "|"]
        for start, end in zip(bars, bars[1:]):
            cell = doc[start + 1:end]
            if not len(cell) or all(t.like_num or t.is_punct or not t.is_alpha and any(c.isdigit() for c in t.text)
                                    for t in cell):
                continue  # "4846-2017", "12"
            ent = index.parties.get(cell.start)
            if ent is not None and ent.end == end:
                return ent
            return listed_name(doc, cell.start, end) if len(cell) <= 6 and self._name_like(cell) else None
        return None

    def _name_like(self, words: Span) -> bool:
        """'Equmeniakyrkan', 'IGETEGO förening', 'NTF FyrBoDal': a name, not a clause opener."""
        if words[0].text in self.not_names or not words[0].text[:1].isupper() or words[0].like_num:
            return False
        return all(w.text[:1].isupper() or w.lower_ in LIST_NAME_WORDS or any(w.lower_.endswith(h) for h in self.org_heads)
                   for w in words)

    def _actors(self, doc: Doc, sent: Span, home: str | None, index: EntityIndex, body: str | None = None) -> list[Actor]:
        actors = [Actor(e._.normalized or span_text(e), e.start, e.end) for e in index.orgs_in(sent.start, sent.end)]
        taken = {i for a in actors for i in range(a.start, a.end)}
        table = token_table(doc)
        for i in range(sent.start, sent.end):
            lower = table.lowers[i]
            if i in taken:
                continue
            if lower in ("kommunen", "kommunens") and home:
                actors.append(Actor(home, i, i + 1))
            elif lower in self.home_subjects and (table.sent_starts[i] or lower in self.pronoun_subjects) and (home or body):
                actors.append(Actor(home or body, i, i + 1))  # "Projektet har beviljats ..."
            elif lower in ("länsstyrelsen", "länsstyrelsens"):
                board = county_board(doc._.county_code) if doc._.county_code else "Länsstyrelsen"
                actors.append(Actor(board, i, i + 1))
        return sorted(actors, key=lambda a: a.start)

    def _roles(self, doc: Doc, sent: Span, verb: Token, actors: list[Actor]) -> tuple[str | None, str | None]:
        """(funder, recipient) from the clause's word order around the transfer verb."""
        def after_word(actor: Actor, words) -> bool:
            return actor.start > 0 and doc[actor.start - 1].lower_ in words

        before = [a for a in actors if a.end <= verb.i and not after_word(a, self.prepositions)]
        after = [a for a in actors if a.start > verb.i]
        subject = before[0] if before else None
        finite = verb.lower_ not in self.infinitives
        if subject is None and finite and self._verb_second(doc, sent, verb):
            # "I år får Mora kommun ...", "År 2017 fördelade Folkbildningsrådet ..."
            subject = next((a for a in after if a.start <= verb.i + 2 and not after_word(a, self.prepositions)), None)
        source = next((a for a in actors if a is not subject and after_word(a, self.funder_preps)), None)
        target = next((a for a in after if a is not subject and after_word(a, self.recipient_preps)), None)
        object_ = next((a for a in after if a is not subject and not after_word(a, self.prepositions)), None)
        if verb.lower_ in self.receive:
            recipient, funder = subject or target or object_, source
        else:
            funder, recipient = subject or source, target or object_
        funder_name = funder.name if funder else None
        recipient_name = recipient.name if recipient else None
        if funder_name == recipient_name:
            recipient_name = None
        return funder_name, recipient_name


    def _verb_second(self, doc: Doc, sent: Span, verb: Token) -> bool:
        """Whether the clause puts its subject after the verb: it opens with an adverbial."""
        first = sent[0]
        while first.is_space or first.is_punct and first.i < verb.i:
            first = doc[first.i + 1]
        return first.lower_ in self.v2_openers or first.like_num or doc[verb.i - 1].text == ","


def sentences_with(doc: Doc, spans: list[Span]) -> Iterator[tuple[Span, list[Span]]]:
    """The sentences that hold any of ``spans`` (sorted), in order, each with its spans:
    found by bisecting the sentence starts instead of building every sentence."""
    starts = token_table(doc).sentence_starts
    grouped: dict[int, list[Span]] = {}
    for span in spans:
        grouped.setdefault(bisect.bisect_right(starts, span.start) - 1, []).append(span)
    for k, inside in grouped.items():
        yield doc[starts[k]:sentence_end(starts, k, len(doc))], inside


def sentence_end(starts: list[int], k: int, n_tokens: int) -> int:
    """Where sentence ``k`` ends, given every sentence's first token."""
    return starts[k + 1] if k + 1 < len(starts) else n_tokens


def listed_name(doc: Doc, start: int, end: int) -> Span:
    """A recipient named in a beneficiary list or table: a body, named as written."""
    return form_span(doc, start, end)


FUNDING_TYPES = {"fund", "eu_fund"}


def with_document_funder(grants: list[dict], ents: list[Span]) -> list[dict]:
    """Grants whose sentence names a recipient but no funder ("Avesta kommun får 4,7
    miljoner") get the funder the document names: the one funder of its other grants,
    or else the one fund it mentions (Allmänna arvsfonden, Europeiska socialfonden).
    With several candidates the funder stays unknown."""
    named = {g["funder"] for g in grants if g["funder"]}
    if not named:
        named = {e._.normalized for e in ents if e.label_ == "ORG" and e._.org_type in FUNDING_TYPES}
    if len(named) != 1:
        return grants
    funder = named.pop()
    return [{**g, "funder": funder} if g["funder"] is None and g["recipient"] and g["recipient"] != funder else g
            for g in grants]


def grant_row(funder: str | None, recipient: str | None, amount: Span, year: int | None, sent: Span,
              purpose: str | None = None) -> dict:
    return {"funder": funder, "recipient": recipient, "amount_sek": amount._.amount_sek,
            "qualifier": amount._.qualifier, "year": year, "purpose": purpose, "evidence": sent.text.strip(),
            "start_char": sent.start_char, "end_char": sent.end_char}


def sentence_year(doc: Doc, sent: Span, index: EntityIndex) -> int | None:
    """The year of the first date in the sentence, else the publication year."""
    year = index.first_year(sent.start, sent.end)
    if year is not None:
        return year
    return int(doc._.published[:4]) if doc._.published else None


def dedupe(grants: list[dict]) -> list[dict]:
    """One row per grant: the same figure for the same parties and year stated twice is
    one grant, and a statement that leaves a party unnamed adds nothing to one that names it."""
    def key(grant):
        return grant["funder"], grant["recipient"], grant["amount_sek"], grant["year"]

    complete = {key(g) for g in grants}
    seen, unique = set(), []
    for grant in grants:
        k = key(grant)
        subsumed = (grant["funder"] is None and any(c[1:] == k[1:] and c[0] for c in complete)) or \
                   (grant["recipient"] is None and any(c[0] == k[0] and c[2:] == k[2:] and c[1] for c in complete))
        if k not in seen and not subsumed:
            seen.add(k)
            unique.append(grant)
    return unique
