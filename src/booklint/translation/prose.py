"""Prose units of a chapter (paragraphs and HTML blocks, headings, figure captions, TOC names,
the front matter's title, subtitle, description and section names) and whether each one is
translated.

A unit is *untranslated* when its words are exactly those of a unit of the original, or,
when the two languages are written in different scripts (English and Russian), when it has
no letter of the translation's script and at least a few words of the original's. Math,
code spans, URLs, HTML tags and Liquid are left out before letters are counted.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..book.model import Book
from ..document.model import Document, Span

# languages written in a script other than Latin (ISO 639-1); the rest are taken as Latin
SCRIPTS = {
    **dict.fromkeys(("ru", "uk", "be", "bg", "sr", "mk", "kk", "ky", "mn", "tg", "tt", "ba", "cv"), "CYRILLIC"),
    "el": "GREEK", "hy": "ARMENIAN", "ka": "GEORGIAN", "he": "HEBREW", "yi": "HEBREW",
    **dict.fromkeys(("ar", "fa", "ur", "ps"), "ARABIC"),
    **dict.fromkeys(("zh", "ja"), "CJK"), "ko": "HANGUL", "th": "THAI", "hi": "DEVANAGARI",
    "mr": "DEVANAGARI", "ne": "DEVANAGARI", "bn": "BENGALI", "ta": "TAMIL", "te": "TELUGU",
}  # fmt: skip

FRONT_MATTER_TEXT = {(k,) for k in ("title", "subtitle", "description", "previous_section_name", "next_section_name")}
MIN_WORDS = 3  # fewer words than this (a name, "TPU v5e", a label) are never called untranslated


def script_of_language(lang: str) -> str:
    return SCRIPTS.get(lang.split("-")[0].lower(), "LATIN") if lang else "LATIN"


@lru_cache(maxsize=4096)
def _script(ch: str) -> str:
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return ""
    for s in ("CJK", "HIRAGANA", "KATAKANA"):
        if name.startswith(s):
            return "CJK"
    return name.split(" ", 1)[0]


_STRIP = re.compile(
    r"\$\$.*?\$\$|\$[^$\n]+\$|`[^`]*`|\{%.*?%\}|\{\{.*?\}\}|<[^>]*>|https?://\S+|\]\([^)]*\)|&\w+;",
    re.S,
)
_WORD = re.compile(r"[^\W\d_]{2,}")


def words_of(text: str) -> str:
    """The words of a unit: markup, math, code and links removed, white space collapsed."""
    return " ".join(_WORD.findall(_STRIP.sub(" ", text)))


# link texts: a title of a paper or a product name a translator rightly keeps as it is
_LINK_TEXT = re.compile(r"\[[^\]]*\]\([^)]*\)|<a\b[^>]*>.*?</a>", re.S | re.I)


@dataclass(frozen=True)
class Unit:
    kind: str  # "paragraph" (or an HTML block), "heading", "caption", "toc", "front matter" (title, description, ...)
    text: str  # the words (see words_of)
    span: Span
    own: str = ""  # the words outside link texts


def units(book: Book, doc: Document) -> list[Unit]:
    """The prose units of ``doc`` in page order (once a run per page)."""
    return book.memo(("translation.units", doc.path), lambda: _units(doc))


def _unit(kind: str, raw: str, span: Span) -> Unit:
    return Unit(kind, words_of(raw), span, words_of(_LINK_TEXT.sub(" ", raw)))


def _units(doc: Document) -> list[Unit]:
    out: list[Unit] = []
    src = doc.source
    toks = doc.tokens
    for k, tok in enumerate(toks):
        para = tok.type == "inline" and k and toks[k - 1].type == "paragraph_open"
        if (para or tok.type == "html_block") and tok.map:  # an HTML block: `<p markdown=1 class="takeaway">`
            start = src.offset(tok.map[0] + 1, 1)
            end = src.line_end(min(tok.map[1], src.line_count))
            # a lean inline token keeps no copy of its paragraph (document/model.py: BlockToken): read its lines
            raw = tok.content if tok.type == "html_block" else src.text[start:end]
            out.append(_unit("paragraph", raw, Span(start, end)))
    for h in doc.headings:
        out.append(_unit("heading", h.text, h.span))
    for im in doc.images:
        if im.caption:
            out.append(_unit("caption", im.caption, im.span))
    fm = doc.front_matter
    if fm is not None:
        for path, span in fm.value_spans.items():
            if path and path[0] == "toc" and path[-1] == "name":
                out.append(_unit("toc", src.text[span.start : span.end], span))
            elif path in FRONT_MATTER_TEXT:
                out.append(_unit("front matter", src.text[span.start : span.end], span))
    out = [u for u in out if u.text]
    out.sort(key=lambda u: u.span.start)
    return out


def letters_by_script(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for ch in text:
        if ch.isalpha():
            s = _script(ch)
            counts[s] = counts.get(s, 0) + 1
    return counts


def untranslated(unit: Unit, source_texts: frozenset[str], settings: Mapping[str, Any]) -> str | None:
    """Why ``unit`` reads as not translated ("identical" or "in the original's script"), or None."""
    if len(unit.own.split()) < MIN_WORDS:
        return None  # a name, a label, a list of links: nothing a translator must translate
    if unit.text in source_texts:
        return "identical"
    target = script_of_language(str(settings.get("language") or ""))
    origin = script_of_language(str(settings.get("source-language") or "en"))
    if target == origin:
        return None
    counts = letters_by_script(unit.own)
    if counts.get(target, 0) == 0 and counts.get(origin, 0) >= 12:
        return "script"
    return None


def source_texts(book: Book, doc: Document) -> frozenset[str]:
    return book.memo(("translation.source-texts", doc.path), lambda: frozenset(u.text for u in units(book, doc)))


TRANSLATED_SHARE = 0.5  # a chapter with at least this share of its units translated is "otherwise translated"


@dataclass(frozen=True)
class Progress:
    units: int
    translated: int
    untranslated: tuple[tuple[Unit, str], ...]  # (unit, why)


def progress(book: Book, doc: Document, src_book: Book, src_doc: Document, settings: Mapping[str, Any]) -> Progress:
    """How much of ``doc``'s prose is translated, and which units are not (once a run)."""

    def build() -> Progress:
        texts = source_texts(src_book, src_doc)
        us = units(book, doc)
        bad = tuple((u, why) for u in us if (why := untranslated(u, texts, settings)))
        long_units = [u for u in us if len(u.own.split()) >= MIN_WORDS]
        return Progress(len(long_units), len(long_units) - len(bad), bad)

    return book.memo(("translation.progress", doc.path), build)
