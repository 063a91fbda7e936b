"""`booklint check --watch`: check, then check again whenever a file of the book changes,
printing only what changed (new findings in full, fixed ones one line each).

File events come from watchfiles (a well-kept Rust notify binding: inotify on Linux, FSEvents on
macOS, with its own debounce), so a save that writes a file in several steps is one change.
The book stays loaded between changes (:class:`booklint.server.live.LiveBook`): a changed page
is parsed again and the book-wide indexes rebuilt; any other change reloads the book.
"""

from __future__ import annotations

import datetime as _dt
import threading
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from ..engine import Options
from ..findings import Finding
from .live import LiveBook

#: Folders whose changes never concern the book's sources: a site build, caches, VCS, packages.
IGNORED_DIRS = frozenset({".git", "_site", ".jekyll-cache", ".sass-cache", ".booklint_cache", "node_modules",
                          "__pycache__", ".venv", ".pytest_cache"})


def identity(live: LiveBook, f: Finding) -> tuple:
    """What a finding is, whatever line it moved to: its file, rule, message and the text of its line."""
    doc = live.book.docs.get(f.path)
    line = doc.source.line_text(f.line) if doc is not None and f.line <= doc.source.line_count else ""
    return (f.path, f.code, f.message, line)


def difference(live: LiveBook, before: list[tuple], after: list[Finding]) -> tuple[list[Finding], int]:
    """(the findings of ``after`` that ``before`` did not have, how many of ``before`` went away)."""
    left = Counter(before)
    new = []
    for f in after:
        k = identity(live, f)
        if left[k]:
            left[k] -= 1
        else:
            new.append(f)
    return new, sum(left.values())


def _relevant(root: Path) -> Callable[[object, str], bool]:
    def keep(_change: object, path: str) -> bool:
        try:
            parts = Path(path).resolve().relative_to(root).parts
        except ValueError:
            return False
        return not any(p in IGNORED_DIRS for p in parts)

    return keep


def watch(paths: list[Path], opts: Options, show: Callable[[list[Finding], LiveBook], None],
          say: Callable[[str], None], *, targets: Callable[[LiveBook], set[str] | None],
          stop: threading.Event | None = None) -> None:
    """Check ``paths``, then again on every change, until ``stop`` is set (or Ctrl-C).

    ``show`` prints findings, ``say`` prints a status line, ``targets`` names the files to
    report on (None: the whole book)."""
    import watchfiles

    live = LiveBook.for_path(paths[0], opts)
    chosen = targets(live)
    found = live.check(chosen)
    show(found, live)
    say(f"{len(found)} finding{'s' * (len(found) != 1)}. Watching {live.root} for changes (Ctrl-C to stop).")
    before = [identity(live, f) for f in found]
    try:
        for changes in watchfiles.watch(live.root, watch_filter=_relevant(live.root), stop_event=stop,
                                        rust_timeout=500, yield_on_timeout=False):
            rels = sorted({p.resolve().relative_to(live.root).as_posix() for _c, path in changes
                           if (p := Path(path)).resolve().is_relative_to(live.root)})
            if not rels:
                continue
            live.reread(rels)
            chosen = targets(live)
            found = live.check(chosen)
            new, gone = difference(live, before, found)
            before = [identity(live, f) for f in found]
            when = _dt.datetime.now().strftime("%H:%M:%S")
            names = ", ".join(rels[:3]) + (f" and {len(rels) - 3} more" if len(rels) > 3 else "")
            say(f"[{when}] {names} changed: {len(new)} new, {gone} fixed, {len(found)} in all.")
            if new:
                show(new, live)
    except KeyboardInterrupt:
        pass
