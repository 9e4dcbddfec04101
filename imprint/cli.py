"""The ``imprint`` command: one entry point for running and managing a site.

imprint serve     migrate, then run the web server and the background worker
imprint demo      migrate, build the demo institute (keeping existing data), then serve
imprint worker    run the background worker only
imprint <django command> ...   anything manage.py does (migrate, createsuperuser, ...)

Everything runs on production settings (imprint.settings.production) unless
DJANGO_SETTINGS_MODULE says otherwise; only `imprint demo` chooses the development
settings (imprint.settings.dev) by itself.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

COMMANDS = ("serve", "demo", "worker")
logger = logging.getLogger("imprint.serve")
PRODUCTION_SETTINGS = "imprint.settings.production"
DEV_SETTINGS = "imprint.settings.dev"


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", PRODUCTION_SETTINGS)
    import django

    django.setup()


def _explain(error: Exception) -> int:
    """A settings error as one clear message instead of a traceback."""
    module = os.environ.get("DJANGO_SETTINGS_MODULE", PRODUCTION_SETTINGS)
    print(f"imprint: {error}", file=sys.stderr)
    print(
        f"(settings: {module}; docs/operations.md lists what production needs. "
        f"To try Imprint on this machine: make demo, or DJANGO_SETTINGS_MODULE={DEV_SETTINGS})",
        file=sys.stderr,
    )
    return 1


def _prepare() -> None:
    """Create the data directory and bring the database schema up to date."""
    from django.conf import settings
    from django.core.management import call_command

    Path(settings.VAR_DIR).mkdir(parents=True, exist_ok=True)
    call_command("migrate", interactive=False, verbosity=0)


def _start_worker() -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "imprint", "worker"])  # noqa: S603


class WorkerKeeper:
    """Keeps one worker process running beside the web server: a dead one is started again.

    A worker that dies soon after starting (a broken database, say) is restarted after a
    delay that doubles up to a minute, so a crash loop does not eat the machine.
    """

    QUICK_DEATH = 60.0
    MAX_DELAY = 60.0

    def __init__(self) -> None:
        self.delay = 1.0
        self.restart_at = 0.0
        self.process: subprocess.Popen | None = None
        self._start()

    def _start(self) -> None:
        self.process = _start_worker()
        self.started = time.monotonic()

    def check(self) -> None:
        """Call often: notices a dead worker, logs it, and starts a new one when it is time."""
        now = time.monotonic()
        if self.process is None:
            if now >= self.restart_at:
                logger.warning("Starting the worker again.")
                self._start()
            return
        code = self.process.poll()
        if code is None:
            return
        ran = now - self.started
        self.delay = 1.0 if ran > self.QUICK_DEATH else min(self.delay * 2, self.MAX_DELAY)
        logger.error(
            "The worker stopped (exit code %s) after %.0f s; starting it again in %.0f s. "
            "Extraction and scheduled publishing wait until it runs.",
            code,
            ran,
            self.delay,
        )
        self.process, self.restart_at = None, now + self.delay

    def stop(self) -> None:
        if self.process is not None:
            _stop(self.process)


# Granian's WSGI interface has no way to hand a file to Rust (no wsgi.file_wrapper): a download
# keeps its thread until the last chunk is queued, parked in Rust without the GIL. Enough threads
# let a few dozen slow readers of a long PDF park while pages still find a free one
# (bench/pdf_serving.py); many more readers than that want nginx or a bucket in front.
THREADS = 32


def server_command(
    host: str, port: int, workers: int, *, threads: int = THREADS, log_level: str = "info"
) -> list[str]:
    """Granian serving the WSGI application, as `imprint serve` and the benchmarks run it."""
    return [
        sys.executable,
        "-m",
        "granian",
        "--interface",
        "wsgi",
        "--host",
        host,
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--blocking-threads",
        str(threads),
        "--no-access-log",
        "--log-level",
        log_level,
        "imprint.wsgi:application",
    ]


def serve(host: str, port: int, workers: int, with_worker: bool, threads: int = THREADS) -> int:
    _prepare()
    worker = WorkerKeeper() if with_worker else None
    url = f"http://{host}:{port}/"
    print(f"Imprint is running at {url}  (admin: {url}admin/)  Press Ctrl-C to stop.", flush=True)
    server = subprocess.Popen(server_command(host, port, workers, threads=threads))  # noqa: S603
    # A service manager stops us with SIGTERM: shut down as on Ctrl-C, children included.
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        return _watch(server, worker)
    except KeyboardInterrupt:
        server.send_signal(signal.SIGINT)
        return server.wait()
    finally:
        if worker is not None:
            worker.stop()


def _watch(server: subprocess.Popen, worker: WorkerKeeper | None) -> int:
    """Wait for the web server to exit, keeping the worker alive meanwhile."""
    while True:
        try:
            return server.wait(timeout=1.0)
        except subprocess.TimeoutExpired:
            if worker is not None:
                worker.check()


def _stop(process: subprocess.Popen, timeout: float = 15.0) -> None:
    """SIGTERM (the worker finishes its current task), then SIGKILL if it does not exit."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def demo(publications: int | None) -> None:
    from django.core.management import call_command

    _prepare()
    args = ["build_demo"]
    if publications:
        args += ["--publications", str(publications)]
    call_command(*args)
    # Searchable at once (the worker would get there too, from the changes the build recorded;
    # PDF text joins the index as the worker reads each PDF).
    call_command("index", "rebuild")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="imprint", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command")
    for name in ("serve", "demo"):
        p = sub.add_parser(name)
        p.add_argument("--host", default="127.0.0.1")
        p.add_argument("--port", type=int, default=8000)
        p.add_argument("--workers", type=int, default=1, help="web server processes")
        p.add_argument(
            "--threads",
            type=int,
            default=THREADS,
            help=f"threads a process (default {THREADS}): pages and downloads share them",
        )
        p.add_argument("--no-worker", action="store_true", help="don't start the task worker")
    sub.choices["demo"].add_argument(
        "--publications",
        type=int,
        default=None,
        help="add this many generated publications (benchmarks)",
    )
    sub.choices["demo"].add_argument(
        "--no-serve", action="store_true", help="build the demo and exit"
    )
    sub.add_parser("worker")
    return parser


def main(argv: list[str] | None = None) -> int:
    from django.core.exceptions import ImproperlyConfigured

    try:
        return _main(sys.argv[1:] if argv is None else argv)
    except ImproperlyConfigured as error:
        return _explain(error)


def _main(argv: list[str]) -> int:
    if argv and argv[0] not in COMMANDS and argv[0] not in ("-h", "--help"):
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", PRODUCTION_SETTINGS)
        from django.core.management import execute_from_command_line

        execute_from_command_line(["imprint", *argv])
        return 0
    args = _parser().parse_args(argv)
    if args.command is None:
        _parser().print_help()
        return 0
    if args.command == "demo":
        # A demo on a laptop: debug pages, console mail, the development secret.
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEV_SETTINGS)
    _setup_django()
    if args.command == "worker":
        from django.core.management import call_command

        # No reloading on code changes, like the web server beside it: a site, not a dev loop
        # (`manage.py run_worker` reloads under DEBUG).
        call_command("run_worker", reload=False)
        return 0
    if args.command == "demo":
        if args.publications is not None and args.publications < 0:
            _parser().error("--publications must be zero or more")
        demo(args.publications)
        if args.no_serve:
            return 0
    return serve(args.host, args.port, args.workers, not args.no_worker, args.threads)


if __name__ == "__main__":
    sys.exit(main())
