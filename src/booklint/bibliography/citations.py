"""Citations as the pages write them: the keys of ``<d-cite>`` tags, and the book's own
citation (BibTeX citation blocks, the plain-text citation line next to them, the chapters'
front-matter authors, CITATION.cff).

A *citation block* is a fenced code block whose content is a BibTeX entry (`@article{...`)
in the README (``readme`` in ``[tool.booklint.bib]``), or in any page under a heading about
citing ("Citation", "How to cite", "Цитирование", ...). The *plain-text line* is the code
span or code block of the same section that looks like a citation (it has a year or a
quoted title), the nearest before the block, else the nearest after it. The *book's
citation* is the README's first block, else the first block of another page.

These are pure functions of a page or a file's text; :class:`booklint.bibliography.book.Shelf`
computes each once per run and keeps it in the Book's memo.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..document.model import CodeBlock, Document, Span

if TYPE_CHECKING:
    from ..book.model import Book
    from .readme import CitationBlock

_ENTRY_START = re.compile(r"\s*@[A-Za-z]+\s*[{(]")
_CITE_HEADING = re.compile(r"\bcit(?:e|es|ed|ing|ation|ations)\b|\battribution\b|цитир", re.IGNORECASE)
_INFOS = {"", "bibtex", "bib", "biblatex", "tex", "latex", "text", "txt", "plain", "plaintext", "none"}
MAX_BLOCKS = 20  # citation blocks checked on one page
_LOOKS_CITED = re.compile(r"(?<!\d)(?:1[5-9]|20)\d\d(?!\d)|[\"“”«»]")


# ---------------------------------------------------------------------------------------
# <d-cite> in the chapters
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Citation:
    """One key of one ``<d-cite key="a,b">`` (empty when the key is missing or blank)."""

    key: str
    span: Span  # the key inside the attribute value, or the whole tag when there is none
    tag_span: Span
    attr: str  # "key", "bibtex-key", or "" when the tag has neither
    value: str = ""  # the whole attribute value


def citations(doc: Document) -> list[Citation]:
    """The keys of every ``<d-cite>`` of a page, as Distill reads them (split on commas, trimmed)."""
    out: list[Citation] = []
    for tag in doc.html:
        if tag.name != "d-cite" or tag.closing:
            continue
        attr = tag.attr("key") or tag.attr("bibtex-key")
        if attr is None or attr.value is None or attr.value_span is None:
            out.append(Citation("", tag.span, tag.span, attr.name if attr is not None else "", ""))
            continue
        value = attr.value
        raw = doc.text[attr.value_span.start:attr.value_span.end]
        base = attr.value_span.start if raw == value else None
        pos = 0
        for part in value.split(","):
            key = part.strip()
            lead = len(part) - len(part.lstrip())
            if base is not None:
                start = base + pos + lead
                span = Span(start, start + max(len(key), 0)) if key else Span(base + pos, base + pos + len(part))
            else:
                span = attr.value_span
            out.append(Citation(key, span, tag.span, attr.name, value))
            pos += len(part) + 1
    return out


# ---------------------------------------------------------------------------------------
# the book's own citation
# ---------------------------------------------------------------------------------------


@dataclass
class CitationSection:
    doc: Document
    block: CodeBlock
    text: str  # the BibTeX as handed to the parser
    first_line: int
    first_column: int
    result: CitationBlock
    plain: tuple[str, int, int] | None  # (text, line, column) of the plain-text citation


class _Page:
    """What finding a page's citation blocks needs, indexed once: heading positions and the
    code spans and blocks that look like a plain-text citation, in source order."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.headings = sorted(doc.headings, key=lambda h: h.span.start)
        self.starts = [h.span.start for h in self.headings]
        cands: list[tuple[int, str, int]] = []  # (offset, text, offset of the text)
        for cs in doc.code_spans:
            if _LOOKS_CITED.search(cs.content) and len(cs.content.strip()) >= 10:
                raw = doc.text[cs.span.start:cs.span.end]
                at = raw.find(cs.content)
                cands.append((cs.span.start, cs.content, cs.span.start + (at if at >= 0 else 0)))
        for cb in doc.code_blocks:
            if _ENTRY_START.match(cb.content):
                continue
            text = " ".join(cb.content.split())
            if _LOOKS_CITED.search(text) and len(text) >= 10:
                cands.append((cb.span.start, text, cb.content_span.start + (len(cb.content) - len(cb.content.lstrip()))))
        cands.sort()
        self.cands = cands
        self.cand_starts = [c[0] for c in cands]

    def heading_before(self, offset: int):
        i = bisect.bisect_left(self.starts, offset)
        return self.headings[i - 1] if i else None

    def section(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_left(self.starts, offset)
        lo = self.headings[i - 1].span.end if i else 0
        hi = self.starts[i] if i < len(self.starts) else len(self.doc.text)
        return lo, hi

    def plain_line(self, block: CodeBlock) -> tuple[str, int, int] | None:
        lo, hi = self.section(block.span.start)
        a = bisect.bisect_left(self.cand_starts, lo)
        b = bisect.bisect_left(self.cand_starts, hi)
        at = bisect.bisect_left(self.cand_starts, block.span.start, a, b)
        pick = None
        if at > a:
            pick = self.cands[at - 1]  # the nearest before the block
        else:
            j = at + 1 if at < b and self.cands[at][0] == block.span.start else at
            if j < b:
                pick = self.cands[j]  # else the nearest after it
        if pick is None:
            return None
        _o, text, start = pick
        start += len(text) - len(text.lstrip())
        line, col = self.doc.source.line_col(start)
        return text.strip(), line, col


def _block_text(doc: Document, block: CodeBlock) -> tuple[str, int, int]:
    """The block's BibTeX and where it starts. The source text is used when it differs from
    the content only by indentation (a block in a list), so every line's columns are exact."""
    src = doc.source
    cs = block.content_span
    line, col = src.line_col(cs.start)
    content = block.content
    n = content.count("\n")
    end = src.line_start(line + n) if line + n <= src.line_count else len(doc.text)
    raw = doc.text[cs.start:end] if end >= cs.start else ""
    if [x.strip() for x in raw.split("\n")] == [x.strip() for x in content.split("\n")]:
        return raw, line, col
    return content, line, col


def find_citation_sections(doc: Document, *, readme: bool, model: str = "bibtex") -> list[CitationSection]:
    """The citation blocks of a page (``readme``: every BibTeX block of the README counts, not
    only those under a heading about citing), each checked under the data model ``model``."""
    out: list[CitationSection] = []
    page: _Page | None = None
    for block in doc.code_blocks:
        info = (block.info.split() or [""])[0].lower()
        if not block.fenced or info not in _INFOS or not _ENTRY_START.match(block.content):
            continue
        if page is None:
            page = _Page(doc)
        if not readme:
            h = page.heading_before(block.span.start)
            if h is None or not _CITE_HEADING.search(h.text):
                continue
        text, line, col = _block_text(doc, block)
        from .readme import check_citation_block  # the .bib parser loads only for a citation block

        result = check_citation_block(text, first_line=line, model=model, first_column=col)
        out.append(CitationSection(doc, block, text, line, col, result, page.plain_line(block)))
        if len(out) >= MAX_BLOCKS:
            break  # a page asks to be cited in a few ways at most; past that these are not citation blocks
    return out


def front_matter_authors(book: Book) -> dict[str, list[str]]:
    """Each page's front-matter author names (Distill's `authors: - name: ...`)."""
    out: dict[str, list[str]] = {}
    for rel in sorted(book.docs):
        fm = book.docs[rel].front_matter
        authors = fm.get("authors") if fm is not None else None
        if not isinstance(authors, list):
            continue
        names = []
        for a in authors:
            if isinstance(a, dict) and a.get("name"):
                names.append(str(a["name"]))
            elif isinstance(a, str) and a.strip():
                names.append(a)
        if names:
            out[rel] = names
    return out


@dataclass
class CffFile:
    rel: str
    data: Any  # the parsed mapping, or None
    error: str | None
    line: int
    column: int


def read_cff(rel: str, text: str) -> CffFile:
    """A CITATION.cff's text parsed, or the YAML error with its position."""
    import yaml

    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        return CffFile(rel, data, None, 1, 1)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        line = mark.line + 1 if mark is not None else 1
        col = mark.column + 1 if mark is not None else 1
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        return CffFile(rel, None, str(problem), line, col)
    except (RecursionError, ValueError) as e:
        return CffFile(rel, None, f"{type(e).__name__}: {e}", 1, 1)


def span_of(doc: Document, line: int, column: int, end_line: int, end_column: int) -> Span:
    src = doc.source
    return Span(src.offset(line, column), src.offset(end_line, end_column))
