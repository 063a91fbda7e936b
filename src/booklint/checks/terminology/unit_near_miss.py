from __future__ import annotations

from ...document.model import Document
from ...findings import Edit, Fix
from ...prose.units import unit_slips, unit_table
from ...registry import rule


@rule("T010", "unit-near-miss", fixable=True, severity="warning")
def unit_near_miss(doc: Document, ctx):
    """Finds units after a number that are one slip away from a known unit (`2.4 GzH`).

    ## What it does
    Reads each number in the prose that a unit follows (`2.4 GHz`, `5TB/s`) and reports the
    unit when it is not in the book's unit table but is a known unit in another case
    (`5 TB/S`, `2.4 Ghz`) or one letter added, dropped, changed or swapped with its neighbour
    (`2.4 GzH`). Only tokens that look like units (a capital letter or a slash) are read, a
    plural `s` is not a slip (`4 GBs`), and a known unit is never flagged (`10 ns`).

    The table is data: `rules/units/*.txt` (units of ML systems and hardware, with their
    Russian renderings: `ГБ/с`, `мс`). A book adds its own units in
    `[tool.booklint.terminology] units = [...]` and chooses shipped tables with `unit-packs`.
    The unsafe fix writes the known unit.

    ## Why is this bad?
    A spell checker passes `GzH` and `TB/S` as jargon, but a reader pauses, and `S` is
    siemens, `Tb` is terabits: a wrong case changes the quantity.

    ## Example
    ```markdown
    The core runs at 2.4 GzH and reads HBM at 5 TB/S.
    ```

    ## Use instead
    ```markdown
    The core runs at 2.4 GHz and reads HBM at 5 TB/s.
    ```
    """
    settings = ctx.settings()
    packs = settings.get("unit-packs")
    packs = None if packs is None else tuple(packs)
    extra = tuple(settings.get("units") or ())
    table = ctx.book.memo(("prose.units", packs, extra), lambda: unit_table(packs, extra))
    for slip in unit_slips(doc, table):
        yield ctx.finding(doc, slip.span, (
            f"`{slip.number}{slip.gap}{slip.written}`: `{slip.written}` is not a unit; did you mean `{slip.meant}`? "
            "If the unit is right, add it to `[tool.booklint.terminology] units`."),
            fix=Fix(f"Write `{slip.meant}`", (Edit(slip.span.start, slip.span.end, slip.meant),), safe=False))
