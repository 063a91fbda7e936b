"""Cheap "did you mean" suggestions for unknown command and environment names.

Only names of similar length are compared (a typo rarely changes the length by more than
two), and the comparison is difflib's ratio, so a suggestion costs a few hundred string
comparisons and is computed only when a name is unknown.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(name: str, candidates: Iterable[str], *, cutoff: float = 0.75) -> str | None:
    """The candidate most like ``name``, or None when nothing is close enough."""
    n = len(name)
    pool = [c for c in candidates if abs(len(c) - n) <= 2 and c != name]
    if not pool:
        return None
    same_start = [c for c in pool if c[:1] == name[:1]]
    for group in (same_start, pool):
        found = difflib.get_close_matches(name, group, n=1, cutoff=cutoff)
        if found:
            return found[0]
    return None
