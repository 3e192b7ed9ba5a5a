"""Cross-document tables: actors and initiatives.

Per-document results are cached, but what links documents is not: a new release
can add a mention to an actor or a second source to an initiative. So these tables
are recomputed at every build from the staged per-document tables (which hold the
cached and the fresh results alike), reading only the columns they need. This is
cheap next to any NLP: a few columnar group-bys and a pass over the grants.

- ``actors``: one row per person, organisation or place across the corpus. Mentions
  are the same actor when they have the same label and name: the reference data's
  canonical name for bodies, the full name (after in-document coreference) for people.
- ``initiatives``: grants stated in several releases (the county board and the
  municipality often announce the same money) become one initiative.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

ACTOR_LABELS = ("PERSON", "ORG", "LOC")


def actor_id(label: str, name: str) -> str:
    """Stable id of an actor: the same label and name give the same id in every build."""
    return hashlib.sha1(f"{label}\0{name}".encode()).hexdigest()[:16]


def derive_tables(staging: Path, schemas: dict[str, pa.Schema]) -> dict[str, pa.Table]:
    """The cross-document tables, from the per-document Parquet files in ``staging``."""
    documents = pq.read_table(staging / "documents.parquet", columns=["doc_id", "published"])
    entities = pq.read_table(staging / "entities.parquet",
                             columns=["doc_id", "label", "actor_id", "normalized", "canonical", "org_type",
                                      "municipality_code", "county_code", "role", "affiliation"])
    grants = pq.read_table(staging / "grants.parquet")
    published = dict(zip(documents["doc_id"].to_pylist(), documents["published"].to_pylist()))
    return {"actors": actors_table(entities, documents, schemas["actors"]),
            "initiatives": initiatives_table(grants.to_pylist(), published, schemas["initiatives"],
                                             body_actors(entities))}


def body_actors(entities: pa.Table) -> dict[tuple[str, str], str]:
    """(doc_id, name as written in grants) -> actor_id of the organisation it names.

    Grants name a body as the text supports ("Helsingborg"), while its actor is keyed
    by the canonical name ("Helsingborgs kommun"); the document's own mentions link the two."""
    orgs = entities.filter(pc.equal(entities["label"], "ORG"))
    return {(doc_id, name): actor for doc_id, name, actor in zip(
        orgs["doc_id"].to_pylist(), orgs["normalized"].to_pylist(), orgs["actor_id"].to_pylist()) if name}


def actors_table(entities: pa.Table, documents: pa.Table, schema: pa.Schema) -> pa.Table:
    """One row per actor_id: its name, reference codes, roles, and where it is mentioned."""
    mentions = entities.filter(pc.is_valid(entities["actor_id"]))
    mentions = mentions.join(documents, "doc_id", join_type="left outer")
    # the name: canonical where the reference data has one, else the normalised mention
    name = pc.coalesce(mentions["canonical"], mentions["normalized"])
    mentions = mentions.append_column("name", name)
    grouped = mentions.group_by(["actor_id", "label"]).aggregate([
        ("name", "min"), ("doc_id", "count"), ("doc_id", "count_distinct"),
        ("published", "min"), ("published", "max"),
        ("org_type", "list"), ("municipality_code", "list"), ("county_code", "list"),
        ("role", "list"), ("affiliation", "list"),
    ])
    columns = {
        "actor_id": grouped["actor_id"], "label": grouped["label"], "name": grouped["name_min"],
        "org_type": _most_common(grouped["org_type_list"]),
        "municipality_code": _most_common(grouped["municipality_code_list"]),
        "county_code": _most_common(grouped["county_code_list"]),
        "roles": _by_frequency(grouped["role_list"]),
        "affiliations": _by_frequency(grouped["affiliation_list"]),
        "n_documents": grouped["doc_id_count_distinct"], "n_mentions": grouped["doc_id_count"],
        "first_published": grouped["published_min"], "last_published": grouped["published_max"],
    }
    table = pa.table({n: columns[n] for n in schema.names}).cast(schema)
    return table.sort_by([("n_documents", "descending"), ("n_mentions", "descending"), ("name", "ascending")])


def _by_frequency(lists: pa.ChunkedArray) -> list[list[str]]:
    """Distinct non-null values of each list, the most frequent first (ties by value)."""
    out = []
    for values in lists.to_pylist():
        counts = Counter(v for v in values if v)
        out.append([v for v, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))])
    return out


def _most_common(lists: pa.ChunkedArray) -> list[str | None]:
    return [ranked[0] if ranked else None for ranked in _by_frequency(lists)]


# -- initiatives ---------------------------------------------------------------------

FIELDS = ("funder", "recipient", "year")


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
        return any(grant[f] is not None and grant[f] == getattr(self, f) for f in ("funder", "recipient"))

    def add(self, grant: dict) -> None:
        self.statements.append(grant)
        for f in FIELDS:
            if getattr(self, f) is None:
                setattr(self, f, grant[f])


def group_grants(grants: list[dict]) -> list[Initiative]:
    """Greedy grouping, most complete statements first, so a statement that names only
    the recipient joins the initiative that also names the funder, and two statements
    that disagree on a named field are never joined (a shared partner does not chain them)."""
    ordered = sorted(grants, key=lambda g: (-sum(g[f] is not None for f in FIELDS), g["doc_id"], g["start_char"]))
    by_amount: dict[int, list[Initiative]] = {}
    for grant in ordered:
        candidates = by_amount.setdefault(grant["amount_sek"], [])
        home = next((i for i in candidates if i.accepts(grant)), None)
        if home is None:
            home = Initiative(grant["amount_sek"])
            candidates.append(home)
        home.add(grant)
    return [i for group in by_amount.values() for i in group]


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
