"""/search/ and /api/search/ over HTTP: the benchmark's site served by granian as in production
(WSGI, two worker processes, production settings, the page cache off), loaded from this process."""

from __future__ import annotations

import random
from urllib.parse import urlencode

from bench.pages.load import LoadResult, python_load
from bench.pages.server import HOST, serving
from bench.pages.site import BenchSite


def paths(query_sets: dict[str, list[str]], prefix: str, count: int, seed: int) -> list[str]:
    """``count`` URLs of the prefix, the queries of every set in turn."""
    rng = random.Random(f"{seed}:http")
    sets = list(query_sets.values())
    return [f"{prefix}?{urlencode({'q': rng.choice(sets[i % len(sets)])})}" for i in range(count)]


def load(
    site: BenchSite,
    query_sets: dict[str, list[str]],
    *,
    index_path: str,
    seconds: float,
    connections: int,
    seed: int,
) -> dict[str, LoadResult]:
    env = {"IMPRINT_PAGE_CACHE": "0", "IMPRINT_SEARCH_PATH": index_path}
    results = {}
    with serving(site, workers=2, env=env) as port:
        for prefix in ("/search/", "/api/search/"):
            mix = paths(query_sets, prefix, 2000, seed)
            python_load(HOST, port, mix, connections=connections, seconds=2)  # warm up
            results[prefix] = python_load(
                HOST, port, mix, connections=connections, seconds=seconds, seed=seed
            )
    return results
