"""Granian serving the site as in production: WSGI, two worker processes, no access log."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import time
from collections.abc import Iterator

from imprint.cli import server_command

from .site import ROOT, BenchSite

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def wait_for(port: int, server: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"granian exited with status {server.returncode}")
        with socket.socket() as sock:
            if sock.connect_ex((HOST, port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"granian did not listen on port {port} within {timeout:.0f}s")


@contextlib.contextmanager
def serving(
    site: BenchSite, *, workers: int = 2, threads: int = 1, env: dict | None = None
) -> Iterator[int]:
    """Run granian on a free port for the duration of the block; yields the port."""
    port = free_port()
    command = server_command(HOST, port, workers, threads=threads, log_level="warning")
    server = subprocess.Popen(command, cwd=ROOT, env=site.env(**(env or {})))  # noqa: S603
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
