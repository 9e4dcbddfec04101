"""Thousands of generated publications, quickly, for benchmarks.

Wagtail's ``add_child`` plus a revision per page costs tens of milliseconds a page, minutes for
10,000. Here page rows are built in memory with their tree paths computed from the parent's
(treebeard's materialised path: four base-36 digits a level, ``depth`` one more than the
parent's, the parent's ``numchild`` updated) and inserted in batches. The pages are live without
revisions, like pages a data migration creates; editing one in the admin makes its first
revision.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable, Iterator

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from imprint.publications.models import PublicationAuthor, PublicationPage, PublicationType

from . import bodies, text

SLUG_PREFIX = "generated-"
BATCH = 500
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's MP_Node.alphabet for Page
STEPLEN = 4
TYPES = [
    PublicationType.POLICY_BRIEF,
    PublicationType.REPORT,
    PublicationType.WORKING_PAPER,
    PublicationType.COMMENTARY,
]


def path_step(number: int) -> str:
    """``number`` written as one level of a treebeard path."""
    digits = ""
    for _ in range(STEPLEN):
        number, rem = divmod(number, len(ALPHABET))
        digits = ALPHABET[rem] + digits
    if number:
        raise ValueError(f"A page can have at most {len(ALPHABET) ** STEPLEN - 1} children.")
    return digits


def _last_step(parent: Page) -> int:
    """The step number of the parent's last child (0 when it has none)."""
    children = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
    last = children.order_by("-path").values_list("path", flat=True).first()
    return int(last[-STEPLEN:], len(ALPHABET)) if last else 0


def _missing_numbers(parent: Page, count: int) -> list[int]:
    slugs = Page.objects.child_of(parent).filter(slug__startswith=SLUG_PREFIX)
    existing = set(slugs.values_list("slug", flat=True))
    return [n for n in range(1, count + 1) if f"{SLUG_PREFIX}{n}" not in existing]


class _Generator:
    """Makes the in-memory pages; each from its own seeded stream, so numbers are stable."""

    def __init__(self, parent: Page, *, seed: int, pool: dict) -> None:
        self.parent = parent
        self.seed = seed
        self.pool = pool
        self.content_type = ContentType.objects.get_for_model(PublicationPage)

    def page(self, number: int, step: int) -> tuple[PublicationPage, list, list]:
        """A page and the people and topics to link to it once it has an id."""
        rng = random.Random(f"{self.seed}:generated:{number}")
        topics = bodies.pick_topics(rng, self.pool["topics"])
        people = bodies.pick_authors(rng, self.pool["people"])
        title = bodies.topic_title(rng, topics)
        date = bodies.random_date(rng, 2010, 2025)
        published = datetime.datetime.combine(date, datetime.time(9), tzinfo=datetime.UTC)
        slug = f"{SLUG_PREFIX}{number}"
        page = PublicationPage(
            title=title,
            draft_title=title,
            slug=slug,
            content_type=self.content_type,
            path=self.parent.path + path_step(step),
            depth=self.parent.depth + 1,
            numchild=0,
            url_path=f"{self.parent.url_path}{slug}/",
            locale_id=self.parent.locale_id,
            live=True,
            has_unpublished_changes=False,
            first_published_at=published,
            last_published_at=published,
            publication_type=rng.choice(TYPES),
            publication_date=date,
            summary=f"<p>{text.paragraph(rng, (2, 3))}</p>",
            recommendations=bodies.recommendations(rng),
            body=bodies.body(rng, 3),
            conclusion=f"<p>{text.paragraph(rng, (2, 3))}</p>",
            feature_image=rng.choice(self.pool["images"]) if self.pool["images"] else None,
            # A third carry a PDF from the shared pool rather than 10,000 files of their own.
            pdf=rng.choice(self.pool["pdfs"]) if self.pool["pdfs"] and number % 3 == 0 else None,
        )
        return page, people, topics


def _insert(pages: list[PublicationPage]) -> None:
    """Insert the Page rows, then the PublicationPage rows that extend them.

    Django's bulk_create refuses multi-table models, so the child table gets one executemany,
    each value converted by its own field as ``save()`` would.
    """
    base_fields = [f.attname for f in Page._meta.concrete_fields if f.attname != "id"]
    saved = Page.objects.bulk_create(
        [Page(**{name: getattr(p, name) for name in base_fields}) for p in pages]
    )
    fields = list(PublicationPage._meta.local_concrete_fields)
    rows = []
    for page, row in zip(pages, saved, strict=True):
        page.page_ptr_id = page.id = row.id
        rows.append([f.get_db_prep_save(getattr(page, f.attname), connection) for f in fields])
    table = connection.ops.quote_name(PublicationPage._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)  # noqa: S608


def _link(made: list[tuple[PublicationPage, list, list]]) -> None:
    PublicationAuthor.objects.bulk_create(
        PublicationAuthor(page_id=page.id, person=person, sort_order=i)
        for page, people, _ in made
        for i, person in enumerate(people)
    )
    through = PublicationPage.topics.through
    through.objects.bulk_create(
        through(publicationpage_id=page.id, topic_id=topic.id)
        for page, _, topics in made
        for topic in topics
    )


def _batches(items: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def bulk_publications_ensure(
    parent: Page, count: int, *, seed: int, pool: dict, log: Callable[[str], None]
) -> int:
    """Make sure ``parent`` has generated publications number 1 to ``count``; add the missing.

    ``pool`` holds the people, topics, images and PDFs the pages draw on. Returns how many
    pages were added. Each is indexed for the site search as it is added.
    """
    missing = _missing_numbers(parent, count)
    generator = _Generator(parent, seed=seed, pool=pool)
    step = _last_step(parent)
    backend = get_search_backend()
    for done, numbers in enumerate(_batches(missing, BATCH)):
        with transaction.atomic():
            made = [generator.page(n, step + i + 1) for i, n in enumerate(numbers)]
            step += len(numbers)
            _insert([page for page, _, _ in made])
            _link(made)
            Page.objects.filter(pk=parent.pk).update(numchild=parent.get_children().count())
            backend.add_bulk(PublicationPage, [page for page, _, _ in made])
        log(f"  {min((done + 1) * BATCH, len(missing)):,} / {len(missing):,}")
    return len(missing)
