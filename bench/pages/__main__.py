"""Page benchmark: the demo plus N generated publications, served by granian as in production
(WSGI, 2 workers, production settings, DEBUG off), with the page cache off and then on, and
loaded over loopback from this separate process: page by page, then a long-tail mix of URLs.
Prints figures; asserts nothing.

    .venv/bin/python -m bench.pages [--publications 10000] [--seconds 10] [--connections 4]
                                    [--page-cache off|on|both] [--tool python|wrk]
                                    [--database-url URL] [--no-bare] [--bakerydemo DIR]

With the page cache off, the same run also serves and loads a bare Wagtail page (``wagtail
start``'s project) and, given its directory, Wagtail's bakerydemo, the same way: all servers
are up at once and their pages are loaded one after the other, so that the figures share the
machine's load of the same few minutes.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import random
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

from .load import LoadResult, python_load, run_load, wrk_available
from .others import OtherSite, bakerydemo, bare_wagtail
from .server import HOST, serving
from .site import ROOT, BenchSite

TARGET_P99_MS = 100.0
TARGET_RPS = 100.0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench.pages",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--publications", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=10.0, help="per page measured")
    parser.add_argument("--connections", type=int, default=4, help="concurrent keep-alive")
    parser.add_argument(
        "--rounds", type=int, default=1, help="measure every page this many times (spread)"
    )
    parser.add_argument("--workers", type=int, default=2, help="granian worker processes")
    parser.add_argument("--threads", type=int, default=1, help="granian blocking threads")
    parser.add_argument("--tool", choices=["python", "wrk"], default="python")
    parser.add_argument(
        "--var-dir", type=Path, help="data directory (default: bench/results/pages-N)"
    )
    parser.add_argument(
        "--database-url", default="", help="build and serve this database instead of SQLite"
    )
    parser.add_argument("--skip-build", action="store_true", help="reuse the site as it is")
    parser.add_argument(
        "--page-cache",
        choices=["off", "on", "both"],
        default="both",
        help="serve with the anonymous page cache off, on, or measure both (default)",
    )
    parser.add_argument("--no-mix", action="store_true", help="skip the long-tail mix of URLs")
    parser.add_argument(
        "--no-bare", action="store_true", help="don't measure a bare Wagtail page beside Imprint"
    )
    parser.add_argument(
        "--bakerydemo", type=Path, help="measure Wagtail's bakerydemo installed in DIR beside"
    )
    parser.add_argument(
        "--with-search", action="store_true", help="also load Imprint's search results page"
    )
    return parser


def _paths(publications: int, *, search: bool = False) -> dict[str, str]:
    publication = f"/publications/generated-{max(1, publications // 2)}/"
    paths = {
        "home": "/",
        "listing, page 2": "/publications/?page=2",
        "listing, page 2 of reports": "/publications/?type=report&page=2",
        "publication": publication if publications else "/publications/alliance-futures-1/",
        "publication with a PDF": "/publications/alliance-futures-1/",
        "issue": "/journal/volume-3/issue-2/",
        "article": "/journal/volume-1/issue-1/article-1/",
        "person": "/people/hana-seo/",
        "topic": "/topics/japan/",
        "blog index": "/blog/",
        "robots.txt": "/robots.txt",
    }
    if search:
        paths["search"] = "/search/?q=security"
    return paths


def _others(args) -> list[OtherSite]:
    """The sites measured beside Imprint when its page cache is off."""
    others = [] if args.no_bare else [bare_wagtail(ROOT / "bench" / "results" / "bare-wagtail")]
    if args.bakerydemo:
        others.append(bakerydemo(args.bakerydemo.resolve()))
    return others


def long_tail(publications: int) -> tuple[list[str], list[float]]:
    """What a day of readers asks for: every publication, listing pages and filters, with the
    popularity of the n-th most read URL falling as 1/n (Zipf), most URLs read rarely."""
    paths = [f"/publications/generated-{n}/" for n in range(1, publications + 1)]
    paths += [f"/publications/?page={n}" for n in range(1, max(2, publications // 20))]
    paths += [
        f"/publications/?type={kind}&page={n}"
        for kind in ("report", "policy_brief")
        for n in range(1, 40)
    ]
    paths += ["/", "/publications/", "/journal/", "/blog/", "/people/", "/topics/"]
    order = random.Random(7).sample(range(len(paths)), len(paths))
    weights = [1.0 / (1 + order[i]) for i in range(len(paths))]
    return paths, weights


def _describe(site: BenchSite, args) -> None:
    database = "SQLite (WAL) in " + str(site.var_dir) if not site.database_url else "DATABASE_URL"
    print(
        f"Machine: {os.cpu_count()} CPUs, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, Django {version('django')}, "
        f"Wagtail {version('wagtail')}, granian {version('granian')}\n"
        f"Database: {database}\n"
        f"Server: granian --interface wsgi --workers {args.workers} "
        f"--blocking-threads {args.threads}, imprint.settings.production, DEBUG off, "
        f"page cache: {args.page_cache}\n"
        f"Load: {args.tool}, {args.connections} keep-alive connections, "
        f"{args.seconds:g}s a page after 2s of warm-up\n"
        f"Load average at the start: {_load_average()}",
        flush=True,
    )


def _load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def _verdict(result: LoadResult) -> str:
    ok = result.p99_ms < TARGET_P99_MS and result.rps >= TARGET_RPS and not result.errors
    return (
        f"Publication page target (p99 < {TARGET_P99_MS:.0f} ms, >= {TARGET_RPS:.0f} req/s): "
        + ("met" if ok else "MISSED")
    )


def _load(site: BenchSite, args, page_cache: str, others: list[OtherSite]) -> None:
    options = {"tool": args.tool, "connections": args.connections}
    publication: list[LoadResult] = []
    shutil.rmtree(site.var_dir / "cache", ignore_errors=True)  # start cold
    env = {"IMPRINT_PAGE_CACHE": "1" if page_cache == "on" else "0"}
    with contextlib.ExitStack() as stack:
        port = stack.enter_context(
            serving(site, workers=args.workers, threads=args.threads, env=env)
        )
        targets = [
            (label, port, path)
            for label, path in _paths(args.publications, search=args.with_search).items()
        ]
        for other in others:  # all up at once; an idle server takes no CPU from the others
            other_port = stack.enter_context(
                other.serving(workers=args.workers, threads=args.threads)
            )
            targets += [(label, other_port, path) for label, path in other.pages.items()]
        for _label, target_port, path in targets:
            run_load(HOST, target_port, path, seconds=2, **options)
        for round_number in range(1, args.rounds + 1):
            heading = f", round {round_number} of {args.rounds}" if args.rounds > 1 else ""
            print(f"\nPage cache {page_cache}: requests/s and latency, page by page{heading}:")
            for label, target_port, path in targets:
                result = run_load(HOST, target_port, path, seconds=args.seconds, **options)
                print(f"  {label:<27} {result.line()}", flush=True)
                if label == "publication":
                    publication.append(result)
        if not args.no_mix:
            mix, weights = long_tail(args.publications)
            result = python_load(
                HOST,
                port,
                mix,
                weights=weights,
                seconds=args.seconds * 3,
                connections=args.connections,
            )
            print(f"  {'long-tail mix, cold start':<27} {result.line()}", flush=True)
    print(f"\nLoad average at the end: {_load_average()}")
    for result in publication:
        print(_verdict(result))


def main(argv: list[str] | None = None) -> None:
    args = _parser().parse_args(argv)
    if args.tool == "wrk" and not wrk_available():
        sys.exit("wrk is not installed (apt-get install -y wrk); use --tool python.")
    var_dir = args.var_dir or ROOT / "bench" / "results" / f"pages-{args.publications}"
    site = BenchSite(var_dir=var_dir.resolve(), database_url=args.database_url)
    _describe(site, args)
    if not args.skip_build:
        site.build(args.publications)
    print(flush=True)
    command = [sys.executable, "-m", "bench.pages.queries"]
    # Queries are counted on rendered pages, so without the page cache.
    subprocess.run(command, cwd=ROOT, env=site.env(IMPRINT_PAGE_CACHE="0"), check=True)  # noqa: S603
    modes = ["off", "on"] if args.page_cache == "both" else [args.page_cache]
    for mode in modes:
        _load(site, args, mode, _others(args) if mode == "off" else [])


if __name__ == "__main__":
    main()
