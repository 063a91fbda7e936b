"""What the bibliography (B) and citation (C) rules share: the book's .bib files, each parsed
and checked once per run, and the citation keys the chapters use.

Everything is memoised on the :class:`~booklint.book.model.Book` object of the run, so the
twelve B rules and the C rules together parse each .bib file once and run the library's
checks once, whatever subset of rules is selected.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterator

from ...document.model import Document, Span
from ...document.source import Source

if TYPE_CHECKING:
    from ...bibliography import BibProblem, Bibliography
    from ...book.model import Book

# The library's problem kinds, grouped into rules (every kind belongs to exactly one rule;
# tests/test_bib_rules.py checks that none is left out).
PARSE_KINDS = frozenset({
    "syntax-error", "unbalanced-braces", "unbalanced-quotes", "missing-comma", "malformed-value",
    "undefined-string", "duplicate-field", "bad-entry-type", "bad-key", "stray-text", "control-characters",
})
VALUE_KINDS = frozenset({
    "malformed-year", "malformed-date", "malformed-month", "malformed-pages", "malformed-doi", "malformed-url",
    "malformed-arxiv-id",
})
NAME_KINDS = frozenset({
    "author-stray-quote", "author-stray-punctuation", "author-handle", "author-split", "author-reversed",
    "author-malformed",
})
RULE_KINDS: dict[str, frozenset[str]] = {
    "B001": PARSE_KINDS,
    "B002": frozenset({"duplicate-key"}),
    "B003": frozenset({"duplicate-entry"}),
    "B004": frozenset({"required-field-missing"}),
    "B005": frozenset({"field-not-for-type"}),
    "B006": VALUE_KINDS,
    "B007": frozenset({"arxiv-missing-id"}),
    "B008": NAME_KINDS,
    "B009": frozenset({"entry-not-cited"}),
    "B010": frozenset({"unknown-entry-type"}),
    "B011": frozenset({"unknown-field"}),
    "B012": frozenset({"author-single-name"}),
    # the README's citation block (C004) and the comparisons (C005)
    "C004": PARSE_KINDS | VALUE_KINDS | NAME_KINDS | frozenset({
        "author-single-name",
        "duplicate-key", "duplicate-entry", "required-field-missing", "field-not-for-type", "arxiv-missing-id",
        "unknown-entry-type", "unknown-field", "citation-no-entry",
    }),
    "C005": frozenset({"citation-mismatch"}),
}


# Fields that reference managers and bibliography databases add to every entry, which styles
# ignore on purpose; on top of the data models' own `tolerated` lists (B011 accepts them).
EXPORTER_FIELDS = frozenset({
    "adsurl", "adsnote", "eid",  # NASA ADS
    "bdsk-url-1", "bdsk-url-2", "bdsk-file-1", "bdsk-file-2", "date-added", "date-modified",  # BibDesk
    "mendeley-tags", "mendeley-groups",  # Mendeley
    "groups", "ranking", "priority", "readstatus", "qualityassured", "printed", "comment",  # JabRef
    "annotation", "shortjournal",  # Zotero (Better BibTeX)
    "citeulike-article-id", "citeulike-linkout-0", "posted-at", "added-at", "interhash", "intrahash",  # CiteULike, BibSonomy
    "unique-id", "researcherid-numbers", "orcid-numbers", "web-of-science-categories",  # Web of Science
})


def accepted_field(book: "Book", p: "BibProblem") -> bool:
    """An unknown-field problem for a field the book's tools add on purpose."""
    if p.kind != "unknown-field" or not p.field:
        return False
    extra = {str(f).lower() for f in bib_settings(book).get("extra-fields") or []}
    return p.field.lower() in EXPORTER_FIELDS or p.field.lower() in extra


def bib_settings(book: "Book") -> dict[str, Any]:
    # TEMPORARY (house issue, in progress): the defaults only; the bibliography library will
    # take the family's settings from the rule's context.
    from ...registry import SETTINGS

    return {k: v[1] for k, v in SETTINGS.get("bib", {}).items()}


def _memo(book: "Book") -> dict:
    """booklint's per-run cache for this family, kept in the Book's memo (one Book per run)."""
    return book.memo("bib", dict)


# ---------------------------------------------------------------------------------------
# .bib files
# ---------------------------------------------------------------------------------------


def bib_files(book: "Book") -> list[str]:
    """The .bib files the B rules check: ``files`` from the settings, or every .bib of the book."""
    wanted = bib_settings(book).get("files") or []
    if wanted:
        return [posixpath.normpath(str(p)).lstrip("/") for p in wanted]
    return sorted(rel for rel in book.files.others if rel.lower().endswith(".bib"))


def bibliography(book: "Book", rel: str) -> "Bibliography | None":
    """The parsed .bib file ``rel`` (parsed once per run), or None if the book has no such file."""
    memo = _memo(book).setdefault("parsed", {})
    if rel in memo:
        return memo[rel]
    from ...bibliography import parse_bib

    src = book.source(rel)
    bib = parse_bib(src.text, source=rel) if src is not None else None
    memo[rel] = bib
    return bib


def unreadable(book: "Book", rel: str) -> bool:
    """A .bib that exists but that booklint could not read (too large, or an I/O error)."""
    return rel in book.files.others and book.source(rel) is None


def problems(book: "Book", rel: str) -> "list[BibProblem]":
    """Every problem of every kind in ``rel`` under the configured data model, computed once."""
    model = bib_settings(book).get("model") or "bibtex"
    memo = _memo(book).setdefault("problems", {})
    key = (rel, model)
    if key in memo:
        return memo[key]
    from ...bibliography import KINDS, check_bibliography

    bib = bibliography(book, rel)
    out = [] if bib is None else check_bibliography(bib, model, kinds=KINDS.keys(), cited_keys=cited_keys(book))
    memo[key] = out
    return out


def bib_findings(book: "Book", ctx, code: str) -> Iterator:
    """The findings of rule ``code`` in every checked .bib file, at their exact lines."""
    kinds = RULE_KINDS[code]
    for rel in bib_files(book):
        src = book.source(rel)
        if src is None:
            continue
        for p in problems(book, rel):
            if p.kind in kinds and not accepted_field(book, p):
                yield problem_finding(ctx, src, p)


def problem_finding(ctx, src: Source, p: "BibProblem"):
    return ctx.finding_at(src, p.line, p.column, p.message, end_line=p.end_line, end_column=p.end_column)


# ---------------------------------------------------------------------------------------
# citations in the chapters
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


def cited_keys(book: "Book") -> frozenset[str]:
    """Every key any page of the book cites: ``<d-cite>`` and jekyll-scholar's ``{% cite %}``."""
    memo = _memo(book)
    if "cited" in memo:
        return memo["cited"]
    keys: set[str] = set()
    for doc in book.docs.values():
        keys.update(c.key for c in citations(doc) if c.key)
        for tag in doc.liquid:
            if tag.name in ("cite", "cite_details", "nocite", "reference", "quote") and tag.kind == "tag":
                for word in tag.markup.split():
                    if word.startswith("-") or "=" in word or word.startswith(("'", '"')):
                        break  # options such as --file, -l 42
                    keys.add(word)
    memo["cited"] = frozenset(keys)
    return memo["cited"]


def chapter_bibliography(book: "Book", doc: Document) -> tuple[str | None, Any, Span | None]:
    """The .bib file a chapter's front matter names, as the site serves it:
    (path in the book or None, the value as written, the span of the value)."""
    fm = doc.front_matter
    if fm is None or not isinstance(fm.data, dict) or "bibliography" not in fm.data:
        return None, None, None
    value = fm.data.get("bibliography")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)  # Liquid prepends the folder to it like any name
    span = fm.value_spans.get(("bibliography",)) or fm.key_spans.get(("bibliography",))
    if not isinstance(value, str) or not value.strip():
        return None, value, span
    folder = str(bib_settings(book).get("folder") or "").strip("/")
    path = posixpath.normpath(posixpath.join(folder, value.strip().lstrip("/")))
    return path, value, span


def bibliographies_in_use(book: "Book") -> dict[str, list[str]]:
    """Each .bib file some page names, with the pages that name it."""
    memo = _memo(book)
    if "in_use" not in memo:
        out: dict[str, list[str]] = {}
        for rel in sorted(book.docs):
            path, _v, _s = chapter_bibliography(book, book.docs[rel])
            if path is not None:
                out.setdefault(path, []).append(rel)
        memo["in_use"] = out
    return memo["in_use"]


def key_index(book: "Book") -> dict[str, list[str]]:
    """key -> the .bib files of the book (that exist) defining it."""
    memo = _memo(book)
    if "keys" not in memo:
        out: dict[str, list[str]] = {}
        files = set(bib_files(book)) | {p for p in bibliographies_in_use(book) if p in book.files.others}
        for rel in sorted(files):
            bib = bibliography(book, rel)
            if bib is None:
                continue
            for k in bib.keys():
                out.setdefault(k, []).append(rel)
        memo["keys"] = out
    return memo["keys"]
