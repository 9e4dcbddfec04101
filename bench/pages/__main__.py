"""Page benchmark: a generated 10,000-publication site served by granian (2 workers,
production settings), loaded from this separate process over loopback.

    .venv/bin/python -m bench.pages [--publications 10000] [--seconds 10] [--connections 4]

Prints requests/s and p50/p99 per page, and SQL queries per page for listings of different
sizes. Asserts nothing. The site is built once under bench/results/var and reused.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from .load import run_load

ROOT = Path(__file__).resolve().parents[2]
PORT = 8765


def _env(var_dir: Path, settings: str) -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE=settings,
        IMPRINT_VAR_DIR=str(var_dir),
        SECRET_KEY="bench-only-secret-key-" + "x" * 40,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        LOG_LEVEL="WARNING",
    )
    env.pop("DATABASE_URL", None)
    return env


def _manage(var_dir: Path, *args: str, settings: str = "imprint.settings.dev") -> None:
    subprocess.run(
        [sys.executable, "-m", "imprint", *args], cwd=ROOT, env=_env(var_dir, settings), check=True
    )


def build_site(var_dir: Path, publications: int) -> None:
    var_dir.mkdir(parents=True, exist_ok=True)
    marker = var_dir / f"built-{publications}"
    if marker.exists():
        print(f"Reusing the site in {var_dir}")
        return
    started = time.monotonic()
    _manage(var_dir, "migrate", "--verbosity", "0")
    _manage(var_dir, "build_demo", "--publications", str(publications))
    _manage(var_dir, "extract_documents", "--pending")
    _manage(
        var_dir,
        "collectstatic",
        "--noinput",
        "--verbosity",
        "0",
        settings="imprint.settings.production",
    )
    marker.touch()
    print(f"Built the site in {time.monotonic() - started:.0f}s")


def _wait_for_port(port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError("granian did not start")


def serve(var_dir: Path) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "granian",
        "--interface",
        "wsgi",
        "--host",
        "127.0.0.1",
        "--port",
        str(PORT),
        "--workers",
        "2",
        "--no-access-log",
        "--log-level",
        "warning",
        "imprint.wsgi:application",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=_env(var_dir, "imprint.settings.production"))
    _wait_for_port(PORT)
    return server


def query_counts(var_dir: Path) -> None:
    """SQL queries per page, in-process through Django's test client."""
    code = (
        "import django; django.setup()\n"
        "from django.test import Client\n"
        "from django.test.utils import CaptureQueriesContext\n"
        "from django.db import connection\n"
        "c = Client()\n"
        "for label, url in [('listing, 1 item', '/publications/?type=policy_brief&year=2025&author=hana-seo'),\n"
        "                   ('listing, 20 items', '/publications/?page=2'),\n"
        "                   ('listing, 20 items, filtered', '/publications/?type=report&page=3'),\n"
        "                   ('topic page, 20 items', '/topics/japan/'),\n"
        "                   ('author page', '/people/hana-seo/'),\n"
        "                   ('issue page', '/journal/volume-3/issue-2/'),\n"
        "                   ('home', '/')]:\n"
        "    c.get(url)\n"
        "    with CaptureQueriesContext(connection) as q:\n"
        "        r = c.get(url)\n"
        "    items = len(r.context['items']) if r.context and 'items' in r.context else '-'\n"
        "    print(f'  {label:<30} items={items!s:<4} queries={len(q.captured_queries)}')\n"
    )
    env = _env(var_dir, "imprint.settings.production")
    env["ALLOWED_HOSTS"] = "testserver"
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--publications", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--var-dir", type=Path, default=ROOT / "bench" / "results" / "var")
    args = parser.parse_args()

    build_site(args.var_dir, args.publications)
    print("SQL queries per page (must not grow with the number of items listed):")
    query_counts(args.var_dir)
    server = serve(args.var_dir)
    try:
        paths = [
            "/",
            "/publications/?page=2",
            "/publications/?type=report&page=3",
            f"/publications/generated-{args.publications // 2}/",
            "/publications/alliance-futures-1/",
            "/journal/volume-3/issue-2/",
        ]
        for path in paths:
            run_load("127.0.0.1", PORT, path, connections=2, seconds=2)  # warm up
        print(
            f"\nLoad: {args.connections} keep-alive connections, {args.seconds:g}s per page, "
            f"granian 2 workers, production settings, no cache:"
        )
        for path in paths:
            print(
                "  "
                + run_load(
                    "127.0.0.1", PORT, path, connections=args.connections, seconds=args.seconds
                ).line()
            )
    finally:
        server.terminate()
        server.wait(timeout=15)


if __name__ == "__main__":
    main()
