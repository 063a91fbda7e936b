from __future__ import annotations

from ...document.model import Document
from ...prose.suggest import either, match_case, replacement
from ...prose.vocabulary import doc_text, vocabulary
from ...prose.words import in_name, sentence_start
from ...registry import rule


@rule("S002", "misspelling-russian", fixable=True, severity="warning")
def misspelling_russian(doc: Document, ctx):
    """Finds misspelled Russian words in the prose.

    ## What it does
    Checks every Russian word of the prose (the same places as S001) with pymorphy3's
    dictionary, which knows every inflected form of its words: a word is known when the
    dictionary has it. Jargon stays quiet without a word list for each book:

    * ML-systems jargon booklint ships as lemmas (`rules/spelling/ru-*.txt`: `шардинг`,
      `батч`, `инференс`, `квантизовать`), so one entry covers every form;
    * words whose lemma the book uses consistently, at least `min-count` times in all
      (`батча`, `батчу` and `батчей` are three uses of `батч`);
    * a known prefix on a known word (`пере` + `конфигурировать`);
    * a capitalised word inside a sentence, taken as a name (`Крижевскому`).

    The book accepts more words, as lemmas, in `.booklint/words/*.txt` or in
    `[tool.booklint.spelling] words`. The finding suggests the likely correction (a known
    word one letter away, or the verb without or with its reflexive `-ся`/`-сь`).

    ## Why is this bad?
    A translation's typos are as visible as the original's, and a generic spell checker
    that does not inflect flags every second word of Russian technical prose.

    ## Example
    ```markdown
    Архитектура эволюционировалась вместе с ускорителями.
    ```

    ## Use instead
    ```markdown
    Архитектура эволюционировала вместе с ускорителями.
    ```
    """
    book = ctx.book
    v = vocabulary(book)
    if not v.cyrillic:
        return  # no Russian in the book: the dictionary is not even loaded
    from ...prose.russian import checker

    ch = checker(book, ctx.settings())
    dt = doc_text(book, doc)
    text = doc.text
    for w, si, a, b, comp in v.hits(dt, ch.unknown_words()):
        seg = dt.segments[si]
        cap = w[0].isupper()
        first = sentence_start(seg, a) if cap else False
        verdict = ch.check(w, first, seg.where, in_name=cap and in_name(seg, a, b), compound=comp)
        if verdict is None:
            continue
        _kind, sugg = verdict
        span = seg.span(a, b)
        sugg = [match_case(w, s) for s in sugg[:3]]
        msg = f"`{w}` is in neither the Russian dictionary nor the book's word lists."
        best = sugg[0] if len(sugg) == 1 else None
        if best:
            msg += f" Did you mean `{best}`?"
        elif sugg:
            msg += " Did you mean " + either(sugg) + "?"
        msg += " If the word is right, add its lemma to `.booklint/words/` or `[tool.booklint.spelling] words`."
        yield ctx.finding(doc, span, msg, fix=replacement(text, span, w, best))

