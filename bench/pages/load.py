"""Load generators, run from the benchmark's process, apart from the server's.

``python``: a closed loop of N keep-alive connections on asyncio, each sending requests back to
back for a fixed time; latency is measured per request.
``wrk``: the same with Debian's wrk (``apt-get install -y wrk``), whose client costs less CPU.
"""

from __future__ import annotations

import asyncio
import itertools
import random
import re
import shutil
import subprocess
import time
from dataclasses import dataclass, field


@dataclass
class LoadResult:
    path: str
    requests: int
    errors: int
    seconds: float
    p50_ms: float
    p99_ms: float
    tool: str = "python"
    notes: list[str] = field(default_factory=list)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def line(self) -> str:
        return (
            f"{self.path:<44} {self.rps:7.1f} req/s  p50 {self.p50_ms:6.1f} ms  "
            f"p99 {self.p99_ms:6.1f} ms  n={self.requests} errors={self.errors}"
        )


def percentile(data: list[float], p: float) -> float:
    """The nearest-rank percentile of ``data``."""
    if not data:
        return float("nan")
    ordered = sorted(data)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


async def _request(reader, writer, request: bytes) -> int:
    """Send one GET on a keep-alive connection and read the whole response; returns its status.

    Written on asyncio streams rather than ``http.client`` threads: one thread and a few
    microseconds a request, so the load generator takes little of the two cores from the server.
    """
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = re.search(rb"(?im)^content-length:\s*(\d+)", head)
    if length is None:
        raise ValueError("response without Content-Length")
    await reader.readexactly(int(length.group(1)))
    return status


async def _client(host, port, requests, deadline, latencies: list, errors: list) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while time.perf_counter() < deadline:
            request = next(requests)
            start = time.perf_counter()
            try:
                status = await _request(reader, writer, request)
            except (OSError, ValueError, asyncio.IncompleteReadError):
                errors.append("connection")
                writer.close()
                reader, writer = await asyncio.open_connection(host, port)
                continue
            latencies.append((time.perf_counter() - start) * 1000)
            if status != 200:
                errors.append(status)
    finally:
        writer.close()


def _requests(host: str, paths: list[str], weights: list[float] | None, seed: int):
    """Endless GET requests for ``paths``, drawn with ``weights`` (the same draw every run)."""
    encoded = [
        f"GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: imprint-bench\r\n\r\n".encode()
        for path in paths
    ]
    if len(encoded) == 1:
        return itertools.repeat(encoded[0])
    draw = random.Random(seed).choices(range(len(encoded)), weights=weights, k=200_000)
    return itertools.cycle([encoded[i] for i in draw])


def python_load(
    host: str,
    port: int,
    path: str | list[str],
    *,
    connections: int,
    seconds: float,
    weights: list[float] | None = None,
    seed: int = 1,
):
    """Load one path, or a mix of paths drawn by ``weights`` (shared by all connections)."""
    latencies: list[float] = []
    errors: list = []
    paths = [path] if isinstance(path, str) else path
    requests = _requests(host, paths, weights, seed)

    async def run() -> None:
        deadline = time.perf_counter() + seconds
        args = (host, port, requests, deadline, latencies, errors)
        await asyncio.gather(*(_client(*args) for _ in range(connections)))

    started = time.perf_counter()
    asyncio.run(run())
    elapsed = time.perf_counter() - started
    return LoadResult(
        paths[0] if len(paths) == 1 else f"{len(paths):,} URLs",
        len(latencies),
        len(errors),
        elapsed,
        percentile(latencies, 50),
        percentile(latencies, 99),
    )


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _wrk_ms(output: str, label: str) -> float:
    match = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
    return float(match.group(1)) * UNITS[match.group(2)] if match else float("nan")


def wrk_load(host: str, port: int, path: str, *, connections: int, seconds: float):
    command = [
        "wrk",
        f"--threads={min(connections, 2)}",
        f"--connections={connections}",
        f"--duration={max(1, round(seconds))}s",
        "--latency",
        f"http://{host}:{port}{path}",
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    requests = re.search(r"(\d+) requests in ([\d.]+)(ms|s)", output)
    count, elapsed = int(requests.group(1)), float(requests.group(2))
    elapsed = elapsed / 1000 if requests.group(3) == "ms" else elapsed
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    error_count = (int(bad.group(1)) if bad else 0) + (
        sum(int(g) for g in errors.groups()) if errors else 0
    )
    p50, p99 = _wrk_ms(output, "50"), _wrk_ms(output, "99")
    return LoadResult(path, count, error_count, elapsed, p50, p99, tool="wrk")


def run_load(host: str, port: int, path: str, *, tool: str, connections: int, seconds: float):
    """Load ``path`` for ``seconds`` with ``connections`` concurrent keep-alive connections."""
    if tool == "wrk":
        return wrk_load(host, port, path, connections=connections, seconds=seconds)
    return python_load(host, port, path, connections=connections, seconds=seconds)


def wrk_available() -> bool:
    return shutil.which("wrk") is not None
