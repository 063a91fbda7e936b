"""Title casing, rich-text building and output backends for the citation styles.

Titles keep their TeX source until rendering so that words in braces (``{GPU}``, ``{Llama}``)
keep their case when a style applies sentence case (APA, Harvard, IEEE article titles) or
title case (Chicago, MLA). Sentence case lower-cases only plain capitalised words
(``Simple`` → ``simple``); acronyms, words with inner capitals or digits (``LLM``,
``DeepSeek-V3``, ``TPUs``) are kept, since an automatic converter cannot tell a proper noun
from a common one — brace-protect proper nouns in the .bib.
"""

from __future__ import annotations

import re
import unicodedata
from html import escape as html_escape

from pybtex.backends import html as pybtex_html
from pybtex.backends import markdown as pybtex_markdown
from pybtex.backends import plaintext as pybtex_plaintext
from pybtex.richtext import HRef, String, Tag, Text

from booklint.bibliography.latex import Segment, latex_segments

__all__ = [
    "BACKENDS",
    "typographic",
    "backend",
    "rich",
    "segments",
    "sentence_case",
    "title_case",
]

# Words a headline-style title keeps in lower case (Chicago 8.159, MLA 1.2.1): articles,
# coordinating conjunctions, prepositions (regardless of length), "to" and "as".
MINOR_WORDS = frozenset(
    """a an the and but or nor for so yet as to vs via per
    about above across after against along amid among around at before behind below beneath
    beside besides between beyond by concerning despite down during except from in inside into
    like near of off on onto out outside over past regarding since than through throughout till
    toward towards under underneath unlike until up upon versus with within without""".split()
)

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")


def typographic(text: str) -> str:
    """A straight apostrophe between letters becomes ’ (O'Neill → O’Neill), as typeset."""
    return _APOSTROPHE.sub("’", text) if "'" in text else text


def segments(tex: str) -> list[Segment]:
    """TeX source → segments, white space collapsed across segment borders, apostrophes
    typeset (outside URLs)."""
    segs = [s if s.url else Segment(typographic(s.text), s.protected, s.italic, s.url) for s in latex_segments(tex)]
    out: list[Segment] = []
    prev_space = True
    for s in segs:
        t = re.sub(r"\s+", " ", s.text)
        if prev_space:
            t = t.lstrip(" ")
        if not t:
            continue
        prev_space = t.endswith(" ")
        out.append(Segment(t, s.protected, s.italic, s.url))
    if out:
        last = out[-1]
        out[-1] = Segment(last.text.rstrip(" "), last.protected, last.italic, last.url)
        if not out[-1].text:
            out.pop()
    return out


def _is_plain_capitalised(w: str) -> bool:
    return len(w) > 1 and w[0].isupper() and w[1:].islower() and w.isalpha()


def _words(segs: list[Segment]) -> list[tuple[int, int, int, bool]]:
    """(segment index, start, end, protected) of every word, in order."""
    out = []
    for i, s in enumerate(segs):
        if s.url:
            continue
        if s.protected:
            if _WORD.search(s.text):
                out.append((i, 0, len(s.text), True))
            continue
        for m in _WORD.finditer(s.text):
            out.append((i, m.start(), m.end(), False))
    return out


def _char_before(segs: list[Segment], i: int, start: int) -> str:
    """The last non-space character before position ``start`` of segment ``i``."""
    text = segs[i].text[:start].rstrip()
    j = i
    while not text and j > 0:
        j -= 1
        text = segs[j].text.rstrip()
    return text[-1:] if text else ""


def _dotted(segs: list[Segment], i: int, st: int, en: int) -> bool:
    """Part of a dotted or slashed token (``cs.LG``, ``Character.AI``, ``github.io``): leave it."""
    t = segs[i].text
    after = t[en : en + 2]
    before = t[st - 1 : st] if st else ""
    return (len(after) == 2 and after[0] in "./@" and after[1].isalnum()) or (before in ("." , "/", "@") and before != "")


def _apply(segs: list[Segment], changes: dict[tuple[int, int], str]) -> list[Segment]:
    out = []
    for i, s in enumerate(segs):
        edits = sorted((st, rep) for (si, st), rep in changes.items() if si == i)
        if not edits:
            out.append(s)
            continue
        t = s.text
        parts = []
        pos = 0
        for st, rep in edits:
            parts.append(t[pos:st])
            parts.append(rep)
            pos = st + len(rep)
        parts.append(t[pos:])
        out.append(Segment("".join(parts), s.protected, s.italic, s.url))
    return out


def _foreign_script(segs: list[Segment]) -> bool:
    """A letter of another script than Latin outside braces: English casing rules do not apply
    (a Russian title keeps its own capitalisation, ``Все о Rooflines``)."""
    for s in segs:
        if s.url or s.protected:
            continue
        for ch in s.text:
            if ch.isalpha() and not ch.isascii() and not unicodedata.name(ch, "").startswith("LATIN"):
                return True
    return False


def sentence_case(segs: list[Segment], *, capitalize_after_colon: bool = True) -> list[Segment]:
    """Lower-case plain capitalised words except the first (and the first after a colon)."""
    if _foreign_script(segs):
        return segs
    changes: dict[tuple[int, int], str] = {}
    first = True
    for i, st, en, protected in _words(segs):
        w = segs[i].text[st:en]
        before = _char_before(segs, i, st)
        starts = first or (before in ":?!—" and before != "")
        after_colon = not first and starts
        first = False
        if protected or _dotted(segs, i, st, en):
            continue
        if starts and (capitalize_after_colon or not after_colon):
            if w[0].islower():
                changes[(i, st)] = w[0].upper() + w[1:]
            continue
        if before in ("-", "–") and not _is_plain_capitalised(w) and not w[:1].isupper():
            continue
        if _is_plain_capitalised(w) or (w == "A" and segs[i].text[en : en + 1] == " "):
            changes[(i, st)] = w.lower()
    return _apply(segs, changes)


def title_case(segs: list[Segment]) -> list[Segment]:
    """Headline style: capitalise major words; minor words lower case unless first, last or
    after a colon; words with capitals inside (acronyms, brand names) are left alone."""
    if _foreign_script(segs):
        return segs
    words = _words(segs)
    changes: dict[tuple[int, int], str] = {}
    for n, (i, st, en, protected) in enumerate(words):
        if protected or _dotted(segs, i, st, en):
            continue
        w = segs[i].text[st:en]
        before = _char_before(segs, i, st)
        starts = n == 0 or before in ":?!—"
        last = n == len(words) - 1
        low = w.lower()
        if not w.isalpha() and not re.fullmatch(r"[^\W\d_]+(?:['’][^\W\d_]+)*", w):
            continue  # words with digits: leave
        if any(c.isupper() for c in w[1:]):
            continue  # LLM, DeepSeek, PagedAttention
        if low in MINOR_WORDS and not starts and not last:
            if w != low:
                changes[(i, st)] = low
            continue
        if w[0].islower():
            changes[(i, st)] = w[0].upper() + w[1:]
    return _apply(segs, changes)


def rich(segs: list[Segment], *, italic: bool = False) -> Text:
    """Segments → pybtex rich text. Inside an italic title, italic words become roman."""
    parts: list = []
    for s in segs:
        if s.url:
            parts.append(HRef(s.text, String(s.text)))
        elif s.italic and not italic:
            parts.append(Tag("i", String(s.text)))
        else:
            parts.append(String(s.text))
    t = Text(*parts)
    return Tag("i", t) if italic else t


# ---------------------------------------------------------------------------------------
# backends
# ---------------------------------------------------------------------------------------


class TextBackend(pybtex_plaintext.Backend):
    """Plain text: markup dropped, links shown as their text."""


_MD_ESCAPE = re.compile(r"([\\`*_\[\]<>])")


class MarkdownBackend(pybtex_markdown.Backend):
    """CommonMark: ``*italic*``, autolinks ``<https://...>``, only the characters that would
    change the meaning escaped (pybtex's own Markdown backend escapes every dot and dash)."""

    def format_str(self, text: str) -> str:
        return _MD_ESCAPE.sub(r"\\\1", text)

    def format_protected(self, text: str) -> str:
        return text

    def format_tag(self, tag_name: str, text: str) -> str:
        if not text:
            return ""
        if tag_name in ("i", "em"):
            # keep the asterisks next to the words, so the emphasis parses
            stripped = text.strip()
            lead = text[: len(text) - len(text.lstrip())]
            trail = text[len(text.rstrip()) :]
            return f"{lead}*{stripped}*{trail}"
        return super().format_tag(tag_name, text)

    def format_href(self, url: str, text: str, external: bool = False) -> str:
        if not text:
            return ""
        if text == _MD_ESCAPE.sub(r"\\\1", url) and not any(c in url for c in " <>"):
            return f"<{url}>"
        return f"[{text}]({url.replace(')', '%29').replace(' ', '%20')})"


class HTMLBackend(pybtex_html.Backend):
    """HTML fragment: ``<i>`` for titles, escaped text and attributes, links as ``<a>``."""

    def format_str(self, text: str) -> str:
        return html_escape(text, quote=False)

    def format_protected(self, text: str) -> str:
        return text

    def format_tag(self, tag_name: str, text: str) -> str:
        return f"<{tag_name}>{text}</{tag_name}>" if text else ""

    def format_href(self, url: str, text: str, external: bool = False) -> str:  # type: ignore[override]
        return f'<a href="{html_escape(url, quote=True)}">{text}</a>' if text else ""


BACKENDS = {"text": TextBackend, "markdown": MarkdownBackend, "html": HTMLBackend}


def backend(name: str):
    try:
        return BACKENDS[name]()
    except KeyError:
        raise ValueError(f"unknown output {name!r}; one of {', '.join(BACKENDS)}") from None
