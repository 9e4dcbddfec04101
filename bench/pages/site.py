"""The benchmark's own site: a data directory with its database, media and collected static files.

Every step is idempotent (``build_demo`` adds only what is missing), so a second run reuses the
site in a second or two.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Never deployed: production settings need a secret, and this one guards nothing.
SECRET_KEY = "bench-only-" + "k" * 50


@dataclass
class BenchSite:
    var_dir: Path
    database_url: str = ""

    def env(self, settings: str = "imprint.settings.production", **extra: str) -> dict:
        """The environment of every process: the site's data, production-like settings."""
        env = dict(os.environ)
        # A DATABASE_URL from the shell (say, the test database) is used only when asked for.
        env.pop("DATABASE_URL", None)
        if self.database_url:
            env["DATABASE_URL"] = self.database_url
        env.update(
            DJANGO_SETTINGS_MODULE=settings,
            IMPRINT_VAR_DIR=str(self.var_dir),
            SECRET_KEY=SECRET_KEY,
            ALLOWED_HOSTS="127.0.0.1",
            WAGTAILADMIN_BASE_URL="http://127.0.0.1",
            DEFAULT_FROM_EMAIL="Imprint benchmark <bench@example.org>",
            SECURE_SSL_REDIRECT="0",
            LOG_LEVEL="WARNING",
            PYTHONPATH=str(ROOT),
        )
        env.update(extra)
        return env

    def manage(self, *args: str, settings: str = "imprint.settings.production") -> None:
        command = [sys.executable, str(ROOT / "manage.py"), *args]
        subprocess.run(command, cwd=ROOT, env=self.env(settings), check=True)  # noqa: S603

    def build(self, publications: int) -> None:
        """Migrate, build the demo and N generated publications, read the PDFs, collect static."""
        self.var_dir.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        self.manage("migrate", "--no-input", "--verbosity", "0")
        self.manage("build_demo", "--publications", str(publications))
        # Text extraction normally runs in the worker; here, once, before measuring.
        self.manage("extract_documents", "--pending")
        self.manage("collectstatic", "--no-input", "--verbosity", "0")
        print(f"Site ready in {time.monotonic() - started:.0f}s ({self.var_dir})", flush=True)
