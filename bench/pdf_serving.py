"""PDF serving: slow readers of a 50 MB PDF against readers of ordinary pages.

    .venv/bin/python -m bench.pdf_serving [--readers 8] [--rate-kb 1024] [--seconds 15]
                                          [--threads 4,32] [--workers 1] [--no-nginx]

Builds (once) a small site in ``bench/results/pdf-serving/`` (migrations, static files, one
published report whose PDF is generated here: 200 pages, 50 MB), then for each way of serving:

- granian alone (``imprint serve``: WSGI, ``--workers`` processes, each thread count given);
- nginx in front of granian, ``IMPRINT_DOCUMENTS_SENDFILE=x-accel-redirect`` (when Debian's
  nginx is installed: ``apt-get install nginx-light``), with the snippet of docs/operations.md,

starts ``--readers`` clients that download the whole PDF at ``--rate-kb`` each (a small receive
buffer, reads paced), and while they read: the time to the first byte of the PDF for one more
reader, the same for a Range request of 256 KB at 90 % of the file (what a PDF viewer sends to
show a late page) and the time to its last byte, and the publication page loaded by 2 keep-alive
connections (requests/s, p50, p99, timeouts) compared with the same load without downloads.
Prints figures; asserts nothing. Every client stops after ``--seconds``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bench.pages.load import percentile
from bench.pages.server import HOST, free_port, serving
from bench.pages.site import ROOT, BenchSite

PAGE = "/publications/pdf-serving-report/"
PROTECTED = "/_protected/documents/"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.pdf_serving", description=__doc__)
    parser.add_argument("--readers", type=int, default=8, help="concurrent slow downloads")
    parser.add_argument("--rate-kb", type=int, default=1024, help="each reader's KB/s")
    parser.add_argument("--seconds", type=float, default=15.0, help="length of each scenario")
    parser.add_argument("--threads", default="4", help="granian threads to try, e.g. 4,32")
    parser.add_argument("--workers", type=int, default=1, help="granian processes")
    parser.add_argument(
        "--page-connections", type=int, default=2, help="keep-alive connections loading pages"
    )
    parser.add_argument("--no-nginx", action="store_true", help="skip nginx even if installed")
    parser.add_argument("--var-dir", type=Path, default=ROOT / "bench/results/pdf-serving")
    return parser


# --- the site ---------------------------------------------------------------------------------


def prepare(site: BenchSite) -> tuple[str, int]:
    """Migrate, collect static files and publish the report; returns the PDF's URL and size."""
    site.var_dir.mkdir(parents=True, exist_ok=True)
    site.manage("migrate", "--no-input", "--verbosity", "0")
    if not (site.var_dir / "static").exists():
        site.manage("collectstatic", "--no-input", "--verbosity", "0")
    os.environ.update(site.env())
    import django

    django.setup()
    from django.db import connections

    try:
        return _report()
    finally:
        connections.close_all()


def _report() -> tuple[str, int]:
    import datetime
    import hashlib

    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from imprint.home.models import HomePage
    from imprint.publications.models import PublicationIndexPage, PublicationPage
    from tests.documents.pdfs import bulky_pdf

    page = PublicationPage.objects.filter(slug=PAGE.strip("/").split("/")[-1]).first()
    if page is None:
        index = PublicationIndexPage.objects.first()
        if index is None:
            index = HomePage.objects.get().add_child(
                instance=PublicationIndexPage(title="Publications", slug="publications")
            )
            index.save_revision().publish()
        data = bulky_pdf(200, 256 * 1024)
        document = get_document_model()(title="A long report", file_size=len(data))
        document.file_hash = hashlib.sha1(data).hexdigest()  # noqa: S324  (Wagtail's own ETag)
        document.file.save("long-report.pdf", ContentFile(data))
        page = index.add_child(
            instance=PublicationPage(
                title="A long report",
                slug=PAGE.strip("/").split("/")[-1],
                publication_date=datetime.date(2026, 1, 1),
                pdf=document,
            )
        )
        page.save_revision().publish()
        page.refresh_from_db()
    return page.pdf.url, page.pdf.file.size


# --- nginx --------------------------------------------------------------------------------------

NGINX_CONF = """
daemon off; worker_processes 1; user root; pid {tmp}/nginx.pid; error_log {tmp}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off; sendfile on; tcp_nopush on; keepalive_requests 1000000;
    default_type application/octet-stream;
    client_body_temp_path {tmp}/body; proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi; uwsgi_temp_path {tmp}/uwsgi; scgi_temp_path {tmp}/scgi;
    upstream imprint {{ server {host}:{upstream}; }}
    server {{
        listen {host}:{port};
        location / {{
            proxy_pass http://imprint;
            proxy_set_header Host $host;
        }}
{protected}
    }}
}}
"""


def protected_location(documents: Path) -> str:
    """The location of docs/operations.md, pointed at this site's documents."""
    return (
        f"        location {PROTECTED} {{\n"
        f"            internal;\n"
        f"            alias {documents}/;\n"
        f"            add_header Content-Security-Policy \"default-src 'none'\" always;\n"
        f"            add_header X-Content-Type-Options nosniff always;\n"
        f"        }}"
    )


@contextlib.contextmanager
def nginx_in_front(upstream: int, documents: Path) -> Iterator[int]:
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="imprint-nginx-") as tmp:
        conf = Path(tmp) / "nginx.conf"
        conf.write_text(
            NGINX_CONF.format(
                tmp=tmp,
                host=HOST,
                port=port,
                upstream=upstream,
                protected=protected_location(documents),
            )
        )
        server = subprocess.Popen(["nginx", "-c", str(conf), "-p", tmp])
        try:
            _wait_listening(port)
            yield port
        finally:
            server.terminate()
            server.wait(timeout=15)


def _wait_listening(port: int, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex((HOST, port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"nothing listens on port {port}")


# --- clients ------------------------------------------------------------------------------------


def _get(path: str, extra: str = "") -> bytes:
    return (
        f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\nUser-Agent: imprint-bench\r\n{extra}\r\n".encode()
    )


async def _open(port: int, rcvbuf: int | None = None):
    sock = socket.socket()
    if rcvbuf:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    sock.setblocking(False)
    await asyncio.get_running_loop().sock_connect(sock, (HOST, port))
    return await asyncio.open_connection(sock=sock, limit=16 * 1024)


@dataclass
class Download:
    first_byte: float | None = None
    received: int = 0
    status: int = 0


async def slow_reader(port: int, path: str, rate: float, seconds: float, out: Download) -> None:
    """Download ``path`` at ``rate`` bytes/s for at most ``seconds``, then hang up."""
    started = time.perf_counter()
    reader, writer = await _open(port, rcvbuf=64 * 1024)
    try:
        writer.write(_get(path))
        head = await reader.readuntil(b"\r\n\r\n")
        out.first_byte = time.perf_counter() - started
        out.status = int(head.split(b" ", 2)[1])
        while (elapsed := time.perf_counter() - started) < seconds:
            ahead = out.received / rate - elapsed
            if ahead > 0:
                await asyncio.sleep(min(ahead, seconds - elapsed))
                continue
            chunk = await reader.read(16 * 1024)
            if not chunk:
                break
            out.received += len(chunk)
    finally:
        writer.close()


async def first_byte(port: int, path: str, extra: str = "", *, whole: bool = False):
    """Seconds to the first body byte (and to the last, with ``whole``); status."""
    started = time.perf_counter()
    reader, writer = await _open(port)
    try:
        writer.write(_get(path, extra))
        head = await reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = int(_header(head, b"content-length") or 0)
        if length:
            await reader.readexactly(1)
        first = time.perf_counter() - started
        if whole and length > 1:
            await reader.readexactly(length - 1)
        return first, time.perf_counter() - started, status
    finally:
        writer.close()


def _header(head: bytes, name: bytes) -> bytes | None:
    for line in head.split(b"\r\n")[1:]:
        key, _, value = line.partition(b":")
        if key.strip().lower() == name:
            return value.strip()
    return None


@dataclass
class PageLoad:
    latencies: list[float] = field(default_factory=list)
    unanswered: int = 0  # still waiting when the window closed
    errors: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        rps = len(self.latencies) / self.seconds if self.seconds else 0.0
        return (
            f"{rps:7.1f} req/s  p50 {percentile(self.latencies, 50):7.1f} ms  "
            f"p99 {percentile(self.latencies, 99):7.1f} ms  "
            f"n={len(self.latencies)} unanswered={self.unanswered} errors={self.errors}"
        )


async def load_pages(port: int, seconds: float, out: PageLoad, connections: int = 2) -> None:
    """Closed loop of keep-alive connections asking for the publication page."""
    deadline = time.perf_counter() + seconds

    async def client() -> None:
        reader, writer = await _open(port)
        try:
            while (left := deadline - time.perf_counter()) > 0:
                started = time.perf_counter()
                try:
                    status = await asyncio.wait_for(_page(reader, writer), timeout=left)
                except TimeoutError:
                    out.unanswered += 1
                    return
                except (OSError, asyncio.IncompleteReadError):
                    out.errors += 1
                    writer.close()
                    reader, writer = await _open(port)
                    continue
                out.latencies.append((time.perf_counter() - started) * 1000)
                out.errors += status != 200
        finally:
            writer.close()

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(connections)))
    out.seconds = time.perf_counter() - started


async def _page(reader, writer) -> int:
    writer.write(_get(PAGE))
    head = await reader.readuntil(b"\r\n\r\n")
    await reader.readexactly(int(_header(head, b"content-length") or 0))
    return int(head.split(b" ", 2)[1])


# --- one scenario -------------------------------------------------------------------------------


async def scenario(port: int, pdf: str, size: int, args) -> dict:
    quiet = PageLoad()
    await first_byte(port, PAGE)  # warm: the page cache, the document's access check
    await first_byte(port, pdf, "Range: bytes=0-0\r\n")
    await load_pages(port, args.seconds - 3.0, quiet, args.page_connections)
    idle_first = await first_byte(port, pdf)
    downloads = [Download() for _ in range(args.readers)]
    rate = args.rate_kb * 1024
    readers = [
        asyncio.create_task(slow_reader(port, pdf, rate, args.seconds, d)) for d in downloads
    ]
    await asyncio.sleep(2.0)  # every reader has asked and is reading
    busy = PageLoad()
    pages = asyncio.create_task(load_pages(port, args.seconds - 3.0, busy, args.page_connections))
    late = size * 9 // 10
    probes = await asyncio.gather(
        _bounded(first_byte(port, pdf), args.seconds - 3.0),
        _bounded(
            first_byte(port, pdf, f"Range: bytes={late}-{late + 256 * 1024 - 1}\r\n", whole=True),
            args.seconds - 3.0,
        ),
    )
    await pages
    await asyncio.gather(*readers, return_exceptions=True)
    return {
        "quiet": quiet,
        "busy": busy,
        "idle_first": idle_first,
        "probes": probes,
        "downloads": downloads,
    }


async def _bounded(probe, timeout: float):
    try:
        return await asyncio.wait_for(probe, timeout)
    except TimeoutError:
        return None


def report(label: str, result: dict, args) -> None:
    print(f"\n## {label}")
    print(f"  pages, no downloads:         {result['quiet'].line()}")
    print(f"  pages, during the downloads: {result['busy'].line()}")
    print(f"  PDF first byte, no downloads:       {_ms(result['idle_first'], 0)}")
    whole, ranged = result["probes"]
    print(f"  PDF first byte, during downloads:   {_ms(whole, 0)}")
    print(
        f"  Range 256 KB at 90 %, during:       first byte {_ms(ranged, 0)}, "
        f"last byte {_ms(ranged, 1)}, status {ranged[2] if ranged else '-'}"
    )
    firsts = [d.first_byte for d in result["downloads"] if d.first_byte is not None]
    statuses = sorted({d.status for d in result["downloads"]})
    got = [d.received / 1e6 / args.seconds for d in result["downloads"]]
    print(
        f"  the {args.readers} readers: first byte max {max(firsts, default=float('nan')):.2f} s, "
        f"{min(got):.2f}-{max(got):.2f} MB/s each (asked {args.rate_kb / 1024:.2f}), "
        f"status {statuses}"
    )


def _ms(probe, index: int) -> str:
    if probe is None:
        return "    none in the window"
    return f"{probe[index] * 1000:8.1f} ms"


def main(argv: list[str] | None = None) -> None:
    args = _parser().parse_args(argv)
    site = BenchSite(args.var_dir)
    pdf, size = prepare(site)
    print(
        f"PDF {pdf}: {size / 1e6:.1f} MB; {args.readers} readers at {args.rate_kb} KB/s, "
        f"{args.seconds:.0f} s a scenario; pages on {args.page_connections} connections; "
        f"granian {args.workers} process(es); {os.cpu_count()} CPUs"
    )
    for threads in (int(t) for t in args.threads.split(",")):
        with serving(site, workers=args.workers, threads=threads) as port:
            result = asyncio.run(scenario(port, pdf, size, args))
        report(f"granian alone, {threads} threads a process", result, args)
    if args.no_nginx or not shutil.which("nginx"):
        print("\n(nginx not installed or --no-nginx: the X-Accel-Redirect path was not measured)")
        return
    threads = int(args.threads.split(",")[0])
    env = {"IMPRINT_DOCUMENTS_SENDFILE": "x-accel-redirect"}
    with (
        serving(site, workers=args.workers, threads=threads, env=env) as upstream,
        nginx_in_front(upstream, site.var_dir / "documents") as port,
    ):
        result = asyncio.run(scenario(port, pdf, size, args))
    report(f"nginx + X-Accel-Redirect, granian {threads} threads a process", result, args)


if __name__ == "__main__":
    main()
