"""The peer: Wagtail's database search backend (SQLite FTS5 here) on the same generated corpus,
loaded as live publication pages below the site's publications index."""

from __future__ import annotations

import datetime
import html
import threading
import time
from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from django.db import OperationalError, connection, transaction
from modelsearch.utils import parse_query_string
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from imprint.demo.bulk import _insert, _last_step, path_step
from imprint.publications.models import PublicationIndexPage, PublicationPage

from .corpus import Corpus
from .queries import Timings

SLUG_PREFIX = "bench-"
BATCH = 500


def publications_index() -> PublicationIndexPage:
    return PublicationIndexPage.objects.live().order_by("path").first()


def _page(record, parent: Page, step: int, content_type: ContentType) -> PublicationPage:
    slug = record.url_path.rstrip("/").rsplit("/", 1)[-1]
    published = datetime.datetime.combine(record.date, datetime.time(9), tzinfo=datetime.UTC)
    return PublicationPage(
        title=record.title[:255],
        draft_title=record.title[:255],
        slug=slug,
        content_type=content_type,
        path=parent.path + path_step(step),
        depth=parent.depth + 1,
        numchild=0,
        url_path=record.url_path,
        locale_id=parent.locale_id,
        live=True,
        has_unpublished_changes=False,
        first_published_at=published,
        last_published_at=published,
        publication_type=record.type,
        publication_date=record.date,
        summary=f"<p>{html.escape(record.text)}</p>",
        body=[],
    )


def load_pages(corpus: Corpus, count: int, log: Callable[[str], None]) -> float | None:
    """Make records 1 to ``count`` live pages and add them to Wagtail's search index.

    Returns the seconds it took, or None when they were there already. Authors, topics and
    PDF pages are left out: Wagtail's index of a publication holds its title and text.
    """
    parent = publications_index()
    existing = Page.objects.child_of(parent).filter(slug__startswith=SLUG_PREFIX).count()
    if existing == count:
        return None
    if existing:
        raise SystemExit(f"The site holds {existing} benchmark pages, not {count}: delete it.")
    backend = get_search_backend()
    content_type = ContentType.objects.get_for_model(PublicationPage)
    step = _last_step(parent)
    started = time.perf_counter()
    for batch in corpus.batches(count, BATCH):
        with transaction.atomic():
            pages = []
            for record in batch:
                step += 1
                pages.append(_page(record, parent, step, content_type))
            _insert(pages)
            Page.objects.filter(pk=parent.pk).update(numchild=step)
            backend.add_bulk(PublicationPage, pages)
        if batch[-1].key.endswith("000"):
            log(f"  peer: {batch[-1].key.split(':')[1]} / {count:,} pages loaded")
    return time.perf_counter() - started


def time_queries(
    queries: list[str], budget: float = float("inf"), cap: float = 60.0
) -> tuple[Timings, int]:
    """``PublicationPage.objects.live().search()``: the first ten results and the count, every
    word required (as in the site search), quoted text as a phrase. Stops after ``budget``
    seconds (the queries done so far are the sample); a query still running after ``cap``
    seconds is interrupted and counted at ``cap``. Returns the timings and how many were cut."""
    timings = Timings("")
    pages = PublicationPage.objects.live()
    deadline = time.perf_counter() + budget
    connection.ensure_connection()
    cut = 0
    for text in queries:
        if time.perf_counter() > deadline:
            break
        timer = threading.Timer(cap, connection.connection.interrupt)
        started = time.perf_counter()
        timer.start()
        try:
            _, query = parse_query_string(text, operator="and")
            results = pages.search(query)
            list(results[:10])
            total = results.count()
        except OperationalError:
            cut += 1
            total = -1
        finally:
            timer.cancel()
        timings.seconds.append(min(cap, time.perf_counter() - started))
        timings.totals.append(total)
    return timings, cut
