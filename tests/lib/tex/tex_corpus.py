"""Where the real books are (<repo>/../shared/corpus, or $BOOKLINT_CORPUS), and their math as
booklint checks it: every formula the math rules send to a renderer, from the engine's
Documents (booklint.engine.load_book), after the kramdown step, with its owning renderer."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
BOOKS = ("scaling-book-en", "scaling-book-ru")


def corpus_root() -> Path | None:
    """The corpus folder if both books are there (helpers.corpus_dir), else None."""
    from helpers import corpus_dir

    return corpus_dir()


def require_corpus() -> Path:
    root = corpus_root()
    if root is None:
        pytest.skip("the corpus books are not at <repo>/../shared/corpus and BOOKLINT_CORPUS is not set")
    return root


@dataclass(frozen=True)
class CorpusFormula:
    chapter: str        # e.g. "scaling-book-en/sharding.md"
    line: int           # 1-based line of the opening delimiter
    formula: object     # booklint.formulas.analysis.Formula: tex, renderer, display, problems


@cache
def load(book: str):
    from booklint.config import Config
    from booklint.engine import load_book

    return load_book(require_corpus() / book, Config())


@cache
def corpus_formulas() -> tuple[CorpusFormula, ...]:
    """Every formula of both books, in page order, as booklint's math rules check it."""
    from booklint.config import Config
    from booklint.formulas.analysis import analyze_document

    out = []
    for name in BOOKS:
        book = load(name)
        for rel in sorted(book.docs):
            doc = book.docs[rel]
            for f in analyze_document(book, doc, Config().family("math")).formulas:
                out.append(CorpusFormula(f"{name}/{rel}", doc.line_col(f.at)[0], f))
    return tuple(out)


def corpus_math_spans():
    """Every MathSpan of both books: (chapter, doc, span)."""
    for name in BOOKS:
        book = load(name)
        for rel in sorted(book.docs):
            doc = book.docs[rel]
            for m in doc.math:
                yield f"{name}/{rel}", doc, m
