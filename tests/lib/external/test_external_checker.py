"""The checker against real servers on 127.0.0.1: each kind of answer gives its verdict."""

from __future__ import annotations

import ssl
import time

import pytest
from localhttp import Server, loopback_only, self_signed_context

from booklint.external.checker import check_urls
from booklint.external.model import CheckSettings
from booklint.external.verdict import dead_reason, fragment_missing, permanent_target

FAST = CheckSettings(timeout=10.0, retries=2, retry_wait=0.05, max_retry_wait=5.0)


def one(server, path, settings=FAST, **kw):
    url = server.url(path)
    got, requests = check_urls([url], settings, **kw)
    return got[url], requests


def methods(server, path):
    return [m for m, p, _h, _t in server.log if p == path]


def test_200_is_alive_with_one_head(server):
    obs, n = one(server, "/ok")
    assert obs.status == 200 and dead_reason(obs, FAST) is None
    assert n == 1 and methods(server, "/ok") == ["HEAD"]
    assert permanent_target(obs) is None


def test_301_is_followed_and_reported_as_permanent(server):
    obs, n = one(server, "/moved")
    assert obs.status == 200 and dead_reason(obs, FAST) is None
    assert obs.redirects == ((301, server.url("/ok/new")),)
    assert permanent_target(obs) == server.url("/ok/new")
    assert n == 2


def test_permanent_chain_ends_where_permanent_hops_end(server):
    obs, _ = one(server, "/moved-twice")  # 308 -> 301 -> 200
    assert [s for s, _ in obs.redirects] == [308, 301]
    assert permanent_target(obs) == server.url("/ok/new")


def test_temporary_redirect_is_not_reported(server):
    obs, _ = one(server, "/temporary")
    assert obs.status == 200 and obs.redirects and permanent_target(obs) is None


def test_permanent_redirect_to_a_dead_page_is_dead_not_moved(server):
    obs, _ = one(server, "/moved-to-gone")
    assert obs.status == 404 and permanent_target(obs) is None
    assert dead_reason(obs, FAST) == f"404 Not Found at `{server.url('/gone')}`, where it redirects"


def test_404_is_dead_after_head_and_get(server):
    obs, n = one(server, "/gone")
    assert dead_reason(obs, FAST) == "404 Not Found"
    assert methods(server, "/gone") == ["HEAD", "GET"]  # a wrong HEAD answer is not trusted alone
    assert n == 2


def test_head_refused_falls_back_to_get(server):
    obs, _ = one(server, "/no-head")
    assert obs.status == 200 and dead_reason(obs, FAST) is None
    assert methods(server, "/no-head") == ["HEAD", "GET"]


def test_429_waits_as_retry_after_says_then_alive(server):
    obs, n = one(server, "/rate-limited-once")
    assert obs.status == 200 and dead_reason(obs, FAST) is None
    times = [t for _m, p, _h, t in server.log if p == "/rate-limited-once"]
    assert len(times) == 2 and times[1] - times[0] >= 0.95  # Retry-After: 1, not the 0.05 s back-off
    assert n == 2


def test_429_retry_after_as_an_http_date(server):
    obs, _ = one(server, "/rate-limited-date")
    assert obs.status == 200
    times = [t for _m, p, _h, t in server.log if p == "/rate-limited-date"]
    assert times[1] - times[0] >= 0.9  # two seconds from a date with one-second precision


def test_429_asking_too_long_is_reported_without_waiting(server):
    start = time.monotonic()
    obs, _ = one(server, "/rate-limited-long")
    assert time.monotonic() - start < 5
    assert obs.status == 429
    assert "asks to wait 3600 s" in dead_reason(obs, FAST)
    assert methods(server, "/rate-limited-long") == ["HEAD"]  # no GET: the host said to wait


def test_500_then_200_is_alive(server):
    obs, n = one(server, "/flaky")
    assert obs.status == 200 and dead_reason(obs, FAST) is None and n == 2


def test_500_every_time_is_dead_after_the_retries(server):
    obs, _ = one(server, "/broken")
    assert obs.status == 500
    assert dead_reason(obs, FAST).startswith("500 Internal Server Error (")
    # HEAD tried 1 + 2 retries, then one GET
    assert methods(server, "/broken") == ["HEAD", "HEAD", "HEAD", "GET"]


def test_backoff_doubles(server):
    s = CheckSettings(timeout=10.0, retries=2, retry_wait=0.2, max_retry_wait=5.0)
    one(server, "/broken", s)
    times = [t for _m, p, _h, t in server.log if p == "/broken"]
    assert times[1] - times[0] >= 0.19 and times[2] - times[1] >= 0.39


def test_slow_answer_times_out():
    with Server(slow=6.0) as server:
        s = CheckSettings(timeout=0.3, retries=1, retry_wait=0.01)
        start = time.monotonic()
        obs, _ = one(server, "/slow", s)
        assert time.monotonic() - start < 5  # two tries cut at 0.3 s, not one 6 s answer
        assert obs.status is None and obs.error_kind == "timeout"
        assert dead_reason(obs, s) == "no complete answer within 0.3 s (timed out)"


def test_truncated_answer_is_dead(server):
    obs, _ = one(server, "/truncated")
    assert obs.status is None and obs.error_kind == "protocol"
    assert dead_reason(obs, FAST).startswith("the server broke off its answer")


def test_truncated_body_is_dead_when_the_page_is_read(server):
    url = server.url("/truncated-body.html")
    got, _ = check_urls([url], FAST, need_ids=[url])
    assert got[url].error_kind == "protocol"
    assert "expected 5000" in dead_reason(got[url], FAST)


def test_self_signed_certificate_is_a_tls_error(tmp_path):
    with Server(tls=self_signed_context(tmp_path)) as server:
        obs, _ = one(server, "/ok")
        assert obs.status is None and obs.error_kind == "tls"
        assert dead_reason(obs, FAST) == "TLS error: certificate verify failed: self-signed certificate"
        assert server.log == []  # the handshake failed: no request reached the handler


def test_a_trusted_local_ca_is_fine(tmp_path):
    trustme = pytest.importorskip("trustme")
    ca = trustme.CA()
    server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ca.issue_cert("127.0.0.1").configure_cert(server_ctx)
    client_ctx = ssl.create_default_context()
    ca.configure_trust(client_ctx)
    with Server(tls=server_ctx) as server:
        obs, _ = one(server, "/ok", verify=client_ctx)
        assert obs.status == 200 and dead_reason(obs, FAST) is None


def test_html_page_ids_and_fragments(server):
    url = server.url("/page.html")
    got, _ = check_urls([url], FAST, need_ids=[url])
    obs = got[url]
    assert obs.html and obs.ids == {"intro", "install", "legacy-anchor", "last"}
    assert methods(server, "/page.html") == ["GET"]
    assert not fragment_missing(obs, "install")
    assert not fragment_missing(obs, "legacy-anchor")
    assert not fragment_missing(obs, "top")
    assert not fragment_missing(obs, ":~:text=The%20end")
    assert fragment_missing(obs, "instal")
    assert fragment_missing(obs, "Install")  # ids are case-sensitive


def test_connection_refused():
    url = "http://127.0.0.1:1/x"
    got, _ = check_urls([url], FAST)
    assert dead_reason(got[url], FAST) == "connection refused"


def test_redirect_loop_and_redirect_to_another_scheme(server):
    loop, _ = one(server, "/loop")
    assert dead_reason(loop, FAST) == "too many redirects"
    ftp, _ = one(server, "/to-ftp")
    assert ftp.error_kind == "scheme"


def test_plain_user_agent_and_no_cookies(server):
    s = CheckSettings(user_agent="booklint/9.9", retries=0)
    check_urls([server.url("/cookie")], s)
    check_urls([server.url("/cookie"), server.url("/ok")], s)
    for _m, _p, headers, _t in server.log:
        lower = {k.lower(): v for k, v in headers.items()}
        assert lower["user-agent"] == "booklint/9.9"
        assert "cookie" not in lower


def test_accepted_codes_by_host(server):
    obs, _ = one(server, "/forbidden")
    assert dead_reason(obs, FAST) == "403 Forbidden"
    s = CheckSettings(accept_hosts={"127.0.0.1": frozenset({403})})
    assert dead_reason(obs, s) is None


def test_per_host_concurrency_and_delay():
    with Server(delay=0.15) as server:
        s = CheckSettings(host_concurrency=2, retries=0)
        check_urls([server.url(f"/ok/{i}") for i in range(8)], s)
        spans = sorted((t, t + 0.15) for _m, _p, _h, t in server.log)
        most = max(sum(1 for a, b in spans if a <= t < b) for t, _ in spans)
        assert most <= 2
    with Server() as server:
        s = CheckSettings(host_delay=0.1, retries=0)
        check_urls([server.url(f"/ok/{i}") for i in range(5)], s)
        starts = sorted(t for _m, _p, _h, t in server.log)
        assert all(b - a >= 0.05 for a, b in zip(starts, starts[1:], strict=False))  # 0.1 s apart, less jitter


def test_the_guard_stops_any_address_but_loopback():
    """The tests cannot touch the internet: a URL elsewhere is stopped before any packet leaves
    (and the guard's record fails the test that tried)."""
    with loopback_only() as attempts:
        for url in ("http://192.0.2.1/", "http://example.invalid/"):
            got, _ = check_urls([url], CheckSettings(timeout=1, retries=0))
            assert "tests stay on 127.0.0.1" in got[url].error
    assert [a[0] for a in attempts] == ["connect", "getaddrinfo"]
