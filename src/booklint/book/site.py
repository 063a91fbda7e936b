"""The site model: which URL serves which source file, and where a link really goes.

For a Jekyll book (a ``_config.yml`` at the root) the model is what ``jekyll build`` writes:
pages (any file with front matter outside the folders Jekyll skips) at their page URL,
posts (``_posts/YYYY-MM-DD-title.md``) and the documents of each ``collections:`` entry at
their collection's ``permalink`` template, everything else copied as a static file; drafts,
``published: false``, future-dated posts and the documents of ``output: false`` collections
are not served. ``_config.yml`` ``defaults:`` scopes apply to every page and document.
Links in a rendered page are URLs: relative to the page's own URL, absolute ones carrying the
``baseurl``, Liquid (``{{ site.baseurl }}``, ``relative_url``, ``{% link %}``,
``{% post_url %}``) evaluated. For a plain Markdown book, and for files Jekyll does not
render (a ``README.md`` without front matter is copied as it is), links are file paths,
resolved as GitHub and mdBook resolve them. No site is built.
"""

from __future__ import annotations

import datetime as _dt
import fnmatch
import posixpath
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from .discover import MARKDOWN_SUFFIXES, BookFiles
from .slugs import jekyll_slugify

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_LIQ_OUT = re.compile(r"\{\{-?\s*(.*?)\s*-?\}\}")
_LIQ_LINK = re.compile(r"\{%-?\s*(link|post_url)\s+(.*?)\s*-?%\}")
_FILTERED = re.compile(r"""^(?:'([^']*)'|"([^"]*)"|([\w.]+))\s*((?:\|\s*\w+\s*)*)$""")
JEKYLL_DEFAULT_EXCLUDES = (".sass-cache", ".jekyll-cache", "gemfiles", "Gemfile", "Gemfile.lock", "node_modules",
                           "vendor/bundle/", "vendor/cache/", "vendor/gems/", "vendor/ruby/")
_POST_NAME = re.compile(r"^(\d{2,4}-\d{1,2}-\d{1,2})-(.*)(\.[^.]+)$")
_PLACEHOLDER = re.compile(r":([a-z_]+)")
_STYLES = {
    "pretty": "/:categories/:year/:month/:day/:title/",
    "none": "/:categories/:title:output_ext",
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
}
_OUTPUT_EXT = {".md": ".html", ".markdown": ".html", ".mkdown": ".html", ".mkdn": ".html", ".mkd": ".html",
               ".htm": ".html", ".html": ".html", ".scss": ".css", ".sass": ".css", ".coffee": ".js"}


@dataclass(frozen=True)
class Target:
    """Where a link goes."""

    kind: str  # "external", "internal", "skip", "unknown" (Liquid booklint cannot evaluate)
    path: str | None = None  # the source file (relative to the root) that serves it
    fragment: str | None = None  # decoded, without '#'
    url: str | None = None  # the resolved URL or file path (for messages)
    problem: str | None = None  # "missing", "outside", "no-baseurl", "scheme"
    page: bool = False  # the target is a Markdown page (anchors can be checked)


@dataclass(frozen=True)
class Served:
    """One file of the built site, as Jekyll writes it."""

    url: str  # without the baseurl
    kind: str  # "page", "document" (posts and collection documents) or "static"
    collection: str | None = None  # "posts", a collection's label, or None


def _as_date(value: Any) -> _dt.datetime | None:
    if isinstance(value, _dt.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, _dt.date):
        return _dt.datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        m = re.match(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?", value)
        if m:
            try:
                return _dt.datetime(*(int(g) for g in m.groups() if g is not None))
            except ValueError:
                return None
    return None


def _categories(value: Any) -> list[str]:
    if isinstance(value, str):
        return value.split()
    if isinstance(value, list):
        return [str(v) for v in value if v is not None]
    return []


def _glob(pattern: str, path: str) -> bool:
    return fnmatch.fnmatchcase(path, pattern)


class Site:
    def __init__(self, files: BookFiles, dialect: str, config: dict[str, Any] | None, front_matter: dict[str, dict],
                 other_front_matter: dict[str, dict] | None = None, now: _dt.datetime | None = None):
        self.files = files
        self.dialect = dialect
        self.config = config if isinstance(config, dict) else {}
        baseurl = str(self.config.get("baseurl") or "").strip()
        self.baseurl = ("/" + baseurl.strip("/")) if baseurl.strip("/") else ""
        self.url = str(self.config.get("url") or "").rstrip("/")
        self.permalink_style = str(self.config.get("permalink") or "date").strip()
        self._front_matter = dict(front_matter)
        self._front_matter.update(other_front_matter or {})
        self._now = now or _dt.datetime.now()
        self._url_to_path: dict[str, str] = {}
        self._path_to_url: dict[str, str] = {}
        self.served: dict[str, Served] = {}  # source file -> how Jekyll writes it
        self.published: set[str] = set()  # every source file the site writes (pages, documents, static files)
        self.rendered: set[str] = set()  # the pages and documents Jekyll renders (Liquid, the converter, a layout)
        self.not_served: dict[str, str] = {}  # pages and documents Jekyll reads but does not write -> why
        self._posts: dict[str, str] = {}  # `post_url` name (path in _posts without extension) -> source
        self._resolved: dict[tuple[str, str], Target] = {}
        self._values: dict[str, dict] = {}
        self._filters: tuple[frozenset[str], tuple[str, ...]] | None = None
        if dialect == "jekyll":
            self._build_jekyll()

    # -- _config.yml ---------------------------------------------------------------------------
    def _list(self, key: str) -> list[str]:
        v = self.config.get(key)
        if isinstance(v, str):
            return [v]
        return [str(x) for x in v if x is not None] if isinstance(v, list) else []

    def _collections(self) -> dict[str, dict]:
        raw = self.config.get("collections")
        out: dict[str, dict] = {}
        if isinstance(raw, list):
            out = {str(x): {} for x in raw if isinstance(x, (str, int))}
        elif isinstance(raw, dict):
            out = {str(k): (v if isinstance(v, dict) else {}) for k, v in raw.items()}
        posts = dict(out.get("posts") or {})
        posts.setdefault("output", True)
        posts.setdefault("permalink", _STYLES.get(self.permalink_style, self.permalink_style))
        out["posts"] = posts
        return out

    def _excluded_by_jekyll(self, rel: str) -> bool:
        """Jekyll's EntryFilter: names starting with `.`, `_`, `#` or `~` (unless `include:`d),
        backups (`x~`), and `exclude:` (with Jekyll's own defaults)."""
        if self._filters is None:
            include = frozenset(x.strip("/") for x in self._list("include"))
            exclude = tuple(p for p in (x.strip("/") for x in self._list("exclude") + list(JEKYLL_DEFAULT_EXCLUDES))
                            if p and p not in include)
            self._filters = (include, exclude)
        include, exclude = self._filters
        parts = rel.split("/")
        for i, part in enumerate(parts):
            if part[:1] in "._#~" or part.endswith("~"):
                if part not in include and "/".join(parts[: i + 1]) not in include:
                    return True
        for p in exclude:
            if rel == p or rel.startswith(p + "/") or ("*" in p and _glob(p, rel)):
                return True
        return False

    # -- front matter with `defaults:` ------------------------------------------------------------
    def defaults_for(self, rel: str, kind: str) -> dict:
        """The values `_config.yml` `defaults:` give a file of this type (`pages`, `posts`,
        `drafts` or a collection's label), later and more specific scopes winning as in Jekyll."""
        sets = self.config.get("defaults")
        if not isinstance(sets, list):
            return {}
        out: dict = {}
        old: dict | None = None
        for d in sets:
            if not isinstance(d, dict) or not isinstance(d.get("values"), dict):
                continue
            scope = d.get("scope") if isinstance(d.get("scope"), dict) else {}
            if not self._scope_applies(scope, rel, kind):
                continue
            if old is None or _precedes(old, scope):
                out = _deep_merge(out, d["values"])
                old = scope
            else:
                out = _deep_merge(d["values"], out)
        return out

    @staticmethod
    def _scope_applies(scope: dict, rel: str, kind: str) -> bool:
        typ = scope.get("type")
        if typ not in (None, "") and str(typ) != kind:
            return False
        path = scope.get("path")
        if not isinstance(path, str) or not path.strip() or path.strip() in (".", "/"):
            return True
        p = path.strip().lstrip("/")
        if p.startswith("./"):
            p = p[2:]
        if "*" in p:
            return _glob(p, rel) or _glob(p.rstrip("/") + "/*", rel) or any(
                _glob(p, "/".join(rel.split("/")[:i])) for i in range(1, rel.count("/") + 1))
        return rel.startswith(p)

    def values(self, rel: str, kind: str | None = None) -> dict:
        """A page's front matter over the `defaults:` that apply to it (what its layout sees)."""
        v = self._values.get(rel)
        if v is None:
            if kind is None:
                s = self.served.get(rel)
                kind = "pages" if s is None or s.collection is None else s.collection
                if s is None and rel in self.not_served:
                    kind = self.not_served[rel].split(":", 1)[0]
            own = self._front_matter.get(rel) or {}
            v = self._values[rel] = _deep_merge(self.defaults_for(rel, kind), own if isinstance(own, dict) else {})
        return v

    # -- Jekyll's URL map --------------------------------------------------------------------
    def _build_jekyll(self) -> None:
        collections = self._collections()
        cdir = str(self.config.get("collections_dir") or "").strip("/")
        cprefix = cdir + "/" if cdir else ""
        for rel in sorted(set(self.files.markdown) | self.files.others):
            if cprefix and not rel.startswith(cprefix):
                if self._excluded_by_jekyll(rel):
                    continue
                self._page_or_static(rel)
                continue
            inner = rel[len(cprefix):]
            label, sub = self._collection_of(inner, collections)
            if label is None:
                if not self._excluded_by_jekyll(rel):
                    self._page_or_static(rel)
                continue
            if label == "drafts":
                self.not_served[rel] = "drafts: a draft (served only with `jekyll build --drafts`)"
                continue
            if any(p[:1] in ("." , "_", "#", "~") for p in sub.split("/")) or sub.endswith("~") or self._excluded_by_jekyll_exclude(rel):
                continue
            self._document(rel, label, sub, collections[label], inner)

    def _excluded_by_jekyll_exclude(self, rel: str) -> bool:
        for pat in self._list("exclude"):
            p = pat.strip("/")
            if p and (rel == p or rel.startswith(p + "/") or ("*" in p and _glob(p, rel))):
                return True
        return False

    @staticmethod
    def _collection_of(inner: str, collections: dict) -> tuple[str | None, str]:
        """(label, path inside the collection folder) for a file of a collection; posts and drafts
        also live in `<dir>/_posts/` (the folder names become categories)."""
        parts = inner.split("/")
        top = parts[0]
        if top.startswith("_") and len(parts) > 1:
            label = top[1:]
            if label in collections or label == "drafts":
                return label, "/".join(parts[1:])
        for i, part in enumerate(parts[:-1]):
            if i > 0 and part in ("_posts", "_drafts"):
                return part[1:], "/".join(parts[:i]) + "//" + "/".join(parts[i + 1:])
        return None, ""

    def _page_or_static(self, rel: str) -> None:
        if rel not in self._front_matter:  # no front matter: Jekyll copies the file as it is
            self._add(rel, Served("/" + rel, "static"))
            return
        fm = self.values(rel, "pages")
        if fm.get("published") is False:
            self.not_served[rel] = "pages: `published: false`"
            return
        d, name = posixpath.split(rel)
        base, ext = posixpath.splitext(name)
        out_ext = _OUTPUT_EXT.get(ext.lower(), ext)
        if out_ext != ".html":
            template = "/:path/:basename:output_ext"
        elif base == "index":
            template = "/:path/"
        else:
            template = "/:path/:basename" + self._suffix()
        permalink = fm.get("permalink")
        if isinstance(permalink, str) and permalink.strip():
            template = permalink.strip()
        values = {"path": "/" + d if d else "", "basename": base, "output_ext": out_ext}
        url = _sanitize(_PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template))
        self._add(rel, Served(url, "page"), rendered=True)

    def _suffix(self) -> str:
        style = self.permalink_style
        if style == "pretty":
            return "/"
        if style in ("date", "ordinal", "none", "weekdate"):
            return ":output_ext"
        if style.endswith("/"):
            return "/"
        if style.endswith(":output_ext"):
            return ":output_ext"
        return ""

    def _document(self, rel: str, label: str, sub: str, meta: dict, inner: str) -> None:
        if label == "posts":
            dirs, _, tail = sub.partition("//") if "//" in sub else ("", "", sub)
            m = _POST_NAME.match(posixpath.basename(tail))
            if not m:
                return  # Jekyll reads only files named YYYY-MM-DD-title.ext as posts
            if rel not in self._front_matter:
                return  # a post without front matter is copied as a static file; no page
            fm = self.values(rel, "posts")
            date = _as_date(fm.get("date")) or _as_date(m.group(1))
            if fm.get("published") is False:
                self.not_served[rel] = "posts: `published: false`"
                return
            if date is not None and date > self._now and not self.config.get("future"):
                self.not_served[rel] = "posts: dated in the future (`future: false`)"
                return
            cats = [c for c in dirs.split("/") if c] + _categories(fm.get("category")) + _categories(fm.get("categories"))
            slug = fm.get("slug") if isinstance(fm.get("slug"), str) else m.group(2)
            base = posixpath.splitext(posixpath.basename(tail))[0]
            inside = tail
            self._posts.setdefault(posixpath.splitext((dirs + "/" if dirs else "") + tail)[0], rel)
            self._posts.setdefault(posixpath.splitext(tail)[0], rel)
        else:
            if rel not in self._front_matter:
                if meta.get("output"):
                    ext = posixpath.splitext(sub)[1]
                    self._add(rel, Served(self._document_url(meta, label, posixpath.splitext(sub)[0], "", {}, None, [],
                                                             posixpath.basename(sub), ext), "static", label))
                return
            fm = self.values(rel, label)
            if fm.get("published") is False:
                self.not_served[rel] = f"{label}: `published: false`"
                return
            date = _as_date(fm.get("date")) or self._now
            cats = _categories(fm.get("category")) + _categories(fm.get("categories"))
            base = posixpath.splitext(posixpath.basename(sub))[0]
            slug = fm.get("slug") if isinstance(fm.get("slug"), str) else base
            inside = sub
        if not meta.get("output"):
            self.not_served[rel] = f"{label}: the collection has `output: false`"
            return
        ext = posixpath.splitext(rel)[1]
        out_ext = _OUTPUT_EXT.get(ext.lower(), ext)
        url = self._document_url(meta, label, posixpath.splitext(inside)[0], slug, fm, date, cats, base, out_ext)
        self._add(rel, Served(url, "document", label), rendered=True)

    def _document_url(self, meta: dict, label: str, path: str, slug: str, fm: dict, date: _dt.datetime | None,
                      cats: list[str], base: str, out_ext: str) -> str:
        template = meta.get("permalink") if isinstance(meta.get("permalink"), str) else None
        if not template:
            template = "/:collection/:path" + self._suffix()
        template = _STYLES.get(template, template)
        permalink = fm.get("permalink")
        if isinstance(permalink, str) and permalink.strip():
            template = permalink.strip()
        seen: list[str] = []
        for c in cats:
            if c.lower() not in seen:
                seen.append(c.lower())
        d = date or self._now
        values = {
            "collection": label, "path": path.lstrip("/"), "name": jekyll_slugify(base),
            "title": jekyll_slugify(slug, "pretty", cased=True) or jekyll_slugify(base, "pretty", cased=True),
            "slug": jekyll_slugify(slug) or jekyll_slugify(base), "categories": "/".join(seen),
            "year": d.strftime("%Y"), "month": d.strftime("%m"), "day": d.strftime("%d"),
            "hour": d.strftime("%H"), "minute": d.strftime("%M"), "second": d.strftime("%S"),
            "i_day": str(d.day), "i_month": str(d.month), "short_year": d.strftime("%y"),
            "y_day": d.strftime("%j"), "short_month": d.strftime("%b"), "long_month": d.strftime("%B"),
            "short_day": d.strftime("%a"), "long_day": d.strftime("%A"), "week": d.strftime("%V"),
            "w_year": d.strftime("%G"), "w_day": str(d.isoweekday()), "output_ext": out_ext,
        }
        return _sanitize(_PLACEHOLDER.sub(lambda m: values.get(m.group(1), ""), template))

    def _add(self, rel: str, served: Served, rendered: bool = False) -> None:
        self._url_to_path.setdefault(served.url, rel)
        self._path_to_url[rel] = served.url
        self.served[rel] = served
        self.published.add(rel)
        if rendered:
            self.rendered.add(rel)

    def url_of(self, rel: str) -> str | None:
        u = self._path_to_url.get(rel)
        return None if u is None else self.baseurl + u

    def urls(self) -> dict[str, str]:
        """Every URL the site serves (without the baseurl) and the source file behind it."""
        return dict(self._url_to_path)

    def renders(self, rel: str) -> bool:
        """Jekyll renders this file (a page, post or document), so its links are URLs of the site
        and its headings get the converter's ids; else links are file paths, GitHub-style."""
        return rel in self.rendered

    def serves_as_site(self, rel: str) -> bool:
        """The site publishes this Markdown or HTML file, rendered or copied as it is (what the
        formula pipeline asks; links and heading ids follow :meth:`renders`)."""
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
        if self.renders(page):
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
        """`{{ site.baseurl }}`, `{{ 'x' | relative_url }}`, `{% link x.md %}`, `{% post_url name %}`
        (Jekyll 4 puts the baseurl in front of the last two); None if unknown."""
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
            arg = m.group(2).strip().strip("'\"")
            if m.group(1) == "post_url":  # `{% post_url 2023-05-01-title %}`: a post by its file name
                rel = self._posts.get(arg.strip("/"))
                url = None if rel is None else self.url_of(rel)
            else:  # `{% link path/to/file.md %}`: a file by its path from the site's source
                rel = arg.lstrip("/")
                url = self.url_of(rel)
            if url is None:
                return "\x00missing-link-tag:" + arg
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
        if "\x00missing-link-tag:" in evaluated:
            rel = evaluated.split("\x00missing-link-tag:", 1)[1]
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
        if self.renders(page):
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


def _sanitize(url: str) -> str:
    """Jekyll's URL sanitising: a leading slash, no `..` or `./`, no doubled slashes."""
    s = ("/" + url).replace("..", "/").replace("./", "")
    return re.sub(r"/{2,}", "/", s)


def _deep_merge(a: dict, b: dict) -> dict:
    out = dict(a)
    for k, v in b.items():
        out[k] = _deep_merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def _precedes(old: dict, new: dict) -> bool:
    """Jekyll's `has_precedence?`: a longer scope path wins, then a scope with a type."""
    def plen(s: dict) -> int:
        p = s.get("path")
        return len(p.strip().strip("/")) if isinstance(p, str) else 0
    if plen(new) != plen(old):
        return plen(new) >= plen(old)
    return "type" in new or "type" not in old
