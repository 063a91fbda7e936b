"""A progress bar on stderr for long runs: only on a terminal, never in CI or when quiet.

It stays hidden for the first second (most runs end before) and is erased when the run
ends, so the report that follows is exactly what it would be without it.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

DELAY = 1.0  # seconds before the bar first shows
EVERY = 0.1  # seconds between redraws
LABELS = {"parse": "parsing", "check": "checking"}


def wanted(stream: TextIO, *, quiet: bool, fmt: str) -> bool:
    """A bar only for a person watching: a terminal, not CI, not -q, not a machine format."""
    if quiet or fmt != "text" or os.environ.get("CI"):
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Bar:
    def __init__(self, stream: TextIO | None = None, width: int = 30):
        self.stream = stream or sys.stderr
        self.width = width
        self.start = time.monotonic()
        self.last = 0.0
        self.shown = False

    def __call__(self, phase: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.start < DELAY or (now - self.last < EVERY and done < total):
            return
        self.last = now
        frac = done / total if total else 1.0
        fill = int(frac * self.width)
        label = LABELS.get(phase, phase)
        self.stream.write(f"\r{label:<9} [{'#' * fill}{'.' * (self.width - fill)}] {done}/{total}\x1b[K")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False
