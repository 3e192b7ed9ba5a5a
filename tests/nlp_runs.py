"""Running the project's rules pipeline on text written for a test."""
from __future__ import annotations


def run_pipeline(nlp, text: str, published: str | None = "2019-05-02", publisher: str | None = None):
    """The Doc the pipeline makes of ``text``, with the publication date and publisher
    the build would give it (relative dates resolve against ``published``)."""
    doc = nlp.make_doc(text)
    doc._.published, doc._.publisher = published, publisher
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc
