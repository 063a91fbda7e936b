"""Git history: which commits of an original chapter came after its translation was last touched.

Read with the ``git`` command (``git log``), which every checkout that has history also has;
without git, or outside a repository, there is no history and nothing is called stale. The
original and the translation may live in one repository or in two: commits are compared by
their committer dates.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..book.model import Book

GIT_TIMEOUT = 20  # seconds; a hung git must not hang the run


@dataclass(frozen=True)
class Commit:
    sha: str
    time: int  # committer date, Unix seconds
    subject: str


def _git_log(path: Path) -> list[Commit] | None:
    """Commits that touched ``path``, newest first; None when there is no history."""
    git = shutil.which("git")
    if git is None or not path.is_file():
        return None
    try:
        res = subprocess.run(
            [git, "-C", str(path.parent), "log", "--format=%H%x09%ct%x09%s", "--", path.name],
            capture_output=True, timeout=GIT_TIMEOUT, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if res.returncode != 0:
        return None
    out = []
    for line in res.stdout.decode("utf-8", "replace").splitlines():
        parts = line.split("\t", 2)
        if len(parts) == 3 and parts[1].isdigit():
            out.append(Commit(parts[0], int(parts[1]), parts[2]))
    return out


def file_history(book: Book, path: Path) -> list[Commit] | None:
    """``git log`` of one file, once a run (None: no history)."""
    return book.memo(("translation.history", str(path)), lambda: _git_log(path))


def unfollowed_commits(book: Book, rel: str, source_root: Path, source_rel: str) -> list[Commit] | None:
    """Commits of the original chapter made after the translated chapter's last commit, newest
    first; None when either file has no history (no git, not committed)."""
    mine = file_history(book, book.root / rel)
    theirs = file_history(book, source_root / source_rel)
    if not mine or theirs is None:
        return None
    last = mine[0].time
    return [c for c in theirs if c.time > last]
