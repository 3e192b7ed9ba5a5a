"""Personal data: phone numbers and e-mail addresses masked in a document's text.

Press releases name officials with their direct phone numbers and e-mail addresses.
The dataset needs the people and their roles, not how to reach them, so
``build --redact-contacts`` replaces each contact detail by a fixed placeholder before
the text is analysed: entity offsets, grant evidence and word counts are then all of
the masked text, and the same file always gives the same output (the setting is part
of the cache key). Switchboard numbers are masked too: a pattern cannot tell them apart.
"""
from __future__ import annotations

import dataclasses
import re

from pipeline.document import Document

PHONE_PLACEHOLDER = "[telefonnummer]"
EMAIL_PLACEHOLDER = "[e-postadress]"

# A Swedish phone number: +46 or a leading 0, an area code of 1-3 more digits, then
# 5-8 digits grouped by spaces or hyphens ("070-123 45 67", "08-123 456 78",
# "0303-123456", "+46 (0)31 123 45 67"). Not inside a word, a date ("2024-03-01"),
# an amount, a URL or a longer number.
PHONE = re.compile(r"""
    (?<![\w+\-/.,:])
    (?:\+46[ \u00a0-]?(?:\(0\)[ \u00a0-]?)?|0)
    \d{1,3}
    (?:[ \u00a0-]?\d){5,8}
    (?![\w-]?\d)
""", re.X)
# name@host.se, and the spelled-out "name(at)host.se" / "name [at] host.se".
EMAIL = re.compile(r"[\w.%+-]+(?:@|\s?[\[(]at[\])]\s?)[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}")


def redact_text(text: str) -> str:
    """``text`` with every e-mail address and phone number replaced by its placeholder."""
    return PHONE.sub(PHONE_PLACEHOLDER, EMAIL.sub(EMAIL_PLACEHOLDER, text))


def redact_document(document: Document) -> Document:
    """The document with contact details masked in its text and title."""
    text = redact_text(document.text)
    if text == document.text:
        return document
    title = redact_text(document.title) if document.title else document.title
    return dataclasses.replace(document, text=text, title=title)
