"""Text helpers the pure finders share."""
from __future__ import annotations


def same_length_lower(text: str) -> str:
    """Lower-cased text with unchanged offsets (a few characters grow when lower-cased:
    those are left as written), so a match in it is a match at the same place in ``text``."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
