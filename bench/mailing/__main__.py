"""Mailing benchmark: a daily digest to N subscribers, sent by one worker through a local SMTP
sink (aiosmtpd in a child process): messages/s and the worker's peak RSS; then the crash run:
the worker killed with SIGKILL at K random moments while it sends, restarted each time, and
the sink's count per recipient: duplicates and missing. Prints figures; asserts nothing.

    .venv/bin/python -m bench.mailing [--subscribers 50000] [--subscribers 5000 ...]
                                      [--crash-subscribers 5000] [--kills 20]
                                      [--no-throughput] [--no-crash]

Everything lives in bench/results/mailing/ (kept out of git): a production-settings site on
SQLite, built once, its subscribers and queue made afresh for every run.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from bench.pages.site import ROOT, BenchSite

RESULTS = ROOT / "bench" / "results" / "mailing"
TARGETS = {"messages/s, one worker": ">= 200", "worker peak RSS": "< 300 MB, flat"}

PREPARE = """
from tests import factories as f
from imprint.publications.models import PublicationIndexPage
home = f.ensure_site_tree()
if not PublicationIndexPage.objects.exists():
    f.PublicationIndexPageFactory(parent=home, slug="publications")
"""

# Subscribers on "All new publications" who chose the daily digest, and five publications
# first published in the day before PERIOD_END; the digest task queued for the worker.
POPULATE = """
import datetime
from django.db import connection
from django.utils import timezone
from imprint.mailing import services
from imprint.mailing.models import (
    ConsentEvent, OutboundMessage, Status, Subscriber, Subscription)
from imprint.mailing.tasks import daily_digest_task
from imprint.publications.models import PublicationIndexPage, PublicationPage
from tests import factories as f
with connection.cursor() as cursor:  # the record is append-only for the application, not here
    for table in ("mailing_outboundmessage", "mailing_consentevent", "mailing_subscription",
                  "mailing_subscriber"):
        cursor.execute(f"DELETE FROM {{table}}")
[everyone] = services.mailing_lists_for(["all"])
N = {n}
for start in range(0, N, 5000):
    made = Subscriber.objects.bulk_create(
        Subscriber(email=f"reader{{i}}@example.org") for i in range(start, min(N, start + 5000)))
    Subscription.objects.bulk_create(
        Subscription(subscriber=s, mailing_list=everyone, status=Status.CONFIRMED,
                     frequency="daily") for s in made)
end = timezone.now().replace(microsecond=0)
index = PublicationIndexPage.objects.get(slug="publications")
PublicationPage.objects.filter(title__startswith="Digest item").update(
    first_published_at=end - datetime.timedelta(days=30))
for k in range(5):
    page = f.PublicationPageFactory(parent=index, title=f"Digest item {{k}} {{end:%H%M%S}}",
                                    summary="<p>" + "A summary of the findings. " * 12 + "</p>")
    PublicationPage.objects.filter(pk=page.pk).update(
        first_published_at=end - datetime.timedelta(hours=k + 1))
daily_digest_task.enqueue(end.isoformat())
"""


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load {one:.1f} {five:.1f} {fifteen:.1f}"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Run:
    """One site, one sink, workers started and killed."""

    def __init__(self, site: BenchSite, port: int, extra: dict) -> None:
        self.site, self.port = site, port
        self.env = site.env(
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(port),
            IMPRINT_MAILING_RATE_PER_SECOND="0",
            IMPRINT_MAILING_SEND_BUDGET_SECONDS="3600",
            IMPRINT_MAILING_BASE_URL="https://www.example.org",
            **extra,
        )

    def shell(self, code: str) -> None:
        command = [sys.executable, str(ROOT / "manage.py"), "shell", "-c", code]
        subprocess.run(command, cwd=ROOT, env=self.env, check=True)  # noqa: S603

    def worker(self) -> subprocess.Popen:
        command = [sys.executable, "-m", "imprint", "run_worker", "--no-reload", "--interval",
                   "0.1", "--no-startup-delay", "--verbosity", "0"]  # fmt: skip
        return subprocess.Popen(  # noqa: S603
            command, cwd=ROOT, env=self.env, start_new_session=True,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip

    def count(self, sql: str) -> int:
        with sqlite3.connect(self.site.var_dir / "imprint.sqlite3", timeout=30) as db:
            return db.execute(sql).fetchone()[0]

    def rows(self) -> int:
        return self.count("SELECT count(*) FROM mailing_outboundmessage WHERE kind = 'digest'")

    def unfinished(self) -> int:
        return self.count(
            "SELECT count(*) FROM mailing_outboundmessage WHERE status IN ('queued', 'sending')"
        )

    def sent(self) -> int:
        return self.count("SELECT count(*) FROM mailing_outboundmessage WHERE status = 'sent'")


def _peak_rss_mb(pid: int) -> float:
    """The process's peak resident memory so far (VmHWM), MB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time the process has used so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _kill(process: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def _sink(port: int, out: Path) -> subprocess.Popen:
    sink = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "bench.mailing.sink", "--port", str(port), "--out", str(out)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert sink.stdout.readline().strip() == "ready"
    return sink


def _stop_sink(sink: subprocess.Popen, out: Path) -> dict:
    sink.send_signal(signal.SIGTERM)
    sink.wait(timeout=60)
    return json.loads(out.read_text())


def _wait(condition, timeout: float, every: float = 0.2) -> float:
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > timeout:
            raise TimeoutError
        time.sleep(every)
    return time.monotonic() - started


def throughput(site: BenchSite, subscribers: int) -> None:
    port, out = _free_port(), RESULTS / "counts.json"
    sink = _sink(port, out)
    run = Run(site, port, {})
    try:
        run.shell(POPULATE.format(n=subscribers))
        print(f"{subscribers:,} subscribers ready ({load()})", flush=True)
        worker, started, peak = run.worker(), time.monotonic(), 0.0
        queued_at = first_at = None
        deadline = time.monotonic() + 3600
        while time.monotonic() < deadline:
            peak = max(peak, _peak_rss_mb(worker.pid))
            if queued_at is None and run.rows() >= subscribers:
                queued_at = time.monotonic()
            if first_at is None and run.sent() > 0:
                first_at, cpu_first = time.monotonic(), _cpu_seconds(worker.pid)
                sink_first = _cpu_seconds(sink.pid)
            if queued_at and run.unfinished() == 0:
                break
            time.sleep(0.25)
        done = time.monotonic()
        cpu = _cpu_seconds(worker.pid) - cpu_first
        sink_cpu = _cpu_seconds(sink.pid) - sink_first
        peak = max(peak, _peak_rss_mb(worker.pid))
        _kill(worker)
    finally:
        counts = _stop_sink(sink, out)
    sending = done - (first_at or done)
    print(
        f"digest to {subscribers:,}: queued in {(queued_at - started):.1f}s after the worker "
        f"started (its start included), sent in {sending:.1f}s: "
        f"{subscribers / sending:.0f} messages/s; worker CPU {cpu * 1000 / subscribers:.1f} ms a "
        f"message ({subscribers / max(cpu, 1e-9):.0f} messages per CPU-second), sink CPU "
        f"{sink_cpu * 1000 / subscribers:.1f} ms; worker peak RSS {peak:.0f} MB; sink received "
        f"{sum(sum(c.values()) for c in counts.values()):,} for {len(counts):,} recipients "
        f"({load()})",
        flush=True,
    )


def crash(site: BenchSite, subscribers: int, kills: int, seed: int) -> None:
    rng = random.Random(seed)
    port, out = _free_port(), RESULTS / "crash-counts.json"
    sink = _sink(port, out)
    fast = {
        "IMPRINT_WORKER_TICK_SECONDS": "0.2",
        "IMPRINT_WORKER_LOST_AFTER_SECONDS": "1.5",
        "IMPRINT_MAILING_LEASE_SECONDS": "3",
        "IMPRINT_MAILING_SWEEP_SECONDS": "1",
        "IMPRINT_MAILING_MAX_ATTEMPTS": "100",
        "IMPRINT_TASK_MAX_ATTEMPTS": "100",
    }
    run = Run(site, port, fast)
    try:
        run.shell(POPULATE.format(n=subscribers))
        print(f"crash run: {subscribers:,} subscribers, {kills} kills ({load()})", flush=True)
        worker, moments = run.worker(), []
        _wait(lambda: run.sent() > 0, 600)
        for _ in range(kills):
            time.sleep(rng.uniform(0.05, 1.5))
            moments.append(run.sent())
            _kill(worker)
            worker = run.worker()
            _wait(lambda: run.unfinished() == 0 or run.sent() > moments[-1], 600)
        took = _wait(lambda: run.unfinished() == 0, 900)
        _kill(worker)
    finally:
        counts = _stop_sink(sink, out)
    duplicates = sum(n - 1 for c in counts.values() for n in c.values() if n > 1)
    missing = subscribers - len(counts)
    messages = Counter(len(c) for c in counts.values())  # distinct messages a recipient got
    print(
        f"crash run: {kills} kills at {moments} messages sent; all sent {took:.1f}s after "
        f"the last restart; {duplicates} duplicates (one Message-ID twice to one recipient), "
        f"{missing} missing; distinct messages a recipient: {dict(messages)} ({load()})",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.mailing",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--subscribers", type=int, action="append", help="digest size (repeat)")
    parser.add_argument("--crash-subscribers", type=int, default=5000)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-throughput", action="store_true")
    parser.add_argument("--no-crash", action="store_true")
    args = parser.parse_args()
    site = BenchSite(RESULTS / "site")
    site.var_dir.mkdir(parents=True, exist_ok=True)
    print(f"Targets: {TARGETS}; {load()}", flush=True)
    site.manage("migrate", "--no-input", "--verbosity", "0")
    Run(site, 0, {}).shell(PREPARE)
    if not args.no_throughput:
        for size in args.subscribers or [50_000]:
            throughput(site, size)
    if not args.no_crash:
        crash(site, args.crash_subscribers, args.kills, args.seed)


if __name__ == "__main__":
    main()
