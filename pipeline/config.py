"""Every setting of the build, with its default, in one place.

The CLI fills a :class:`BuildConfig` and takes its defaults from it; nothing else
reads the environment. The
config's fingerprint is part of the cache key, so changing a setting that affects
results reprocesses every document.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

# Where `make model` writes the project-trained NER model.
DEFAULT_MODEL_DIR = Path("models/sv_pressmine_ner")
# The pretrained spaCy pipelines tried, in order, when model="auto".
PRETRAINED_PIPELINES = ("sv_core_news_lg", "sv_core_news_md", "sv_core_news_sm")
# Largest raw file read as one press release (a release is tens of kilobytes).
MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class BuildConfig:
    """Settings that decide what `build` produces (and therefore the cache key)."""

    raw_dir: Path = Path("data/raw")
    out_dir: Path = Path("data/processed")
    # "auto": a pretrained sv_core_news_* pipeline if installed, else the project's
    # trained model if present, else rules only. Or "rules", a package name, or a path.
    model: str = "auto"
    model_dir: Path = DEFAULT_MODEL_DIR
    # Which entity finders decide the result: "all", or "rules"/"model" for ablations.
    entity_sources: str = "all"
    batch_size: int = 64
    # Worker processes for parsing and extraction; 0 = auto (as many as the cores and
    # the free memory allow, for builds large enough to be worth forking).
    n_process: int = 0
    max_file_bytes: int = MAX_FILE_BYTES
    # Longest clean text processed (spaCy's own default limit): a press release is a
    # few thousand characters, so a text past this is a page dump, set aside.
    max_text_chars: int = 1_000_000
    # Mask phone numbers and e-mail addresses in the stored text (pipeline/redact.py).
    redact_contacts: bool = False
    use_cache: bool = True
    show_progress: bool = True

    @classmethod
    def from_env(cls, **overrides) -> "BuildConfig":
        """Defaults, then PRESSMINE_* environment variables, then explicit overrides."""
        env = {}
        if "PRESSMINE_MODEL" in os.environ:
            env["model"] = os.environ["PRESSMINE_MODEL"]
        if "PRESSMINE_MODEL_DIR" in os.environ:
            env["model_dir"] = Path(os.environ["PRESSMINE_MODEL_DIR"])
        env.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**env)

    def result_fingerprint(self, pipeline_description: str) -> str:
        """Hash of everything that changes extraction results (not paths or speed knobs)."""
        relevant = {"pipeline": pipeline_description, "max_file_bytes": self.max_file_bytes,
                    "max_text_chars": self.max_text_chars, "entity_sources": self.entity_sources}
        if self.redact_contacts:  # only when on, so that existing caches stay valid
            relevant["redact_contacts"] = True
        return hashlib.sha256(json.dumps(relevant, sort_keys=True, default=str).encode()).hexdigest()[:16]
