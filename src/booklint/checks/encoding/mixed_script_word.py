"""Words that mix Latin and Cyrillic letters (`Cвет` with a Latin C)."""

from __future__ import annotations

import re

from ...document.model import Document, Span
from ...findings import Edit, Fix
from ...prose.mojibake import in_mojibake, mojibake_regions
from ...registry import rule

# letters that look the same in both scripts (only Russian letters on the Cyrillic side)
LAT_TO_CYR = dict(zip("ABCEHKMOPTXaceopxy", "АВСЕНКМОРТХасеорху", strict=False))
CYR_TO_LAT = {v: k for k, v in LAT_TO_CYR.items()}
CYR_TO_LAT.update(dict(zip("іјѕІЈЅ", "ijsIJS", strict=False)))
_LETTERS = re.compile(r"[^\W\d_]+")
_HAS_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")
_HAS_CYRILLIC = re.compile("[\u0400-\u052f]")
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]")
_CYRILLIC_LETTER = re.compile("[\u0400-\u0481\u048a-\u052f]")
_TO_CYR = str.maketrans(LAT_TO_CYR)
_TO_LAT = str.maketrans(CYR_TO_LAT)


def check_word(w: str):
    """(fixed word or None, description) for a mixed-script word, or None if the word is fine."""
    if not _HAS_CYRILLIC.search(w) or not _HAS_LATIN.search(w):
        return None
    lat = _LATIN_LETTER.findall(w)
    cyr = _CYRILLIC_LETTER.findall(w)
    if not lat or not cyr:
        return None
    lat_anchor = [c for c in lat if c not in LAT_TO_CYR]
    cyr_anchor = [c for c in cyr if c not in CYR_TO_LAT]
    if cyr_anchor and not lat_anchor:
        fixed = w.translate(_TO_CYR)
        return fixed, "Latin", "Cyrillic", "".join(dict.fromkeys(lat)), True
    if lat_anchor and not cyr_anchor:
        fixed = w.translate(_TO_LAT)
        return fixed, "Cyrillic", "Latin", "".join(dict.fromkeys(cyr)), True
    if not lat_anchor and not cyr_anchor:
        # every letter exists in both scripts: go with the majority, if there is one
        if len(cyr) > len(lat):
            return w.translate(_TO_CYR), "Latin", "Cyrillic", "".join(dict.fromkeys(lat)), False
        if len(lat) > len(cyr):
            return w.translate(_TO_LAT), "Cyrillic", "Latin", "".join(dict.fromkeys(cyr)), False
        return None
    # letters only one script has, on both sides: a slip only if one side is a single letter in a longer word
    if len(w) >= 4 and len(lat) == 1:
        return None, "Latin", "Cyrillic", lat[0], False
    if len(w) >= 4 and len(cyr) == 1:
        return None, "Cyrillic", "Latin", cyr[0], False
    return None


@rule("E007", "mixed-script-word", fixable=True, severity="warning")
def mixed_script_word(doc: Document, ctx):
    """Finds words that mix Latin and Cyrillic letters (`Cвет` written with a Latin `C`).

    ## What it does
    Reads the prose (and front-matter text) word by word and reports a word that has
    letters of both scripts, when one script's letters are look-alikes of the other's
    (Latin `C`, `o`, `p` inside a Russian word; Cyrillic `а`, `е`, `с` inside an English
    one), or a single letter of one script in a longer word of the other. Words like
    `TPU-чипы` are two words and are not reported. The fix replaces the look-alikes with
    the word's own script when the other letters decide it.

    ## Why is this bad?
    The word looks right but is a different string: search, spell checkers and hyphenation
    do not recognise it, and a translation slip goes unnoticed.

    ## Example
    ```markdown
    Cвет проходит через линзу.
    ```

    ## Use instead
    ```markdown
    Свет проходит через линзу.
    ```
    """
    text = doc.text
    if text.isascii():
        return
    moj = None
    runs = [(r.span.start, r.text) for r in doc.prose]
    fm = doc.front_matter
    if fm is not None and isinstance(fm.data, dict):
        for span in fm.value_spans.values():
            runs.append((span.start, text[span.start : span.end]))
    seen: set[int] = set()
    for base, s in runs:
        if s.isascii() or _HAS_CYRILLIC.search(s) is None or _HAS_LATIN.search(s) is None:
            continue  # no word in it can have letters of both scripts (check_word's first test)
        for m in _LETTERS.finditer(s):
            w = m.group(0)
            if w.isascii():
                continue
            got = check_word(w)
            if got is None:
                continue
            start = base + m.start()
            if start in seen:
                continue
            if moj is None:
                moj = mojibake_regions(ctx.book, doc)
            if in_mojibake(moj, start):
                continue
            seen.add(start)
            fixed, foreign, native, letters, safe = got
            fix = None
            if fixed is not None:
                fix = Fix(f"Write `{fixed}` in {native} letters only", (Edit(start, start + len(w), fixed),), safe=safe)
            letter_s = "letter" if len(letters) == 1 else "letters"
            yield ctx.finding(doc, Span(start, start + len(w)),
                              f"`{w}` mixes scripts: the {foreign} {letter_s} `{letters}` in a {native} word look the same "
                              f"but are different characters, so search and spell checking miss the word."
                              + (f" Write `{fixed}`." if fixed else f" Retype the {foreign} letter."), fix=fix)
