"""Where the real books are: <repo>/../shared/corpus, or $BOOKLINT_CORPUS."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BOOKS = ("scaling-book-en", "scaling-book-ru")


def corpus_root() -> Path | None:
    env = os.environ.get("BOOKLINT_CORPUS")
    candidates = [Path(env)] if env else []
    candidates.append(REPO / ".." / "shared" / "corpus")
    for c in candidates:
        if all((c / b).is_dir() for b in BOOKS):
            return c.resolve()
    return None


def require_corpus() -> Path:
    root = corpus_root()
    if root is None:
        pytest.skip("the corpus books are not at <repo>/../shared/corpus and BOOKLINT_CORPUS is not set")
    return root
