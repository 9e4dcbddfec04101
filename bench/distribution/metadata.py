"""Page metadata's cost per request, in-process with Django's test client as ``bench.pages``
counts queries: each kind of page with its head tags as served (rendered once per content
generation, then read from the cache), with the head rebuilt on every request (a cold cache:
the first request after a publish), and without them (the page as it was before).

    .venv/bin/python -m bench.distribution.metadata [--publications 10000] [--requests 200]

Uses the site ``bench.pages`` builds (``bench/results/pages-N``), with the page cache off.
Prints SQL queries and CPU milliseconds per request (``time.process_time``, median of the
requests); asserts nothing. Run it on a quiet machine: the load average is printed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from bench.pages.site import ROOT, BenchSite


def _pages() -> list[tuple[str, str]]:
    from imprint.journal.models import ArticlePage, IssuePage
    from imprint.people.models import Person
    from imprint.publications.models import PublicationPage, SeriesPage
    from imprint.topics.models import Topic

    generated = PublicationPage.objects.live().filter(slug__startswith="generated-")
    publication = generated.order_by("pk").first() or PublicationPage.objects.live().first()
    article = ArticlePage.objects.live().order_by("pk").first()
    issue = IssuePage.objects.live().order_by("-issue_date").first()
    series = SeriesPage.objects.live().first()
    return [
        ("home", "/"),
        ("listing", "/publications/"),
        ("publication", publication.url),
        ("article", article.url if article else "/"),
        ("issue", issue.url if issue else "/"),
        ("series", series.url if series else "/"),
        ("person", Person.objects.order_by("pk").first().get_absolute_url()),
        ("topic", Topic.objects.order_by("pk").first().get_absolute_url()),
    ]


@contextmanager
def _mode(mode: str):
    """``served``: as deployed; ``cold``: the head rebuilt each time; ``off``: no head."""
    from django.core.cache.backends.dummy import DummyCache

    from imprint.distribution.metadata import build

    saved = build.render_head, build.cache
    if mode == "off":
        build.render_head = lambda context: ""
    elif mode == "cold":
        build.cache = DummyCache("dummy", {})
    try:
        yield
    finally:
        build.render_head, build.cache = saved


def _measure(client, url: str, requests: int) -> tuple[int, float]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # renditions, menus, cards, the head
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    queries = len(captured.captured_queries)  # now: the next request empties the log
    times = []
    for _ in range(requests):
        started = time.process_time()
        client.get(url)
        times.append((time.process_time() - started) * 1000)
    return queries, statistics.median(times)


def measure(requests: int) -> None:
    import django

    django.setup()
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment(debug=False)
    client = Client(SERVER_NAME="127.0.0.1")
    print(f"load average {os.getloadavg()[0]:.2f}; {requests} requests a page and mode")
    print(f"  {'page':<12} {'off: q / ms':>14} {'served: q / ms':>16} {'cold: q / ms':>14}")
    for label, url in _pages():
        cells = []
        for mode in ("off", "served", "cold"):
            with _mode(mode):
                queries, ms = _measure(client, url, requests)
            cells.append(f"{queries:>3} / {ms:5.2f}")
        print(f"  {label:<12} {cells[0]:>14} {cells[1]:>16} {cells[2]:>14}   {url}")
    # Not a page with a head: every public page of the site, dated (10 requests are plenty).
    queries, ms = _measure(client, "/sitemap.xml", max(requests // 10, 1))
    print(f"  sitemap.xml: {queries} queries, {ms:.0f} ms of CPU a request")
    print(f"load average {os.getloadavg()[0]:.2f}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.distribution.metadata")
    parser.add_argument("--publications", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--skip-build", action="store_true", help="reuse the site as it is")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        measure(args.requests)
        return
    site = BenchSite(Path(ROOT / "bench" / "results" / f"pages-{args.publications}"))
    if not args.skip_build:
        site.build(args.publications)
    command = [sys.executable, "-m", "bench.distribution.metadata", "--measure"]
    command += ["--requests", str(args.requests)]
    env = site.env(IMPRINT_PAGE_CACHE="0")
    subprocess.run(command, cwd=ROOT, env=env, check=True)  # noqa: S603


if __name__ == "__main__":
    main()
