"""Every external URL the book uses, gathered once a run from what the parser already found.

Sources: Markdown and HTML links (``doc.links``: inline, reference, autolinks, ``<a href>``),
embedded files (``doc.images``: images, ``<img>``, ``<iframe>``, ``<video>``, ``<source>``,
figures), front-matter values that are a whole http(s) URL (Distill's author and affiliation
``url``), and the book's .bib files (``url``, ``doi``, arXiv ``eprint``/``arxiv``, and any other
field whose whole value is an http(s) URL, as al-folio prints ``html``/``pdf``/``code``). A link
written ``doi:10.x/y`` or ``arXiv:2101.00001`` is checked at its resolver's URL.

Where a link goes is the site model's answer (``book.site.resolve``): Liquid is evaluated, the
site's own absolute URLs count as internal, protocol-relative ``//host`` becomes https.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from ..book.links import is_malformed, resolve_image
from ..book.model import Book
from ..document.model import Span
from .model import Use

_DOI_LINK = re.compile(r"(?i)^doi:\s*(10\.\d{4,9}/\S+)$")
_ARXIV_LINK = re.compile(r"(?i)^arxiv:\s*([a-z-]+(?:\.[a-z]{2})?/\d{7}|\d{4}\.\d{4,5})(v\d+)?$")
_DOI_VALUE = re.compile(r"(?i)^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)?(10\.\d{4,9}/\S+)$")
_ARXIV_ID = re.compile(r"(?i)^(?:arxiv:\s*)?([a-z-]+(?:\.[a-z]{2})?/\d{7}|\d{4}\.\d{4,5})(v\d+)?$")
_WHOLE_URL = re.compile(r"(?i)^https?://[^\s<>\"'{}|\\^`]+$")


def split_url(href: str) -> tuple[str, str | None] | None:
    """(the URL to check, the decoded fragment) of an http(s) or protocol-relative href, or None."""
    h = href.strip()
    if h.startswith("//"):
        h = "https:" + h
    try:
        parts = urlsplit(h)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    base = urlunsplit((parts.scheme.lower(), parts.netloc, parts.path, parts.query, ""))
    if not parts.path and not parts.query:
        base += "/"
    frag = unquote(parts.fragment) if "#" in h else None
    return base, frag


def doi_url(doi: str, resolver: str) -> str:
    return resolver.rstrip("/") + "/" + quote(doi, safe="/:;()._-<>[]")


def arxiv_url(ident: str, resolver: str) -> str:
    return resolver.rstrip("/") + "/" + ident


def _resolver_url(href: str, doi_resolver: str, arxiv_resolver: str) -> str | None:
    h = href.strip()
    m = _DOI_LINK.match(h)
    if m:
        return doi_url(m.group(1), doi_resolver)
    m = _ARXIV_LINK.match(h)
    if m:
        return arxiv_url(m.group(1) + (m.group(2) or ""), arxiv_resolver)
    return None


def collect(book: Book, bib_files: list[str], bibliography, *, doi_resolver: str = "https://doi.org/",
            arxiv_resolver: str = "https://arxiv.org/abs/") -> dict[str, list[Use]]:
    """{URL without fragment: its uses in book order} for the whole book.

    ``bib_files`` are the .bib files to read and ``bibliography(rel)`` their parse (the
    bibliography library's, so nothing is parsed twice).
    """
    out: dict[str, list[Use]] = {}

    def add(href: str, written: str, path: str, kind: str, span: Span | None = None,
            position: tuple[int, int, int, int] | None = None, url_hint: str | None = None) -> None:
        got = split_url(url_hint or href)
        if got is None:
            return
        url, frag = got
        out.setdefault(url, []).append(Use(url, frag, written, path, kind, span, position,
                                           (url_hint or href).strip()))

    site = book.site
    for rel, doc in book.docs.items():
        for link in doc.links:
            href = link.href.strip()
            if not href:
                continue
            via = _resolver_url(href, doi_resolver, arxiv_resolver)
            if via is not None:
                add(href, link.raw_href, rel, "link", link.href_span, url_hint=via)
                continue
            if "//" not in href and "{" not in href:
                continue  # relative: the internal link rules' business
            if is_malformed(href):
                continue  # the malformed-link rule's
            t = site.resolve(rel, href)
            if t.kind == "external" and t.url:
                add(t.url, link.raw_href, rel, "link", link.href_span)
        for img in doc.images:
            src = img.src.strip()
            if not src or ("//" not in src and "{" not in src):
                continue
            t = resolve_image(book, doc, img)
            if t.kind == "external" and t.url:
                add(t.url, img.raw_src, rel, "image" if img.kind in ("markdown", "html", "figure") else img.kind,
                    img.src_span)
        fm = doc.front_matter
        if fm is not None and isinstance(fm.data, dict):
            for path, span in fm.value_spans.items():
                value = _at(fm.data, path)
                if isinstance(value, str) and _WHOLE_URL.match(value.strip()):
                    add(value, value.strip(), rel, "front-matter", span)
    for rel in bib_files:
        bib = bibliography(rel)
        if bib is None:
            continue
        for entry in bib.entries:
            arxiv_prefix = (entry.text("archiveprefix") or entry.text("eprinttype")).strip().lower() == "arxiv"
            for f in entry.fields:
                value = f.value.strip().strip("{}").strip().replace("\\_", "_").replace("\\%", "%")
                if not value:
                    continue
                sp = f.value_span
                pos = (sp.line, sp.column, sp.end_line, sp.end_column)
                hint = None
                kind = "bib"
                if f.key == "doi":
                    kind = "bib-doi"
                    m = _DOI_VALUE.match(value)
                    if m is None:
                        continue  # not a DOI: the bibliography rules say so
                    hint = doi_url(m.group(1), doi_resolver)
                elif f.key == "arxiv" or (f.key == "eprint" and arxiv_prefix):
                    kind = "bib-arxiv"
                    m = _ARXIV_ID.match(value)
                    if m is None:
                        continue
                    hint = arxiv_url(m.group(1) + (m.group(2) or ""), arxiv_resolver)
                elif not _WHOLE_URL.match(value):
                    continue
                add(value, value, rel, kind, position=pos, url_hint=hint)
    return out


def _at(data: Any, path: tuple) -> Any:
    for key in path:
        if isinstance(data, dict) and key in data:
            data = data[key]
        elif isinstance(data, list) and isinstance(key, int) and 0 <= key < len(data):
            data = data[key]
        else:
            return None
    return data
