"""Cross-document tables: actors and initiatives.

Per-document results are cached, but what links documents is not: a new release
can add a mention to an actor or a second source to an initiative. So these tables
are recomputed at every build from the staged per-document tables (which hold the
cached and the fresh results alike), reading only the columns they need. This is
cheap next to any NLP: one streaming pass over the entities and one over the grants.

- ``actors``: one row per person, organisation or place across the corpus. Mentions
  are the same actor when they have the same label and name: the reference data's
  canonical name for bodies, the full name (after in-document coreference) for people.
- ``initiatives``: grants stated in several releases (the county board and the
  municipality often announce the same money) become one initiative.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.dataset.ids import actor_id

ENTITY_COLUMNS = ["doc_id", "label", "actor_id", "normalized", "canonical", "text", "org_type",
                  "municipality_code", "county_code", "role", "affiliation"]
TALLIED = ("org_type", "municipality_code", "county_code", "role", "affiliation")
BATCH_ROWS = 65_536  # entity rows read at a time: memory follows the actors, not the mentions


def derive_tables(staging: Path, schemas: dict[str, pa.Schema]) -> dict[str, pa.Table]:
    """The cross-document tables, from the per-document Parquet files in ``staging``.

    Entities are streamed in batches and folded into one tally per actor, so memory
    grows with the number of distinct actors, never with the number of mentions."""
    documents = pq.read_table(staging / "documents.parquet", columns=["doc_id", "published"])
    published = dict(zip(documents["doc_id"].to_pylist(), documents["published"].to_pylist()))
    grants = pq.read_table(staging / "grants.parquet").to_pylist()
    grant_docs = {g["doc_id"] for g in grants}
    tallies: dict[str, ActorTally] = {}
    bodies: dict[tuple[str, str], str] = {}  # (doc_id, name as written) -> actor_id, for grant parties
    for batch in pq.ParquetFile(staging / "entities.parquet").iter_batches(BATCH_ROWS, columns=ENTITY_COLUMNS):
        for row in zip(*(batch.column(name).to_pylist() for name in ENTITY_COLUMNS)):
            doc_id, label, actor, normalized, canonical, text = row[:6]
            if actor is None:
                continue
            tally = tallies.get(actor)
            if tally is None:  # the name its id was made from (see rows.entity_rows)
                tally = tallies[actor] = ActorTally(label, canonical or normalized or text)
            tally.add(doc_id, published.get(doc_id), row[6:])
            if label == "ORG" and normalized and doc_id in grant_docs:
                bodies[(doc_id, normalized)] = actor
    return {"actors": actors_table(tallies, schemas["actors"]),
            "initiatives": initiatives_table(grants, published, schemas["initiatives"], bodies)}


class ActorTally:
    """What the mentions of one actor add up to; documents arrive one after the other."""
    __slots__ = ("label", "name", "n_mentions", "n_documents", "last_doc", "first", "last", "values")

    def __init__(self, label: str, name: str) -> None:
        self.label, self.name = label, name
        self.n_mentions = self.n_documents = 0
        self.last_doc = self.first = self.last = None
        self.values: dict[str, dict[str, int]] = {}  # field -> value -> mentions

    def add(self, doc_id: str, published, tallied: tuple) -> None:
        self.n_mentions += 1
        if doc_id != self.last_doc:  # a document's rows are contiguous
            self.n_documents += 1
            self.last_doc = doc_id
            if published is not None:
                self.first = published if self.first is None else min(self.first, published)
                self.last = published if self.last is None else max(self.last, published)
        for field_name, value in zip(TALLIED, tallied):
            if value:
                counts = self.values.get(field_name)
                if counts is None:
                    counts = self.values[field_name] = {}
                counts[value] = counts.get(value, 0) + 1

    def ranked(self, field_name: str) -> list[str]:
        """Distinct values, the most frequent first (ties by value)."""
        counts = self.values.get(field_name, {})
        return [v for v, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]

    def row(self, actor: str) -> dict:
        first = {f: (self.ranked(f) or [None])[0] for f in ("org_type", "municipality_code", "county_code")}
        return {"actor_id": actor, "label": self.label, "name": self.name, **first,
                "roles": self.ranked("role"), "affiliations": self.ranked("affiliation"),
                "n_documents": self.n_documents, "n_mentions": self.n_mentions,
                "first_published": self.first, "last_published": self.last}


def actors_table(tallies: dict[str, ActorTally], schema: pa.Schema) -> pa.Table:
    """One row per actor: its name, reference codes, roles, and where it is mentioned."""
    rows = [tally.row(actor) for actor, tally in tallies.items()]
    rows.sort(key=lambda r: (-r["n_documents"], -r["n_mentions"], r["name"]))
    return pa.Table.from_pylist(rows, schema=schema)


# -- initiatives ---------------------------------------------------------------------

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


def initiatives_table(grants: list[dict], published: dict, schema: pa.Schema,
                      actors: dict[tuple[str, str], str] | None = None) -> pa.Table:
    rows = []
    for initiative in group_grants(grants):
        statements = sorted(initiative.statements,
                            key=lambda g: (published.get(g["doc_id"]) is None, published.get(g["doc_id"]) or 0,
                                           g["doc_id"], g["start_char"]))
        first = statements[0]
        doc_ids = list(dict.fromkeys(g["doc_id"] for g in statements))
        dates = [published[d] for d in doc_ids if published.get(d) is not None]
        key = "\0".join(str(v) for v in (initiative.funder, initiative.recipient, initiative.amount_sek, initiative.year))
        if initiative.funder is None and initiative.recipient is None:  # nothing names it but its statement
            key += f"\0{first['doc_id']}\0{first['start_char']}"
        rows.append({
            "initiative_id": hashlib.sha1(key.encode()).hexdigest()[:16],
            "funder": initiative.funder, "recipient": initiative.recipient,
            "funder_actor_id": _actor_of(initiative.funder, doc_ids, actors or {}),
            "recipient_actor_id": _actor_of(initiative.recipient, doc_ids, actors or {}),
            "amount_sek": initiative.amount_sek, "year": initiative.year,
            "purpose": next((g["purpose"] for g in statements if g.get("purpose")), None),
            "n_documents": len(doc_ids), "n_statements": len(statements), "doc_ids": doc_ids,
            "first_published": min(dates) if dates else None, "evidence": first["evidence"],
        })
    rows.sort(key=lambda r: (-(r["year"] or 0), -r["amount_sek"], r["initiative_id"]))
    return pa.Table.from_pylist(rows, schema=schema)


def _actor_of(name: str | None, doc_ids: list[str], actors: dict[tuple[str, str], str]) -> str | None:
    """The actor a grant's party names: from a document's own mention, else by the name itself."""
    if name is None:
        return None
    return next((actors[(d, name)] for d in doc_ids if (d, name) in actors), None) or actor_id("ORG", name)
