"""Writing a file so that readers see either the old bytes or the new ones, never half.

One helper for every file booklint writes (fixed chapters, CITATION.cff, its cache): a
temporary file in the same folder, flushed to disk, then renamed over the target. The
target's permission bits are kept; a new file gets 0o644.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_bytes_atomic(path: Path, data: bytes) -> None:
    path = Path(path)
    try:
        mode = path.stat().st_mode & 0o7777
    except OSError:
        mode = 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".booklint-tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def keep_bytes(path: Path, data: bytes) -> bool:
    """:func:`write_bytes_atomic` for a file booklint can work out again (a cache, derived
    data): its folders are made, and a file that cannot be written is only not kept."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(path, data)
    except OSError:
        return False
    return True
