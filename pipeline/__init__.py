"""pressmine: text mining of Swedish public-sector press releases on integration.

Stages, one subpackage each, in the order a document travels:
``scrape`` (web -> data/raw), ``parse`` (raw file -> Document), ``nlp`` (spaCy
components that find entities), ``normalize`` (pure functions that turn mentions
into integers, ISO dates and canonical names), ``dataset`` (typed Parquet tables).
``build`` ties them together.
"""

__version__ = "0.1.0"
