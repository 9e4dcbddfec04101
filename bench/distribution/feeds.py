"""Feed benchmark: the site's Atom feed (and RSS, a topic's) on bench/pages' site (the demo
plus N generated publications), served by granian as in production with bench/pages' own
helpers, with the page cache off and then on; then a feed reader's conditional poll (the
ETag sent back, 304 expected). Prints figures; asserts nothing.

    .venv/bin/python -m bench.distribution.feeds [--publications 10000] [--seconds 10]
        [--connections 4] [--page-cache off|on|both] [--skip-build]
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import time

from bench.pages.load import percentile, run_load
from bench.pages.server import HOST, serving
from bench.pages.site import ROOT, BenchSite

TARGET_P99_MS = 50.0
PATHS = {
    "site feed (Atom)": "/feeds/atom.xml",
    "site feed (RSS)": "/feeds/rss.xml",
    "topic feed (Atom)": "/feeds/topics/japan/atom.xml",
    "type feed (RSS)": "/feeds/types/report/rss.xml",
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.distribution.feeds", description=__doc__)
    parser.add_argument("--publications", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=10.0, help="per feed measured")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2, help="granian worker processes")
    parser.add_argument("--page-cache", choices=["off", "on", "both"], default="both")
    parser.add_argument("--skip-build", action="store_true", help="reuse the site as it is")
    return parser


def _load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def conditional_poll(port: int, path: str, *, seconds: float) -> tuple[int, float, float, set]:
    """A feed reader polling with the ETag it was given: (requests, p50, p99, statuses)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    etag = response.getheader("ETag") or ""
    latencies, statuses = [], set()
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        start = time.perf_counter()
        connection.request("GET", path, headers={"If-None-Match": etag})
        response = connection.getresponse()
        response.read()
        latencies.append((time.perf_counter() - start) * 1000)
        statuses.add(response.status)
    connection.close()
    return len(latencies), percentile(latencies, 50), percentile(latencies, 99), statuses


def measure(site: BenchSite, args, page_cache: str) -> None:
    shutil.rmtree(site.var_dir / "cache", ignore_errors=True)  # start cold
    env = {"IMPRINT_PAGE_CACHE": "1" if page_cache == "on" else "0"}
    options = {"tool": "python", "connections": args.connections}
    print(f"\nPage cache {page_cache} (load average {_load_average()}):", flush=True)
    with serving(site, workers=args.workers, env=env) as port:
        for path in PATHS.values():
            run_load(HOST, port, path, seconds=2, **options)  # warm-up
        for label, path in PATHS.items():
            result = run_load(HOST, port, path, seconds=args.seconds, **options)
            verdict = ""
            if path == "/feeds/atom.xml":
                met = result.p99_ms < TARGET_P99_MS and not result.errors
                verdict = f"  target p99 < {TARGET_P99_MS:.0f} ms: {'met' if met else 'MISSED'}"
            print(f"  {label:<20} {result.line()}{verdict}", flush=True)
        alone = run_load(
            HOST, port, "/feeds/atom.xml", seconds=args.seconds, tool="python", connections=1
        )
        print(f"  {'site feed, 1 conn.':<20} {alone.line()}", flush=True)
        count, p50, p99, statuses = conditional_poll(port, "/feeds/atom.xml", seconds=args.seconds)
        print(
            f"  {'conditional poll':<20} {'/feeds/atom.xml with If-None-Match':<44} "
            f"p50 {p50:6.1f} ms  p99 {p99:6.1f} ms  n={count} statuses={sorted(statuses)}",
            flush=True,
        )
    print(f"  load average at the end: {_load_average()}", flush=True)


def main(argv: list[str] | None = None) -> None:
    args = _parser().parse_args(argv)
    site = BenchSite(var_dir=(ROOT / "bench" / "results" / f"pages-{args.publications}").resolve())
    print(
        f"Feeds on {args.publications:,} generated publications plus the demo; granian "
        f"--workers {args.workers}, production settings, {args.connections} keep-alive "
        f"connections, {args.seconds:g}s a feed after 2s of warm-up.\n"
        f"Machine: {os.cpu_count()} CPUs; load average at the start: {_load_average()}",
        flush=True,
    )
    if not args.skip_build:
        site.build(args.publications)  # idempotent: a built site is reused in seconds
    modes = ["off", "on"] if args.page_cache == "both" else [args.page_cache]
    for mode in modes:
        measure(site, args, mode)


if __name__ == "__main__":
    main()
