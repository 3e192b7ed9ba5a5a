"""The data contract: every table, every column, its Arrow type and one line of meaning.

This module is the single source of truth for `data/processed/`. The README's data
dictionary is generated from it (``python -m pipeline schema``). Changing a column
is a versioned decision: bump :data:`CONTRACT_VERSION` (semver: additive change ->
minor, anything else -> major) and say why in the changelog.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

import pyarrow as pa

CONTRACT_VERSION = "2.1.0"


@dataclass(frozen=True)
class Column:
    name: str
    type: pa.DataType
    doc: str
    nullable: bool = True


def _schema(table: str, columns: list[Column], doc: str) -> pa.Schema:
    """The Arrow schema, documented inside the file: each field's meaning in its own
    metadata (Arrow readers), and the table's name, meaning, contract version and a
    JSON object of column meanings in the file's key-value metadata, which any Parquet
    reader lists (DuckDB's ``parquet_kv_metadata``, ``pyarrow.parquet.read_metadata``)."""
    fields = [pa.field(c.name, c.type, nullable=c.nullable, metadata={"doc": c.doc}) for c in columns]
    columns_doc = json.dumps({c.name: c.doc for c in columns}, ensure_ascii=False)
    return pa.schema(fields, metadata={"table": table, "doc": doc, "contract_version": CONTRACT_VERSION,
                                       "columns": columns_doc})


DOCUMENTS = [
    Column("doc_id", pa.string(), "Stable id: hash of source_file; the same file keeps its id across runs.", False),
    Column("source_file", pa.string(), "Path of the raw file relative to the raw folder (POSIX separators).", False),
    Column("url", pa.string(), "Address the page was fetched from (scrape manifest or page metadata); null for local files."),
    Column("source_id", pa.string(), "Id of the sources.toml entry that fetched it; null for local files."),
    Column("title", pa.string(), "Headline as written; null when none was found."),
    Column("published", pa.date32(), "Publication date stated by the page or text itself (dateline, metadata); null if not stated."),
    Column("publisher", pa.string(), "Canonical name of the publishing organisation when known: from the source registry, page metadata, or what the release itself says (a sender statement, the site's name above the headline, its contacts); null when unsure."),
    Column("text", pa.string(), "Clean text: the title as first paragraph, then the body; entity offsets point into it.", False),
    Column("n_words", pa.int32(), "Number of whitespace-separated words in text.", False),
    Column("source_format", pa.string(), "How the raw file was parsed: 'text' or 'html'.", False),
    Column("encoding", pa.string(), "Character encoding the raw bytes were decoded from (e.g. utf-8, cp1252).", False),
    Column("content_sha256", pa.string(), "SHA-256 of the raw file's bytes; changes when the file changes.", False),
    Column("is_integration", pa.bool_(), "Whether the text is about the integration or reception of immigrants (relevance at or above the classifier's threshold, 0.5).", False),
    Column("relevance", pa.float64(), "Probability that the text is about integration, from the calibrated relevance classifier (0-1).", False),
    Column("themes", pa.list_(pa.string()), "Themes of the integration measures the text names, as codes of the annotation guide (sprak, arbete, utbildning, samhallsorientering, halsa, idrott_fritid, kultur, mottagande_boende, social_gemenskap, foraldraskap_familj, samverkan); empty when the text is not about integration.", False),
    Column("target_groups", pa.list_(pa.string()), "Groups the measures are for, as the text names them, as codes (nyanlanda, asylsokande, ensamkommande, kvotflyktingar, skyddsbehovande, flyktingar, utrikes_fodda, barn_unga, kvinnor, foraldrar, arbetssokande); empty when not about integration.", False),
    Column("duplicate_of", pa.string(), "The doc_id of the earliest copy when this text is a near-duplicate of another document (a release republished elsewhere); null for an original."),
]

ENTITIES = [
    Column("doc_id", pa.string(), "Document the mention is in (documents.doc_id).", False),
    Column("label", pa.string(), "PERSON, ORG, LOC, MONEY, DATE or INITIATIVE (a named project, programme or activity).", False),
    Column("text", pa.string(), "The mention as written.", False),
    Column("start_char", pa.int32(), "Start offset into documents.text.", False),
    Column("end_char", pa.int32(), "End offset (exclusive) into documents.text.", False),
    Column("normalized", pa.string(), "Normalised form: full person name; organisation by the fullest name the text supports (genitive removed); place name; amount in kronor as digits; ISO date or period; initiative name without quotes or a leading 'projektet'/'satsningen'."),
    Column("amount_sek", pa.int64(), "MONEY: amount in whole Swedish kronor."),
    Column("qualifier", pa.string(), "MONEY: hedge word kept apart from the value (drygt, nära, över, cirka, upp till, ...)."),
    Column("date", pa.date32(), "DATE: first day of the period the expression denotes."),
    Column("date_end", pa.date32(), "DATE: last day of that period (equal to date for a single day)."),
    Column("date_granularity", pa.string(), "DATE: day, month, season, quarter, year or years (a multi-year period)."),
    Column("date_relative", pa.bool_(), "DATE: true when resolved against the publication date ('i år', 'den 6 april')."),
    Column("role", pa.string(), "PERSON: title or role the text gives (integrationsstrateg, landshövding, ...)."),
    Column("affiliation", pa.string(), "PERSON: canonical organisation the text ties the person to."),
    Column("canonical", pa.string(), "ORG: the reference data's name for the body (current official name), the same in every document; null when the body is not in the reference data."),
    Column("org_type", pa.string(), "ORG: municipality, county_board, region, agency, ministry, eu_fund, fund, association, ..."),
    Column("municipality_code", pa.string(), "ORG/LOC: SCB 4-digit municipality code when the name resolves to one municipality."),
    Column("county_code", pa.string(), "ORG/LOC: SCB 2-digit county code when it resolves to one county."),
    Column("owner", pa.string(), "INITIATIVE: canonical name of the organisation that runs it, when the text says; null when not said."),
    Column("method", pa.string(), "What found it: 'rules' (gazetteers, patterns), 'model' (statistical NER) or 'coref' (short mention resolved).", False),
    Column("actor_id", pa.string(), "PERSON/ORG/LOC: the actor this mention is of (actors.actor_id), the same in every document and build."),
]

GRANTS = [
    Column("doc_id", pa.string(), "Document the statement is in.", False),
    Column("funder", pa.string(), "Canonical name of the organisation that gives the money; null when the text does not name it."),
    Column("recipient", pa.string(), "Canonical name of the organisation that receives it; null when not named."),
    Column("amount_sek", pa.int64(), "Amount in whole kronor.", False),
    Column("qualifier", pa.string(), "Hedge word of the amount (drygt, nära, ...), if any."),
    Column("year", pa.int32(), "Year the grant is for or was given: a year in the sentence, else the publication year; null if unknown."),
    Column("purpose", pa.string(), "What the money is for, as the text words it: the phrase after the amount ('för integrationsarbete' gives 'integrationsarbete'), a list line's words before the amount, or a table row's project cell; null when not said."),
    Column("evidence", pa.string(), "The sentence that states the grant, or the line of a beneficiary list or the table row (cells as `| a | b |`) that does.", False),
    Column("start_char", pa.int32(), "Start of the evidence in documents.text.", False),
    Column("end_char", pa.int32(), "End of the evidence in documents.text.", False),
    Column("initiative_id", pa.string(), "The initiative the grant is part of (initiatives.initiative_id); null when its document is not about integration or is a copy of another."),
]

ACTORS = [
    Column("actor_id", pa.string(), "Stable id from label and name: the same person, body or place has the same id in every build.", False),
    Column("label", pa.string(), "PERSON, ORG or LOC.", False),
    Column("name", pa.string(), "Canonical name for bodies in the reference data, else the normalised name (full name for people).", False),
    Column("org_type", pa.string(), "ORG: the most frequent org_type of its mentions."),
    Column("municipality_code", pa.string(), "ORG/LOC: the most frequent SCB municipality code of its mentions."),
    Column("county_code", pa.string(), "ORG/LOC: the most frequent SCB county code of its mentions."),
    Column("roles", pa.list_(pa.string()), "PERSON: distinct roles given in any document, the most frequent first.", False),
    Column("affiliations", pa.list_(pa.string()), "PERSON: distinct organisations the texts tie the person to, the most frequent first.", False),
    Column("n_documents", pa.int32(), "Number of documents that mention the actor.", False),
    Column("n_mentions", pa.int32(), "Number of mentions across all documents.", False),
    Column("first_published", pa.date32(), "Earliest publication date of a document that mentions it; null if none is dated."),
    Column("last_published", pa.date32(), "Latest publication date of a document that mentions it; null if none is dated."),
]
INITIATIVES = [
    Column("initiative_id", pa.string(), "Stable id: from the name and owner of a named initiative; from funder, recipient, amount and year of a grant no text names (plus its statement when neither body is named).", False),
    Column("name", pa.string(), "Name of the project, programme or activity; null when only the money is known (a grant whose statement names no initiative)."),
    Column("owner", pa.string(), "Canonical name of the organisation that runs it, from any document that says; null if none does."),
    Column("owner_actor_id", pa.string(), "The owner in actors.actor_id terms (null without an owner)."),
    Column("funders", pa.list_(pa.string()), "Canonical names of the organisations that fund it (from its grants), the most frequently named first.", False),
    Column("recipients", pa.list_(pa.string()), "Canonical names of the organisations that receive its money, the most frequently named first.", False),
    Column("funder_actor_ids", pa.list_(pa.string()), "The funders in actors.actor_id terms, in the order of funders.", False),
    Column("recipient_actor_ids", pa.list_(pa.string()), "The recipients in actors.actor_id terms, in the order of recipients.", False),
    Column("amount_sek", pa.int64(), "Total of the distinct grants stated for it, in whole kronor (the same grant announced in several documents counts once); null when no amount is stated."),
    Column("purpose", pa.string(), "What the money is for, as the earliest grant statement that says words it; null if none does."),
    Column("year_first", pa.int32(), "Earliest year of its grants, else of its documents' publication; null if unknown."),
    Column("year_last", pa.int32(), "Latest year of its grants, else of its documents' publication; null if unknown."),
    Column("themes", pa.list_(pa.string()), "Themes of the documents that state it (documents.themes), the most frequent first.", False),
    Column("target_groups", pa.list_(pa.string()), "Target groups of the documents that state it (documents.target_groups), the most frequent first.", False),
    Column("municipality_code", pa.string(), "SCB municipality code of its owner, else of a recipient, when that body is a municipality or lies in one; null otherwise."),
    Column("county_code", pa.string(), "SCB county code of its owner, else of a recipient, else of a funder (a county board or region); null otherwise."),
    Column("n_documents", pa.int32(), "Number of documents that state it (copies of one release count once).", False),
    Column("doc_ids", pa.list_(pa.string()), "The documents that state it, earliest published first (copies left out: see documents.duplicate_of).", False),
    Column("first_published", pa.date32(), "Publication date of the earliest dated document that states it."),
    Column("evidence", pa.string(), "The grant statement, or the sentence that names it, from the earliest document.", False),
]
REJECTED = [
    Column("source_file", pa.string(), "Path of the raw file relative to the raw folder (undecodable bytes escaped).", False),
    Column("reason", pa.string(), "Why it was set aside: empty, binary, undecodable, too_large, unreadable, no_text, error.", False),
    Column("detail", pa.string(), "One sentence for a person: what was wrong and what to do."),
]

TABLES: dict[str, tuple[list[Column], str]] = {
    "documents": (DOCUMENTS, "One row per press release that could be parsed."),
    "entities": (ENTITIES, "One row per entity mention, normalised; a municipality's name used as a place ('bor i Trosa kommun') in a text that also names it as a body has an ORG row and a LOC row with the same offsets."),
    "grants": (GRANTS, "One row per statement that a funder gives an amount to a recipient."),
    "rejected": (REJECTED, "One row per raw file that was set aside, with the reason."),
    "actors": (ACTORS, "Cross-document: one row per person, organisation or place, over all documents (rebuilt at every build)."),
    "initiatives": (INITIATIVES, "Cross-document: one row per integration initiative over the documents about integration: a named project with the grants that fund it, or a grant no text names (rebuilt at every build)."),
}
# Tables derived from the per-document ones at the end of a build (pipeline.dataset.crossdoc).
DERIVED_TABLES = ("actors", "initiatives")

SCHEMAS: dict[str, pa.Schema] = {name: _schema(name, cols, doc) for name, (cols, doc) in TABLES.items()}


def data_dictionary_markdown() -> str:
    """The README's data dictionary, generated so that docs and code cannot drift."""
    lines = [f"Data contract version {CONTRACT_VERSION}.", ""]
    for name, (cols, doc) in TABLES.items():
        lines += [f"### `{name}.parquet`", "", doc, "", "| column | type | null | meaning |", "|---|---|---|---|"]
        lines += [f"| `{c.name}` | {c.type} | {'yes' if c.nullable else 'no'} | {c.doc} |" for c in cols]
        lines.append("")
    return "\n".join(lines)
