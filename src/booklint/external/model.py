"""What the external-link checker takes and gives: its settings, one use of a URL in the book,
and what checking a URL observed.

An :class:`Observation` is what the network said (status, redirects, error, the page's ids),
kept in the persistent cache as it is; the verdict (dead or alive) is drawn from it under the
current settings by :func:`booklint.external.verdict.judge`, so changing the accepted codes
never needs a new request.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..document.model import Span

DEFAULT_ACCEPT = frozenset(range(200, 300))
DEFAULT_USER_AGENT = "booklint"  # plus the version, set by the caller


@dataclass(frozen=True)
class CheckSettings:
    """How to check: every knob of the checker, with the defaults documented on the `links` family."""

    timeout: float = 20.0  # seconds for one attempt, connect to last byte read
    retries: int = 3  # further attempts after a 429, a 5xx, a timeout or a cut connection
    retry_wait: float = 1.0  # first back-off; doubles each retry (a Retry-After header wins)
    max_retry_wait: float = 60.0  # a longer Retry-After is not waited for: the URL is reported unverified
    max_concurrency: int = 64  # requests in flight in all
    host_concurrency: int = 32  # requests in flight to one host
    host_delay: float = 0.0  # seconds between the starts of two requests to one host
    max_redirects: int = 10
    user_agent: str = DEFAULT_USER_AGENT
    accept: frozenset[int] = DEFAULT_ACCEPT  # final status codes that mean alive
    accept_hosts: dict[str, frozenset[int]] = field(default_factory=dict)  # host -> more accepted codes
    check_fragments: bool = False
    max_body: int = 8 << 20  # bytes of an HTML page read for its ids
    exclude: tuple[re.Pattern, ...] = ()
    include: tuple[re.Pattern, ...] = ()  # when given, only matching URLs are checked; wins over exclude
    offline: bool = False  # no network at all: only fresh cached observations are used
    cache_dir: Path | None = None  # None: no persistent cache
    max_age: float = 86400.0  # seconds a cached observation stays fresh

    check_local: bool = False  # loopback, private addresses and reserved example names are checked too

    def accepted(self, host: str) -> frozenset[int]:
        extra = self.accept_hosts.get(host.lower())
        if extra is None and host.lower().startswith("www."):
            extra = self.accept_hosts.get(host.lower()[4:])
        return self.accept | extra if extra else self.accept

    def wanted(self, url: str) -> bool:
        """Whether the include and exclude patterns let ``url`` be checked."""
        if self.include:
            return any(p.search(url) for p in self.include)
        if not self.check_local and is_local(url):
            return False
        return not any(p.search(url) for p in self.exclude)


_RESERVED_SUFFIXES = (".localhost", ".test", ".example", ".invalid", ".local", ".internal", ".home.arpa")
_EXAMPLE_DOMAINS = ("example.com", "example.net", "example.org")


def is_local(url: str) -> bool:
    """A URL no reader can follow from the page: loopback, private or link-local addresses,
    `localhost`, and the names reserved for examples and tests (RFC 2606, 6761: example.com/.net/
    .org, *.example, *.test, *.invalid, *.localhost; mDNS's *.local). Books write them as
    illustrations ("open http://localhost:8888"); checking them is noise."""
    import ipaddress
    from urllib.parse import urlsplit

    try:
        host = (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return False
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return (host == "localhost" or host.endswith(_RESERVED_SUFFIXES)
                or any(host == d or host.endswith("." + d) for d in _EXAMPLE_DOMAINS))
    return ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_unspecified or ip.is_reserved


@dataclass(frozen=True)
class Use:
    """One place the book uses an external URL."""

    url: str  # what is checked: absolute http(s), without the fragment
    fragment: str | None  # decoded, without '#'
    written: str  # as the author wrote it
    path: str  # the file, relative to the book's root
    kind: str  # "link", "image", "iframe", ..., "front-matter", "bib"
    span: Span | None = None  # in a Markdown page: character offsets
    position: tuple[int, int, int, int] | None = None  # elsewhere (.bib): line, column, end line, end column
    href: str = ""  # the full URL as the browser gets it (fragment included), for fixes and messages


@dataclass
class Observation:
    """What the network said about one URL (without its fragment)."""

    url: str
    checked_at: float
    status: int | None = None  # the final status, after redirects
    reason: str = ""
    error: str | None = None  # why there is no status: a sentence
    error_kind: str | None = None  # "timeout", "tls", "connect", "dns", "protocol", "redirects", "scheme", "invalid", "network"
    redirects: tuple[tuple[int, str], ...] = ()  # each hop: (status, the URL it sent us to)
    final_url: str = ""
    ids: frozenset[str] | None = None  # ids of the HTML page, when it was read
    html: bool = False  # the final answer was an HTML page
    retry_after: float | None = None  # what the server last asked for, when we gave up waiting
    tries: int = 1
    from_cache: bool = False

    @property
    def transient(self) -> bool:
        """An answer that may differ in a minute: never cached."""
        if self.status is not None:
            return self.status == 429 or self.status >= 500
        return self.error_kind in ("timeout", "protocol", "connect", "network")

    def to_json(self) -> dict[str, Any]:
        return {
            "url": self.url, "checked_at": self.checked_at, "status": self.status, "reason": self.reason,
            "error": self.error, "error_kind": self.error_kind, "redirects": [list(r) for r in self.redirects],
            "final_url": self.final_url, "ids": sorted(self.ids) if self.ids is not None else None,
            "html": self.html,
        }

    @classmethod
    def from_json(cls, data: Any) -> Observation | None:
        """The observation a cache entry holds, or None when the entry is not one (corrupt, old)."""
        if not isinstance(data, dict):
            return None
        try:
            url, at, status = data["url"], data["checked_at"], data["status"]
            reason, error, kind = data["reason"], data["error"], data["error_kind"]
            redirects, final, ids, html = data["redirects"], data["final_url"], data["ids"], data["html"]
        except KeyError:
            return None
        ok = (isinstance(url, str) and isinstance(at, (int, float)) and not isinstance(at, bool)
              and (status is None or (isinstance(status, int) and not isinstance(status, bool) and 100 <= status <= 999))
              and isinstance(reason, str) and (error is None or isinstance(error, str))
              and (kind is None or isinstance(kind, str)) and isinstance(final, str) and isinstance(html, bool)
              and isinstance(redirects, list)
              and all(isinstance(r, list) and len(r) == 2 and isinstance(r[0], int) and isinstance(r[1], str)
                      for r in redirects)
              and (ids is None or (isinstance(ids, list) and all(isinstance(i, str) for i in ids)))
              and (status is not None or error is not None))
        if not ok:
            return None
        return cls(url, float(at), status, reason, error, kind, tuple((r[0], r[1]) for r in redirects), final,
                   frozenset(ids) if ids is not None else None, html, from_cache=True)


@dataclass
class Report:
    """Every use of an external URL in the book and what checking them found."""

    uses: dict[str, list[Use]]  # URL (no fragment) -> its uses, in book order
    observations: dict[str, Observation]  # URL -> what was observed (absent: not checked)
    skipped: set[str] = field(default_factory=set)  # excluded by the patterns
    unchecked: set[str] = field(default_factory=set)  # offline and not fresh in the cache
    requests: int = 0  # HTTP requests sent this run (redirect hops and retries included)
    from_cache: int = 0
