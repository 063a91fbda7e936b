"""The citation tests read a fixed "today": Harvard gives an access date for every online work,
today's unless the record has one, and ``$SOURCE_DATE_EPOCH`` (the reproducible-builds
convention) fixes it. 1764547200 is 2025-12-01, 00:00 UTC."""

import pytest

TODAY_EPOCH = "1764547200"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY_EPOCH)
