"""Pass 2's work on one batch of tasks: parse each file, then run spaCy over the batch.

The same functions run in this process or in a forked worker; :func:`load_for_build`
puts the build's settings and loaded pipeline in :data:`LOADED` first (before the
workers fork, so that they share its memory instead of each loading their own).
Every failure on one file becomes that file's rejection; the batch goes on.
"""
from __future__ import annotations

import logging
from pathlib import Path

from pipeline.cache import encode
from pipeline.config import BuildConfig
from pipeline.dataset import rows as rowlib
from pipeline.document import Document, RejectedInput
from pipeline.parse import parse_file

from .plan import Task, rejection

log = logging.getLogger(__name__)
LOADED: dict = {}  # this build's settings and pipeline, set before workers fork


def load_for_build(config: BuildConfig, raw_dir: Path) -> None:
    """Load this build's pipeline (each build its own: its configuration may differ)."""
    from pipeline.nlp import load_pipeline

    LOADED.update(raw_dir=raw_dir, config=config, nlp=load_pipeline(config).nlp)


def process_batch_encoded(batch: list[Task]) -> list[bytes]:
    """A worker's answer: results as bytes, which cross the pipe faster than nested
    dicts and go into the cache as they are."""
    return [encode(result) for result in process_batch(batch)]


def process_batch(batch: list[Task]) -> list[dict]:
    """One result per task, in task order: a document with its rows, or a rejection."""
    config = LOADED["config"]
    results: list[dict | None] = []
    documents: list[tuple[int, Document]] = []
    for task in batch:
        outcome = parse_task(task, LOADED["raw_dir"], config)
        if isinstance(outcome, Document):
            documents.append((len(results), outcome))
            results.append(None)
        else:
            results.append(outcome)
    docs, failures = run_pipeline(LOADED["nlp"], [document for _, document in documents], len(batch))
    for index, document in documents:
        doc = docs.get(document.doc_id)
        if doc is None:
            detail = failures.get(document.doc_id, "extraction failed")
            results[index] = rejection(document.source_file, "error", detail, cacheable=False)
            continue
        results[index] = {"document": {**rowlib.document_row(document), **rowlib.topic_columns(doc)},
                          "entities": rowlib.entity_rows(doc, document.text),
                          "grants": rowlib.grant_rows(doc),
                          "signature": rowlib.signature_row(document)}
        if document.content_sha256 != batch[index].content_sha256:  # changed since pass 1 hashed it
            log.warning("%s changed while the build ran; built from its content as read now", document.source_file)
            results[index]["cacheable"] = False  # not under the key of the bytes pass 1 saw
    return results


def parse_task(task: Task, raw_dir: Path, config: BuildConfig) -> Document | dict:
    """The task's document (contact details masked if configured), or its rejection."""
    try:
        document = parse_file(task.path, raw_dir, meta=task.meta, max_bytes=config.max_file_bytes,
                              source_file=task.source_file)
    except RejectedInput as error:  # a file that could not be read is not a verdict on its content
        return rejection(task.source_file, error.reason, error.detail, cacheable=error.reason != "unreadable")
    except Exception as error:  # noqa: BLE001 - one bad file must not stop the run
        log.exception("unexpected error parsing %s", task.source_file)
        return rejection(task.source_file, "error", f"{type(error).__name__}: {error}", cacheable=False)
    if len(document.text) > config.max_text_chars:
        return rejection(task.source_file, "too_large", (
            f"its text is {len(document.text):,} characters after cleaning, over the limit of "
            f"{config.max_text_chars:,} (a press release has a few thousand): probably a page dump or several "
            f"releases in one file; split it, or raise max_text_chars"))
    if config.redact_contacts:
        from pipeline.redact import redact_document

        document = redact_document(document)
    return document


def run_pipeline(nlp, documents: list[Document], batch_size: int) -> tuple[dict, dict[str, str]]:
    """Processed Docs by doc_id, and why each missing one failed. A component that
    fails on a document sets that document aside, not the batch."""
    failures: dict[str, str] = {}

    def fail(doc_id: str, component: str, error: Exception) -> None:
        log.error("%s failed: %s: %s", component, type(error).__name__, error)
        failures[doc_id] = f"extraction failed in {component}: {type(error).__name__}: {error}"

    def record_failure(component: str, proc, docs, error: Exception) -> None:
        for failed in docs:
            fail(failed._.doc_id, component, error)

    nlp.default_error_handler = record_failure  # used for components without a batch method
    try:
        docs = (make_doc(nlp, document) for document in documents)
        return {doc._.doc_id: doc for doc in nlp.pipe(docs, batch_size=batch_size)}, failures
    except Exception:  # a batched component (the NER model) failed: redo one by one
        processed = {}
        for document in documents:
            try:
                processed[document.doc_id] = nlp(make_doc(nlp, document))
            except Exception as error:  # noqa: BLE001 - recorded and reported per document
                fail(document.doc_id, "the NLP pipeline", error)
        return processed, failures


def make_doc(nlp, document: Document):
    """A tokenised Doc carrying what the components need to know about its document."""
    from pipeline.nlp.extensions import (
        remember_text,  # imports spaCy: only when there is work
    )

    doc = nlp.make_doc(document.text)
    remember_text(doc, document.text)
    x = doc._
    x.doc_id = document.doc_id
    x.published = document.published.isoformat() if document.published else None
    x.publisher = document.publisher
    return doc
