"""The typed records passed between stages.

A raw file becomes either a :class:`Document` (parse stage) or a :class:`Rejected`
record saying why it could not. Both are plain frozen dataclasses so that stages
stay pure functions of their inputs and results can be cached and compared.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date


def make_doc_id(source_file: str) -> str:
    """A document's identity: its path under the raw folder, hashed.

    Stable across runs and machines; a file whose content changes keeps its id and
    gets a new ``content_sha256``.
    """
    return hashlib.sha256(source_file.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Document:
    """One press release, cleaned: the unit that the NLP stage works on."""

    source_file: str  # path relative to the raw folder, POSIX separators
    text: str  # clean text: the title as first paragraph, then the body
    content_sha256: str  # of the raw bytes as stored
    title: str | None = None
    published: date | None = None
    publisher: str | None = None
    url: str | None = None
    source_format: str = "text"  # "text" or "html"
    encoding: str = "utf-8"  # how the raw bytes were decoded
    source_id: str | None = None  # the scrape source this came from, if any
    doc_id: str = field(default="")

    def __post_init__(self) -> None:
        if not self.doc_id:
            object.__setattr__(self, "doc_id", make_doc_id(self.source_file))


@dataclass(frozen=True)
class Rejected:
    """A raw file set aside, with a reason a person can act on."""

    source_file: str
    reason: str  # short machine-friendly code: empty, binary, undecodable, too_large, unreadable, no_text, ...
    detail: str = ""  # one human sentence


class RejectedInput(Exception):
    """Raised by parsers for input that cannot become a document."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail
