"""Relevance on the demo institute: nDCG@10 of the site search for the judged queries in
``judgments.json``, by class of query and overall. Prints figures; asserts nothing.

    .venv/bin/python -m bench.search.relevance [--var-dir bench/results/search/demo] [-v]

The demo (with its PDFs and their text) is built once in its own data directory with development
settings and indexed as the site would be; queries go through ``TantivyBackend.search`` as
/search/ sends them (every word required, quoted text as a phrase).

Grades (0 to 3, 0 when a page is not listed): 3 = the query is what the page is about (its title
says so, or it is the person's or topic's own page); 2 = the topic's page, or a CJK word in the
page's summary text; 1 = a related page (tagged with the topic, written by the person, the
words only in its PDF). "Adjacent vs scattered" queries are unquoted words that only the listed
titles hold side by side while many pages hold them apart.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import time
from collections import defaultdict
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parents[2]
JUDGMENTS = Path(__file__).with_name("judgments.json")


def dcg(grades: list[int]) -> float:
    return sum((2**g - 1) / math.log2(rank + 2) for rank, g in enumerate(grades))


def ndcg(found: list[str], relevant: dict[str, int], k: int = 10) -> float:
    ideal = dcg(sorted(relevant.values(), reverse=True)[:k])
    return dcg([relevant.get(key, 0) for key in found[:k]]) / ideal if ideal else 0.0


def _build(var_dir: Path) -> None:
    from django.core.management import call_command

    from imprint.demo.services import demo_build
    from imprint.search.services import index_rebuild

    started = time.monotonic()
    call_command("migrate", "--no-input", verbosity=0)
    demo_build(publications=0, with_pdfs=True)
    call_command("extract_documents", "--pending", verbosity=0)
    count = index_rebuild()
    print(f"Demo built and indexed ({count} records) in {time.monotonic() - started:.0f}s")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--var-dir", type=Path, default=ROOT / "bench/results/search/demo")
    parser.add_argument("-v", "--verbose", action="store_true", help="every query's score")
    args = parser.parse_args(argv)
    args.var_dir.mkdir(parents=True, exist_ok=True)
    os.environ["DJANGO_SETTINGS_MODULE"] = "imprint.settings.dev"
    os.environ["IMPRINT_VAR_DIR"] = str(args.var_dir.resolve())
    os.environ.pop("DATABASE_URL", None)
    django.setup()
    from wagtail.models import Site

    from imprint.search.backends import SearchRequest, get_backend
    from imprint.search.query import parse

    _build(args.var_dir)
    site = Site.objects.get(is_default_site=True)
    judged = json.loads(JUDGMENTS.read_text())
    scores: dict[str, list[float]] = defaultdict(list)
    for item in judged:
        request = SearchRequest(query=parse(item["query"]), site_id=site.pk, limit=10)
        found = [hit.url_path for hit in get_backend().search(request).hits]
        score = ndcg(found, item["relevant"])
        scores[item["class"]].append(score)
        if args.verbose:
            print(f"  {score:5.3f}  {item['class']:<22} {item['query']}")
    print(f"nDCG@10 over {len(judged)} judged queries:")
    for label, values in scores.items():
        print(f"  {label:<22} {sum(values) / len(values):5.3f}  ({len(values)} queries)")
    every = [s for values in scores.values() for s in values]
    print(f"  {'overall':<22} {sum(every) / len(every):5.3f}")


if __name__ == "__main__":
    main()
