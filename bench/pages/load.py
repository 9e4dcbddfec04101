"""A small closed-loop HTTP load generator: N keep-alive connections, each sending requests
back to back for a fixed time. Runs in its own process, apart from the server."""

from __future__ import annotations

import http.client
import statistics
import threading
import time
from dataclasses import dataclass


@dataclass
class LoadResult:
    path: str
    requests: int
    errors: int
    seconds: float
    latencies_ms: list[float]

    @property
    def rps(self) -> float:
        return self.requests / self.seconds

    def percentile(self, p: float) -> float:
        data = sorted(self.latencies_ms)
        if not data:
            return float("nan")
        return data[min(len(data) - 1, int(round(p / 100 * (len(data) - 1))))]

    def line(self) -> str:
        return (
            f"{self.path:<45} {self.rps:8.1f} req/s  p50 {self.percentile(50):6.1f} ms  "
            f"p99 {self.percentile(99):6.1f} ms  mean {statistics.fmean(self.latencies_ms):6.1f}"
            f" ms  n={self.requests} errors={self.errors}"
        )


def _worker(host: str, port: int, path: str, deadline: float, out: list, errors: list) -> None:
    conn = http.client.HTTPConnection(host, port, timeout=30)
    while time.perf_counter() < deadline:
        start = time.perf_counter()
        try:
            conn.request("GET", path, headers={"Host": host})
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                errors.append(response.status)
        except (OSError, http.client.HTTPException):
            errors.append("conn")
            conn.close()
            conn = http.client.HTTPConnection(host, port, timeout=30)
            continue
        out.append((time.perf_counter() - start) * 1000)
    conn.close()


def run_load(
    host: str, port: int, path: str, *, connections: int = 4, seconds: float = 10.0
) -> LoadResult:
    latencies: list[float] = []
    errors: list = []
    deadline = time.perf_counter() + seconds
    started = time.perf_counter()
    threads = [
        threading.Thread(target=_worker, args=(host, port, path, deadline, latencies, errors))
        for _ in range(connections)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return LoadResult(path, len(latencies), len(errors), time.perf_counter() - started, latencies)
