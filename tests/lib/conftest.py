"""Fixtures for the library tests (bibliography, cite): where the real books are, and the README block.

The corpus is read from ``$BOOKLINT_CORPUS`` or else from ``<repo>/../shared/corpus``;
tests that need it are skipped, with the path they looked at, when it is not there.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import corpus_root, jekyll_oracle, readme_block_text


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


@pytest.fixture(scope="session")
def jekyll_site(tmp_path_factory):
    """``jekyll_site(name)``: the Jekyll oracle's dump of corpus site ``name``, built once a session
    (each build takes seconds) and shared by every oracle test; skips where the site is absent."""
    cache: dict[str, dict] = {}

    def get(site: str) -> dict:
        if site not in cache:
            root = corpus_root() / site
            if not root.is_dir():
                pytest.skip(f"corpus site {site} not found at {root}")
            cache[site] = jekyll_oracle().build(root, tmp_path_factory.mktemp("oracle") / f"{site}.json")
        return cache[site]

    return get
