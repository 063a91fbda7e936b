from __future__ import annotations

from dataclasses import replace

from ...document.model import Document
from ...prose.english_checker import TWO_CAPS, checker, pick
from ...prose.suggest import either, match_case, replacement
from ...prose.vocabulary import doc_text
from ...prose.words import code_like_at, in_author_list, in_name, named_by_link, not_english, sentence_start
from ...prose.works import work_of
from ...registry import rule


@rule("S001", "misspelling", fixable=True, severity="warning")
def misspelling(doc: Document, ctx):
    """Finds misspelled English words in the prose.

    ## What it does
    Checks every English word of the prose (paragraphs, headings, table cells, link text,
    captions, footnotes, `{% details %}` summaries, the front-matter `title` and
    `description`) against pyspellchecker's dictionary. Code, math, URLs, HTML and Liquid
    are never read. A word split by inline markup (`neg**lig**ible`) is read whole.

    It stays quiet about jargon without a word list for each book:

    * identifiers and units: words with digits or `_`, camelCase, ALLCAPS, `FLOPs`,
      `GB/s`, file names, URLs;
    * ML-systems jargon booklint ships (`rules/spelling/en-*.txt`);
    * words the work uses consistently, at least `min-count` times (default 3): a book's
      chapters are one work, each blog post another (`[tool.booklint.terminology] scope`);
    * regular derivations of known words (`bottlenecked`, `unsharded`, `rasterizes`),
      closed compounds of two known words (`codebase`), British spellings;
    * the text of a link whose address names it (`[rbenv](https://github.com/rbenv/rbenv)`);
    * a capitalised word before `et al.`, in a list of names (`Bos and Chug`) or in a
      hyphenated name (`Phan-Thien`);
    * a capitalised word inside a sentence, taken as a name (`Krizhevsky`), unless it is
      one letter away from a known name (`Pascall` for `Pascal`) or is a common word
      with two letters swapped (`Netowrk Interface Card`).

    Words pyspellchecker knows only as its rarest entries are not taken on trust when
    they are a common word with two letters swapped, and a derived or compound word is
    not accepted when it is such a typo (`threshhold` is not `thresh` + `hold`).

    The book accepts more words in `.booklint/words/*.txt` (one a line) or in
    `[tool.booklint.spelling] words`. The finding suggests the likely correction; when
    one is clear, an unsafe fix applies it (`--unsafe-fixes`).

    ## Why is this bad?
    A typo costs the reader's trust in the technical content around it, and spell
    checkers that flag every `einsum` and `AllGather` get switched off, so the typos stay.

    ## Example
    ```markdown
    Adding the two partial sums is negigible next to the matmul.
    ```

    ## Use instead
    ```markdown
    Adding the two partial sums is negligible next to the matmul.
    ```
    """
    book = ctx.book
    scope = ctx.settings("terminology").get("scope", "auto")
    ch = checker(book, ctx.settings(), scope, work_of(book, doc.path, scope))
    v = ch.vocab
    dt = doc_text(book, doc)
    lows, toks = ch.suspects()
    if dt.counts.keys().isdisjoint(toks):
        return  # no unknown or two-capital word on this page
    text = doc.text
    unknown = ch.unknown_words()
    foreign: dict[int, tuple[int, int] | None] = {}
    told = False
    for w, si, a, b, comp in v.hits(dt, lows, toks):
        if w.lower() not in unknown and not TWO_CAPS.match(w):
            continue
        seg = dt.segments[si]
        span = seg.span(a, b)
        if span.start >= 1 and "\\" in text[max(0, span.start - 2):span.start]:
            continue  # `\theta` outside math: a TeX command, not a word
        if code_like_at(text, span.start, span.end) or named_by_link(doc, span.start, span.end, w):
            continue
        if si not in foreign:
            foreign[si] = not_english(seg, ch.common)
        if foreign[si] is not None:
            if not told:
                told = True
                unknown_n, total = foreign[si]
                yield replace(ctx.finding(doc, span, (
                    f"This passage does not read as English ({unknown_n} of its {total} words are in no English "
                    "dictionary): filler text or another language. Its spelling is not checked.")), severity="info")
            continue
        cap = w[0].isupper()
        first = sentence_start(seg, a) if cap else False
        verdict = ch.check(w, first, seg.where, in_name=cap and in_name(seg, a, b),
                           prefix=comp is not None and seg.text.startswith("-", b),
                           author=cap and in_author_list(seg, a, b))
        if verdict is None:
            continue
        kind, sugg = verdict
        if kind in ("name", "caps"):
            best, show = sugg[0], sugg[:1]
        else:
            best, show = pick(sugg, ch.lex.freq, ch.vocab.latin.get)
        best = match_case(w, best) if best else None
        show = [match_case(w, s) for s in show]
        if kind == "name":
            msg = f"`{w}` looks like a misspelling of the name `{best}`."
        elif kind == "caps":
            msg = f"`{w}` has its second letter in capitals. Did you mean `{best}`?"
        else:
            msg = f"`{w}` is in neither the English dictionary nor the book's word lists."
            if best:
                msg += f" Did you mean `{best}`?"
            elif show:
                msg += " Did you mean " + either(show) + "?"
        if kind != "caps":
            msg += " If the word is right, add it to `.booklint/words/` or `[tool.booklint.spelling] words`."
        yield ctx.finding(doc, span, msg, fix=replacement(text, span, w, best))

