"""A site of its own for tests that run real worker processes and kill them.

The test database of pytest-django lives in memory (SQLite), which other processes cannot
open; these tests copy a migrated site (SQLite file, or a PostgreSQL database made from a
template when DATABASE_URL is set) and talk to it from outside, as an operator would.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
# Fast clocks so that a lost worker is noticed in seconds, not a minute.
FAST = {
    "IMPRINT_WORKER_TICK_SECONDS": "0.2",
    "IMPRINT_WORKER_LOST_AFTER_SECONDS": "1.5",
}


def _postgres(url: str, sql: str) -> None:
    import psycopg

    admin = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(sql)


class ProcSite:
    """A site in ``var_dir``: run commands, start and kill workers, read its database."""

    def __init__(self, var_dir: Path, database_url: str = ""):
        self.var_dir = var_dir
        self.database_url = database_url
        self.env = {
            **os.environ,
            **FAST,
            "DJANGO_SETTINGS_MODULE": "imprint.settings.dev",
            "IMPRINT_VAR_DIR": str(var_dir),
            "DATABASE_URL": database_url,
        }
        self.processes: list[subprocess.Popen] = []

    def run(self, *args: str, timeout: float = 120) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "imprint", *args],
            env=self.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout

    def shell(self, code: str) -> str:
        return self.run("shell", "-c", code)

    def worker(self, *args: str, **env: str) -> subprocess.Popen:
        """A worker in a session of its own, so that a kill takes its PDF reader too."""
        process = subprocess.Popen(
            [sys.executable, "-m", "imprint", "run_worker", "--no-reload", "--interval", "0.1",
             "--no-startup-delay", "--verbosity", "0", *args],
            env={**self.env, **env},
            cwd=ROOT,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        self.processes.append(process)
        return process

    def kill(self, process: subprocess.Popen) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def stop_all(self) -> None:
        for process in self.processes:
            self.kill(process)

    def query(self, sql: str) -> list[tuple]:
        if self.database_url:
            import psycopg

            with psycopg.connect(self.database_url) as connection:
                cursor = connection.execute(sql)
                return cursor.fetchall() if cursor.description else []
        with sqlite3.connect(self.var_dir / "imprint.sqlite3", timeout=20) as connection:
            return connection.execute(sql).fetchall()

    def value(self, sql: str):
        return self.query(sql)[0][0]

    def wait_for(self, condition: Callable[[], bool], timeout: float, what: str) -> float:
        """Poll until ``condition()``; returns the seconds it took."""
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if condition():
                return time.monotonic() - started
            time.sleep(0.05)
        raise AssertionError(f"Timed out after {timeout:g}s waiting for {what}")

    def wait_for_value(self, value: Callable[[], object], timeout: float, what: str):
        """Poll until ``value()`` is not None, and return it."""
        found = []
        self.wait_for(lambda: found.append(value()) or found[-1] is not None, timeout, what)
        return found[-1]

    def copy(self, var_dir: Path) -> ProcSite:
        """A fresh copy of this (template) site."""
        shutil.copytree(self.var_dir, var_dir)
        if not self.database_url:
            return ProcSite(var_dir)
        template = urlsplit(self.database_url).path.lstrip("/")
        name = f"{template[:40]}_{uuid.uuid4().hex[:8]}"
        _postgres(self.database_url, f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return ProcSite(var_dir, urlunsplit(urlsplit(self.database_url)._replace(path=f"/{name}")))

    def drop(self) -> None:
        if self.database_url:
            name = urlsplit(self.database_url).path.lstrip("/")
            _postgres(self.database_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def site_snapshot() -> bytes:
    """The test database (SQLite, in memory) with a home page and a publication index, as the
    bytes of a database file. Made in a transaction that is rolled back: the test database is
    left as it was. Call it while the database is as migrations left it."""
    from django.db import connection, transaction

    from tests import factories as f

    with transaction.atomic():
        f.PublicationIndexPageFactory(parent=f.ensure_site_tree(), slug="publications")
        # Serialising reads through this connection: it sees the uncommitted rows.
        snapshot = connection.connection.serialize()
        transaction.set_rollback(True)
    return snapshot


def template_site(var_dir: Path, snapshot: bytes | None = None) -> ProcSite:
    """A site with a home page and a publication index and an empty task queue, once per test
    session: from ``snapshot`` (see ``site_snapshot``) on SQLite, else migrated (PostgreSQL)."""
    url = os.environ.get("DATABASE_URL", "")
    var_dir.mkdir(parents=True)
    if snapshot is not None and not url:
        # A migrated database in a few milliseconds, where migrating costs 10 s of CPU or more.
        (var_dir / "imprint.sqlite3").write_bytes(snapshot)
        site = ProcSite(var_dir)
        site.query("PRAGMA journal_mode=WAL")  # as the site's own connections leave it
        site.query("DELETE FROM django_tasks_database_dbtaskresult")
        return site
    if url:
        name = f"{urlsplit(url).path.lstrip('/') or 'imprint'}_procs"
        url = urlunsplit(urlsplit(url)._replace(path=f"/{name}"))
        _postgres(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        _postgres(url, f'CREATE DATABASE "{name}"')
    site = ProcSite(var_dir, url)
    site.run("migrate", "--verbosity", "0", timeout=300)
    site.shell(
        "from tests import factories as f; "
        "f.PublicationIndexPageFactory(parent=f.ensure_site_tree(), slug='publications')"
    )
    # Nothing queued: each test starts from an empty queue.
    site.query("DELETE FROM django_tasks_database_dbtaskresult")
    return site
