"""The sites Imprint is measured beside, served by granian exactly as Imprint is.

``BareWagtail``: the project ``wagtail start`` makes with the Wagtail Imprint depends on (its
home page, one query and one small template), built once into ``bench/results/bare-wagtail``.
``Bakerydemo``: Wagtail's demo site, installed by hand outside this repository (bench/README.md
says how): only its directory is given, none of its code lives here.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .server import HOST, free_port, wait_for
from .site import SECRET_KEY

# Only the benchmark reads these; the settings module is the project's own production one.
_BARE_LOCAL_SETTINGS = """\
import os

SECRET_KEY = os.environ["SECRET_KEY"]
ALLOWED_HOSTS = ["127.0.0.1"]
"""


@dataclass
class OtherSite:
    """A WSGI site served from ``directory`` with ``python`` (a venv that has granian)."""

    name: str
    directory: Path
    python: Path
    wsgi: str
    settings: str
    pages: dict[str, str] = field(default_factory=dict)
    extra_env: dict[str, str] = field(default_factory=dict)

    def env(self) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("DATABASE_URL", "PYTHONPATH", "VIRTUAL_ENV")
        }
        env.update(DJANGO_SETTINGS_MODULE=self.settings, SECRET_KEY=SECRET_KEY)
        env.update(self.extra_env)
        return env

    def command(self, port: int, workers: int, threads: int) -> list[str]:
        """The same granian command line as ``imprint.cli.server_command``, another app."""
        return [
            str(self.python),
            "-m",
            "granian",
            "--interface",
            "wsgi",
            "--host",
            HOST,
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--blocking-threads",
            str(threads),
            "--no-access-log",
            "--log-level",
            "warning",
            self.wsgi,
        ]

    @contextlib.contextmanager
    def serving(self, *, workers: int, threads: int) -> Iterator[int]:
        port = free_port()
        command = self.command(port, workers, threads)
        server = subprocess.Popen(command, cwd=self.directory, env=self.env())  # noqa: S603
        try:
            wait_for(port, server)
            yield port
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def bare_wagtail(root: Path) -> OtherSite:
    """``wagtail start``'s project in ``root`` (made, migrated and collected once)."""
    site = OtherSite(
        name="bare Wagtail",
        directory=root,
        python=Path(sys.executable),
        wsgi="bare.wsgi:application",
        settings="bare.settings.production",
        pages={"bare Wagtail page": "/"},
    )
    if not (root / "db.sqlite3").exists():
        root.mkdir(parents=True, exist_ok=True)
        wagtail = Path(sys.executable).parent / "wagtail"
        subprocess.run([str(wagtail), "start", "bare", str(root)], check=True)  # noqa: S603
        (root / "bare" / "settings" / "local.py").write_text(_BARE_LOCAL_SETTINGS)
        for args in (["migrate", "--no-input", "-v0"], ["collectstatic", "--no-input", "-v0"]):
            manage = [sys.executable, "manage.py", *args]
            subprocess.run(manage, cwd=root, env=site.env(), check=True)  # noqa: S603
    return site


def bakerydemo(directory: Path) -> OtherSite:
    """Wagtail's bakerydemo as installed by hand in ``directory`` (see bench/README.md)."""
    python = directory / ".venv" / "bin" / "python"
    if not python.exists():
        sys.exit(f"{python} is missing: install bakerydemo as bench/README.md says.")
    return OtherSite(
        name="bakerydemo",
        directory=directory,
        python=python,
        wsgi="bakerydemo.wsgi:application",
        settings="bakerydemo.settings.production",
        pages={
            "bakerydemo home": "/",
            "bakerydemo blog index": "/blog/",
            "bakerydemo recipes index": "/recipes/",
            "bakerydemo breads index": "/breads/",
            "bakerydemo blog page": "/blog/wild-yeast/",
            "bakerydemo search": "/search/?q=bread",
        },
        extra_env={
            "DJANGO_SECRET_KEY": SECRET_KEY,
            "DJANGO_ALLOWED_HOSTS": HOST,
            "SECURE_SSL_REDIRECT": "false",
            "DJANGO_LOG_LEVEL": "WARNING",
        },
    )
