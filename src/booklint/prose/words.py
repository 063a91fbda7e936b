"""Words of a book's prose, each with its exact place in the source.

Prose comes only from ``doc.prose`` (paragraphs, headings, table cells, link text,
captions, alt text: code, math, HTML tags and Liquid are already cut out by the parser),
plus the front-matter ``title`` and ``description`` and the summary of a
``{% details ... %}`` tag, which the reader sees as the clickable line of the answer box.

Runs that only inline formatting separates (``neg**lig**ible``, ``the *the*``, a link's
``[`` and ``](url)``, a soft line break) are joined into one *segment* as the reader sees
it, so a word split by markup is still one word and is reported at its exact span. A
code span, math, a footnote or a citation breaks the segment.

This module is pure Python (no dictionaries): both the spelling and the terminology
rules read words through it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from ..document.model import Document, Span, TextRun

# A gap between two prose runs that renders as nothing (or as one space): whitespace,
# emphasis markers, a link's `[` / `](dest)` / `][ref]`, formatting HTML tags.
_GAP_OK = re.compile(
    r"(?:\s|\*{1,3}|_{1,3}|~~|\[|\]\([^()\s]*(?:\s+\"[^\"]*\")?\)|\]\[[^\]]*\]|\]"
    r"|</?(?:a|b|i|em|strong|u|span|mark|font)\b[^<>]*>)*"
)
_SPACE = re.compile(r"\s")  # the same characters as str.isspace
_NEW_BLOCK = re.compile(r"\n[ \t]*\n|\n[ \t]*(?:[*+\->#|]|\d{1,9}[.)])[ \t]")
_JOINABLE = {"paragraph": "p", "link": "p", "heading": "h", "table": "t", "caption": "c", "alt": "a",
             "front-matter": "f", "html": "p", "details": "d"}

LATIN = "latin"
CYRILLIC = "cyrillic"

_APOS = "'’"
_EN_SUFFIXES = ("n't", "'s", "'ll", "'re", "'ve", "'d", "'m")


@dataclass(slots=True)
class Segment:
    """Prose as the reader sees it, with a map back to source offsets."""

    text: str
    where: str
    _starts: list[int]  # segment offset where each piece begins
    _src: list[int]  # source offset of that piece's first character

    def src(self, i: int) -> int:
        k = bisect.bisect_right(self._starts, i) - 1
        if k < 0:
            k = 0
        return self._src[k] + (i - self._starts[k])

    def span(self, a: int, b: int) -> Span:
        """Source span of segment text ``[a, b)`` (markup inside a word is included)."""
        if b <= a:
            s = self.src(a)
            return Span(s, s)
        return Span(self.src(a), self.src(b - 1) + 1)


def extra_runs(doc: Document) -> list[TextRun]:
    """Prose outside doc.prose: front-matter title/description and table-of-contents names (the
    layout prints them), `alt` of HTML `<img>` tags, `{% details %}` summaries."""
    out: list[TextRun] = []
    text = doc.text
    fm = doc.front_matter
    if fm is not None and fm.data:
        keys = [(k,) for k in ("title", "description")]
        keys += [p for p in fm.value_spans if len(p) > 2 and p[0] == "toc" and p[-1] == "name"]
        for key in keys:
            sp = fm.value_spans.get(key)
            if sp is None or not isinstance(_fm_value(fm.data, key), str):
                continue
            a, b = sp.start, sp.end
            if b > a and text[a] in "\"'" and text[b - 1] == text[a]:
                a, b = a + 1, b - 1
            if b > a:
                out.append(TextRun(text[a:b], Span(a, b), "front-matter"))
    for tag in doc.html:
        if tag.name != "img" or tag.closing:
            continue
        alt = tag.attr("alt")
        if alt is not None and alt.value and alt.value_span is not None and "{{" not in alt.value and "{%" not in alt.value:
            sp = alt.value_span
            if text[sp.start : sp.end] == alt.value:
                out.append(TextRun(alt.value, sp, "alt"))
    for tag in doc.liquid:
        if tag.name != "details" or not tag.markup.strip():
            continue
        raw = text[tag.span.start : tag.span.end]
        m = re.match(r"\{%-?\s*details", raw)
        if not m:
            continue
        a = tag.span.start + m.end()
        b = a + len(tag.markup)
        if text[a:b] == tag.markup:
            out.append(TextRun(tag.markup, Span(a, b), "details"))
    return out


def _fm_value(data, path: tuple):
    for k in path:
        if isinstance(k, int):
            if not isinstance(data, list) or k >= len(data):
                return None
        elif not isinstance(data, dict):
            return None
        data = data[k] if isinstance(k, int) else data.get(k)
    return data


def segments(doc: Document) -> list[Segment]:
    runs = sorted(list(doc.prose) + extra_runs(doc), key=_run_start)
    text = doc.text
    out: list[Segment] = []
    parts: list[str] = []
    starts: list[int] = []
    srcs: list[int] = []
    where = ""
    length = 0
    prev_end = -1  # the previous run's end (-1: none yet)
    prev_kind = ""
    gap_ok, new_block, space, joinable = _GAP_OK.fullmatch, _NEW_BLOCK.search, _SPACE.search, _JOINABLE
    for r in runs:
        sp = r.span
        a = sp.start
        end = sp.end
        # a run that is all of a `<sub>` or `<sup>` element (tested here: a call for each run after a `>` costs)
        if a >= 5 and text[a - 1] == ">" and text[a - 5:a].lower() in _SUB_SUP and text.startswith("</", end):
            continue  # `d<sub>qkv</sub>`: an index, not a word
        w = r.where
        kind = joinable.get(w, w)
        if prev_end >= 0:
            if a >= prev_end and kind == prev_kind and (
                    a == prev_end or (gap_ok(text, prev_end, a) and not new_block(text, prev_end, a))):
                if a > prev_end and space(text, prev_end, a):
                    starts.append(length)
                    srcs.append(prev_end)
                    parts.append(" ")
                    length += 1
            elif parts:
                out.append(Segment("".join(parts), where, starts, srcs))
                parts, starts, srcs, length = [], [], [], 0
        if not parts:
            where = w
        t = r.text
        starts.append(length)
        srcs.append(a)
        parts.append(t)
        length += len(t)
        prev_end = end
        prev_kind = kind
    if parts:
        out.append(Segment("".join(parts), where, starts, srcs))
    return out


def _run_start(r: TextRun) -> int:
    return r.span.start


_SUB_SUP = ("<sub>", "<sup>")


def identifier_like(w: str) -> bool:
    """camelCase, ALLCAPS, `FLOPs`, `iPhone`: not a dictionary word whatever it looks like."""
    if w.islower():
        return False
    upper = sum(1 for c in w if c.isupper())
    if upper > 1:
        return True
    return upper == 1 and not w[0].isupper()


_CYR_WORD = re.compile(r"[\u0400-\u04ff]+")
_LAT_WORD = re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]+")


def word_script(w: str) -> str | None:
    """LATIN or CYRILLIC for a word of letters of one script, else None."""
    if w.isascii():
        return LATIN if w.isalpha() else None
    if _CYR_WORD.fullmatch(w):
        return CYRILLIC
    if _LAT_WORD.fullmatch(w):
        return LATIN
    return None


# A token: letters and digits with inner hyphens (`all-gather`, `TPUv5e`, `bfloat16`). A
# token glued to another by `.`, `/`, `_`, `@`, `:`, `\\`, `=`, `+`, `#`, `%`, `&`, `$`,
# `^`, `~`, a backtick or an apostrophe (`jax.jit`, `GB/s`, `batch_size`, `e.g`, `model's`)
# is matched whole so that it can be recognised as one thing. Group 1 is a `.` just before
# (`.bashrc`), group 3 the single space to the next token when there is one.
GLUE = "._/@:\\=+#%&$^~`'’"
_TOKEN_BODY = r"([^\W_][\w\-]*(?:[._/@:\\=+#%&$^~`'’]+[^\W_][\w\-]*)*)"
TOKEN = re.compile(r"(\.(?=[^\W_]))?" + _TOKEN_BODY + r"( (?=[^\W_]))?")
# TOKEN's token alone (group 2), its runs possessive (no glue character is a letter or digit,
# so giving characters back never makes a match; not trying saves a tenth of the scan): its
# ``split`` gives [between, token, between, ...], the tokens TOKEN finds and the text between,
# whose lengths add up to each token's place. TOKEN's group 1 took part where the text before a
# token ends with a `.` (no token ends with one: a `.` right after a token and before a letter
# or digit is glue inside it), its group 3 where the text after a token, up to the next, is
# one space.
TOKEN_SPLIT = re.compile(r"([^\W_][\w\-]*+(?:[._/@:\\=+#%&$^~`'’]++[^\W_][\w\-]*+)*+)")
_SKIP_TOKEN = re.compile(r"[\d_./@:\\=+#%&$^~`\u00b2\u00b3\u00b9\u2070-\u209f]")


def token_words(tok: str) -> tuple[tuple[str, int, str, str | None], ...]:
    """Dictionary-checkable words of one token: ``(word, offset, script, compound)``.

    A word is letters of one script. A token with digits or glue other than an apostrophe
    (identifiers, units, URLs, file names, `e.g`) has none. A hyphenated token yields each
    part, with ``compound`` set to the whole (`из-за` is looked up whole first). English
    possessives and contractions lose their suffix (`model's` → `model`).
    Identifier shapes (camelCase, ALLCAPS) are *not* filtered here: see
    :func:`identifier_like`.
    """
    if tok.isalpha():
        sc = word_script(tok)
        return ((tok, 0, sc, None),) if sc is not None else ()
    if _SKIP_TOKEN.search(tok) or "www" in tok.lower():
        return ()
    core = tok.rstrip("-")
    out: list[tuple[str, int, str, str | None]] = []
    if "-" in core:
        off = 0
        for p in core.split("-"):
            if p:
                out.extend(_piece(p, off, core))
            off += len(p) + 1
    else:
        out.extend(_piece(core, 0, None))
    return tuple(out)


def iter_words(seg: Segment) -> Iterator[tuple[str, int, int, str, str | None]]:
    """The words of one segment: ``(word, start, end, script, compound)`` in segment offsets
    (``seg.span(start, end)`` gives the source span)."""
    s = seg.text
    hidden = hidden_ranges(s)
    for m in TOKEN.finditer(s):
        if m.group(1):
            continue  # a dotfile or an extension: `.bashrc`, `.md`
        a = m.start(2)
        if hidden and any(x <= a < y for x, y in hidden):
            continue
        for w, off, sc, comp in token_words(m.group(2)):
            yield w, a + off, a + off + len(w), sc, comp


_OBFUSCATED_EMAIL = re.compile(r"\S+\s*[\[(]\s*at\s*[\])]\s*\S+(?:\s*[\[(]\s*dot\s*[\])]\s*\S+)*", re.I)


def hidden_ranges(s: str) -> list[tuple[int, int]]:
    """Stretches of prose that are not words: `name [at] host [dot] com`."""
    if "at]" not in s and "at)" not in s:
        return []
    return [(m.start(), m.end()) for m in _OBFUSCATED_EMAIL.finditer(s)]


def _piece(p: str, a: int, compound: str | None) -> list[tuple[str, int, str, str | None]]:
    """A token part with apostrophes: `model's` → `model`, `doesn't` stays whole."""
    ls = p.lstrip(_APOS)
    a += len(p) - len(ls)
    p = ls.rstrip(_APOS)
    if not p:
        return []
    if p.isalpha():
        sc = word_script(p)
        return [(p, a, sc, compound)] if sc is not None else []
    n = p.replace("’", "'")
    low = n.lower()
    for suf in _EN_SUFFIXES:
        if low.endswith(suf) and len(n) > len(suf):
            if suf != "n't":
                n = n[: -len(suf)]
            break
    if "'" in n:
        if n.endswith("n't") and n.count("'") == 1 and n.replace("'", "").isalpha() and n.isascii():
            return [(n, a, LATIN, compound)]
        return []
    sc = word_script(n)
    return [(n, a, sc, compound)] if sc == LATIN else []


def sentence_start(seg: Segment, a: int) -> bool:
    """Is the word at ``a`` the first of a sentence (or of its segment)?"""
    s = seg.text
    i = a - 1
    while i >= 0 and (s[i].isspace() or s[i] in "\"'“”‘’«»(*_[—–-"):
        i -= 1
    return i < 0 or s[i] in ".!?:;"


_CAP_WORD_AFTER = re.compile(r" ([A-Z\u00c0-\u00de\u0410-\u042f\u0401][^\W\d_A-Z\u0410-\u042f]+)(?:[-'’][^\W\d_]+)?(?![\w])")
_NOT_NAME = frozenset("a an the and or of to in on at by for from with as is are be it its this that these those "
                      "you your we our they their he she his her not no all each per via what how why when where "
                      "и в во на с со к по из за о об от до для не что как это".split())


def _name_part(w: str) -> bool:
    """A word that can be part of a person's name: `Bekman`, not `TPU`, `The` or `You`."""
    return len(w) > 1 and w[0].isupper() and w[1:].islower() and w.lower() not in _NOT_NAME


def in_name(seg: Segment, a: int, b: int) -> bool:
    """Does a capitalised name-like word stand next to the word at ``[a, b)``, as in
    `Stas Bekman`? (An acronym or a capitalised function word does not count.)"""
    s = seg.text
    m = _CAP_WORD_AFTER.match(s, b)
    if m and _name_part(m.group(1)):
        return True
    j = a - 1
    if j < 0 or s[j] != " ":
        return False
    j -= 1
    k = j
    while k >= 0 and (s[k].isalpha() or s[k] in "'’-"):
        k -= 1
    prev = s[k + 1 : j + 1]
    return _name_part(prev) and not sentence_start(seg, k + 1)


_CAP = r"[A-Z\u00c0-\u00de][^\W\d_]*"
_AUTHOR_AFTER = re.compile(r"(?:['’]s)?(?:\s+et\s+al\b|\s*,\s*" + _CAP + r"|\s+(?:and|&)\s+" + _CAP + r"|-" + _CAP + ")")
_AUTHOR_BEFORE = re.compile(r"(?:" + _CAP + r"\s*,|" + _CAP + r"\s+(?:and|&)|" + _CAP + r"-)\s*$")


def in_author_list(seg: Segment, a: int, b: int) -> bool:
    """Is the capitalised word at ``[a, b)`` a name by its company: before `et al.`, in a
    list of capitalised words (`Kanatsoulis and Ribeiro`, `Bos, Chug`), or part of a
    hyphenated name (`Phan-Thien`)?"""
    s = seg.text
    if _AUTHOR_AFTER.match(s, b):
        return True
    return bool(_AUTHOR_BEFORE.search(s, max(0, a - 40), a))


_OPEN_Q = "\"'“‘«„`"
_CLOSE_Q = "\"'”’»“`"
_DEFINES = re.compile(r"(?:\*\*|__)?\s*(?:[-—–:]|\(\w)")
_BARE_HEAD = re.compile(r"\s*[*_]*\s*")


def is_mention(s: str, a: int, b: int, lo: int = 0, hi: int | None = None) -> bool:
    """Is the text at ``[a, b)`` of a segment quoted or being defined, that is named rather
    than used (`the term "FLOPS" means...`, `FLOPS — not used in this book`)? ``s[lo:hi]`` is
    the segment when ``s`` holds more (a page's segments joined), so none is copied out."""
    if hi is None:
        hi = len(s)
    if a > lo:
        if b < hi and s[a - 1] in _OPEN_Q and s[b] in _CLOSE_Q:
            return True
        if s[lo] not in "*_" and not s[lo].isspace():
            return False  # the common case, without a regex: a word before it
    # nothing but spaces and emphasis before it (`s[:a].strip().strip("*_")` is empty), without
    # copying the segment's head
    return _BARE_HEAD.fullmatch(s, lo, a) is not None and bool(_DEFINES.match(s, b, hi))


FOREIGN_MIN_WORDS = 12
FOREIGN_SHARE = 0.4


def not_english(seg: Segment, known: Callable[[str], bool]) -> tuple[int, int] | None:
    """(unknown, total) when most lower-case words of a passage are in no English
    dictionary (filler text, a quotation in another language), else None. Capitalised
    words, identifiers and short words do not count either way."""
    total = unknown = 0
    for w, _a, _b, sc, _c in iter_words(seg):
        if sc != LATIN or len(w) < 3 or not w.islower():
            continue
        total += 1
        if not known(w):
            unknown += 1
    if total >= FOREIGN_MIN_WORDS and unknown >= FOREIGN_SHARE * total:
        return unknown, total
    return None


_CODE_OPEN = re.compile(r"<(code|kbd|samp|tt|var)\b[^<>]*>", re.I)


def code_like_at(text: str, start: int, end: int) -> bool:
    """Is the word at ``text[start:end]`` code by its surroundings: inside an inline
    `<code>` (or `<kbd>`, `<samp>`, `<tt>`, `<var>`) element, or called like a function
    (`ralign()`)?"""
    if text.startswith("(", end) and end > start:
        return True
    line_start = text.rfind("\n", max(0, start - 300), start) + 1  # only the last 300 characters count
    head = text[max(line_start, start - 300):start]
    last = None
    for m in _CODE_OPEN.finditer(head):
        last = m
    if last is None:
        return False
    return f"</{last.group(1).lower()}" not in head[last.end():].lower()


def named_by_link(doc: Document, start: int, end: int, word: str) -> bool:
    """Is the word at source ``[start, end)`` in the text of a link whose address names it
    (`[rbenv](https://github.com/rbenv/rbenv)`, `[eureqa](https://eureqa.example/)`)? Then it
    is the name of what the link points to, as its makers write it, not a misspelling."""
    low = word.lower()
    for link in doc.links:
        if link.span.start <= start and end <= link.span.end and low in _address(link.href):
            return True
    return False


def _address(href: str) -> str:
    """A URL's host and path, lower case (no scheme, query or fragment)."""
    h = href.split("#", 1)[0].split("?", 1)[0].lower()
    return h.split("://", 1)[-1]


_DETERMINERS = frozenset(
    "a an the this that these those each every any some no another one two three four five six seven eight "
    "nine ten its their our his her my your whose which per".split())
_WORDY = re.compile(r"[^\W\d_]+(?:[- ][^\W\d_]+)*")


def used_as_noun(s: str, a: int, written: str) -> bool:
    """Is a term written in words (`all-reduce`, `all gather`) used as a noun at segment
    offset ``a``, after a determiner or a number (`an all-reduce`, `two all-gathers`)? A term
    spelled like a code name (`BF16`, `bfloat-16`) is a noun wherever it stands. Otherwise it
    may be a verb (`we all-reduce the gradients`), which no rename can fix safely."""
    if not _WORDY.fullmatch(written):
        return True
    head = s[:a].rstrip().rstrip("*_").rstrip()
    m = re.search(r"([^\W_]+)$", head)
    if m is None:
        return False
    prev = m.group(1)
    return prev.isdigit() or prev.lower() in _DETERMINERS or prev.endswith(("'s", "’s"))


def trie_alternation(words: Iterable[str]) -> str:
    """One regular expression (no groups) for a set of literal words, as a trie: `the|then|that`
    becomes `th(?:e(?:n)?|at)`. Python's engine tries the branches of an alternation one by
    one; a trie tries each letter once."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            body = "(?:" + body + ")?" if len(branches) > 1 or len(body) > 1 else body + "?"
        return body

    return emit(trie)
