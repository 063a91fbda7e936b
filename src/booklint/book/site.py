"""The site model: which URL serves which source file, and where a link really goes.

For a Jekyll book (a ``_config.yml`` at the root) links are URLs: relative to the page's
own URL (pretty permalinks make ``roofline.md`` live at ``/<baseurl>/roofline/``, so
``../tpus`` from it is ``/<baseurl>/tpus``), absolute ones must carry the ``baseurl``, and
Liquid such as ``{{ site.baseurl }}`` or ``{{ 'x' | relative_url }}`` is evaluated. For a
plain Markdown book, and for files the site does not publish (a Jekyll ``README.md``), links
are file paths, resolved as GitHub and mdBook resolve them. No site is built.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from .discover import MARKDOWN_SUFFIXES, BookFiles

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_LIQ_OUT = re.compile(r"\{\{-?\s*(.*?)\s*-?\}\}")
_LIQ_LINK = re.compile(r"\{%-?\s*link\s+(.*?)\s*-?%\}")
_FILTERED = re.compile(r"""^(?:'([^']*)'|"([^"]*)"|([\w.]+))\s*((?:\|\s*\w+\s*)*)$""")
JEKYLL_DEFAULT_EXCLUDES = ("Gemfile", "Gemfile.lock", "node_modules", "vendor/bundle/", "vendor/cache/",
                           "vendor/gems/", "vendor/ruby/")


@dataclass(frozen=True)
class Target:
    """Where a link goes."""

    kind: str  # "external", "internal", "skip", "unknown" (Liquid booklint cannot evaluate)
    path: str | None = None  # the source file (relative to the root) that serves it
    fragment: str | None = None  # decoded, without '#'
    url: str | None = None  # the resolved URL or file path (for messages)
    problem: str | None = None  # "missing", "outside", "no-baseurl", "scheme"
    page: bool = False  # the target is a Markdown page (anchors can be checked)


class Site:
    def __init__(self, files: BookFiles, dialect: str, config: dict[str, Any] | None, front_matter: dict[str, dict]):
        self.files = files
        self.dialect = dialect
        self.config = config or {}
        baseurl = str(self.config.get("baseurl") or "").strip()
        self.baseurl = ("/" + baseurl.strip("/")) if baseurl.strip("/") else ""
        self.url = str(self.config.get("url") or "").rstrip("/")
        self.permalink_style = str(self.config.get("permalink") or "date")
        self._front_matter = front_matter
        self._url_to_path: dict[str, str] = {}
        self._path_to_url: dict[str, str] = {}
        self.published: set[str] = set()
        self._resolved: dict[tuple[str, str], Target] = {}
        if dialect == "jekyll":
            self._build_jekyll()

    # -- Jekyll's URL map --------------------------------------------------------------------
    def _excluded_by_jekyll(self, rel: str) -> bool:
        parts = rel.split("/")
        include = [str(x).strip("/") for x in self.config.get("include") or []]
        exclude = [str(x) for x in self.config.get("exclude") or []] + list(JEKYLL_DEFAULT_EXCLUDES)
        for i, part in enumerate(parts):
            prefix = "/".join(parts[: i + 1])
            if part[:1] in "._#~" and prefix not in include and part not in include:
                return True
        for pat in exclude:
            p = pat.strip("/")
            if rel == p or rel.startswith(p + "/"):
                return True
        return False

    def _page_url(self, rel: str, fm: dict) -> str:
        permalink = fm.get("permalink") if isinstance(fm, dict) else None
        if isinstance(permalink, str) and permalink.strip() and ":" not in permalink:
            p = permalink.strip()
            return p if p.startswith("/") else "/" + p
        d, name = posixpath.split(rel)
        stem = name.rsplit(".", 1)[0]
        prefix = "/" + d + "/" if d else "/"
        if stem == "index":
            return prefix
        style = self.permalink_style
        if style == "pretty" or (style not in ("date", "ordinal", "none") and style.endswith("/")):
            return prefix + stem + "/"
        return prefix + stem + ".html"

    def _build_jekyll(self) -> None:
        for rel in self.files.markdown:
            if self._excluded_by_jekyll(rel):
                continue
            fm = self._front_matter.get(rel)
            if fm is None:  # no front matter: Jekyll copies the file as it is
                url = "/" + rel
            else:
                url = self._page_url(rel, fm)
            self._add(url, rel)
        for rel in self.files.others:
            if self._excluded_by_jekyll(rel):
                continue
            if rel.endswith(".html") and rel in self._front_matter:
                self._add(self._page_url(rel, self._front_matter[rel]), rel)
            else:
                self._add("/" + rel, rel)

    def _add(self, url: str, rel: str) -> None:
        self._url_to_path.setdefault(url, rel)
        self._path_to_url[rel] = url
        self.published.add(rel)

    def url_of(self, rel: str) -> str | None:
        u = self._path_to_url.get(rel)
        return None if u is None else self.baseurl + u

    def serves_as_site(self, rel: str) -> bool:
        """Links in this file are URLs of the site (else: file paths, GitHub-style)."""
        return self.dialect == "jekyll" and rel in self._path_to_url and rel.endswith(MARKDOWN_SUFFIXES + (".html",))

    def _lookup_url(self, path: str) -> str | None:
        """The source file GitHub Pages serves for a URL path (baseurl already removed)."""
        m = self._url_to_path
        if path in m:
            return m[path]
        if path.endswith("/"):
            return m.get(path + "index.html")
        for cand in (path + "/", path + ".html", path + "/index.html"):
            if cand in m:
                return m[cand]
        return None

    def case_variant(self, page: str, target: Target) -> str | None:
        """For a missing target: the file that exists under another letter case, if any."""
        if target.problem != "missing" or not target.url:
            return None
        if self.serves_as_site(page):
            url = target.url
            if self.baseurl and url.startswith(self.baseurl):
                url = url[len(self.baseurl):] or "/"
            low = url.lower()
            for cand in (low, low + "/", low + ".html"):
                for u, rel in self._url_to_path.items():
                    if u.lower() == cand:
                        return rel
            return None
        path = target.url
        joined = path.lstrip("/") if path.startswith("/") else posixpath.join(posixpath.dirname(page), path)
        return self.files.case_match(posixpath.normpath(unquote(joined)))

    # -- Liquid in links -------------------------------------------------------------------
    def evaluate_liquid(self, href: str) -> str | None:
        """`{{ site.baseurl }}`, `{{ 'x' | relative_url }}`, `{% link x.md %}`; None if unknown."""
        if "{" not in href:
            return href
        ok = True

        def out(m: re.Match) -> str:
            nonlocal ok
            expr = m.group(1)
            fm = _FILTERED.match(expr)
            if not fm:
                ok = False
                return ""
            literal = fm.group(1) if fm.group(1) is not None else fm.group(2)
            var = fm.group(3)
            filters = [f.strip() for f in fm.group(4).split("|") if f.strip()]
            if literal is not None:
                value = literal
            elif var == "site.baseurl":
                value = self.baseurl
            elif var == "site.url":
                value = self.url
            else:
                ok = False
                return ""
            for f in filters:
                if f == "relative_url":
                    value = self.baseurl + "/" + value.lstrip("/") if not _SCHEME.match(value) else value
                elif f == "absolute_url":
                    value = self.url + self.baseurl + "/" + value.lstrip("/") if not _SCHEME.match(value) else value
                else:
                    ok = False
            return value

        def link(m: re.Match) -> str:
            nonlocal ok
            rel = m.group(1).strip().strip("'\"")
            url = self.url_of(rel)
            if url is None:
                return "\x00missing-link-tag:" + rel
            return url

        s = _LIQ_OUT.sub(out, href)
        s = _LIQ_LINK.sub(link, s)
        if not ok or "{{" in s or "{%" in s:
            return None
        return s

    # -- resolving a link --------------------------------------------------------------------
    def resolve(self, page: str, href: str) -> Target:
        """Where ``href`` written in ``page`` goes (memoised: rules ask again and again)."""
        key = (page, href)
        t = self._resolved.get(key)
        if t is None:
            t = self._resolve(page, href)
            if len(self._resolved) < 200_000:
                self._resolved[key] = t
        return t

    def _resolve(self, page: str, href: str) -> Target:
        href = href.strip()
        evaluated = self.evaluate_liquid(href)
        if evaluated is None:
            return Target("unknown", url=href)
        if evaluated.startswith("\x00missing-link-tag:"):
            rel = evaluated.split(":", 1)[1]
            return Target("internal", url=rel, problem="missing")
        href = evaluated
        m = _SCHEME.match(href)
        if m:
            scheme = m.group(1).lower()
            if scheme in ("http", "https"):
                own = self._own_url(href)
                if own is None:
                    return Target("external", url=href)
                href = own
            elif scheme == "file":
                return Target("internal", url=href, problem="outside")
            else:  # mailto:, tel:, javascript:, data: ...
                return Target("skip", url=href)
        elif href.startswith("//"):
            return Target("external", url=href)
        parts = urlsplit(href)
        path = unquote(parts.path)
        fragment = unquote(parts.fragment) if ("#" in href) else None
        if not path:
            return Target("internal", path=page, fragment=fragment, url="#" + (fragment or ""),
                          page=page.endswith(MARKDOWN_SUFFIXES))
        if self.serves_as_site(page):
            return self._resolve_url(page, path, fragment)
        return self._resolve_file(page, path, fragment)

    def _own_url(self, href: str) -> str | None:
        """An absolute URL into this very site, as a root-relative URL; else None."""
        if not self.url or self.dialect != "jekyll":
            return None
        base = self.url + self.baseurl
        for b in (base, base.replace("https://", "http://", 1)):
            if href == b or href.startswith(b + "/") or href.startswith(b + "#"):
                return self.baseurl + (href[len(b):] or "/")
        return None

    def _resolve_url(self, page: str, path: str, fragment: str | None) -> Target:
        page_url = self.url_of(page) or "/"
        if path.startswith("/"):
            absolute = path
        else:
            absolute = posixpath.dirname(page_url.rstrip("/") + "/x") + "/" + path
        if _climbs_out(absolute):
            return Target("internal", url=path, fragment=fragment, problem="outside")
        norm = posixpath.normpath(absolute)
        if norm.startswith("//"):
            norm = norm[1:]
        url = norm + ("/" if absolute.endswith("/") and norm != "/" else "")
        if self.baseurl and url != self.baseurl and not url.startswith(self.baseurl + "/"):
            return Target("internal", url=url, fragment=fragment, problem="no-baseurl" if path.startswith("/") else "outside")
        site_path = url[len(self.baseurl):] or "/"
        rel = self._lookup_url(site_path)
        if rel is None:
            return Target("internal", url=url, fragment=fragment, problem="missing")
        return Target("internal", path=rel, fragment=fragment, url=url, page=rel.endswith(MARKDOWN_SUFFIXES))

    def _resolve_file(self, page: str, path: str, fragment: str | None) -> Target:
        if path.startswith("/"):
            joined = path.lstrip("/")
        else:
            joined = posixpath.join(posixpath.dirname(page), path)
        if _climbs_out(joined):
            return Target("internal", url=path, fragment=fragment, problem="outside")
        rel = posixpath.normpath(joined)
        if rel in (".", ""):
            rel = ""
        files = self.files
        if rel == "" or rel in files.dirs:
            for idx in ("README.md", "index.md"):
                cand = f"{rel}/{idx}" if rel else idx
                if cand in files.markdown:
                    return Target("internal", path=cand, fragment=fragment, url=path, page=True)
            return Target("internal", path=rel or ".", fragment=fragment, url=path)
        if files.exists(rel):
            return Target("internal", path=rel, fragment=fragment, url=path, page=rel.endswith(MARKDOWN_SUFFIXES))
        return Target("internal", url=path, fragment=fragment, problem="missing")


def _climbs_out(path: str) -> bool:
    depth = 0
    for part in path.split("/"):
        if part == "..":
            depth -= 1
            if depth < 0:
                return True
        elif part not in ("", "."):
            depth += 1
    return False
