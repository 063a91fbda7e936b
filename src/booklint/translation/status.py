"""Translation progress per chapter, for ``booklint status``.

States: ``translated`` (at least 90% of the prose units translated), ``partly``, ``not
started`` (byte-identical to the original, or no unit translated), ``stale`` (translated or
partly, but the original changed after the translation was last committed), ``missing``
(the original's chapter has no page in the translation). Block counts come from the
skeleton alignment: the original's blocks, how many the translation pairs, how many of those
are equal.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from ..book.model import Book
from .align import chapter_alignment
from .history import unfollowed_commits
from .pairs import chapter_pairs, source_book, source_root, untranslated_chapters
from .prose import progress

DONE = 0.9
STATES = ("translated", "partly", "not started", "stale", "missing")


@dataclass
class ChapterStatus:
    chapter: str
    source: str
    state: str
    blocks: int = 0  # skeleton blocks of the original
    aligned: int = 0  # paired with a block of the translation
    equal: int = 0  # paired and equal
    units: int = 0  # prose units (paragraphs, headings, captions, TOC names) of the translation
    translated_units: int = 0
    unfollowed: list[str] = field(default_factory=list)  # original commits not followed: "abc1234 subject"


def status(book: Book, settings: Mapping[str, Any]) -> list[ChapterStatus]:
    src = source_book(book, settings)
    if src is None:
        return []
    root = source_root(book, settings)
    assert root is not None
    rows: list[ChapterStatus] = []
    for pair in chapter_pairs(book, settings):
        al = chapter_alignment(book, settings, pair)
        blocks, aligned, equal = al.counts
        pr = progress(book, book.docs[pair.rel], src, src.docs[pair.source_rel], settings)
        if pair.identical or pr.translated == 0:
            state = "not started"
        elif pr.units and pr.translated / pr.units >= DONE:
            state = "translated"
        else:
            state = "partly"
        unfollowed: list[str] = []
        if state != "not started":
            commits = unfollowed_commits(book, pair.rel, root, pair.source_rel)
            if commits:
                state = "stale"
                unfollowed = [f"{c.sha[:7]} {c.subject}" for c in commits]
        rows.append(ChapterStatus(pair.rel, pair.source_rel, state, blocks, aligned, equal, pr.units, pr.translated, unfollowed))
    for rel in untranslated_chapters(book, settings):
        rows.append(ChapterStatus("", rel, "missing"))
    return rows


def render_status(rows: list[ChapterStatus], fmt: str = "text") -> str:
    """``text`` (an aligned table), ``json`` or ``markdown`` (a table for a README)."""
    if fmt == "json":
        return json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2) + "\n"
    head = ["chapter", "state", "prose translated", "blocks aligned", "blocks equal", "original commits not followed"]
    body = [[r.chapter or f"({r.source})", r.state, f"{r.translated_units}/{r.units}", f"{r.aligned}/{r.blocks}",
             f"{r.equal}/{r.blocks}", "; ".join(r.unfollowed)] for r in rows]
    if not any(r.unfollowed for r in rows):
        head, body = head[:-1], [b[:-1] for b in body]
    counts = {s: sum(1 for r in rows if r.state == s) for s in STATES}
    total = ", ".join(f"{n} {s}" for s, n in counts.items() if n)
    if fmt == "markdown":
        lines = ["| " + " | ".join(head) + " |", "|" + "|".join(" --- " for _ in head) + "|"]
        lines += ["| " + " | ".join(c.replace("|", "\\|") for c in b) + " |" for b in body]
        return "\n".join(lines) + f"\n\n{len(rows)} chapters: {total}.\n"
    widths = [max(len(h), *(len(b[k]) for b in body)) if body else len(h) for k, h in enumerate(head)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(head, widths, strict=True)).rstrip()]
    lines += ["  ".join(c.ljust(w) for c, w in zip(b, widths, strict=True)).rstrip() for b in body]
    return "\n".join(lines) + f"\n\n{len(rows)} chapters: {total}.\n"
