"""Fixtures shared by all tests; plain helpers live in helpers.py.

Every run draws a fresh Hypothesis seed (the fuzz suite keeps looking for new inputs), unless
``--hypothesis-seed`` or ``BOOKLINT_FUZZ_SEED`` names one; the seed is printed in the header and
again at the end, so a failure can be replayed with ``pytest --hypothesis-seed=SEED``.
"""

from __future__ import annotations

import os
import random

from helpers import copy_book, make_book  # noqa: F401  (pytest fixtures)

_SEED: list[int] = []


def pytest_configure(config):
    from hypothesis import core

    given = config.getoption("--hypothesis-seed", default=None) or os.environ.get("BOOKLINT_FUZZ_SEED")
    seed = int(given) if given is not None and str(given).isdigit() else random.SystemRandom().randrange(1 << 32)
    os.environ["BOOKLINT_FUZZ_SEED"] = str(seed)  # pytest-xdist's workers start after this: they share the seed
    core.global_force_seed = seed
    _SEED[:] = [seed]


def pytest_report_header(config):
    return f"hypothesis seed: {_SEED[0]} (replay with --hypothesis-seed={_SEED[0]})" if _SEED else None


def pytest_terminal_summary(terminalreporter):
    if _SEED:
        terminalreporter.write_line(f"hypothesis seed: {_SEED[0]} (replay with --hypothesis-seed={_SEED[0]})")
