"""The run cache: what a run found, stored under a key made of everything it depends on.

A key is a digest of the inputs (``run_key``): booklint's own code and shipped data (the
renderer tables, word lists), the effective configuration and selected rules, the list of
the book's files, the content of every Markdown file and of every other file a rule may
read, and a translation's source book when one is configured. Change any of them and the
key changes, so a stale entry is never served; nothing is ever invalidated by hand.

Entries live in ``.booklint_cache/engine/`` at the book root (under the user cache folder,
:func:`booklint.data.derived_dir`, when the book is read-only); other tools keep their own
subfolders of ``.booklint_cache/``. An entry is written to a temporary file in the same
folder and moved into place with ``os.replace``, so a reader sees a whole entry or none,
and two runs writing the same key at once both leave a whole one. Each entry starts with
a magic line and the SHA-256 of its payload: a truncated, corrupt or foreign file is
treated as a miss (and overwritten by the run that rebuilds it).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from . import __version__

SUBDIR = "engine"
MAGIC = b"booklint-cache 1\n"
BIG_FILE = 8 << 20  # other files larger than this are keyed by size and mtime, not content
# Files no rule reads (book.source is asked for text: a .bib, a layout, an include, a config),
# only looks up by name: keyed by their size alone. A book's images are most of its bytes (the
# English book: 115 of its 130 other files, 39 MB, 22 ms to hash in every cached run); their
# modification time would change with every fresh checkout (a CI runner's), and with it every key.
MEDIA = frozenset(".png .jpg .jpeg .gif .webp .avif .bmp .ico .tif .tiff .pdf .mp4 .webm .mov .mp3 .wav .ogg "
                  ".woff .woff2 .ttf .otf .eot .zip .gz .tgz .xz .bz2 .7z .pt .npz .npy .pkl .onnx".split())
MAX_ENTRIES = 16  # whole-run entries kept (one is most of a MB on a 650-page book); the oldest are removed past this


def file_digest(path: Path) -> str:
    """The content digest of one file ("-" when it cannot be read): SHA-256, which OpenSSL
    computes with the CPU's SHA instructions, twice as fast as BLAKE2b here (a book's 39 MB of
    images: 22 ms instead of 43 ms, in every cached run, warm ones too)."""
    try:
        with path.open("rb") as f:
            return hashlib.sha256(f.read()).hexdigest()[:32]
    except OSError:
        return "-"


def _stat_digest(path: Path) -> str:
    try:
        st = path.stat()
    except OSError:
        return "-"
    return f"{st.st_size}:{st.st_mtime_ns}"


def code_digest(folder: Path | None = None) -> str:
    """booklint's version, its source files and its shipped data (renderer tables, word
    lists, bib data models), by content: a code change between two runs of a checkout changes
    every key, and a fresh install of the same code (a CI runner's, with the book's cache
    kept between runs) changes none.

    Reading 730 files (8.7 MB) takes 12-15 ms against 7 ms for their sizes and times, so the
    content digest is kept in ``folder`` (by default the folder of data derived from installed
    files, :func:`~booklint.data.derived_dir`, which a cold run keeps) under those sizes and
    times, one file for each installation, and read again while they stay the same."""
    from .data import derived_dir, rules_path

    roots = [Path(__file__).resolve().parent]
    try:
        roots.append(Path(rules_path()))
    except Exception:  # pragma: no cover - the data folder always ships with booklint
        pass
    salt = f"{__version__}|{sys.version}"
    folder = derived_dir() if folder is None else folder
    if folder is None:
        return folders_digest(roots, salt)
    stamp = folders_digest(roots, salt, content=False)
    where = hashlib.blake2b(str(roots[0]).encode("utf-8", "surrogatepass"), digest_size=6).hexdigest()
    kept = folder / f"code-digest-{where}.txt"
    try:
        was, digest = kept.read_text(encoding="ascii").split()
        if was == stamp and len(digest) == 32:
            return digest
    except (OSError, ValueError, UnicodeDecodeError):
        pass
    digest = folders_digest(roots, salt)
    from .atomic import keep_bytes

    keep_bytes(kept, f"{stamp} {digest}\n".encode("ascii"))  # (one not kept is worked out again next time)
    return digest


def folders_digest(roots: Iterable[Path], salt: str = "", *, content: bool = True) -> str:
    """Every file below ``roots`` (but ``__pycache__``) by path and content, or by path, size and
    modification time (``content=False``: what a copy or a fresh install changes)."""
    h = hashlib.sha256(salt.encode())
    for root in roots:  # (strings and os functions, not Path objects: half the time)
        top = str(root)
        for dirpath, dirnames, filenames in os.walk(top):
            dirnames.sort()
            dirnames[:] = [d for d in dirnames if d != "__pycache__"]
            rel_dir = os.path.relpath(dirpath, top)
            for name in sorted(filenames):
                rel = name if rel_dir == "." else os.path.join(rel_dir, name)
                full = os.path.join(dirpath, name)
                body = None
                try:
                    if content:
                        with open(full, "rb") as f:
                            body = f.read()
                        stamp = str(len(body))
                    else:
                        st = os.stat(full)
                        stamp = f"{st.st_size}:{st.st_mtime_ns}"
                except OSError:
                    stamp = "-"
                h.update(f"{rel}={stamp};".encode())
                if body:
                    h.update(body)
    return h.hexdigest()[:32]


def tree_digest(root: Path, markdown: Iterable[str], others: Iterable[str]) -> str:
    """Every file of a book: Markdown and small other files by content, big ones by size and time."""
    h = hashlib.blake2b(digest_size=16)
    for rel in sorted(markdown):
        h.update(f"m {rel} {file_digest(root / rel)}\n".encode())
    h.update(others_digest(root, others).encode())
    return h.hexdigest()


def others_digest(root: Path, others: Iterable[str]) -> str:
    """The book's files other than Markdown: small text ones by content, media (:data:`MEDIA`,
    by suffix) by size, other big ones by size and time."""
    h = hashlib.blake2b(digest_size=16)
    for rel in sorted(others):
        p = root / rel
        if os.path.splitext(rel)[1].lower() in MEDIA:
            try:
                size = str(p.stat().st_size)
            except OSError:
                size = "-"
            h.update(f"o {rel} {size}\n".encode())
            continue
        try:
            big = p.stat().st_size > BIG_FILE
        except OSError:
            big = True
        h.update(f"o {rel} {_stat_digest(p) if big else file_digest(p)}\n".encode())
    return h.hexdigest()


def dumps(value: Any) -> bytes | None:
    """``value`` pickled as an entry holds it, or None when it cannot be pickled."""
    try:
        return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        return None


def run_key(*parts: Any) -> str:
    """One key from the parts' ``repr`` (each part must have a stable one)."""
    h = hashlib.sha256()
    for p in parts:
        h.update(repr(p).encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def _user_dir(root: Path) -> Path | None:
    """The user cache folder's place for the book at ``root`` (data.derived_dir's folder, so
    ``$BOOKLINT_CACHE_DIR`` moves it and ``BOOKLINT_NO_CACHE`` turns it off), or None."""
    from .data import derived_dir

    base = derived_dir()
    if base is None:
        return None
    tag = hashlib.blake2b(str(root.resolve()).encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()
    return base / SUBDIR / tag


_IGNORE_ALL = b"# Made by booklint: this folder is a cache, which git need not see.\n*\n"
# the Cache Directory Tagging Specification's signature: backup tools may leave the folder out
_CACHEDIR_TAG = b"Signature: 8a477f597d28d172789f06886806bc55\n# This folder is a cache made by booklint.\n"


def mark_cache_folder(folder: Path) -> None:
    """Make ``folder`` (created if missing) one that git ignores whole and backup tools know
    for a cache: a ``.gitignore`` of ``*`` in it, and a ``CACHEDIR.TAG``, as pytest and ruff do
    with theirs. What is there already is left as it is; a folder that cannot be written is
    left unmarked."""
    for name, body in ((".gitignore", _IGNORE_ALL), ("CACHEDIR.TAG", _CACHEDIR_TAG)):
        p = folder / name
        if p.exists():
            continue
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with open(p, "xb") as f:
                f.write(body)
        except OSError:  # (made by a concurrent run in the meantime, or not writable)
            pass


def _writable(d: Path) -> bool:
    try:
        d.mkdir(parents=True, exist_ok=True)
        return os.access(d, os.W_OK)
    except OSError:
        return False


class Cache:
    """Entries by key in one folder; every failure to read or write is a miss, never an error."""

    def __init__(self, folder: Path | None, max_entries: int = MAX_ENTRIES):
        self.folder = folder
        self.max_entries = max_entries

    def sub(self, name: str, max_entries: int) -> Cache:
        """A subfolder with its own entries and its own limit."""
        if self.folder is None or not _writable(self.folder / name):
            return Cache(None)
        return Cache(self.folder / name, max_entries)

    def touch(self, key: str) -> None:
        """Mark an entry as just used, so trimming keeps it."""
        p = self._path(key)
        if p is not None:
            try:
                os.utime(p)
            except OSError:
                pass

    @classmethod
    def for_book(cls, root: Path) -> Cache:
        """The book's own ``.booklint_cache/``, unless the book folder is read-only (no write
        permission bit, which holds for root too: booklint never writes into such a folder)."""
        d = root / ".booklint_cache" / SUBDIR
        try:
            writable_root = bool(root.stat().st_mode & 0o222) and os.access(root, os.W_OK)
        except OSError:
            writable_root = False
        if writable_root and _writable(d):
            mark_cache_folder(d.parent)
            return cls(d)
        d = _user_dir(root)
        return cls(d if d is not None and _writable(d) else None)

    def _path(self, key: str) -> Path | None:
        return None if self.folder is None else self.folder / f"{key}.pickle"

    def has(self, key: str) -> bool:
        """Is there an entry under ``key`` (whole or not: :meth:`get` tells)?"""
        p = self._path(key)
        return p is not None and os.path.isfile(p)

    def get(self, key: str) -> Any | None:
        p = self._path(key)
        if p is None:
            return None
        try:
            raw = p.read_bytes()
        except OSError:
            return None
        head = len(MAGIC) + 32
        if len(raw) < head or not raw.startswith(MAGIC):
            return None
        body = memoryview(raw)[head:]  # (not a copy: a big book's entries are most of 100 MB)
        if hashlib.sha256(body).digest() != raw[len(MAGIC):head]:
            return None
        try:
            return pickle.loads(body)
        except Exception:  # a payload of an older layout: rebuilt like a corrupt one
            return None

    def put(self, key: str, value: Any, *, trim: bool = True) -> bool:
        body = dumps(value)
        return body is not None and self.put_pickled(key, body, trim=trim)

    def put_pickled(self, key: str, body: bytes, *, trim: bool = True) -> bool:
        """:meth:`put` of a value the caller pickled already (and may send elsewhere too)."""
        p = self._path(key)
        if p is None:
            return False
        tmp = None
        try:
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".pickle", dir=p.parent)
            with os.fdopen(fd, "wb") as f:
                f.write(MAGIC + hashlib.sha256(body).digest())
                f.write(body)
            os.replace(tmp, p)
            tmp = None
            if trim:
                self.trim()
            return True
        except OSError:
            return False
        finally:
            if tmp is not None:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass

    def trim(self, max_entries: int | None = None) -> None:
        """Keep the newest entries, ``max_entries`` of them (a concurrent run may remove one first)."""
        if self.folder is None:
            return
        keep = self.max_entries if max_entries is None else max_entries
        try:
            entries = [(e.stat().st_mtime_ns, e.path) for e in os.scandir(self.folder) if e.name.endswith(".pickle")
                       and not e.name.startswith(".tmp-")]
        except OSError:
            return
        if len(entries) <= keep:
            return
        entries.sort()
        for _t, path in entries[:len(entries) - keep]:
            try:
                os.unlink(path)
            except OSError:
                pass
