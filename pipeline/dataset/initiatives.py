"""The initiatives table: named projects with the grants that fund them, and grants
that no text names, across the documents about integration.

- A named initiative is an INITIATIVE mention; mentions with the same name are one
  initiative, unless the texts give it different owners (a call such as "Tidiga
  insatser för asylsökande" run by several county boards is one per board).
- A grant whose statement (its sentence, list line or table row) names an initiative
  is part of it: "Hylte kommun får 400 000 kronor till projektet Y".
- The other grants are grouped as before: statements about the same money (same
  amount, no field that contradicts, a party in common) are one initiative, often
  announced by both funder and recipient.
Documents that are not about integration, and copies of another document, add nothing.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field

FIELDS = ("funder", "recipient", "year")
PARTIES = ("funder", "recipient")


@dataclass
class Initiative:
    """Grant statements that describe the same money, and what they agree on."""
    amount_sek: int
    funder: str | None = None
    recipient: str | None = None
    year: int | None = None
    statements: list[dict] = field(default_factory=list)

    def accepts(self, grant: dict) -> bool:
        """Same amount, no field that contradicts, and the same funder or recipient named."""
        if grant["amount_sek"] != self.amount_sek:
            return False
        if any(grant[f] is not None and getattr(self, f) is not None and grant[f] != getattr(self, f) for f in FIELDS):
            return False
        return any(grant[f] is not None and grant[f] == getattr(self, f) for f in PARTIES)

    def add(self, grant: dict) -> None:
        self.statements.append(grant)
        for f in FIELDS:
            if getattr(self, f) is None:
                setattr(self, f, grant[f])


def group_grants(grants: list[dict]) -> list[Initiative]:
    """Greedy grouping, most complete statements first, so a statement that names only
    the recipient joins the initiative that also names the funder, and two statements
    that disagree on a named field are never joined (a shared partner does not chain them).

    Candidates come from indexes, not from a scan: a statement naming both parties can
    only join an initiative with the same pair or with one of them still unnamed; a
    statement naming one party, one that names it. Of the candidates, the earliest made
    that accepts the statement takes it."""
    ordered = sorted(grants, key=lambda g: (-sum(g[f] is not None for f in FIELDS), g["doc_id"], g["start_char"]))
    initiatives: list[Initiative] = []
    by_party: dict[tuple, set[int]] = {}  # (amount, field, name) -> initiatives naming it
    by_pair: dict[tuple, set[int]] = {}   # (amount, funder or None, recipient or None) -> initiatives
    for grant in ordered:
        amount, funder, recipient = grant["amount_sek"], grant["funder"], grant["recipient"]
        if funder is not None and recipient is not None:
            keys = [(amount, funder, recipient), (amount, funder, None), (amount, None, recipient)]
            candidates = set().union(*(by_pair.get(key, ()) for key in keys))
        else:
            candidates = set().union(*(by_party.get((amount, f, grant[f]), ()) for f in PARTIES if grant[f] is not None))
        index = next((i for i in sorted(candidates) if initiatives[i].accepts(grant)), None)
        if index is None:
            index = len(initiatives)
            initiatives.append(Initiative(amount))
        home = initiatives[index]
        before = (home.funder, home.recipient)
        home.add(grant)
        if (home.funder, home.recipient) != before or len(home.statements) == 1:
            by_pair.get((amount, *before), set()).discard(index)
            by_pair.setdefault((amount, home.funder, home.recipient), set()).add(index)
            for f in PARTIES:
                if getattr(home, f) is not None:
                    by_party.setdefault((amount, f, getattr(home, f)), set()).add(index)
    return initiatives


def name_key(name: str) -> str:
    """Names of one initiative compare equal: case and spacing do not count."""
    return " ".join(name.casefold().split())


@dataclass
class Mention:
    doc_id: str
    name: str
    owner: str | None
    start: int
    end: int


@dataclass
class Named:
    """A named initiative: its mentions and the grants whose statements name it."""
    name: str
    owner: str | None
    mentions: list[Mention] = field(default_factory=list)
    grants: list[dict] = field(default_factory=list)

    @property
    def initiative_id(self) -> str:
        return _id("named", name_key(self.name), self.owner or "")


def named_initiatives(mentions: list[Mention]) -> dict[tuple[str, str | None], Named]:
    """Mentions grouped by name, and by owner where the texts name different owners;
    a mention without an owner joins the one owner its name has, if it has one."""
    owners: dict[str, set[str]] = {}
    for m in mentions:
        if m.owner:
            owners.setdefault(name_key(m.name), set()).add(m.owner)
    named: dict[tuple[str, str | None], Named] = {}
    for m in sorted(mentions, key=lambda m: (m.doc_id, m.start)):
        key = name_key(m.name)
        known = owners.get(key, set())
        owner = m.owner or (next(iter(known)) if len(known) == 1 else None)
        named.setdefault((key, owner), Named(m.name, owner)).mentions.append(m)
    return named


def link_grants(grants: list[dict], mentions_by_doc: dict[str, list[Mention]],
                named: dict[tuple[str, str | None], Named]) -> list[dict]:
    """Give each grant whose statement names an initiative to that initiative; return the others."""
    index = {(m.doc_id, m.start): item for item in named.values() for m in item.mentions}
    unnamed = []
    for grant in grants:
        inside = [m for m in mentions_by_doc.get(grant["doc_id"], ())
                  if grant["start_char"] <= m.start < grant["end_char"]]
        if inside:
            index[(inside[0].doc_id, inside[0].start)].grants.append(grant)
        else:
            unnamed.append(grant)
    return unnamed


def unnamed_id(initiative: Initiative) -> str:
    first = min(initiative.statements, key=lambda g: (g["doc_id"], g["start_char"]))
    parts = [initiative.funder, initiative.recipient, initiative.amount_sek, initiative.year]
    if initiative.funder is None and initiative.recipient is None:  # nothing names it but its statement
        parts += [first["doc_id"], first["start_char"]]
    return _id(*map(str, parts))


def _id(*parts: str) -> str:
    return hashlib.sha1("\0".join(parts).encode()).hexdigest()[:16]


def ranked(values) -> list:
    """Distinct non-null values, the most frequent first (ties by value)."""
    counts = Counter(v for v in values if v is not None)
    return [v for v, _ in sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))]
