"""Plain-text press releases: headline, publication date and clean body.

Most input is a release copied from a web page as text, so it carries page remnants
(menus, notices, logos, markdown, empty labels, media-player times). The layout of a
Swedish release page is stable: optional site chrome, then the headline as a short
stand-alone line, a dateline just above or below it, then lead and body, and often a
contact block at the end. Lines are cleaned one by one (:mod:`pipeline.parse.lines`),
grouped into blank-line separated blocks, and the top of the page is read for headline
and furniture (:mod:`pipeline.parse.headline`) and for the stated publication date
(:mod:`pipeline.parse.published`). Everything is regex; no date parser runs over the body.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .headline import ORG_LINE, fold, is_body_paragraph, read_top, title_shape
from .lines import (
    BOILERPLATE,
    EMPTY_LABEL,
    HEADER_NOISE,
    LinePatterns,
    clean_line,
    is_boilerplate,
    is_caption,
    is_date_label,
    normalise_spaces,
    tidy_line,
)
from .published import find_published
from .tables import unglue_table_rows

__all__ = ["BOILERPLATE", "EMPTY_LABEL", "HEADER_NOISE", "LinePatterns", "TextArticle", "clean_line", "is_body_paragraph",
           "is_boilerplate", "is_caption", "normalise_spaces", "parse_plain_text", "tidy_line", "title_shape"]


@dataclass(frozen=True)
class TextArticle:
    title: str | None
    published: dt.date | None
    text: str  # clean body WITHOUT the title


def _blocks(raw: str) -> list[list[str]]:
    """Clean lines grouped into paragraphs (blank-line separated); UI lines removed, but
    not bare date labels ("Publicerad:"), which tell where the headline is."""
    blocks: list[list[str]] = []
    cur: list[str] = []
    for raw_line in normalise_spaces(raw).split("\n"):
        line = tidy_line(raw_line)
        if not line:
            if cur:
                blocks.append(cur)
                cur = []
            continue
        if is_boilerplate(line) and not is_date_label(line):
            continue
        if cur and line == cur[-1]:  # image alt text followed by the same caption
            continue
        cur.append(line)
    if cur:
        blocks.append(cur)
    return blocks


def parse_plain_text(raw: str) -> TextArticle:
    """Headline, stated publication date and clean body of a release given as text."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    blocks = [unglue_table_rows(block) for block in _blocks(raw)]
    published, date_pos = find_published(blocks)
    top = read_top(blocks, date_pos)
    title, title_pos = top.title, top.title_pos

    # Body: everything else; org-name lines and duplicates of the title above it go.
    out: list[str] = []
    for bi, block in enumerate(blocks):
        keep = []
        for li, line in enumerate(block):
            if (bi, li) in top.drop or (bi, li) == title_pos:
                continue
            if title_pos and bi <= title_pos[0] and (ORG_LINE.match(line) or fold(line) == fold(title)):
                continue
            keep.append(line)
        para = "\n".join(keep)
        if para and not (out and para == out[-1]):  # caption repeated as its own paragraph
            out.append(para)
    return TextArticle(title=title, published=published, text="\n\n".join(out))
