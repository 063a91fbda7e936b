"""Test helpers importable from any test module (`from helpers import lint, needs_corpus`)."""


from __future__ import annotations

import functools
import importlib.util
import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@functools.cache
def jekyll_oracle():
    """``tests/oracle/jekyll/oracle.py`` (a script, not a package) as a module: ``build(site, out)``
    runs Debian's Jekyll on a copy of a site and returns what it served; ``jekyll_available()``."""
    spec = importlib.util.spec_from_file_location("jekyll_oracle", REPO / "tests" / "oracle" / "jekyll" / "oracle.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def corpus_root() -> Path:
    """Where the real books are expected: ``$BOOKLINT_CORPUS``, else ``<repo>/../shared/corpus``."""
    env = os.environ.get("BOOKLINT_CORPUS")
    return Path(env) if env else REPO.parent / "shared" / "corpus"


def corpus_dir() -> Path | None:
    """The corpus folder if both books are there, else None."""
    root = corpus_root()
    if all((root / b).is_dir() for b in ("scaling-book-en", "scaling-book-ru")):
        return root.resolve()
    return None


def readme_block_text() -> str | None:
    """The BibTeX block of the English README (read from the corpus, never copied), or None."""
    readme = corpus_root() / "scaling-book-en" / "README.md"
    if not readme.is_file():
        return None
    lines = readme.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("@article{scaling-book"))
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("```"))
    return "\n".join(lines[start:end]) + "\n"


CORPUS = corpus_dir()
needs_corpus = pytest.mark.skipif(
    CORPUS is None,
    reason="the real books are not here: ../shared/corpus (or $BOOKLINT_CORPUS) holds scaling-book-en/-ru",
)


def corpus_book(name: str) -> Path:
    if CORPUS is None:
        pytest.skip("../shared/corpus is absent")
    return CORPUS / name


@pytest.fixture
def copy_book(tmp_path):
    """Copy a corpus book into a writable temp folder (the corpus is read-only)."""

    def _copy(name: str) -> Path:
        src = corpus_book(name)
        dst = tmp_path / name
        shutil.copytree(src, dst)
        for p in dst.rglob("*"):
            try:
                p.chmod(0o755 if p.is_dir() else 0o644)
            except OSError:
                pass
        dst.chmod(0o755)
        return dst

    return _copy


@pytest.fixture
def make_book(tmp_path):
    """Write files {relative path: text or bytes} into a fresh book folder."""

    def _make(files: dict[str, str | bytes], name: str = "book") -> Path:
        root = tmp_path / name
        root.mkdir(parents=True, exist_ok=True)
        for rel, content in files.items():
            p = root / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                p.write_bytes(content)
            else:
                p.write_text(content, encoding="utf-8")
        return root

    return _make


def lint(root: Path, *paths: str, select: list[str] | None = None, isolated: bool = False):
    from booklint import engine

    targets = [root / p for p in paths] if paths else [root]
    return engine.run(targets, engine.Options(select=select, isolated=isolated)).findings


def expected_list(path: Path) -> set[tuple[str, int, str]]:
    """Lines `path:line CODE — why` (blank lines and `#` comments ignored)."""
    out = set()
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        where, code = line.split()[:2]
        file, ln = where.rsplit(":", 1)
        out.add((file, int(ln), code))
    return out
