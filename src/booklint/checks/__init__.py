"""The checks: one package a family (links, images, math, ...), one module a rule.

Importing :func:`load_all` imports every rule module, which registers itself with
:mod:`booklint.registry` through the ``@rule`` decorator. A new family needs no
edit here: any package under ``booklint.checks`` is found.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil


@functools.cache
def load_all() -> None:
    import booklint.checks as pkg

    for info in pkgutil.walk_packages(pkg.__path__, prefix="booklint.checks."):
        importlib.import_module(info.name)
