"""OAI-PMH benchmark: a full ListRecords harvest, through every resumption token, of the demo
with N generated publications, served by granian as in production (bench/pages builds and
serves the site). Prints the time, the records a second, the slowest response and the server's
memory (every granian process, sampled through the harvest: it must stay flat, not grow with
the records handed out) and the machine's load. Asserts nothing.

    .venv/bin/python -m bench.distribution.oai [--publications 10000] [--prefix oai_dc|mods]
                                               [--page-size 100] [--workers 2] [--skip-build]
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import os
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from lxml import etree

from bench.pages.server import HOST, free_port, wait_for
from bench.pages.site import ROOT, BenchSite
from imprint.cli import server_command

TARGET_SECONDS = 20.0
OAI = "{http://www.openarchives.org/OAI/2.0/}"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.distribution.oai", description=__doc__)
    parser.add_argument("--publications", type=int, default=10_000)
    parser.add_argument("--prefix", default="oai_dc", choices=["oai_dc", "mods"])
    parser.add_argument("--page-size", type=int, default=100, help="IMPRINT_OAI_PAGE_SIZE")
    parser.add_argument("--workers", type=int, default=2, help="granian worker processes")
    parser.add_argument("--var-dir", type=Path, help="default: bench/results/oai-N")
    parser.add_argument("--skip-build", action="store_true", help="reuse the site as it is")
    return parser


@dataclass
class Memory:
    """The resident memory of a process and its children, sampled in a thread."""

    pid: int
    samples: list[tuple[float, int]] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)

    def cpu_seconds(self) -> float:
        """User and system time of the process and its children so far."""
        total = 0
        for pid in [self.pid, *_children(self.pid)]:
            with contextlib.suppress(OSError):
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])  # utime, stime (clock ticks)
        return total / os.sysconf("SC_CLK_TCK")

    def rss(self) -> int:
        total = 0
        for pid in [self.pid, *_children(self.pid)]:
            with contextlib.suppress(OSError):
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
        return total

    @contextlib.contextmanager
    def sampling(self, every: float = 0.05) -> Iterator[None]:
        def run() -> None:
            while not self._stop.is_set():
                self.samples.append((time.monotonic(), self.rss()))
                self._stop.wait(every)

        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        try:
            yield
        finally:
            self._stop.set()
            thread.join()


def _children(pid: int) -> list[int]:
    """Every descendant of ``pid`` (granian's workers), read from /proc."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                parents.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        kids = parents.get(todo.pop(), [])
        out += kids
        todo += kids
    return out


@contextlib.contextmanager
def serving(site: BenchSite, *, workers: int, env: dict) -> Iterator[tuple[int, int]]:
    """Granian as bench.pages runs it; yields (port, the server's pid) for memory sampling."""
    port = free_port()
    command = server_command(HOST, port, workers, log_level="warning")
    server = subprocess.Popen(command, cwd=ROOT, env=site.env(**env))  # noqa: S603
    try:
        wait_for(port, server)
        yield port, server.pid
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@dataclass
class Harvest:
    records: int = 0
    deleted: int = 0
    responses: int = 0
    seconds: float = 0.0
    slowest: float = 0.0
    server_cpu: float = 0.0
    identifiers: set[str] = field(default_factory=set)


def harvest(port: int, prefix: str) -> Harvest:
    """ListRecords from the start to the empty token, as a harvester does (one connection)."""
    out = Harvest()
    connection = http.client.HTTPConnection(HOST, port, timeout=120)
    query = {"verb": "ListRecords", "metadataPrefix": prefix}
    started = time.monotonic()
    while True:
        sent = time.monotonic()
        connection.request("GET", f"/oai/?{urlencode(query)}")
        response = connection.getresponse()
        body = response.read()
        out.slowest = max(out.slowest, time.monotonic() - sent)
        if response.status != 200:
            raise RuntimeError(f"HTTP {response.status}: {body[:300]!r}")
        root = etree.fromstring(body)
        error = root.find(f"{OAI}error")
        if error is not None:
            raise RuntimeError(f"{error.get('code')}: {error.text}")
        out.responses += 1
        for header in root.iter(f"{OAI}header"):
            out.records += 1
            out.deleted += header.get("status") == "deleted"
            out.identifiers.add(header.findtext(f"{OAI}identifier"))
        token = root.find(f".//{OAI}resumptionToken")
        if token is None or not token.text:
            break
        query = {"verb": "ListRecords", "resumptionToken": token.text}
    out.seconds = time.monotonic() - started
    connection.close()
    return out


def main() -> None:
    args = _parser().parse_args()
    var_dir = args.var_dir or ROOT / "bench" / "results" / f"oai-{args.publications}"
    site = BenchSite(var_dir)
    if not args.skip_build:
        site.build(args.publications)
    # A site built before OAI-PMH: its table, then its items (what `sync_oai_items` is for).
    site.manage("migrate", "--no-input", "--verbosity", "0")
    site.manage("sync_oai_items")
    print(f"Load before: {_load()}", flush=True)
    env = {"IMPRINT_OAI_PAGE_SIZE": str(args.page_size), "IMPRINT_PAGE_CACHE": "0"}
    with serving(site, workers=args.workers, env=env) as (port, pid):
        memory = Memory(pid)
        warm = harvest_first(port, args.prefix)
        idle, cpu = memory.rss(), memory.cpu_seconds()
        with memory.sampling():
            result = harvest(port, args.prefix)
        result.server_cpu = memory.cpu_seconds() - cpu
        _report(args, result, memory, idle, warm)


def harvest_first(port: int, prefix: str) -> float:
    """One request before measuring: the workers import Django and open the database."""
    started = time.monotonic()
    connection = http.client.HTTPConnection(HOST, port, timeout=120)
    for _ in range(4):  # each worker, likely
        connection.request("GET", f"/oai/?verb=ListRecords&metadataPrefix={prefix}")
        connection.getresponse().read()
    connection.close()
    return time.monotonic() - started


def _report(args, result: Harvest, memory: Memory, idle: int, warm: float) -> None:
    mib = 1024 * 1024
    values = [rss for _, rss in memory.samples] or [idle]
    third = max(1, len(values) // 3)
    early, late = max(values[:third]), max(values[-third:])
    print(f"OAI-PMH ListRecords ({args.prefix}), {args.page_size} records a response, "
          f"granian {args.workers} workers, production settings, SQLite")  # fmt: skip
    print(f"  records: {result.records:,} ({result.deleted} deleted), distinct identifiers "
          f"{len(result.identifiers):,}, responses {result.responses}")  # fmt: skip
    verdict = "under" if result.seconds < TARGET_SECONDS else "OVER"
    print(f"  harvest: {result.seconds:.1f} s ({result.records / result.seconds:,.0f} records/s), "
          f"{verdict} the {TARGET_SECONDS:.0f} s target; slowest response "
          f"{result.slowest * 1000:.0f} ms; warm-up {warm:.1f} s")  # fmt: skip
    # CPU time does not stretch with the machine's load as the wall-clock time does.
    print(f"  server CPU: {result.server_cpu:.1f} s for the harvest "
          f"({result.server_cpu / result.responses * 1000:.0f} ms a response)")  # fmt: skip
    print(f"  server RSS (all processes): idle {idle / mib:.0f} MiB, peak {max(values) / mib:.0f} "
          f"MiB; first third's peak {early / mib:.0f} MiB, last third's {late / mib:.0f} MiB "
          f"({len(values)} samples)")  # fmt: skip
    print(f"  load: {_load()}  ({os.cpu_count()} CPUs)")


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


if __name__ == "__main__":
    main()
