from __future__ import annotations

import pytest
from localhttp import Server, stay_on_loopback


@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch):
    """Every test here stays on 127.0.0.1: a lookup or connection elsewhere fails it."""
    yield from stay_on_loopback(monkeypatch)


@pytest.fixture
def server():
    with Server(slow=3.0) as s:
        yield s
