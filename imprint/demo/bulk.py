"""Add thousands of publications quickly, for benchmarks.

Wagtail's ``add_child`` plus a revision per page takes tens of milliseconds each; for 10,000
pages that is minutes. Here the page rows are built in memory with their tree paths computed
from the parent's (treebeard's materialised path: four base-36 digits a level) and inserted in
batches. The pages are live without revisions, like pages imported by a migration; editing one
in the admin creates its first revision. Search indexing is left to ``update_index``.
"""

from __future__ import annotations

import random

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Page

from imprint.publications.models import PublicationAuthor, PublicationPage, PublicationType

from . import text

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
BATCH = 500
TYPES = [
    PublicationType.POLICY_BRIEF,
    PublicationType.REPORT,
    PublicationType.WORKING_PAPER,
    PublicationType.COMMENTARY,
]


def _step(number: int) -> str:
    digits = ""
    for _ in range(4):
        number, rem = divmod(number, 36)
        digits = ALPHABET[rem] + digits
    if number:
        raise ValueError("A page can have at most 36**4 - 1 children.")
    return digits


def _last_step(parent: Page) -> int:
    last = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
    last = last.order_by("-path").values_list("path", flat=True).first()
    if last is None:
        return 0
    return sum(ALPHABET.index(c) * 36**i for i, c in enumerate(reversed(last[-4:])))


def _publication(
    parent: Page,
    number: int,
    start: int,
    rng: random.Random,
    images: list,
    content_type: ContentType,
) -> PublicationPage:
    topic_word = rng.choice(["trade", "security", "energy", "technology", "alliances"])
    title = text.title(rng, f"{topic_word} policy")
    slug = f"generated-{start + number}"
    now = timezone.now()
    return PublicationPage(
        title=title,
        draft_title=title,
        slug=slug,
        content_type=content_type,
        path=parent.path + _step(start + number),
        depth=parent.depth + 1,
        numchild=0,
        url_path=f"{parent.url_path}{slug}/",
        locale_id=parent.locale_id,
        live=True,
        has_unpublished_changes=False,
        first_published_at=now,
        last_published_at=now,
        publication_type=rng.choice(TYPES),
        publication_date=text_date(rng),
        summary=f"<p>{text.paragraph(rng, (2, 3))}</p>",
        body=[
            ("paragraph", f"<p>{text.paragraph(rng)}</p>"),
            ("paragraph", f"<p>{text.paragraph(rng)}</p>"),
        ],
        feature_image=rng.choice(images) if images else None,
    )


def text_date(rng: random.Random):
    import datetime

    start = datetime.date(2010, 1, 1).toordinal()
    return datetime.date.fromordinal(rng.randint(start, datetime.date(2025, 12, 31).toordinal()))


def _insert_pages(pages: list[PublicationPage]) -> None:
    """Insert Page rows, then the PublicationPage rows that extend them.

    Django's bulk_create refuses multi-table models, so the child table is written with one
    executemany, using each field's own conversion to database values.
    """
    base = Page.objects.bulk_create(
        [
            Page(
                **{
                    f.attname: getattr(p, f.attname)
                    for f in Page._meta.concrete_fields
                    if f.attname != "id"
                }
            )
            for p in pages
        ]
    )
    fields = list(PublicationPage._meta.local_concrete_fields)
    rows = []
    for page, saved in zip(pages, base, strict=True):
        page.page_ptr_id = page.id = saved.id
        rows.append([f.get_db_prep_save(getattr(page, f.attname), connection) for f in fields])
    table = connection.ops.quote_name(PublicationPage._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)  # noqa: S608


def add_bulk_publications(
    parent: Page, count: int, *, rng: random.Random, people: list, topics: list, images: list, log
) -> int:
    """Add ``count`` live publications under ``parent``; returns how many were added."""
    content_type = ContentType.objects.get_for_model(PublicationPage)
    start = _last_step(parent) + 1
    through = PublicationPage.topics.through
    for offset in range(0, count, BATCH):
        size = min(BATCH, count - offset)
        with transaction.atomic():
            pages = [
                _publication(parent, offset + n, start, rng, images, content_type)
                for n in range(size)
            ]
            _insert_pages(pages)
            PublicationAuthor.objects.bulk_create(
                PublicationAuthor(page_id=p.id, person=person, sort_order=i)
                for p in pages
                for i, person in enumerate(rng.sample(people, rng.randint(1, 3)))
            )
            through.objects.bulk_create(
                through(publicationpage_id=p.id, topic_id=t.id)
                for p in pages
                for t in rng.sample(topics, rng.randint(1, 3))
            )
            Page.objects.filter(pk=parent.pk).update(numchild=parent.get_children().count())
        log(f"  {offset + size:,} / {count:,}")
    return count
