"""Cross-document tables: actors and initiatives, and the links they give the
per-document tables (a grant's initiative).

Per-document results are cached, but what links documents is not: a new release
can add a mention to an actor or a second source to an initiative. So these tables
are recomputed at every build from the staged per-document tables (which hold the
cached and the fresh results alike), reading only the columns they need. This is
cheap next to any NLP: one streaming pass over the entities and one over the grants.

- ``actors``: one row per person, organisation or place across the corpus. Mentions
  are the same actor when they have the same label and name: the reference data's
  canonical name for bodies, the full name (after in-document coreference) for people.
- ``initiatives``: see :mod:`pipeline.dataset.initiatives`.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from pipeline.dataset.ids import actor_id
from pipeline.dataset.initiatives import (
    Initiative,
    Mention,
    Named,
    group_grants,
    link_grants,
    named_initiatives,
    ranked,
    unnamed_id,
)

ENTITY_COLUMNS = ["doc_id", "label", "actor_id", "normalized", "canonical", "text", "org_type",
                  "municipality_code", "county_code", "role", "affiliation", "owner", "start_char", "end_char"]
DOCUMENT_COLUMNS = ["doc_id", "published", "is_integration", "themes", "target_groups", "duplicate_of"]
TALLIED = ("org_type", "municipality_code", "county_code", "role", "affiliation")
BATCH_ROWS = 65_536  # entity rows read at a time: memory follows the actors, not the mentions


@dataclass
class Derived:
    """The cross-document tables, and the staged grants with each one's initiative."""
    tables: dict[str, pa.Table]
    grants: pa.Table


@dataclass(frozen=True)
class DocInfo:
    published: object
    eligible: bool  # about integration, and no copy of another document
    themes: list[str]
    target_groups: list[str]


def derive_tables(staging: Path, schemas: dict[str, pa.Schema]) -> Derived:
    """The cross-document tables, from the per-document Parquet files in ``staging``.

    Entities are streamed in batches and folded into one tally per actor, so memory
    grows with the number of distinct actors, never with the number of mentions."""
    docs = read_documents(staging)
    grants_table = pq.read_table(staging / "grants.parquet")
    grants = grants_table.to_pylist()
    tallies: dict[str, ActorTally] = {}
    bodies: dict[tuple[str, str], str] = {}  # (doc_id, name as written) -> actor_id, for initiatives' parties
    mentions: list[Mention] = []
    for batch in pq.ParquetFile(staging / "entities.parquet").iter_batches(BATCH_ROWS, columns=ENTITY_COLUMNS):
        for row in zip(*(batch.column(name).to_pylist() for name in ENTITY_COLUMNS)):
            doc_id, label, actor, normalized, canonical, text = row[:6]
            if label == "INITIATIVE" and docs[doc_id].eligible:
                mentions.append(Mention(doc_id, normalized or text, row[11], row[12], row[13]))
            if actor is None:
                continue
            tally = tallies.get(actor)
            if tally is None:  # the name its id was made from (see rows.entity_rows)
                tally = tallies[actor] = ActorTally(label, canonical or normalized or text)
            tally.add(doc_id, docs[doc_id].published, row[6:11])
            if label == "ORG" and normalized and docs[doc_id].eligible:
                bodies[(doc_id, normalized)] = actor
    places = {actor: (t.top("municipality_code"), t.top("county_code")) for actor, t in tallies.items()}
    builder = InitiativeRows(docs, bodies, places, schemas["initiatives"])
    initiatives, per_grant = builder.table(grants, mentions, staging)
    column = grants_table.schema.get_field_index("initiative_id")
    linked = grants_table.set_column(column, schemas["grants"].field("initiative_id"), pa.array(per_grant, pa.string()))
    return Derived({"actors": actors_table(tallies, schemas["actors"]), "initiatives": initiatives}, linked)


def read_documents(staging: Path) -> dict[str, DocInfo]:
    table = pq.read_table(staging / "documents.parquet", columns=DOCUMENT_COLUMNS)
    columns = [table[name].to_pylist() for name in DOCUMENT_COLUMNS]
    return {doc_id: DocInfo(published, bool(relevant) and copy_of is None, themes or [], groups or [])
            for doc_id, published, relevant, themes, groups, copy_of in zip(*columns)}


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

    def top(self, field_name: str) -> str | None:
        return (self.ranked(field_name) or [None])[0]

    def row(self, actor: str) -> dict:
        first = {f: self.top(f) for f in ("org_type", "municipality_code", "county_code")}
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

class InitiativeRows:
    """Rows of the initiatives table, from the eligible documents' mentions and grants."""

    def __init__(self, docs: dict[str, DocInfo], bodies: dict[tuple[str, str], str],
                 places: dict[str, tuple[str | None, str | None]], schema: pa.Schema) -> None:
        self.docs, self.bodies, self.places, self.schema = docs, bodies, places, schema

    def table(self, grants: list[dict], mentions: list[Mention], staging: Path) -> tuple[pa.Table, list[str | None]]:
        eligible = [g for g in grants if self.docs[g["doc_id"]].eligible]
        named = named_initiatives(mentions)
        by_doc: dict[str, list[Mention]] = {}
        for m in mentions:
            by_doc.setdefault(m.doc_id, []).append(m)
        unnamed = group_grants(link_grants(eligible, by_doc, named))
        sentences = mention_sentences(staging, [item.mentions[0] for item in named.values() if not item.grants])
        rows, of_grant = [], {}
        for item in named.values():
            rows.append(self.named_row(item, sentences))
            of_grant.update({id(g): rows[-1]["initiative_id"] for g in item.grants})
        for initiative in unnamed:
            rows.append(self.unnamed_row(initiative))
            of_grant.update({id(g): rows[-1]["initiative_id"] for g in initiative.statements})
        rows.sort(key=lambda r: (-(r["year_last"] or 0), r["name"] is None, -(r["amount_sek"] or 0), r["initiative_id"]))
        return pa.Table.from_pylist(rows, schema=self.schema), [of_grant.get(id(g)) for g in grants]

    def named_row(self, item: Named, sentences: dict[tuple[str, int], str]) -> dict:
        groups = group_grants(item.grants)
        doc_ids = [m.doc_id for m in item.mentions] + [g["doc_id"] for g in item.grants]
        first = self.earliest(item.grants)
        evidence = first["evidence"] if first else sentences.get((item.mentions[0].doc_id, item.mentions[0].start), item.name)
        return {"initiative_id": item.initiative_id, "name": item.name, "owner": item.owner,
                "amount_sek": sum(g.amount_sek for g in groups) if groups else None,
                **self.common(item.grants, doc_ids, item.owner, evidence)}

    def unnamed_row(self, initiative: Initiative) -> dict:
        statements = initiative.statements
        return {"initiative_id": unnamed_id(initiative), "name": None, "owner": None,
                "amount_sek": initiative.amount_sek,
                **self.common(statements, [g["doc_id"] for g in statements], None, self.earliest(statements)["evidence"])}

    def common(self, grants: list[dict], doc_ids: list[str], owner: str | None, evidence: str) -> dict:
        doc_ids = sorted(dict.fromkeys(doc_ids), key=self.published_order)
        funders, recipients = ranked(g["funder"] for g in grants), ranked(g["recipient"] for g in grants)
        years = [g["year"] for g in grants if g["year"] is not None]
        years = years or [self.docs[d].published.year for d in doc_ids if self.docs[d].published is not None]
        dates = [self.docs[d].published for d in doc_ids if self.docs[d].published is not None]
        first = self.earliest([g for g in grants if g.get("purpose")])
        owner_id = self.actor(owner, doc_ids)
        funder_ids = [self.actor(f, doc_ids) for f in funders]
        recipient_ids = [self.actor(r, doc_ids) for r in recipients]
        return {
            "owner_actor_id": owner_id, "funders": funders, "recipients": recipients,
            "funder_actor_ids": funder_ids, "recipient_actor_ids": recipient_ids,
            "purpose": first["purpose"] if first else None,
            "year_first": min(years) if years else None, "year_last": max(years) if years else None,
            "themes": ranked(t for d in doc_ids for t in self.docs[d].themes),
            "target_groups": ranked(t for d in doc_ids for t in self.docs[d].target_groups),
            **self.place([owner_id, *recipient_ids], funder_ids),
            "n_documents": len(doc_ids), "doc_ids": doc_ids, "first_published": min(dates) if dates else None,
            "evidence": evidence,
        }

    def place(self, runners: list[str | None], funders: list[str | None]) -> dict:
        """Where it is: the codes of whoever runs it, else of whoever funds it (a county board)."""
        municipality = next((self.places[a][0] for a in runners if a in self.places and self.places[a][0]), None)
        county = next((self.places[a][1] for a in [*runners, *funders] if a in self.places and self.places[a][1]), None)
        return {"municipality_code": municipality, "county_code": county}

    def actor(self, name: str | None, doc_ids: list[str]) -> str | None:
        """The actor a party names: from a document's own mention, else by the name itself."""
        if name is None:
            return None
        return next((self.bodies[(d, name)] for d in doc_ids if (d, name) in self.bodies), None) or actor_id("ORG", name)

    def published_order(self, doc_id: str) -> tuple:
        published = self.docs[doc_id].published
        return (published is None, published or 0, doc_id)

    def earliest(self, grants: list[dict]) -> dict | None:
        return min(grants, key=lambda g: (*self.published_order(g["doc_id"]), g["start_char"]), default=None)


def mention_sentences(staging: Path, mentions: list[Mention]) -> dict[tuple[str, int], str]:
    """The line or sentence each mention stands in, read from the staged texts of only
    the documents that need one."""
    if not mentions:
        return {}
    wanted = {m.doc_id for m in mentions}
    table = pq.read_table(staging / "documents.parquet", columns=["doc_id", "text"],
                          filters=pc.field("doc_id").isin(list(wanted)))
    texts = dict(zip(table["doc_id"].to_pylist(), table["text"].to_pylist()))
    return {(m.doc_id, m.start): sentence_around(texts[m.doc_id], m.start, m.end) for m in mentions if m.doc_id in texts}


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or line) of ``text`` that holds ``text[start:end]``."""
    left = max(text.rfind("\n", 0, start), *(text.rfind(p, 0, start) for p in (". ", "! ", "? ")))
    right_candidates = [i for i in (text.find("\n", end), *(text.find(p, end) for p in (". ", "! ", "? "))) if i >= 0]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    return " ".join(text[left + 1:right].split())
