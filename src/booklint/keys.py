"""Settings as part of a memo key: tables and lists made hashable, in a stable order.

A library that memoises per settings (`book.memo(("bibliography.shelf", frozen(settings)), ...)`)
needs a key that two equal settings share; TOML tables and arrays are dicts and lists.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any


def frozen(value: Any) -> Hashable:
    if isinstance(value, dict):
        return tuple(sorted((str(k), frozen(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(frozen(v) for v in value)
    return value
