from ...document.model import Document
from ...registry import rule
from . import configured

KINDS = {"paragraph": "paragraph", "heading": "heading", "caption": "caption", "toc": "TOC name",
         "front matter": "front-matter text"}


@rule("P008", "untranslated-text")
def untranslated_text(doc: Document, ctx):
    """Finds paragraphs, headings, captions and TOC names left untranslated in a translated chapter.

    ## What it does
    In a chapter whose prose is at least half translated, reports each paragraph (and HTML block),
    heading, figure caption, front-matter TOC name, title, description and section name of three
    words or more that is word for word one of the
    original's, or, when the two languages use different scripts (English and Russian), that has
    no letter of the translation's script. Math, code, links and markup are left out before the
    words are compared. Chapters not started yet are `booklint status`'s business, not this rule's.

    ## Why is this bad?
    A paragraph skipped while translating is easy to miss in review: the page looks done.

    ## Example
    ```markdown
    ## Матричное умножение

    Let's look at our soon-to-be favorite algorithm: matrix multiplication.
    ```

    ## Use instead
    ```markdown
    ## Матричное умножение

    Рассмотрим наш любимый алгоритм: матричное умножение.
    ```
    """
    if not configured(ctx):
        return  # no original to compare with
    from ...translation import SourceError, pair_of, progress, source_book
    from ...translation.prose import TRANSLATED_SHARE
    settings = ctx.settings("translation")
    try:
        pair = pair_of(ctx.book, settings, doc.path)
        if pair is None or pair.identical:
            return
        src = source_book(ctx.book, settings)
    except SourceError:
        return
    assert src is not None
    pr = progress(ctx.book, doc, src, src.docs[pair.source_rel], settings)
    if not pr.units or pr.translated / pr.units < TRANSLATED_SHARE:
        return
    for unit, why in pr.untranslated:
        what = KINDS.get(unit.kind, unit.kind)
        if why == "identical":
            msg = f"This {what} is word for word the original's: it is not translated yet."
        else:
            msg = f"This {what} has no word in the translation's script: it is not translated yet."
        yield ctx.finding(doc, unit.span, msg)
