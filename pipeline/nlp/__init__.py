"""The spaCy pipeline: a Swedish base (pretrained, project-trained or blank) plus the
project's registered components, assembled from one description.

Component order: sentences -> [statistical NER] -> money -> dates -> gazetteer
(organisations, places) -> people -> entities (merge, filter, resolve) -> grants.
"""
from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language

import pipeline
from pipeline import resources
from pipeline.config import PRETRAINED_PIPELINES, BuildConfig
from pipeline.nlp import dates, entities, extensions, grants, money, organisations, people, sentences  # noqa: F401  (registers factories)

log = logging.getLogger(__name__)

PROJECT_COMPONENTS = ("pressmine_money", "pressmine_dates", "pressmine_gazetteer", "pressmine_people",
                      "pressmine_entities", "pressmine_grants")
MODEL_PIPES = ("tok2vec", "ner")


@dataclass(frozen=True)
class LoadedPipeline:
    nlp: Language
    base: str          # "rules", "pretrained:<name>" or "trained:<path>"
    description: str   # everything that changes results: versions, base model, data files

    @property
    def kind(self) -> str:
        return self.base.split(":", 1)[0]


def choose_base(config: BuildConfig) -> tuple[str, str | None]:
    """Which base to use: ("pretrained", name), ("trained", path) or ("rules", None)."""
    choice = config.model
    if choice == "rules":
        return "rules", None
    if choice == "auto":
        for name in PRETRAINED_PIPELINES:
            if spacy.util.is_package(name):
                return "pretrained", name
        if (Path(config.model_dir) / "meta.json").exists():
            return "trained", str(config.model_dir)
        return "rules", None
    if spacy.util.is_package(choice):
        return "pretrained", choice
    if (Path(choice) / "meta.json").exists():
        return "trained", choice
    raise ValueError(f"model {choice!r} is neither 'auto', 'rules', an installed spaCy package nor a model folder")


def describe_pipeline(config: BuildConfig) -> tuple[str, str]:
    """(base, description) without loading anything heavy: the cache key of a build."""
    kind, where = choose_base(config)
    base = kind if where is None else f"{kind}:{where}"
    if kind == "rules":
        version = "blank"
    else:
        meta = spacy.util.get_model_meta(spacy.util.get_package_path(where) if kind == "pretrained" else Path(where))
        version = f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}"
    description = (f"pressmine {pipeline.__version__}; spacy {spacy.__version__}; base {base} {version}; "
                   f"components {','.join(PROJECT_COMPONENTS)}; resources {resources_fingerprint()}")
    return base, description


def load_pipeline(config: BuildConfig | None = None) -> LoadedPipeline:
    config = config or BuildConfig()
    base, description = describe_pipeline(config)
    kind, where = choose_base(config)
    if kind == "rules":
        nlp = spacy.blank("sv")
    else:
        names = spacy.util.get_model_meta(
            spacy.util.get_package_path(where) if kind == "pretrained" else Path(where)).get("pipeline", [])
        nlp = spacy.load(where, exclude=[n for n in names if n not in MODEL_PIPES])
    nlp.add_pipe("pressmine_sentences", first=True)
    for name in PROJECT_COMPONENTS:
        nlp.add_pipe(name)
    log.info("NLP pipeline: %s", base)
    return LoadedPipeline(nlp, base, description)


def resources_fingerprint() -> str:
    """Hash of the data files and of the code that turns a raw file into rows, so that
    editing a word list or a rule invalidates cached results, not only a version bump."""
    package = Path(pipeline.__file__).parent
    files = [p for p in sorted(resources.resource_dir().iterdir()) if p.suffix in {".csv", ".txt", ".json", ".jsonl"}]
    for stage in ("parse", "nlp", "normalize", "dataset"):
        files += sorted((package / stage).glob("*.py"))
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
