"""Fixtures for the bibliography tests: where the real books are.

The corpus is read from ``$BOOKLINT_CORPUS`` or else from ``<repo>/../shared/corpus``;
tests that need it are skipped, with the path they looked at, when it is not there.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def corpus_root() -> Path:
    env = os.environ.get("BOOKLINT_CORPUS")
    return Path(env) if env else REPO.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def corpus() -> Path:
    root = corpus_root()
    if not (root / "scaling-book-en").is_dir():
        pytest.skip(f"corpus not found at {root} (set BOOKLINT_CORPUS to the folder holding scaling-book-en/-ru)")
    return root


def readme_block_text() -> str | None:
    """The BibTeX block of the English README (read from the corpus, never copied), or None."""
    readme = corpus_root() / "scaling-book-en" / "README.md"
    if not readme.is_file():
        return None
    lines = readme.read_text(encoding="utf-8").split("\n")
    start = next(i for i, l in enumerate(lines) if l.startswith("@article{scaling-book"))
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("```"))
    return "\n".join(lines[start:end]) + "\n"


@pytest.fixture(scope="session")
def readme_block(corpus) -> str:
    text = readme_block_text()
    assert text is not None
    return text
