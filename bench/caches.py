"""The shared cache candidates, side by side: get and set latency as the cache fills.

    .venv/bin/python -m bench.caches [--entries 20000] [--value-kb 40]

Each candidate is filled with N entries of the given size (a cached page is 30-60 KB), then
times a get of a present key, a get of a missing key and a set, at 1,000 keys each, at every
tenth of the fill. Redis is measured when a server answers at REDIS_URL (default
redis://127.0.0.1:6379/15). Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time

import django
from django.conf import settings


def _configure(tmp: str) -> None:
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
    settings.configure(
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": f"{tmp}/db"}},
        INSTALLED_APPS=[],
        CACHES={
            "file": {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": f"{tmp}/file",
                "OPTIONS": {"MAX_ENTRIES": 10_000},
            },
            "database": {
                "BACKEND": "django.core.cache.backends.db.DatabaseCache",
                "LOCATION": "cache_table",
                "OPTIONS": {"MAX_ENTRIES": 100_000},
            },
            "diskcache": {
                "BACKEND": "diskcache.DjangoCache",
                "LOCATION": f"{tmp}/diskcache",
                "OPTIONS": {"size_limit": 2**30},
            },
            "redis": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": redis_url,
            },
        },
    )
    django.setup()


def _micros(action, keys: list[str]) -> tuple[float, float]:
    timings = []
    for key in keys:
        start = time.perf_counter()
        action(key)
        timings.append((time.perf_counter() - start) * 1e6)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.99)]


def measure(cache, entries: int, value: bytes) -> list[tuple[int, str]]:
    rows = []
    step = max(entries // 5, 1)
    for filled in range(0, entries + 1, step):
        for n in range(max(filled - step, 0), filled):
            cache.set(f"page:{n}", value, 3600)
        present = [f"page:{random.randrange(max(filled, 1))}" for _ in range(1000)]
        missing = [f"none:{n}" for n in range(1000)]
        fresh = [f"fresh:{filled}:{n}" for n in range(1000)]
        get = _micros(cache.get, present)
        miss = _micros(cache.get, missing)
        put = _micros(lambda k: cache.set(k, value, 3600), fresh)
        rows.append(
            (
                filled,
                f"get {get[0]:7.0f}/{get[1]:7.0f}  miss {miss[0]:6.0f}/{miss[1]:6.0f}"
                f"  set {put[0]:7.0f}/{put[1]:7.0f}",
            )
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--value-kb", type=int, default=40)
    parser.add_argument("--only", nargs="*", default=["file", "database", "diskcache", "redis"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        _configure(tmp)
        from django.core.cache import caches
        from django.core.management import call_command

        call_command("createcachetable", verbosity=0)
        value = random.randbytes(args.value_kb * 1024)
        print(f"{args.entries:,} entries of {args.value_kb} KB; microseconds, median/p99")
        for name in args.only:
            cache = caches[name]
            try:
                cache.clear()
            except Exception as error:  # noqa: BLE001 - a missing server is reported, not fatal
                print(f"{name}: not measured ({type(error).__name__}: {error})")
                continue
            for filled, line in measure(cache, args.entries, value):
                print(f"{name:10} {filled:>7,} filled  {line}")
            cache.clear()


if __name__ == "__main__":
    main()
