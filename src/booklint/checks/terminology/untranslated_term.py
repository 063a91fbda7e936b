from __future__ import annotations

import re

from ...document.model import Document
from ...prose.glossary import glossary, rendering_uses
from ...prose.vocabulary import doc_text, vocabulary
from ...registry import rule

_CYR = re.compile(r"[\u0400-\u04ff]")
_LAT = re.compile(r"[A-Za-z]")
RUSSIAN_SHARE = 0.5  # a segment is Russian prose when at least half its letters are Cyrillic


@rule("T004", "untranslated-term", severity="warning")
def untranslated_term(doc: Document, ctx):
    """Finds a glossary term left in English inside Russian prose (`batch size` for `размер батча`).

    ## What it does
    For each glossary term with a Russian rendering (`ru:` in a pack), looks for the
    English term (or a variant of it) inside Russian prose: a paragraph, heading or
    caption whose letters are mostly Cyrillic. English chapters of a partly translated
    book are not touched. With booklint's shipped packs, a finding needs the book itself
    to use the rendering somewhere (matched by lemma, so `размера батча` counts), which
    shows that the translation has chosen it; a term in the book's own
    `.booklint/terms/*.yml` is required everywhere. Terms whose rendering is the English
    term itself (`ru: AllGather`) stay English.

    ## Why is this bad?
    A reader of the translation meets the same idea under an English and a Russian name
    and has to guess that they are one; a translation that renders a term in one chapter
    and leaves it in English in another looks unfinished.

    ## Example
    ```markdown
    Как обучить модель с нужным batch size? Чем больше размер батча, тем выше интенсивность.
    ```

    ## Use instead
    ```markdown
    Как обучить модель с нужным размером батча? Чем больше размер батча, тем выше интенсивность.
    ```
    """
    book = ctx.book
    if not vocabulary(book).cyrillic:
        return
    g = glossary(book, ctx.settings())
    terms = [t for t in g.terms if t.ru and _CYR.search(t.ru)]
    if not terms:
        return
    dw = doc_text(book, doc)
    uses = rendering_uses(book, terms)
    terms.sort(key=lambda t: -len(t.term))
    for seg in dw.segments:
        s = seg.text
        if not _CYR.search(s) or not _russian(s):
            continue
        taken: list[tuple[int, int]] = []
        for t in terms:
            n = uses.get(t.term, 0)
            own = not t.pack.startswith("rules/")
            if not n and not own:
                continue
            for m in t.source_pattern().finditer(s):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                taken.append((m.start(), m.end()))
                count = f" ({n} uses)" if n else ""
                yield ctx.finding(doc, seg.span(m.start(), m.end()),
                                  f"`{m.group(0)}` is left in English in Russian prose; the book renders "
                                  f"`{t.term}` as `{t.ru}`{count}. Write it the same way here.")


def _russian(s: str) -> bool:
    cyr = len(_CYR.findall(s))
    lat = len(_LAT.findall(s))
    return cyr >= 20 and cyr >= RUSSIAN_SHARE * (cyr + lat)
