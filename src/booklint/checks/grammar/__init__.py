"""Grammar (G): real-word slips in English prose that no spell checker sees.

The patterns are data (rules/grammar/en.yml), matched by booklint.prose.grammar over the
prose the spelling rules read; each rule reports the matches of its code.
"""

from __future__ import annotations

from ...registry import warmer


@warmer("grammar")
def _warm(pages: list[bytes]) -> None:
    from ...prose.grammar import load_tables

    load_tables()
