from __future__ import annotations

import pytest
from localhttp import Server, loopback_only


@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch):
    """Every test here stays on 127.0.0.1: a lookup or connection elsewhere fails it."""
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(var, raising=False)
    with loopback_only() as attempts:
        yield
    assert not attempts, f"the test tried to leave 127.0.0.1: {attempts}"


@pytest.fixture
def server():
    with Server(slow=3.0) as s:
        yield s
