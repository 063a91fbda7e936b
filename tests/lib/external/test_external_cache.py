"""The persistent cache and run_checks: a warm run sends nothing; stale, corrupt and foreign
entries are checked again; transient answers are not kept; offline means no request at all."""

from __future__ import annotations

import json
import time

from booklint.external import run_checks
from booklint.external.cache import Cache
from booklint.external.model import CheckSettings, Observation, Use


def uses(*urls, fragment=None):
    return {u: [Use(u, fragment, u, "a.md", "link")] for u in urls}


def settings(tmp_path, **kw):
    base = dict(timeout=10.0, retries=1, retry_wait=0.01, cache_dir=tmp_path / "cache", max_age=3600.0, check_local=True)
    base.update(kw)
    return CheckSettings(**base)


def test_warm_run_sends_no_request(server, tmp_path):
    us = uses(*(server.url(f"/ok/{i}") for i in range(20)), server.url("/gone"))
    first = run_checks(us, settings(tmp_path))
    assert first.requests == 22 and first.from_cache == 0  # 20 HEAD, and HEAD + GET for the 404
    before = len(server.log)
    second = run_checks(us, settings(tmp_path))
    assert second.requests == 0 and second.from_cache == 21 and len(server.log) == before
    assert second.observations[server.url("/gone")].status == 404
    assert [p.name for p in (tmp_path / "cache").iterdir()] == ["urls.json"]  # the write renamed into place


def test_stale_entries_are_checked_again(server, tmp_path):
    us = uses(server.url("/ok"))
    run_checks(us, settings(tmp_path))
    later = run_checks(us, settings(tmp_path), now=time.time() + 7200)
    assert later.requests == 1 and later.from_cache == 0
    shorter = run_checks(us, settings(tmp_path, max_age=0.0), now=time.time() + 1)
    assert shorter.requests == 1


def test_damaged_entries_are_ignored_one_by_one_and_replaced(server, tmp_path):
    a, b, c = server.url("/ok/a"), server.url("/ok/b"), server.url("/ok/c")
    s = settings(tmp_path)
    run_checks(uses(a, b, c), s)
    path = s.cache_dir / "urls.json"
    data = json.loads(path.read_text())
    data["entries"][a] = {"url": a, "checked_at": True, "status": 200}  # the wrong shape
    data["entries"][b] = data["entries"][c] | {"url": c}  # filed under another URL
    path.write_text(json.dumps(data))
    again = run_checks(uses(a, b, c), s)
    assert again.requests == 2 and again.from_cache == 1  # only c is still good
    cache = Cache(s.cache_dir, s.max_age, time.time())
    assert all(cache.get(u) is not None for u in (a, b, c))  # rewritten
    for bad in (b"", b"[]", b"{not json", b'{"version": 1, "entries": []}', b'{"version": 2, "entries": {}}',
                "\udcff".encode("utf-8", "surrogatepass"), b"[" * 100000):
        path.write_bytes(bad)
        assert Cache(s.cache_dir, s.max_age, time.time()).get(a) is None
    rep = run_checks(uses(a), s)  # a damaged file is replaced whole
    assert rep.requests == 1 and Cache(s.cache_dir, s.max_age, time.time()).get(a) is not None


def test_two_runs_at_once_keep_both_answers(tmp_path):
    now = time.time()
    one, two = Cache(tmp_path, 3600, now), Cache(tmp_path, 3600, now)
    assert one.get("http://127.0.0.1/a") is None and two.get("http://127.0.0.1/b") is None  # both read early
    one.put(Observation("http://127.0.0.1/a", now, 200, "OK", final_url="http://127.0.0.1/a"))
    two.put(Observation("http://127.0.0.1/b", now, 404, "Not Found", final_url="http://127.0.0.1/b"))
    one.flush()
    two.flush()
    fresh = Cache(tmp_path, 3600, now)
    assert fresh.get("http://127.0.0.1/a").status == 200 and fresh.get("http://127.0.0.1/b").status == 404


def test_transient_answers_are_not_cached(server, tmp_path):
    us = uses(server.url("/broken"), server.url("/ok"))
    run_checks(us, settings(tmp_path, retries=0))
    again = run_checks(us, settings(tmp_path, retries=0))
    assert again.from_cache == 1 and server.url("/broken") not in {u for u, o in again.observations.items()
                                                                     if o.from_cache}


def test_offline_sends_nothing_and_uses_fresh_entries(server, tmp_path):
    known, unknown = server.url("/ok/known"), server.url("/ok/unknown")
    run_checks(uses(known), settings(tmp_path))
    n = len(server.log)
    rep = run_checks(uses(known, unknown), settings(tmp_path, offline=True))
    assert len(server.log) == n and rep.requests == 0
    assert set(rep.observations) == {known} and rep.unchecked == {unknown}


def test_include_and_exclude_patterns(server, tmp_path):
    import re

    a, b = server.url("/ok/keep"), server.url("/ok/skip")
    rep = run_checks(uses(a, b), settings(tmp_path, cache_dir=None, exclude=(re.compile("skip"),)))
    assert set(rep.observations) == {a} and rep.skipped == {b}
    rep = run_checks(uses(a, b), settings(tmp_path, cache_dir=None, include=(re.compile("skip"),),
                                          exclude=(re.compile("ok"),)))
    assert set(rep.observations) == {b}


def test_cached_page_without_ids_is_fetched_when_a_fragment_needs_them(server, tmp_path):
    url = server.url("/page.html")
    run_checks(uses(url), settings(tmp_path))  # HEAD only: no ids kept
    rep = run_checks(uses(url, fragment="install"), settings(tmp_path, check_fragments=True))
    assert rep.requests == 1 and rep.observations[url].ids
    rep = run_checks(uses(url, fragment="install"), settings(tmp_path, check_fragments=True))
    assert rep.requests == 0 and "install" in rep.observations[url].ids


def test_unwritable_cache_folder_costs_only_the_cache(server, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    rep = run_checks(uses(server.url("/ok")), settings(tmp_path, cache_dir=blocker / "cache"))
    assert rep.observations[server.url("/ok")].status == 200


def test_observation_round_trip():
    obs = Observation("http://127.0.0.1/x", 1.0, 301, "Moved", None, None, ((301, "http://127.0.0.1/y"),),
                      "http://127.0.0.1/y", frozenset({"a"}), True)
    back = Observation.from_json(json.loads(json.dumps(obs.to_json())))
    assert back is not None and back.redirects == obs.redirects and back.ids == obs.ids and back.from_cache


def test_local_and_example_addresses_are_illustrations(server, tmp_path):
    from booklint.external.model import is_local

    for url in ("http://localhost:8888/tree", "http://127.0.0.1:4000/", "http://[::1]/", "http://10.1.2.3/",
                "http://192.168.0.1/admin", "https://example.org/x", "https://www.example.com/", "http://app.test/",
                "http://printer.local/", "http://x.invalid/", "http://169.254.169.254/latest/"):
        assert is_local(url), url
    for url in ("https://github.com/x", "https://example.org.evil.net/", "https://notexample.com/",
                "https://8.8.8.8/", "https://arxiv.org/abs/2101.00001"):
        assert not is_local(url), url
    rep = run_checks(uses(server.url("/ok")), settings(tmp_path, check_local=False))
    assert rep.skipped == {server.url("/ok")} and rep.requests == 0 and server.log == []


def test_the_cache_under_booklint_cache_is_hidden_from_git_and_backups(tmp_path):
    """Under the default `.booklint_cache/external`, that folder gets a `.gitignore` of `*` and a
    CACHEDIR.TAG; a folder configured elsewhere (one a book may mean to commit) gets neither."""
    obs = Observation("https://example.org/", time.time(), 200)
    for folder in (tmp_path / "book" / ".booklint_cache" / "external", tmp_path / "book" / "links-cache"):
        c = Cache(folder, 3600.0, time.time())
        c.put(obs)
        c.flush()
        assert (folder / "urls.json").is_file()
    top = tmp_path / "book" / ".booklint_cache"
    assert (top / ".gitignore").read_text().splitlines()[-1] == "*"
    assert (top / "CACHEDIR.TAG").read_bytes().startswith(b"Signature: 8a477f597d28d172789f06886806bc55")
    assert sorted(p.name for p in (tmp_path / "book" / "links-cache").iterdir()) == ["urls.json"]
