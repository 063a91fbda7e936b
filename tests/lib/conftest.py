"""Fixtures for the library tests (bibliography, cite): where the real books are, and the README block.

The corpus is read from ``$BOOKLINT_CORPUS`` or else from ``<repo>/../shared/corpus``;
tests that need it are skipped, with the path they looked at, when it is not there.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import corpus_root, readme_block_text


@pytest.fixture(scope="session")
def corpus() -> Path:
    root = corpus_root()
    if not (root / "scaling-book-en").is_dir():
        pytest.skip(f"corpus not found at {root} (set BOOKLINT_CORPUS to the folder holding scaling-book-en/-ru)")
    return root


@pytest.fixture(scope="session")
def readme_block(corpus) -> str:
    text = readme_block_text()
    assert text is not None
    return text
