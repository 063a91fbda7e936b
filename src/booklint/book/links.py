"""How the site resolves what pages point at: link and image targets, malformed hrefs, the
fragments the book links to, and near-miss suggestions for broken targets.

Book-wide answers (the fragments linked to, heading ids) are found once a run through
``book.memo`` under keys starting with ``"book.links"``.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Callable, Iterator
from typing import TypeVar

from ..document.model import Document, Image, Link
from ..findings import Edit, Fix
from .model import Book
from .site import Target
from .slugs import Slugger, jekyll_slugify


def describe(target: Target) -> str:
    return f"`{target.url}`" if target.url else "the target"


def suggest_path(book: Book, page: str, wanted: str, pages_only: bool) -> str | None:
    """A close existing target for a broken link, written as the link should be."""
    name = posixpath.basename(wanted.rstrip("/")).lower()
    if not name:
        return None
    candidates: dict[str, str] = {}
    pool = book.files.markdown if pages_only else sorted(book.files.all_files)
    for rel in pool:
        base = posixpath.basename(rel)
        stem = base.rsplit(".", 1)[0] if pages_only else base
        candidates.setdefault(stem.lower(), rel)
    match = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.75)
    if not match:
        return None
    return candidates[match[0]]


def suggest_anchor(wanted: str, ids: list[str]) -> str | None:
    w = wanted.lower()
    for i in ids:
        if i.lower() == w:
            return i
    m = difflib.get_close_matches(wanted, ids, n=1, cutoff=0.8)
    return m[0] if m else None


def link_to(book: Book, page: str, target_rel: str) -> str:
    """How `page` would link to the file `target_rel` (a URL on a site, a path otherwise)."""
    site = book.site
    if site.renders(page):
        url = site.url_of(target_rel)
        here = site.url_of(page) or "/"
        if url is None:
            return target_rel
        here_dir = here if here.endswith("/") else posixpath.dirname(here) + "/"
        return posixpath.relpath(url, here_dir)  # pretty URLs work without their trailing slash
    return posixpath.relpath(target_rel, posixpath.dirname(page) or ".")


_TYPO_SCHEME = re.compile(r"^(?:(https?)//|(https?):/(?!/)|(htps|htp|htttp|htttps):?//?)(?=[\w.-])", re.I)
_BARE_HOST = re.compile(r"^www\.[\w-]+\.[\w.-]+")


def href_problem(href: str) -> tuple[str, str | None, bool] | None:
    """What is wrong with a malformed href: (what is wrong, the repaired href or None, whether the
    repair is safe), or None."""
    h = href.strip()
    if h.startswith("(") :
        inner = h[1:-1] if h.endswith(")") else h[1:]
        return (f"is wrapped in an extra pair of parentheses, which become part of the address. Write `{inner}`.",
                inner, h.endswith(")"))
    m = _TYPO_SCHEME.match(h)
    if m:
        word = (m.group(1) or m.group(2) or m.group(3) or "").lower()
        scheme = "https" if word in ("https", "htps", "htttps") else "http"
        good = f"{scheme}://{h[m.end():].lstrip('/')}"
        if m.group(2):
            # `http:/x`: the WHATWG URL parser repairs a special scheme's missing slash
            return (f"has one slash after the scheme: browsers repair it, but feeds, link checkers and "
                    f"other readers of the page may not. Write `{good}`.", good, True)
        if m.group(3) and h[len(m.group(3)):].startswith(":"):
            # `htps://x`: an absolute address in a scheme no browser knows (WHATWG URL)
            return (f"has a misspelt scheme `{m.group(3)}:` that no browser knows, so the link does nothing. "
                    f"Write `{good}`.", good, True)
        return (f"has a broken scheme, so the browser treats it as a file next to this page. Write `{good}`.", good, True)
    if _BARE_HOST.match(h):
        good = "https://" + h
        return (f"has no `https://`, so the browser treats it as a file next to this page. Write `{good}`.", good, False)
    if "\\" in h and "://" not in h:
        return ("contains a backslash; URLs use forward slashes. Replace `\\` with `/`.", None, False)
    return None


def is_malformed(href: str) -> bool:
    """Hrefs that L003 (malformed-link) reports; other link rules leave them alone."""
    return href_problem(href) is not None


def resolve_image(book, doc: Document, img: Image) -> Target:
    """Where an image, figure or embedded page really points."""
    if img.kind in ("figure", "include"):
        # figure.liquid passes `path` through `relative_url`: it is relative to the site root
        src = img.src.strip()
        if "://" in src or src.startswith("//"):
            return book.site.resolve(doc.path, src)
        if book.site.renders(doc.path):
            return book.site.resolve(doc.path, book.site.baseurl + "/" + src.lstrip("/"))
        return book.site.resolve(doc.path, "/" + src.lstrip("/"))
    return book.site.resolve(doc.path, img.src.strip())


def what(img: Image) -> str:
    """What an embedded file is called in messages ("image", "figure", "video", ...)."""
    return {
        "figure": "figure",
        "include": "included file",
        "iframe": "embedded page",
        "video": "video",
        "audio": "audio",
        "source": "media source",
        "embed": "embedded file",
    }.get(img.kind, "image")


def linked_fragments(book, rel: str) -> set[str]:
    """Fragments something in the book links to on page ``rel`` (TOC entries included); found once a run."""
    return book.memo(("book.links", "fragments"), lambda: _linked_fragments(book)).get(rel, set())


def _linked_fragments(book) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for d in book.docs.values():
        for link in d.links:
            if "#" not in link.href:
                continue
            t = book.site.resolve(d.path, link.href)
            if t.path and t.fragment:
                found.setdefault(t.path, set()).add(t.fragment)
        fm = d.front_matter
        toc = fm.data.get("toc") if fm is not None and isinstance(fm.data, dict) else None
        if isinstance(toc, list):
            for entry in toc:
                items = [entry] + (entry.get("subsections") or [] if isinstance(entry, dict) and isinstance(entry.get("subsections"), list) else [])
                for it in items:
                    if isinstance(it, dict) and isinstance(it.get("name"), str):
                        found.setdefault(d.path, set()).add(jekyll_slugify(it["name"]))
    return found


def first_heading_id(book, style: str, text: str) -> str:
    """The id a heading with this text gets (with the ``style`` algorithm) when it is the first of its name."""
    ids = book.memo(("book.links", "first-heading-ids", style), dict)
    try:
        return ids[text]
    except KeyError:
        value = ids[text] = Slugger(style).slug(text)
        return value


_ABSOLUTE = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):(//[^/?#]*)([^?#]*)(.*)$", re.S)
_DOT_SEGMENT = re.compile(r"(?:^|/)\.\.?(?:/|$)")


T = TypeVar("T")


def judged_addresses(doc: Document, judge: Callable[[str], T | None]) -> Iterator[tuple[Link, T]]:
    """The page's links whose address ``judge`` finds something wrong with, with what it found;
    a reference definition's address once, at its first use."""
    told: set[str] = set()
    for link in doc.links:
        found = judge(link.href)
        if found is None:
            continue
        if link.kind == "reference":
            if link.href in told:
                continue
            told.add(link.href)
        yield link, found


def address_fix(link: Link, new: str) -> Fix | None:
    """Replace the link's address with ``new`` (unsafe: the author meant some address), where
    the address is written in the link itself, as it reads (no Liquid, not a reference)."""
    if link.raw_href != link.href or link.kind == "reference":
        return None
    return Fix(f"Write `{new}`", (Edit(link.href_span.start, link.href_span.end, new),), safe=False)


def dot_segment_url(href: str) -> tuple[str, str] | None:
    """An absolute URL whose path has `.` or `..` segments: (the segment as written, the URL the
    browser really opens, with the segments resolved by RFC 3986's remove_dot_segments), or None."""
    m = _ABSOLUTE.match(href.strip())
    if m is None or "{{" in href or "{%" in href:
        return None
    scheme, authority, path, rest = m.groups()
    seg = _DOT_SEGMENT.search(path)
    if seg is None:
        return None
    from urllib.parse import urljoin

    # urljoin applies remove_dot_segments to a path that starts at the root
    resolved = urljoin(f"{scheme}:{authority}/", path or "/")
    return seg.group(0).strip("/"), resolved + rest


# schemes a browser or an OS hands on (and a few more in books); a near miss of http(s) that is
# none of these is a slip
_KNOWN_SCHEMES = frozenset(
    "http https ftp ftps sftp mailto tel file data javascript irc ircs news nntp git ssh svn ws wss "
    "s3 gs hdfs rtsp rtmp magnet xmpp sms geo urn doi arxiv chrome about blob view-source".split())
_SCHEME_LIKE = re.compile(r"^([A-Za-z]{2,8})(:/{0,3}|[;.]?//)(?=[\w.-])")


def _osa(a: str, b: str) -> int:
    """Optimal string alignment distance (edits and swaps of neighbours), for short words."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def misspelt_scheme(href: str) -> tuple[str, str, bool] | None:
    """A scheme that is one slip away from `http`/`https` and that L003's checks leave alone:
    (the scheme as written, the repaired href, whether the browser takes it as a relative path),
    or None."""
    h = href.strip()
    m = _SCHEME_LIKE.match(h)
    if m is None or is_malformed(h):
        return None
    word, sep = m.group(1), m.group(2)
    low = word.lower()
    if sep.startswith(":") and low in _KNOWN_SCHEMES:
        return None
    if low in ("http", "https"):
        if sep.startswith(":"):
            return None  # `http:///x` and the like: L003's business, or a browser repairs it
        good = low
    else:
        dist = {s: _osa(low, s) for s in ("http", "https")}
        good = min(dist, key=lambda s: (dist[s], -len(s) if low.endswith("s") else len(s)))
        if dist[good] != 1 or len(low) < 3:
            return None
    relative = not sep.startswith(":")  # `https;//x`: no scheme at all, a path next to the page
    return word, f"{good}://{h[m.end():]}", relative
