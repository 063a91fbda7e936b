"""Checking URLs over HTTP, concurrently: httpx's asynchronous client under asyncio.

For each URL (already deduplicated, fragment removed):

* a per-host gate: at most ``host_concurrency`` requests in flight to one host, their starts
  ``host_delay`` apart, and the whole host paused when it answers 429 with ``Retry-After``;
  at most ``max_concurrency`` in flight in all;
* HEAD first; GET when HEAD is refused (any 4xx/5xx after retries: many servers answer HEAD
  wrongly) or when the page's ids are wanted (a ``#fragment`` to check);
* redirects followed (each hop kept, so a permanent one can be reported), at most
  ``max_redirects``;
* 429, 5xx, timeouts and connections cut mid-answer retried ``retries`` times, waiting what
  ``Retry-After`` says (seconds or an HTTP date) or else ``retry_wait`` doubled each time;
* a plain ``User-Agent``, no cookies kept between requests (a jar that refuses every cookie),
  http and https only (a redirect elsewhere is an error).

Nothing here decides dead or alive: the caller judges the :class:`Observation`.
"""

from __future__ import annotations

import asyncio
import collections
import email.utils
import http
import os
import socket
import ssl
import sys
import time
from collections.abc import Callable, Iterable
from html.parser import HTMLParser
from http.cookiejar import CookieJar, DefaultCookiePolicy
from urllib.parse import urlsplit

from .model import CheckSettings, Observation


class _Ids(HTMLParser):
    """The ids a browser can scroll to: every ``id`` attribute and ``<a name>``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if v is not None and (k == "id" or (k == "name" and tag == "a")):
                self.ids.add(v)

    handle_startendtag = handle_starttag


def html_ids(body: bytes, charset: str | None) -> frozenset[str]:
    try:
        text = body.decode(charset or "utf-8", "replace")
    except LookupError:
        text = body.decode("utf-8", "replace")
    p = _Ids()
    try:
        p.feed(text)
        p.close()
    except Exception:  # html.parser is lenient; a pathological page must not cost the run
        pass
    return frozenset(p.ids)


class _Host:
    """One host's gate: the earliest time its next request may start."""

    def __init__(self) -> None:
        self.next_start = 0.0

    async def wait_turn(self, delay: float) -> None:
        while True:
            now = time.monotonic()
            if now >= self.next_start:
                self.next_start = max(self.next_start, now) + delay
                return
            await asyncio.sleep(self.next_start - now)

    def pause(self, seconds: float) -> None:
        self.next_start = max(self.next_start, time.monotonic() + seconds)


def _retry_after(value: str | None, now: float) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - now)


def _reason(status: int, given: str) -> str:
    if given:
        return given
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return ""


def _describe_error(e: BaseException, timeout: float) -> tuple[str, str]:
    """(kind, sentence) for an exception raised while fetching."""
    import httpx

    while isinstance(e, BaseExceptionGroup) and e.exceptions:  # anyio's happy-eyeballs group
        e = e.exceptions[0]
    chain: list[BaseException] = []
    x: BaseException | None = e
    while x is not None and len(chain) < 8:
        chain.append(x)
        x = x.__cause__ or x.__context__
    text = " ".join(str(c) for c in chain)
    if any(isinstance(c, (OverflowError, UnicodeError, httpx.InvalidURL)) for c in chain):
        return "invalid", f"not a valid URL ({e})"  # a port past 65535, a label too long for IDNA
    if isinstance(e, (httpx.TimeoutException, TimeoutError, asyncio.TimeoutError)):
        return "timeout", f"no complete answer within {timeout:g} s (timed out)"
    if any(isinstance(c, ssl.SSLError) for c in chain) or "CERTIFICATE_VERIFY_FAILED" in text or "[SSL" in text:
        ssl_err = next((c for c in chain if isinstance(c, ssl.SSLError)), None)
        detail = (getattr(ssl_err, "verify_message", None) or getattr(ssl_err, "reason", None) or str(ssl_err or e))
        if isinstance(ssl_err, ssl.SSLCertVerificationError) and ssl_err.verify_message:
            detail = f"certificate verify failed: {ssl_err.verify_message}"
        return "tls", f"TLS error: {detail}"
    if isinstance(e, httpx.TooManyRedirects):
        return "redirects", "too many redirects"
    if isinstance(e, httpx.UnsupportedProtocol):
        return "scheme", f"redirected to an address booklint does not check ({e})"
    if isinstance(e, httpx.RemoteProtocolError):
        return "protocol", f"the server broke off its answer ({e})"
    if isinstance(e, httpx.ConnectError):
        low = text.lower()
        if any(isinstance(c, ConnectionRefusedError) for c in chain):
            return "connect", "connection refused"
        if any(isinstance(c, socket.gaierror) for c in chain) or "name or service not known" in low or "nodename nor servname" in low or "getaddrinfo" in low \
                or "no address associated" in low or "temporary failure in name resolution" in low:
            return "dns", "the host name does not resolve (DNS)"
        if "refused" in low:
            return "connect", "connection refused"
        return "connect", f"cannot connect ({e or type(e).__name__})"
    if isinstance(e, (httpx.InvalidURL, ValueError)):
        return "invalid", f"not a valid URL ({e})"
    if isinstance(e, httpx.ReadError | httpx.WriteError | httpx.NetworkError):
        return "protocol", f"the connection was cut ({e or type(e).__name__})"
    return "network", f"{type(e).__name__}: {e}"


def _tls(verify: ssl.SSLContext | bool | str) -> ssl.SSLContext | bool:
    """One TLS context for every client (building one reads the CA bundle: 70 ms each)."""
    if isinstance(verify, ssl.SSLContext) or verify is False:
        return verify
    if isinstance(verify, str):
        return ssl.create_default_context(cafile=verify)
    if os.environ.get("SSL_CERT_FILE") or os.environ.get("SSL_CERT_DIR"):  # as httpx honours them
        return ssl.create_default_context(cafile=os.environ.get("SSL_CERT_FILE") or None,
                                          capath=os.environ.get("SSL_CERT_DIR") or None)
    import certifi  # httpx's own default trust store

    return ssl.create_default_context(cafile=certifi.where())


class _Checker:
    """Per host, ``host_concurrency`` workers (fewer when the host has fewer URLs), each with a
    client of its own that keeps one connection alive: httpcore's shared pool checks every idle
    connection on every request, which made one client with many connections cost 3x the CPU.
    A semaphore caps the requests in flight in all."""

    def __init__(self, s: CheckSettings, verify: ssl.SSLContext | bool | str = True) -> None:
        self.s = s
        self.tls = _tls(verify)
        self.hosts: dict[str, _Host] = {}
        self.requests = 0

    def host(self, url: str) -> _Host:
        key = (urlsplit(url).hostname or "").lower()
        h = self.hosts.get(key)
        if h is None:
            h = self.hosts[key] = _Host()
        return h

    def client(self):
        import httpx

        async def count(_request) -> None:
            self.requests += 1

        s = self.s
        jar = CookieJar(policy=DefaultCookiePolicy(allowed_domains=[]))  # accepts no cookie from anyone
        return httpx.AsyncClient(
            headers={"User-Agent": s.user_agent, "Accept": "text/html,application/xhtml+xml,*/*;q=0.8"},
            cookies=jar, follow_redirects=True, max_redirects=s.max_redirects,
            limits=httpx.Limits(max_connections=4, max_keepalive_connections=1),
            timeout=httpx.Timeout(s.timeout), verify=self.tls, event_hooks={"request": [count]},
        )

    async def run(self, urls: list[str], need_ids: set[str], done: Callable[[Observation], None]) -> None:
        s = self.s
        self.all = asyncio.Semaphore(max(1, s.max_concurrency))
        queues: dict[str, collections.deque[str]] = {}
        for u in urls:
            queues.setdefault((urlsplit(u).hostname or "").lower(), collections.deque()).append(u)

        async def worker(queue: collections.deque[str]) -> None:
            async with self.client() as client:
                while queue:
                    url = queue.popleft()
                    done(await self.check(client, url, url in need_ids))

        await asyncio.gather(*(worker(q) for q in queues.values()
                               for _ in range(min(max(1, s.host_concurrency), len(q)))))

    async def check(self, client, url: str, want_ids: bool) -> Observation:
        first = "GET" if want_ids else "HEAD"
        obs = await self.attempts(client, url, first, want_ids)
        if first == "HEAD" and (obs.status is not None and obs.status >= 400 and obs.status != 429
                                or obs.error_kind == "protocol"):
            # some servers answer HEAD wrongly (405, 404, 403, 500, a cut connection): ask with GET,
            # once only when HEAD was already retried
            tries = obs.tries
            obs = await self.attempts(client, url, "GET", False, retries=0 if obs.transient else None)
            obs.tries += tries
        return obs

    async def attempts(self, client, url: str, method: str, want_ids: bool, retries: int | None = None) -> Observation:
        s = self.s
        retries = s.retries if retries is None else retries
        host = self.host(url)
        obs = Observation(url, time.time())
        for attempt in range(retries + 1):
            await host.wait_turn(s.host_delay)
            async with self.all:
                obs = await self.fetch(client, url, method, want_ids)
            obs.tries = attempt + 1
            if not obs.transient or obs.error_kind == "connect" or attempt == retries:
                break
            wait = obs.retry_after if obs.retry_after is not None else s.retry_wait * (2 ** attempt)
            if wait > s.max_retry_wait:
                break  # the server asks for longer than we wait: reported as rate-limited
            obs.retry_after = None
            if obs.status == 429 or obs.status == 503:
                host.pause(wait)  # Retry-After is about the host, not one URL
            await asyncio.sleep(wait)
        return obs

    async def fetch(self, client, url: str, method: str, want_ids: bool) -> Observation:
        s = self.s
        now = time.time()
        try:
            async with asyncio.timeout(s.timeout):
                async with client.stream(method, url) as resp:
                    chain = [*resp.history, resp]
                    hops = tuple((r.status_code, str(chain[i + 1].url)) for i, r in enumerate(resp.history))
                    ctype = resp.headers.get("content-type", "").lower()
                    is_html = "html" in ctype
                    ids = None
                    if method == "HEAD":
                        await resp.aread()  # nothing to read, but only a finished answer frees the connection
                    elif want_ids and is_html and resp.status_code < 400:
                        body = bytearray()
                        async for chunk in resp.aiter_bytes():
                            body += chunk
                            if len(body) > s.max_body:
                                break
                        # a page cut at max_body has ids we did not see: unknown, never "missing"
                        ids = html_ids(bytes(body), resp.charset_encoding) if len(body) <= s.max_body else None
                    ra = _retry_after(resp.headers.get("retry-after"), now) if resp.status_code in (429, 503) else None
                    return Observation(url, now, resp.status_code, _reason(resp.status_code, resp.reason_phrase),
                                       redirects=hops, final_url=str(resp.url), ids=ids, html=is_html,
                                       retry_after=ra)
        except Exception as e:  # one URL's surprise must not cost the others' answers
            kind, msg = _describe_error(e, s.timeout)
            return Observation(url, now, None, "", msg, kind, final_url=url)


def check_urls(urls: Iterable[str], settings: CheckSettings, *, need_ids: Iterable[str] = (),
               verify: ssl.SSLContext | bool | str = True,
               done: Callable[[Observation], None] | None = None) -> tuple[dict[str, Observation], int]:
    """Check every URL (absolute http(s), no fragment) over the network: {url: observation} and
    the number of HTTP requests sent (redirect hops and retries included).

    ``need_ids``: the URLs whose HTML ids are wanted (GET, body read). ``verify``: httpx's TLS
    setting (an ``ssl.SSLContext`` trusting a test CA in tests; the system's store by default).
    ``done`` is called with each observation as it arrives (the progress bar, the cache).
    """
    urls = list(dict.fromkeys(urls))
    out: dict[str, Observation] = {}
    checker = _Checker(settings, verify)

    def got(obs: Observation) -> None:
        out[obs.url] = obs
        if done is not None:
            done(obs)

    if urls:
        if sys.platform == "win32":  # pragma: no cover
            asyncio.set_event_loop_policy(asyncio.WindowsSelectorEventLoopPolicy())
        asyncio.run(checker.run(urls, set(need_ids), got))
    return out, checker.requests
