"""Find the book: its root, its Markdown chapters, its other files, its site config.

The root is the nearest folder, from the path given upwards, holding ``booklint.toml``,
a ``pyproject.toml`` with ``[tool.booklint]``, a Jekyll ``_config.yml``, ``book.toml``,
``mkdocs.yml`` or ``.git``. Files are
chosen with gitignore-style patterns (pathspec): the book's ``.gitignore``, booklint's
built-in excludes, then the config's ``include`` / ``exclude``.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..document.source import split_lines

MARKDOWN_SUFFIXES = (".md", ".markdown")
ALWAYS_EXCLUDED = [".git/", ".hg/", ".svn/", "node_modules/", ".venv/", "venv/", "_site/", ".jekyll-cache/",
                   ".sass-cache/", ".bundle/", "vendor/", "__pycache__/", ".booklint_cache/", ".pytest_cache/"]
MAX_FILES = 200_000


def _has_tool_booklint(pyproject: Path) -> bool:
    try:
        import tomllib

        with pyproject.open("rb") as f:
            return "booklint" in tomllib.load(f).get("tool", {})
    except (OSError, ValueError):
        return False


ROOT_MARKERS = ("booklint.toml", "_config.yml", "book.toml", "mkdocs.yml", "mkdocs.yaml")


def find_root(start: Path) -> Path:
    """The book a path belongs to: the nearest folder, from ``start`` upwards, holding a booklint
    configuration, a Jekyll `_config.yml`, an mdBook `book.toml`, a `mkdocs.yml`, or `.git`.
    Never just the folder of a file: with no marker anywhere, the working folder when ``start``
    is inside it, else the folder given (or the file's folder)."""
    start = start.resolve()
    here = start if start.is_dir() else start.parent
    for d in (here, *here.parents):
        if any((d / m).is_file() for m in ROOT_MARKERS):
            return d
        if (d / "pyproject.toml").is_file() and _has_tool_booklint(d / "pyproject.toml"):
            return d
        if (d / ".git").exists():
            return d
    cwd = Path.cwd().resolve()
    if here == cwd or cwd in here.parents:
        return cwd
    return here


@dataclass
class BookFiles:
    root: Path
    markdown: list[str] = field(default_factory=list)  # relative, "/" separators, sorted
    others: set[str] = field(default_factory=set)  # every other file (assets, .bib, ...)
    dirs: set[str] = field(default_factory=set)
    outside_links: list[str] = field(default_factory=list)  # symlinks that point out of the root
    truncated: bool = False

    # the derived views below are computed once, after discover() has filled the lists

    @functools.cached_property
    def all_files(self) -> frozenset[str]:
        return frozenset(self.others | set(self.markdown))

    def exists(self, rel: str) -> bool:
        return rel in self.all_files or rel in self.dirs

    @functools.cached_property
    def _by_lower_case(self) -> dict[str, str]:
        m: dict[str, str] = {}
        for p in sorted(self.all_files | self.dirs):
            m.setdefault(p.lower(), p)
        return m

    def case_match(self, rel: str) -> str | None:
        """The path that exists when ``rel`` is compared without case, if any."""
        return self._by_lower_case.get(rel.lower())


def discover(root: Path, include: list[str] | None = None, exclude: list[str] | None = None) -> BookFiles:
    import pathspec

    root = root.resolve()
    ignore_lines = list(ALWAYS_EXCLUDED)
    gi = root / ".gitignore"
    if gi.is_file():
        try:
            ignore_lines += split_lines(gi.read_text(encoding="utf-8", errors="replace"))
        except OSError:
            pass
    ignore_lines += exclude or []
    ignored = pathspec.GitIgnoreSpec.from_lines(ignore_lines)
    wanted = pathspec.GitIgnoreSpec.from_lines(include) if include else None
    out = BookFiles(root)
    count = 0
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        rel_dir = os.path.relpath(dirpath, root)
        rel_dir = "" if rel_dir == "." else rel_dir.replace(os.sep, "/")
        keep = []
        for d in sorted(dirnames):
            rd = f"{rel_dir}/{d}" if rel_dir else d
            full = Path(dirpath) / d
            if ignored.match_file(rd + "/"):
                continue
            if full.is_symlink():
                if not _inside(full, root):
                    out.outside_links.append(rd)
                    continue
            keep.append(d)
            out.dirs.add(rd)
        dirnames[:] = keep
        for f in sorted(filenames):
            rf = f"{rel_dir}/{f}" if rel_dir else f
            if ignored.match_file(rf):
                continue
            full = Path(dirpath) / f
            if full.is_symlink() and not _inside(full, root):
                out.outside_links.append(rf)
                continue
            count += 1
            if count > MAX_FILES:
                out.truncated = True
                break
            if f.lower().endswith(MARKDOWN_SUFFIXES) and (wanted is None or wanted.match_file(rf)):
                out.markdown.append(rf)
            else:
                out.others.add(rf)
        if out.truncated:
            break
    out.markdown.sort()
    return out


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root)
        return True
    except (ValueError, OSError, RuntimeError):
        return False
