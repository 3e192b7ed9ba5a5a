"""Grants: sentences in which a funder gives an amount to a recipient.

A sentence qualifies when it holds an amount and a transfer verb. The verb's voice
decides the roles: with a giving verb ("beviljar", "ger") the actor before it is
the funder and the one after it (or after "till") the recipient; with a receiving
verb ("får", "beviljas") the actor before it is the recipient and the one after
"från"/"av" the funder. "kommunen" and "länsstyrelsen" as actors resolve to the body
the text is about. Money that is only proposed or open for applications is skipped.
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline import resources
from pipeline.normalize.organisations import county_board


@functools.cache
def grant_vocabulary() -> dict:
    return json.loads(resources.resource_path("grant_verbs.json").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Actor:
    name: str
    start: int  # token index
    end: int


@Language.factory("pressmine_grants", assigns=["doc._.grants"], requires=["doc.ents"], default_config={})
def make_grant_finder(nlp: Language, name: str):
    return GrantFinder(name)


class GrantFinder:
    def __init__(self, name: str) -> None:
        self.name = name
        vocab = grant_vocabulary()
        self.give = frozenset(vocab["give"])
        self.receive = frozenset(vocab["receive"])
        self.funder_preps = frozenset(vocab["funder_prepositions"])
        self.recipient_preps = frozenset(vocab["recipient_prepositions"])
        self.not_a_grant = tuple(vocab["not_a_grant"])

    def __call__(self, doc: Doc) -> Doc:
        grants: list[dict] = []
        home = home_municipality(doc)
        for sent in doc.sents:
            money = [e for e in doc.ents if e.label_ == "MONEY" and sent.start <= e.start < sent.end]
            if not money:
                continue
            lowered = sent.text.lower()
            if any(cue in lowered for cue in self.not_a_grant):
                continue
            verb = next((t for t in sent if t.lower_ in self.give or t.lower_ in self.receive), None)
            if verb is None:
                continue
            actors = self._actors(doc, sent, home)
            funder, recipient = self._roles(doc, verb, actors)
            if funder is None and recipient is None:
                continue
            year = sentence_year(doc, sent)
            for amount in money:
                grants.append({
                    "funder": funder, "recipient": recipient, "amount_sek": amount._.amount_sek,
                    "qualifier": amount._.qualifier, "year": year, "evidence": sent.text.strip(),
                    "start_char": sent.start_char, "end_char": sent.end_char,
                })
        doc._.grants = dedupe(grants)
        return doc

    def _actors(self, doc: Doc, sent: Span, home: str | None) -> list[Actor]:
        actors = [Actor(e._.normalized or e.text, e.start, e.end) for e in doc.ents
                  if e.label_ == "ORG" and sent.start <= e.start < sent.end]
        taken = {i for a in actors for i in range(a.start, a.end)}
        for ent in doc.ents:  # "Nyköping får nio miljoner": a municipality acting as a body
            if ent.label_ == "LOC" and sent.start <= ent.start < sent.end and ent._.municipality_code and ent.start not in taken:
                body = resources.municipality_body(ent._.municipality_code)
                if body:
                    actors.append(Actor(body, ent.start, ent.end))
        for token in sent:
            if token.i in taken:
                continue
            if token.lower_ in ("kommunen", "kommunens") and home:
                actors.append(Actor(home, token.i, token.i + 1))
            elif token.lower_ in ("länsstyrelsen", "länsstyrelsens"):
                board = county_board(doc._.county_code) if doc._.county_code else "Länsstyrelsen"
                actors.append(Actor(board, token.i, token.i + 1))
        return sorted(actors, key=lambda a: a.start)

    def _roles(self, doc: Doc, verb, actors: list[Actor]) -> tuple[str | None, str | None]:
        before = [a for a in actors if a.end <= verb.i]
        after = [a for a in actors if a.start > verb.i]
        subject = before[-1].name if before else None

        def preceded_by(actor: Actor, words) -> bool:
            return actor.start > 0 and doc[actor.start - 1].lower_ in words

        if verb.lower_ in self.receive:
            funder = next((a.name for a in after if preceded_by(a, self.funder_preps)), None)
            recipient = subject or next((a.name for a in after if preceded_by(a, self.recipient_preps)), None)
            return funder, recipient
        recipient = next((a.name for a in after if preceded_by(a, self.recipient_preps)), None)
        if recipient is None:
            recipient = next((a.name for a in after if not preceded_by(a, self.funder_preps)), None)
        funder = subject or next((a.name for a in after if preceded_by(a, self.funder_preps)), None)
        if funder == recipient:
            recipient = None
        return funder, recipient


def home_municipality(doc: Doc) -> str | None:
    """The municipality a text is about: its publisher if that is one, else the one named most."""
    if doc._.publisher and resources.is_municipality_body(doc._.publisher):
        return doc._.publisher
    counts: dict[str, int] = {}
    for ent in doc.ents:
        if ent.label_ == "ORG" and ent._.org_type == "municipality":
            counts[ent._.normalized] = counts.get(ent._.normalized, 0) + 1
    return max(counts, key=counts.get) if counts else None


def sentence_year(doc: Doc, sent: Span) -> int | None:
    for ent in doc.ents:
        if ent.label_ == "DATE" and sent.start <= ent.start < sent.end and ent._.date is not None:
            return int(ent._.date[:4])
    return int(doc._.published[:4]) if doc._.published else None


def dedupe(grants: list[dict]) -> list[dict]:
    """The same figure for the same recipient and year stated twice is one grant."""
    seen, unique = set(), []
    for grant in grants:
        key = (grant["funder"], grant["recipient"], grant["amount_sek"], grant["year"])
        if key not in seen:
            seen.add(key)
            unique.append(grant)
    return unique
