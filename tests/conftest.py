"""Fixtures shared by all tests; plain helpers live in helpers.py."""

from __future__ import annotations

from helpers import copy_book, make_book  # noqa: F401  (pytest fixtures)
