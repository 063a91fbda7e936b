"""The persistent cache of external-link observations: one small JSON file a URL.

``<folder>/<2 hex>/<32 hex>.json``, named by the SHA-256 of the URL. One file an entry keeps
concurrent runs from losing each other's results and lets a damaged entry cost one URL: an
entry that does not read as JSON, does not hold an observation, or names another URL is
ignored (the URL is checked again and the entry replaced). Writes go to a temporary file in the
same folder and are renamed over the entry (``os.replace``), so a reader sees the old entry or
the new one, never half. No fsync: a cache entry lost in a power cut is only a re-check, and
2,000 fsyncs would cost more than the checks themselves.

Only observations that will not change in a minute are kept (see ``Observation.transient``):
a timeout or a 503 is asked again on the next run.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from .model import Observation

VERSION = 1
MAX_ENTRY = 4 << 20  # bytes; a larger file is not ours


class Cache:
    def __init__(self, folder: Path, max_age: float, now: float) -> None:
        self.folder = Path(folder)
        self.max_age = max_age
        self.now = now
        self.write_errors = 0

    def _path(self, url: str) -> Path:
        h = hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()[:32]
        return self.folder / h[:2] / f"{h}.json"

    def get(self, url: str) -> Observation | None:
        """The fresh observation of ``url``, or None (absent, stale, corrupt or another URL's)."""
        p = self._path(url)
        try:
            if p.stat().st_size > MAX_ENTRY:
                return None
            data = json.loads(p.read_bytes())
        except (OSError, ValueError, RecursionError):
            return None
        if not isinstance(data, dict) or data.get("version") != VERSION:
            return None
        obs = Observation.from_json(data.get("observation"))
        if obs is None or obs.url != url:
            return None
        age = self.now - obs.checked_at
        if age < -60 or age > self.max_age:  # from the future (a clock change) or stale
            return None
        return obs

    def put(self, obs: Observation) -> None:
        if obs.transient:
            return
        p = self._path(obs.url)
        data = json.dumps({"version": VERSION, "observation": obs.to_json()}, ensure_ascii=False).encode("utf-8")
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(data)
                os.replace(tmp, p)
            except BaseException:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
                raise
        except OSError:
            self.write_errors += 1  # a read-only or full disk: the run goes on, uncached
