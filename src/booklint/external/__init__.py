"""External links: every http(s) URL the book uses, gathered once, checked concurrently over the
network (httpx, asynchronous), remembered in a persistent cache.

* :mod:`.collect` finds the URLs (links, embeds, front matter, .bib fields; ``doi:`` and arXiv
  ids through their resolvers) from what the parser and the bibliography library already hold;
* :mod:`.checker` asks the network (per-host limits, HEAD then GET, redirects, retries that
  honour ``Retry-After``, timeouts, TLS errors);
* :mod:`.cache` keeps observations on disk (``.booklint_cache/external/`` by default) so a CI
  run asks again only about stale URLs;
* :mod:`.verdict` turns an observation into dead / permanently redirected / missing fragment.

The library takes its settings as arguments (:func:`settings_from` reads the `links` family's
values); :func:`external_report` is the one entry point rules use, memoised for the run, so the
rules that report dead links, redirects and fragments share one round of requests. httpx is
imported only when a URL is really checked.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..keys import frozen as _frozen
from .model import CheckSettings, Observation, Report, Use

if TYPE_CHECKING:
    from ..book.model import Book

__all__ = ["CheckSettings", "Observation", "Report", "Use", "external_report", "parse_age", "parse_codes",
           "run_checks", "settings_from", "settings_problem"]

_AGE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*$", re.I)
_UNIT = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
_RANGE = re.compile(r"^\s*(\d{3})\s*(?:(?:\.\.|-)\s*(\d{3}))?\s*$")


def parse_age(value: Any) -> float | None:
    """Seconds from ``3600``, ``"90m"``, ``"12h"``, ``"7d"``, ``"2w"``; None if unreadable."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) if value >= 0 else None
    m = _AGE.match(str(value))
    return float(m.group(1)) * _UNIT[m.group(2).lower()] if m else None


def parse_codes(values: Any) -> frozenset[int] | None:
    """Status codes from a list of ``403``, ``"403"`` or ``"200..299"``; None if unreadable."""
    if not isinstance(values, list):
        return None
    out: set[int] = set()
    for v in values:
        if isinstance(v, bool):
            return None
        if isinstance(v, int):
            if not 100 <= v <= 999:
                return None
            out.add(v)
            continue
        m = _RANGE.match(str(v))
        if not m:
            return None
        lo, hi = int(m.group(1)), int(m.group(2) or m.group(1))
        if not 100 <= lo <= hi <= 999:
            return None
        out.update(range(lo, hi + 1))
    return frozenset(out)


def settings_problem(values: dict[str, Any]) -> str | None:
    """What is wrong with the `links` family's external-link values, or None."""
    if "external-max-age" in values and parse_age(values["external-max-age"]) is None:
        return "`external-max-age` must be seconds or a duration such as \"12h\", \"7d\""
    if "external-accept" in values and parse_codes(values["external-accept"]) is None:
        return "`external-accept` must list status codes (403) or ranges (\"200..299\")"
    hosts = values.get("external-accept-hosts", {})
    for host, codes in hosts.items() if isinstance(hosts, dict) else ():
        if parse_codes(codes) is None:
            return f"`external-accept-hosts.\"{host}\"` must list status codes (403) or ranges (\"200..299\")"
    for key in ("external-exclude", "external-include"):
        for pat in values.get(key, []) or []:
            if not isinstance(pat, str):
                return f"`{key}` must list regular expressions as strings"
            try:
                re.compile(pat)
            except re.error as e:
                return f"`{key}`: {pat!r} is not a regular expression ({e})"
    for key in ("external-timeout", "external-retries", "external-retry-wait", "external-max-retry-wait",
                "external-host-delay", "external-max-redirects"):
        v = values.get(key)
        if v is not None and (isinstance(v, bool) or v < 0):
            return f"`{key}` must not be negative"
    for key in ("external-max-concurrency", "external-host-concurrency"):
        v = values.get(key)
        if v is not None and (isinstance(v, bool) or v < 1):
            return f"`{key}` must be at least 1"
    return None


def settings_from(values: dict[str, Any], root: Path, *, version: str = "") -> CheckSettings:
    """The checker's settings from the `links` family's values (defaults filled in)."""
    cache = str(values.get("external-cache", ".booklint_cache/external") or "")
    accept = parse_codes(values.get("external-accept") or []) or CheckSettings.accept
    hosts = {str(h).lower(): parse_codes(c) or frozenset()
             for h, c in (values.get("external-accept-hosts") or {}).items()}
    ua = str(values.get("external-user-agent") or "") or (f"booklint/{version}" if version else "booklint")
    return CheckSettings(
        timeout=float(values.get("external-timeout", 20)),
        retries=int(values.get("external-retries", 3)),
        retry_wait=float(values.get("external-retry-wait", 1)),
        max_retry_wait=float(values.get("external-max-retry-wait", 60)),
        max_concurrency=int(values.get("external-max-concurrency", 64)),
        host_concurrency=int(values.get("external-host-concurrency", 32)),
        host_delay=float(values.get("external-host-delay", 0)),
        max_redirects=int(values.get("external-max-redirects", 10)),
        user_agent=ua,
        accept=accept,
        accept_hosts=hosts,
        check_fragments=bool(values.get("external-fragments", False)),
        check_local=bool(values.get("external-check-local", False)),
        exclude=tuple(re.compile(p) for p in values.get("external-exclude") or []),
        include=tuple(re.compile(p) for p in values.get("external-include") or []),
        offline=bool(values.get("offline", False)) or not bool(values.get("external", False)),
        cache_dir=((root / cache) if not Path(cache).is_absolute() else Path(cache)) if cache else None,
        max_age=parse_age(values.get("external-max-age", "1d")) or 0.0,
    )


def run_checks(uses: dict[str, list[Use]], s: CheckSettings, *, verify: Any = True, progress: bool = False,
               now: float | None = None) -> Report:
    """Check the URLs of ``uses``: fresh cache entries first, the network for the rest (unless
    offline), the cache updated with what the network said."""
    from .cache import Cache

    now = time.time() if now is None else now
    report = Report(uses, {})
    cache = Cache(s.cache_dir, s.max_age, now) if s.cache_dir is not None else None
    need_ids = {u for u, us in uses.items() if s.check_fragments and any(x.fragment for x in us)}
    todo: list[str] = []
    for url in uses:
        if not s.wanted(url):
            report.skipped.add(url)
            continue
        obs = cache.get(url) if cache is not None else None
        if obs is not None and (url not in need_ids or obs.ids is not None or not obs.html
                                or obs.status is None or obs.status >= 400):
            report.observations[url] = obs
            report.from_cache += 1
            continue
        todo.append(url)
    if s.offline:
        report.unchecked.update(todo)
        return report
    if not todo:
        return report
    from .checker import check_urls

    bar = _progress(len(todo)) if progress and sys.stderr.isatty() else None

    def done(obs: Observation) -> None:
        if cache is not None:
            cache.put(obs)
        if bar is not None:
            bar.update(1)

    try:
        got, requests = check_urls(todo, s, need_ids=need_ids & set(todo), verify=verify, done=done)
    finally:
        if bar is not None:
            bar.render_finish()
        if cache is not None:
            cache.flush()  # once, at the end (also when interrupted): what was learnt is kept
    report.observations.update(got)
    report.requests = requests
    return report


def _progress(total: int):
    import click

    bar = click.progressbar(length=total, label="Checking external links", file=sys.stderr, show_pos=True)
    bar.__enter__()
    return bar



def external_report(book: Book, values: dict[str, Any], bib_files: list[str], bibliography: Callable[[str], Any],
                    *, version: str = "", progress: bool = True) -> Report:
    """The book's external URLs and what checking them found, once a run for these settings.

    ``values``: the `links` family's settings (``external``, ``offline`` and the
    ``external-*`` keys). Without ``external``, or with ``offline``, nothing goes to the network:
    only fresh cached observations are used. ``bib_files`` and ``bibliography(rel)``: the .bib
    files and their parse, from the bibliography library.
    """
    from .collect import collect

    def build() -> Report:
        uses = collect(book, bib_files, bibliography,
                       doi_resolver=str(values.get("doi-resolver") or "https://doi.org/"),
                       arxiv_resolver=str(values.get("arxiv-resolver") or "https://arxiv.org/abs/"))
        return run_checks(uses, settings_from(values, book.root, version=version), progress=progress)

    return book.memo(("external.report", _frozen(values), tuple(bib_files)), build)


def book_report(book: Book, values: dict[str, Any], bib_values: dict[str, Any], *, version: str = "") -> Report:
    """:func:`external_report` with the book's .bib files as the bibliography library sees them
    under the `bib` family's settings ``bib_values``."""
    from ..bibliography.book import bibliographies

    shelf = bibliographies(book, bib_values)
    return external_report(book, values, shelf.files, shelf.bibliography, version=version)


def observed(book: Book, values: dict[str, Any], bib_values: dict[str, Any], *, version: str = ""
             ) -> Iterator[tuple[str, list[Use], Observation]]:
    """Each URL of the book with its uses and what the check saw of it (URLs not checked, as
    in an offline run with no fresh answer, are left out): what the L rules read."""
    report = book_report(book, values, bib_values, version=version)
    for url, uses in report.uses.items():
        obs = report.observations.get(url)
        if obs is not None:
            yield url, uses, obs


def place(book: Book, use: Use):
    """(the Document or Source, the Span) where a finding about ``use`` goes."""
    from ..document.model import Span

    if use.span is not None:
        return book.docs[use.path], use.span
    src = book.source(use.path)
    if src is None or use.position is None:
        return None, None
    line, col, eline, ecol = use.position
    start = src.offset(max(1, min(line, src.line_count)), max(1, col))
    end = src.offset(max(1, min(eline, src.line_count)), max(1, ecol))
    return src, Span(start, max(start, end))


def what(use: Use) -> str:
    """How a use is named in a message."""
    return {"link": "Link", "image": "Image", "iframe": "Embedded page", "video": "Video", "audio": "Audio",
            "source": "Media source", "embed": "Embedded file", "front-matter": "Front-matter URL",
            "bib": "URL", "bib-doi": "DOI", "bib-arxiv": "arXiv id"}.get(use.kind, "URL")
