"""Databases that are slow to build, built once and kept (SQLite test runs only).

The test database of a pytest-xdist worker is SQLite in memory. Its bytes can be read
(``database_bytes``) and put back (``load_database``) in milliseconds, where building what they
hold costs seconds to minutes. ``cached_build`` keeps such bytes (and the files the build wrote)
under ``var/test-cache/``, named by a hash of everything the build reads: Imprint's code and
migrations, the test factories, the locked packages, Python, SQLite and the CJK font. A change
to any of them builds again; ``IMPRINT_TEST_CACHE=0`` builds every time (docs/testing.md).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import shutil
import sqlite3
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]
# What a build can read, besides the machine facts hashed in ``inputs_key``.
INPUTS = ["imprint", "tests/factories.py", "tests/built.py", "tests/testapp", "uv.lock"]


def cache_dir() -> Path:
    return Path(os.environ.get("IMPRINT_TEST_CACHE_DIR") or ROOT / "var" / "test-cache")


def inputs_key(*extra: str) -> str:
    """A hash of every file the build may read, and of ``extra`` facts."""
    digest = hashlib.sha256()
    for fact in (sys.version, sqlite3.sqlite_version, *extra):
        digest.update(fact.encode() + b"\0")
    for top in INPUTS:
        paths = [ROOT / top] if (ROOT / top).is_file() else sorted((ROOT / top).rglob("*"))
        for path in paths:
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0")
                digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def database_bytes() -> bytes:
    """The test database as the bytes of an SQLite file (uncommitted rows included)."""
    connection.ensure_connection()
    return connection.connection.serialize()


def load_database(data: bytes) -> None:
    """Make the test database hold ``data`` (from ``database_bytes``), committed.

    Copied page by page into the same in-memory database, so every connection to it (a live
    server's thread, say) sees the change. Call it outside any transaction.
    """
    connection.ensure_connection()
    with contextlib.closing(sqlite3.connect(":memory:", isolation_level=None)) as source:
        source.deserialize(data)
        source.backup(connection.connection)
    ContentType.objects.clear_cache()  # ids may differ from the database's before


def _storage_roots() -> list[Path]:
    """Where builds write files: media (images) and the documents' storage."""
    return [Path(settings.MEDIA_ROOT), Path(settings.STORAGES["documents"]["OPTIONS"]["location"])]


def _files() -> set[Path]:
    return {path for root in _storage_roots() for path in root.rglob("*") if path.is_file()}


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """One process at a time (two xdist workers must not build the same thing twice)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def cached_build(name: str, key: str, build: Callable[[], tuple[bytes, str]]) -> str:
    """Make the test database hold what ``build`` builds, from the cache when ``key`` matches.

    ``build`` returns the database's bytes (``database_bytes``) and what it printed; it may
    leave the database as it likes. The files it writes under the storages are kept with the
    bytes and copied back on every load. Returns what the build printed.
    """
    entry = cache_dir() / f"{name}-{key}"
    with _locked(cache_dir() / f"{name}.lock"):  # another worker's build may replace it
        if os.environ.get("IMPRINT_TEST_CACHE", "1") == "0" or not entry.exists():
            _store(name, entry, build)
        for number, root in enumerate(_storage_roots()):
            if (entry / "files" / str(number)).exists():
                shutil.copytree(entry / "files" / str(number), root, dirs_exist_ok=True)
        data, output = (entry / "database.sqlite3").read_bytes(), (entry / "output.txt").read_text()
    load_database(data)
    return output


def _store(name: str, entry: Path, build: Callable[[], tuple[bytes, str]]) -> None:
    before = _files()
    data, output = build()
    building = entry.with_name(f"{entry.name}.{uuid.uuid4().hex[:8]}.tmp")
    building.mkdir(parents=True)
    for path in sorted(_files() - before):
        number, root = next((n, r) for n, r in enumerate(_storage_roots()) if r in path.parents)
        target = building / "files" / str(number) / path.relative_to(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    (building / "database.sqlite3").write_bytes(data)
    (building / "output.txt").write_text(output)
    # Older builds of the same thing are stale now: keep only this one.
    for old in cache_dir().glob(f"{name}-*"):
        if old != building:
            shutil.rmtree(old, ignore_errors=True)
    building.rename(entry)
