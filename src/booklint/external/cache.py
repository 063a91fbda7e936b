"""The persistent cache of external-link observations: one JSON file, ``<folder>/urls.json``.

``{"version": 1, "entries": {url: observation}}``. It is read once a run and written once, at
the end (also when the run is interrupted): the file is merged with what is on disk just before
the write, so two runs at once lose at most each other's last answers, never the file. The write
goes to a temporary file in the same folder, renamed over the old one (``os.replace``): a reader
sees the old cache or the new one, never half. (One file an URL was the first design: on this
kind of disk 2,000 small atomic writes took 6 s, more than the checks.)

Whatever does not read as an observation is ignored, entry by entry: a file that is not JSON,
an entry of the wrong shape, an entry filed under another URL. The URL is then checked again and
the entry replaced. Only observations that will not change in a minute are kept (see
``Observation.transient``): a timeout or a 503 is asked again on the next run.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..atomic import write_bytes_atomic
from ..cache import mark_cache_folder
from .model import Observation

VERSION = 1
NAME = "urls.json"
MAX_FILE = 256 << 20  # bytes; a larger file is not ours


class Cache:
    def __init__(self, folder: Path, max_age: float, now: float) -> None:
        self.folder = Path(folder)
        self.path = self.folder / NAME
        self.max_age = max_age
        self.now = now
        self.write_errors = 0
        self._entries: dict[str, Any] | None = None
        self._new: dict[str, dict[str, Any]] = {}

    def _read(self) -> dict[str, Any]:
        try:
            if self.path.stat().st_size > MAX_FILE:
                return {}
            data = json.loads(self.path.read_bytes())
        except (OSError, ValueError, RecursionError):
            return {}
        if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("entries"), dict):
            return {}
        return data["entries"]

    def get(self, url: str) -> Observation | None:
        """The fresh observation of ``url``, or None (absent, stale, damaged or another URL's)."""
        if self._entries is None:
            self._entries = self._read()
        obs = Observation.from_json(self._entries.get(url))
        if obs is None or obs.url != url:
            return None
        age = self.now - obs.checked_at
        if age < -60 or age > self.max_age:  # from the future (a clock change) or stale
            return None
        return obs

    def put(self, obs: Observation) -> None:
        if not obs.transient:
            self._new[obs.url] = obs.to_json()

    def flush(self) -> None:
        """Write what this run learnt, merged into the file as it is now."""
        if not self._new:
            return
        entries = self._read()
        entries.update(self._new)
        data = json.dumps({"version": VERSION, "entries": entries}, ensure_ascii=False,
                          separators=(",", ":")).encode("utf-8", "surrogatepass")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for top in (self.folder, *self.folder.parents):
                if top.name == ".booklint_cache":  # (a folder configured elsewhere may be meant for git)
                    mark_cache_folder(top)
                    break
            write_bytes_atomic(self.path, data)
        except OSError:
            self.write_errors += 1  # a read-only or full disk: the run goes on, uncached
            return
        self._entries = entries
        self._new = {}
