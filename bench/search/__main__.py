"""Search benchmark: the tantivy engine on generated corpora, Wagtail's database search backend on
the same data beside it, /search/ over HTTP, PDF pages/s and relevance on the demo. Prints
figures; asserts nothing.

    .venv/bin/python -m bench.search [--docs 100000] [--docs 1000000] [--queries 500]
                                     [--peer-queries 100] [--peer-max 100000] [--seconds 10]
                                     [--no-peer] [--no-http] [--no-pdf] [--no-relevance]

Everything it makes lives in bench/results/search/ (kept out of git): the site with the peer's
pages (built once, reused), one index per corpus size (rebuilt every run: that is the indexing
figure).
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import subprocess
import sys
import time
from importlib.metadata import version

from bench.pages.site import ROOT, BenchSite

RESULTS = ROOT / "bench" / "results" / "search"
TARGETS = {
    "engine p99 at 100,000": "<= 5 ms",
    "engine p99 at 1,000,000": "<= 25 ms",
    "HTTP p99 at 100,000": "<= 50 ms",
    "peer p99 / engine p99": ">= 20x",
    "indexing": ">= 5,000 records/s",
    "PDF extraction": ">= 500 pages/s",
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench.search",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--docs", type=int, action="append", help="corpus size (repeatable)")
    parser.add_argument("--queries", type=int, default=500, help="queries a class, engine")
    parser.add_argument("--peer-queries", type=int, default=100, help="queries a class, peer")
    parser.add_argument(
        "--peer-budget", type=float, default=240.0, help="seconds at most a class, peer"
    )
    parser.add_argument("--peer-cap", type=float, default=60.0, help="seconds at most a query")
    parser.add_argument("--peer-max", type=int, default=100_000, help="largest peer corpus")
    parser.add_argument("--seconds", type=float, default=10.0, help="HTTP load per URL kind")
    parser.add_argument("--connections", type=int, default=2, help="HTTP keep-alive connections")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-peer", action="store_true")
    parser.add_argument(
        "--reuse-index", action="store_true", help="query the index of an earlier run as it is"
    )
    parser.add_argument("--no-http", action="store_true")
    parser.add_argument("--no-pdf", action="store_true")
    parser.add_argument("--no-relevance", action="store_true")
    parser.add_argument(
        "--prepare", action="store_true", help="only build the site and load the peer's pages"
    )
    return parser


def load() -> str:
    """The machine's load average, printed beside every figure (the VM's two cores are shared)."""
    one, five, fifteen = os.getloadavg()
    return f"load {one:.1f} {five:.1f} {fifteen:.1f}"


def _setup(site: BenchSite, with_site: bool) -> None:
    os.environ.update(site.env())
    if with_site:
        started = time.monotonic()
        site.var_dir.mkdir(parents=True, exist_ok=True)
        site.manage("migrate", "--no-input", "--verbosity", "0")
        site.manage("build_demo", "--no-pdfs")
        site.manage("collectstatic", "--no-input", "--verbosity", "0")
        print(f"Site ready in {time.monotonic() - started:.0f}s ({site.var_dir})", flush=True)
    import django

    django.setup()


def _engine(args, docs: int, site_id: int, prefix: str, report: dict) -> tuple:
    from imprint.search.backends.tantivy_backend import TantivyBackend

    from .corpus import Corpus
    from .engine import build_index, time_queries
    from .queries import query_sets

    corpus = Corpus(args.seed, site_id=site_id, url_prefix=prefix)
    sets = query_sets(corpus, max(args.queries, args.peer_queries), docs)
    if args.reuse_index:
        backend = TantivyBackend(RESULTS / f"index-{docs}")
        print(f"\n{docs:,} records: the index of an earlier run", flush=True)
    else:
        backend, indexing = build_index(corpus, docs, RESULTS / f"index-{docs}")
        gc.collect()
        print(f"\n{docs:,} records. {indexing.line()}; {load()}", flush=True)
        report[("indexing", docs)] = indexing
    if not args.queries:
        return corpus, backend, sets
    time_queries(backend, [q for qs in sets.values() for q in qs[:20]], site_id)  # warm up
    print(
        f"  engine, {args.queries} queries a class, one thread "
        "(search = total + 6 facets + 10 hits with snippets; engine only = total + facets):"
    )
    for label, queries in sets.items():
        full = time_queries(backend, queries[: args.queries], site_id)
        bare = time_queries(backend, queries[: args.queries], site_id, snippets=False)
        report[("engine", docs, label)] = full
        print(
            f"  {label:<14} search p50 {full.p50:6.2f} ms  p99 {full.p99:6.2f} ms   engine only "
            f"p50 {bare.p50:6.2f} ms  p99 {bare.p99:6.2f} ms   median total "
            f"{full.median_total:>9,.0f}   {load()}",
            flush=True,
        )
    return corpus, backend, sets


def _peer(args, corpus, backend, sets, docs: int, site_id: int, report: dict) -> None:
    from .engine import time_queries as engine_queries
    from .peer import load_pages, time_queries

    took = load_pages(corpus, docs, lambda line: print(line, flush=True))
    if took:
        print(f"  peer: {docs:,} pages loaded and indexed by Wagtail in {took:.0f} s", flush=True)
    print(
        f"  peer (Wagtail database backend, SQLite FTS5; live().search(): 10 results + count; "
        f"no facets), the first {args.peer_queries} queries of each class, beside the engine "
        "on the same queries:"
    )
    for label, queries in sets.items():
        subset = queries[: args.peer_queries]
        peer, cut = time_queries(subset, budget=args.peer_budget, cap=args.peer_cap)
        ours = engine_queries(backend, subset[: len(peer.seconds)], site_id)
        report[("peer", docs, label)] = (peer, ours)
        print(
            f"  {label:<14} peer p50 {peer.p50:8.1f} ms  p99 {peer.p99:8.1f} ms   engine p99 "
            f"{ours.p99:6.2f} ms   ratio at p99 {peer.p99 / ours.p99:6.0f}x   "
            f"n={len(peer.seconds)} ({cut} cut at {args.peer_cap:g} s)   "
            f"median total peer {peer.median_total:,.0f} / engine {ours.median_total:,.0f}   "
            f"{load()}",
            flush=True,
        )


def _http(args, site: BenchSite, sets, docs: int, report: dict) -> None:
    from .web import load as http_load

    results = http_load(
        site,
        sets,
        index_path=str(RESULTS / f"index-{docs}"),
        seconds=args.seconds,
        connections=args.connections,
        seed=args.seed,
    )
    print(
        f"  HTTP at {docs:,} (granian, WSGI, 2 workers, production settings, page cache off; "
        f"{args.connections} keep-alive connections, {args.seconds:g} s after 2 s of warm-up, "
        "queries of all four classes):"
    )
    for prefix, result in results.items():
        report[("http", docs, prefix)] = result
        print(f"  {result.line().replace('2,000 URLs', prefix + '?q=…')}   {load()}", flush=True)


def _subprocess(module: str, *extra: str, env: dict | None = None) -> None:
    command = [sys.executable, "-m", module, *extra]
    subprocess.run(command, cwd=ROOT, check=True, env=env)  # noqa: S603


def main(argv: list[str] | None = None) -> None:
    args = _parser().parse_args(argv)
    sizes = sorted(set(args.docs or [100_000]))
    peer_size = max([n for n in sizes if n <= args.peer_max], default=0)
    with_site = bool(peer_size) and not (args.no_peer and args.no_http)
    site = BenchSite(var_dir=(RESULTS / f"site-{peer_size or 'none'}").resolve())
    RESULTS.mkdir(parents=True, exist_ok=True)
    print(
        f"Machine: {os.cpu_count()} CPUs, {platform.system()} {platform.release()}, Python "
        f"{platform.python_version()}, tantivy-py {version('tantivy')}, Wagtail "
        f"{version('wagtail')}, modelsearch {version('modelsearch')}; {load()}",
        flush=True,
    )
    _setup(site, with_site)
    site_id, prefix = 1, "/bench/"
    if with_site:
        from wagtail.models import Site

        from .peer import publications_index

        site_id = Site.objects.get(is_default_site=True).pk
        prefix = publications_index().url_path
    if args.prepare:
        from .corpus import Corpus
        from .peer import load_pages

        corpus = Corpus(args.seed, site_id=site_id, url_prefix=prefix)
        took = load_pages(corpus, peer_size, lambda line: print(line, flush=True))
        print(f"Peer pages ready ({took or 0:.0f} s to load)")
        return
    report: dict = {}
    for docs in sizes:
        corpus, backend, sets = _engine(args, docs, site_id, prefix, report)
        if docs == peer_size and not args.no_peer:
            _peer(args, corpus, backend, sets, docs, site_id, report)
        if docs == peer_size and not args.no_http:
            _http(args, site, sets, docs, report)
        del corpus, backend
        gc.collect()
    if not args.no_pdf:
        print(f"\nPDF extraction (bench.pdf_extract, 200 pages); {load()}", flush=True)
        _subprocess("bench.pdf_extract")
    if not args.no_relevance:
        print(f"\nRelevance on the demo (bench.search.relevance); {load()}", flush=True)
        _subprocess("bench.search.relevance")
    print("\nTargets: " + "; ".join(f"{k} {v}" for k, v in TARGETS.items()))


if __name__ == "__main__":
    main()
