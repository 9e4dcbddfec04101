"""Time to the first page of a 50 MB PDF in Chromium: the PDF.js reader against the browser's own.

    .venv/bin/python -m bench.pdf_reader [--rate-kb 1250] [--latency-ms 40] [--runs 3]

Builds (once) the site of ``bench.pdf_serving`` in ``bench/results/pdf-reader/`` (static files
collected, hashed and compressed as in production; one report whose PDF is generated: 200 pages,
50 MB), serves it with granian (``imprint serve``'s command, 32 threads) and opens the report's
page in Debian's Chromium, its network slowed by DevTools to ``--rate-kb`` KB/s and
``--latency-ms`` each way, as a reader's connection would be:

- PDF.js: the page opened at ``#page=1`` (the reader starts at once) until the first page is
  drawn, text layer included; then ``#page=150`` of the same page, in a fresh browser context;
- the browser's own viewer: the same page with PDF.js refused, which shows the ``<object>`` as
  every page did before PDF.js, until the PDF's last byte: Chromium's viewer shows nothing
  before it (its range loading is off by default, docs/operations.md).

"PDF" bytes are the PDF's response bodies as the browser received them (DevTools), "all
bytes" everything the proxy passed to the browser (page, PDF.js, PDF, headers). Prints
figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import statistics
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.pages.server import HOST, free_port, serving
from bench.pages.site import ROOT, BenchSite
from bench.pdf_serving import PAGE, prepare
from tests.browser.conftest import CHROMIUM_ARGS, chromium_path


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.pdf_reader", description=__doc__)
    parser.add_argument("--rate-kb", type=int, default=1250, help="download KB/s (10 Mbit/s)")
    parser.add_argument("--latency-ms", type=int, default=40, help="added round-trip latency")
    parser.add_argument("--runs", type=int, default=3, help="runs of each case (median shown)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds a run may take")
    parser.add_argument("--var-dir", type=Path, default=ROOT / "bench/results/pdf-reader")
    parser.add_argument("--screenshots", type=Path, default=None, help="save the last view here")
    return parser


@dataclass
class Traffic:
    """Body bytes received per request, from DevTools' network events."""

    urls: dict[str, str] = field(default_factory=dict)
    received: dict[str, int] = field(default_factory=dict)

    def attach(self, cdp) -> None:
        cdp.on(
            "Network.requestWillBeSent",
            lambda e: self.urls.setdefault(e["requestId"], e["request"]["url"]),
        )
        cdp.on("Network.dataReceived", self._data)

    def _data(self, event: dict) -> None:
        self.received[event["requestId"]] = (
            self.received.get(event["requestId"], 0) + event["dataLength"]
        )

    def pdf_bytes(self) -> int:
        return sum(n for rid, n in self.received.items() if "/documents/" in self.urls.get(rid, ""))

    def pdf_requests(self) -> int:
        return sum("/documents/" in url for url in self.urls.values())


class SlowLink:
    """A TCP proxy in front of the server: one link of ``rate`` bytes/s shared by every
    connection, ``latency`` seconds added each way; counts the bytes sent to the browser.

    DevTools' throttling would not do: Chromium's own viewer fetches the PDF outside the page's
    network (its plugin's stream), unseen and unslowed by it.
    """

    def __init__(self, upstream: int, rate: float, latency: float) -> None:
        self.upstream, self.rate, self.latency = upstream, rate, latency
        self.sent = 0
        self.last_byte = 0.0
        self._free_at = 0.0
        self.port = free_port()
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        threading.Thread(target=self._run, daemon=True).start()
        self._ready.wait()

    def reset(self) -> None:
        self.sent, self.last_byte = 0, 0.0

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        server = self._loop.run_until_complete(
            asyncio.start_server(self._connection, HOST, self.port)
        )
        self._ready.set()
        with contextlib.suppress(RuntimeError):
            self._loop.run_until_complete(server.serve_forever())

    async def _connection(self, client_reader, client_writer) -> None:
        server_reader, server_writer = await asyncio.open_connection(HOST, self.upstream)
        await asyncio.gather(
            self._pipe(client_reader, server_writer, down=False),
            self._pipe(server_reader, client_writer, down=True),
            return_exceptions=True,
        )

    async def _pipe(self, reader, writer, *, down: bool) -> None:
        """Reads as fast as the sender sends; a second task delivers each chunk ``latency / 2``
        after it came, and, towards the browser, no faster than the link."""
        queue: asyncio.Queue = asyncio.Queue()
        delivery = asyncio.ensure_future(self._deliver(queue, writer, down=down))
        try:
            while data := await reader.read(64 * 1024):
                queue.put_nowait((time.monotonic() + self.latency / 2, data))
        except (ConnectionError, OSError):
            pass
        queue.put_nowait((0.0, b""))
        await delivery

    async def _deliver(self, queue: asyncio.Queue, writer, *, down: bool) -> None:
        try:
            while True:
                due, data = await queue.get()
                if not data:
                    break
                if down:
                    self._free_at = max(self._free_at, time.monotonic()) + len(data) / self.rate
                    due = max(due, self._free_at)
                await asyncio.sleep(max(due - time.monotonic(), 0))
                writer.write(data)
                await writer.drain()
                if down:
                    self.sent += len(data)
                    self.last_byte = time.monotonic()
        except (ConnectionError, OSError):
            pass
        finally:
            writer.close()


def _open(browser, args, *, javascript: bool):
    context = browser.new_context(
        java_script_enabled=javascript, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    traffic = Traffic()
    traffic.attach(cdp)
    return context, page, traffic


def run_pdfjs(browser, link, url: str, number: int, args) -> tuple[float, int, int, int]:
    """Seconds from navigation to page ``number`` drawn; PDF bytes, all bytes, PDF requests."""
    context, page, traffic = _open(browser, args, javascript=True)
    link.reset()
    started = time.monotonic()
    page.goto(f"{url}#page={number}", wait_until="commit")
    page.locator(f"#pdf-reader[data-page='{number}'] .textLayer span").first.wait_for(
        timeout=args.timeout * 1000
    )
    seconds = time.monotonic() - started
    figures = (seconds, traffic.pdf_bytes(), link.sent, traffic.pdf_requests())
    _shot(page, args, f"pdfjs-page-{number}")
    context.close()
    return figures


def run_object(browser, link, url: str, size: int, args) -> tuple[float, int, int, int]:
    """Seconds from navigation to the PDF's last byte in the browser's own viewer."""
    context, page, traffic = _open(browser, args, javascript=True)
    # PDF.js refused, as by a browser too old for it: the page falls back to the <object> every
    # page showed before. (With JavaScript off the <noscript> one would show, but Chromium's
    # viewer is itself a script and stalls there.)
    page.route("**/pdf.min*.mjs", lambda route: route.abort())
    link.reset()
    started = time.monotonic()
    page.goto(url, wait_until="commit")
    deadline = started + args.timeout
    while link.sent < size and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    page.wait_for_timeout(1500)  # the viewer draws once it has the file
    seconds = link.last_byte - started if link.sent >= size else float("nan")
    _shot(page, args, "object")
    figures = (seconds, link.sent, link.sent, traffic.pdf_requests())
    context.close()
    return figures


def _shot(page, args, name: str) -> None:
    if args.screenshots:
        args.screenshots.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(args.screenshots / f"{name}.png"))


def _line(label: str, runs: list[tuple[float, int, int, int]]) -> str:
    seconds = statistics.median(r[0] for r in runs)
    pdf = statistics.median(r[1] for r in runs)
    other = statistics.median(r[2] for r in runs)
    requests = statistics.median(r[3] for r in runs)
    spread = ", ".join(f"{r[0]:.2f}" for r in runs)
    return (
        f"{label:<44} {seconds:6.2f} s  (runs: {spread})  PDF {pdf / 1e6:6.2f} MB "
        f"in {requests:.0f} requests; all bytes to the browser {other / 1e6:.2f} MB"
    )


def main(argv: list[str] | None = None) -> None:
    args = _parser().parse_args(argv)
    site = BenchSite(args.var_dir)
    pdf, size = prepare(site)
    from playwright.sync_api import sync_playwright

    print(
        f"PDF {pdf}: {size / 1e6:.1f} MB; link {args.rate_kb} KB/s, {args.latency_ms} ms; "
        f"{args.runs} runs each; load {os.getloadavg()[0]:.1f}"
    )
    with serving(site, workers=1, threads=32) as port, sync_playwright() as playwright:
        link = SlowLink(port, args.rate_kb * 1024, args.latency_ms / 1000)
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        url = f"http://{HOST}:{link.port}{PAGE}"
        first = [run_pdfjs(browser, link, url, 1, args) for _ in range(args.runs)]
        late = [run_pdfjs(browser, link, url, 150, args) for _ in range(args.runs)]
        whole = [run_object(browser, link, url, size, args) for _ in range(args.runs)]
        browser.close()
    print(_line("PDF.js reader, page 1 drawn", first))
    print(_line("PDF.js reader, #page=150 drawn", late))
    print(_line("browser's viewer (<object>), last PDF byte", whole))
    print(f"load after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
