"""Where booklint's declarative rule data (the repository's ``rules/`` folder) lives.

In a wheel the folder is shipped as ``booklint/_rules``; in a source checkout (editable
install, tests) it is the ``rules/`` folder at the repository root. Code never hard-codes
either path: it asks :func:`rules_dir`.
"""

from __future__ import annotations

import functools
from pathlib import Path


@functools.cache
def rules_dir() -> Path:
    here = Path(__file__).resolve().parent
    shipped = here / "_rules"
    if shipped.is_dir():
        return shipped
    checkout = here.parent.parent / "rules"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError("booklint's rule data folder is missing from this installation")


def rules_path(*parts: str) -> Path:
    """Path of one file or folder inside the rule data, e.g. ``rules_path("math", "mathjax.json")``."""
    return rules_dir().joinpath(*parts)


def examples_dir() -> Path | None:
    """Each rule's examples, ``rules/examples/<CODE>/bad.md`` and ``good.md``: data beside the rest
    of the rule data, which ``booklint rule CODE`` prints and the tests run."""
    p = rules_path("examples")
    return p if p.is_dir() else None


def derived_dir() -> Path | None:
    """booklint's folder for data derived from installed packages (its own code's digest, the
    dictionaries it reads faster in its own format), or None.

    ``$BOOKLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/booklint``, else ``~/.cache/booklint``;
    ``BOOKLINT_NO_CACHE=1`` turns it off. Only what is derived from installed files lives there,
    named by their version or checksum, so deleting the folder is always safe.
    """
    import os

    if os.environ.get("BOOKLINT_NO_CACHE"):
        return None
    base = os.environ.get("BOOKLINT_CACHE_DIR")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME")
    try:
        return (Path(xdg) if xdg else Path.home() / ".cache") / "booklint"
    except RuntimeError:  # no home folder
        return None
