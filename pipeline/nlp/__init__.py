"""The spaCy pipeline: a Swedish base (pretrained, project-trained or blank) plus the
project's registered components, described by ``config.cfg`` beside this module.

Component order: sentences -> [statistical NER] -> money -> dates -> gazetteer
(organisations, places) -> people -> entities (merge, filter, resolve) -> topics
(relevance, themes, target groups) -> grants. A built pipeline saves with
``nlp.to_disk`` and loads with ``spacy.load`` in any process: spaCy finds the
factories through the ``spacy_factories`` entry points.

Importing this package is cheap: spaCy and the components load only in
:func:`load_pipeline`, so a rebuild served entirely from the cache never pays for them.
"""
from __future__ import annotations

import configparser
import functools
import hashlib
import importlib.metadata
import importlib.util
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

import pipeline
from pipeline import resources
from pipeline.config import PRETRAINED_PIPELINES, BuildConfig

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)

CONFIG_PATH = Path(__file__).with_name("config.cfg")
MODEL_PIPES = ("tok2vec", "ner")


@functools.cache
def project_components() -> tuple[str, ...]:
    """The components of config.cfg, in order (read without importing spaCy)."""
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(CONFIG_PATH, encoding="utf-8")
    return tuple(json.loads(parser["nlp"]["pipeline"]))


@dataclass(frozen=True)
class LoadedPipeline:
    nlp: "Language"
    base: str          # "rules", "pretrained:<name>" or "trained:<path>"

    @property
    def kind(self) -> str:
        return self.base.split(":", 1)[0]


def is_installed(package: str) -> bool:
    """Whether a spaCy pipeline package is importable, without importing spaCy."""
    return importlib.util.find_spec(package) is not None


def model_meta(kind: str, where: str) -> dict[str, Any]:
    """meta.json of an installed pipeline package or a model folder."""
    folder = Path(where) if kind == "trained" else Path(importlib.util.find_spec(where).origin).parent
    candidates = [folder / "meta.json", *folder.glob("*/meta.json")]
    for path in candidates:
        if path.exists():
            return json.loads(path.read_text(encoding="utf-8"))
    return {}


def choose_base(config: BuildConfig) -> tuple[str, str | None]:
    """Which base to use: ("pretrained", name), ("trained", path) or ("rules", None)."""
    choice = config.model
    if choice == "rules":
        return "rules", None
    if choice == "auto":
        for name in PRETRAINED_PIPELINES:
            if is_installed(name):
                return "pretrained", name
        if (Path(config.model_dir) / "meta.json").exists():
            return "trained", str(config.model_dir)
        return "rules", None
    if (Path(choice) / "meta.json").exists():
        return "trained", choice
    if choice.isidentifier() and is_installed(choice):
        return "pretrained", choice
    raise ValueError(f"model {choice!r} is neither 'auto', 'rules', an installed spaCy package nor a model folder")


def base_name(kind: str, where: str | None) -> str:
    """How builds name their base: "rules", "pretrained:<name>" or "trained:<path>"."""
    return kind if where is None else f"{kind}:{where}"


def describe_pipeline(config: BuildConfig) -> tuple[str, str]:
    """(base, description) without loading anything heavy: the cache key of a build."""
    kind, where = choose_base(config)
    base = base_name(kind, where)
    version = "blank"
    if kind != "rules":
        meta = model_meta(kind, where)
        version = f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}"
        if kind == "trained":  # retraining keeps the name and version but changes the weights
            version += f" weights {folder_fingerprint(Path(where))}"
    description = (f"pressmine {pipeline.__version__}; spacy {importlib.metadata.version('spacy')}; "
                   f"base {base} {version}; components {','.join(project_components())}; "
                   f"resources {resources_fingerprint()}")
    return base, description


def pipeline_config(config: BuildConfig):
    """config.cfg with the build's settings applied (which entity finders decide)."""
    from spacy.util import load_config

    described = load_config(CONFIG_PATH)
    for name in ("pressmine_entities", "pressmine_places"):
        described["components"][name]["sources"] = config.entity_sources
    return described


def load_pipeline(config: BuildConfig | None = None) -> LoadedPipeline:
    """The pipeline config.cfg describes, on the base :func:`choose_base` picks."""
    import spacy
    from spacy.util import load_model_from_config

    import pipeline.nlp.components  # noqa: F401  (registers the factories without the entry points)
    from pipeline.nlp.tokenizer import split_number_ranges

    config = config or BuildConfig()
    kind, where = choose_base(config)  # not describe_pipeline: hashing the model folder is the build's job
    described = pipeline_config(config)
    if kind == "rules":
        nlp = load_model_from_config(described, auto_fill=True, validate=True)
    else:
        names = model_meta(kind, where).get("pipeline", [])
        nlp = spacy.load(where, exclude=[n for n in names if n not in MODEL_PIPES])
        for position, name in enumerate(described["nlp"]["pipeline"]):
            settings = dict(described["components"][name])
            nlp.add_pipe(settings.pop("factory"), name=name, config=settings, first=True if position == 0 else None)
    split_number_ranges(nlp)
    nlp.max_length = max(nlp.max_length, config.max_text_chars)  # the build sets longer texts aside itself
    base = base_name(kind, where)
    log.info("NLP pipeline: %s", base)
    return LoadedPipeline(nlp, base)


def folder_fingerprint(folder: Path) -> str:
    """Hash of every file in a model folder (names and contents): a retrained model
    invalidates the cached results of the one it replaced."""
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return _files_fingerprint((path.relative_to(folder).as_posix(), path) for path in files)


def resources_fingerprint() -> str:
    """Hash of the data files and of the code that turns a raw file into rows, so that
    editing a word list or a rule invalidates cached results, not only a version bump."""
    package = Path(pipeline.__file__).parent
    files = [p for p in sorted(resources.resource_dir().iterdir()) if p.suffix in {".csv", ".txt", ".json", ".jsonl"}]
    for stage in ("parse", "nlp", "normalize", "dataset", "topics"):
        files += sorted(p for p in (package / stage).rglob("*") if p.suffix in {".py", ".cfg"})
    return _files_fingerprint((path.relative_to(package).as_posix(), path) for path in files)


def _files_fingerprint(named_files: Iterable[tuple[str, Path]]) -> str:
    """Hash of the files' names and contents (read in chunks: a model holds tens of MB)."""
    digest = hashlib.sha256()
    for name, path in named_files:
        digest.update(name.encode())
        with open(path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    return digest.hexdigest()[:12]
