from __future__ import annotations

from ...document.model import Document, Span
from ...findings import Edit, Fix
from ...prose import mojibake as damage
from ...registry import rule


def _short(s: str, limit: int = 32) -> str:
    return s if len(s) <= limit else s[: limit - 1] + "…"


@rule("E006", "mojibake", fixable=True)
def mojibake(doc: Document, ctx):
    """Finds text that went through a wrong encoding (`ÐŸÑ€Ð¸Ð²ÐµÑ‚`, `–ü—Ä–∏–≤–µ—Ç`, `cafÃ©`).

    ## What it does
    Tests every word that is not plain ASCII with a strict round trip: encode it as
    Windows-1252, Latin-1, Mac Roman, Windows-1251 or KOI8-R, decode the bytes as UTF-8,
    and keep the result only if that succeeds and gives shorter, ordinary text in one
    script (up to three layers of damage are undone). Findings are per line; the fix
    (ftfy's `fix_encoding`, or ftfy applying the encoding the round trip found) restores
    the original characters exactly. Lines that only ftfy can repair (bytes were lost on
    the way) are reported too, with a fix marked unsafe.

    ## Why is this bad?
    Readers see gibberish instead of the words, and every later edit of the file keeps it.
    It happens when a UTF-8 file is opened or pasted as Windows-1252, Mac Roman or
    Windows-1251 and saved again.

    ## Example
    ```markdown
    РљР°Рє РјР°СЃС€С‚Р°Р±РёСЂРѕРІР°С‚СЊ РјРѕРґРµР»СЊ
    ```

    ## Use instead
    ```markdown
    Как масштабировать модель
    ```
    """
    src = doc.source
    if src.binary or src.decode_problems:
        return  # not valid UTF-8: invalid-utf8 speaks for it, and a fix could not be written back
    text = doc.text
    rep = damage.report(ctx.book, doc)
    if not rep.damages and not rep.lossy:
        return
    by_line: dict[int, list[damage.Damage]] = {}
    for d in rep.damages:
        by_line.setdefault(src.line_col(d.start)[0], []).append(d)
    for line in sorted(by_line):
        ds = by_line[line]
        edits = tuple(Edit(a, b, new) for a, b, new in damage.repair_line(text, ds))
        first = ds[0]
        via = " then ".join(damage.LABELS[e] for e in reversed(first.layers))
        words = f"{len(ds)} words" if len(ds) > 1 else "a word"
        fix = Fix(f"Decode {words} back to UTF-8", edits)
        yield ctx.finding(doc, Span(ds[0].start, ds[-1].end),
                          f"This line has {words} of UTF-8 text that was read as {via} and saved again "
                          f"(`{_short(text[first.start:first.end])}` was `{_short(first.fixed)}`). "
                          f"The fix restores the original text.", fix=fix)
    for a, b, fixed in rep.lossy:
        fix = Fix("Repair the line with ftfy (check the result: some bytes were lost)", (Edit(a, b, fixed),), safe=False)
        yield ctx.finding(doc, Span(a, b),
                          f"This line looks like UTF-8 text read with a wrong encoding, partly or with some bytes lost; "
                          f"ftfy would make it “{_short(fixed, 60)}”. Check that, then apply the fix or retype the line.",
                          fix=fix)
