"""Keeping each publication's ``HarvestItem`` true to what harvesters may see. No permission
checks: these are called by signal handlers and the worker, never by a reader's request."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.utils import timezone
from wagtail.models import Page

from imprint.publications.models import PublicationPage

from .models import HarvestItem
from .protocol import spec_value


def item_sets(pages: list[tuple[int, str, str]]) -> dict[int, list[str]]:
    """The set specs of each page given as (id, path, publication type): its type, its
    topics, its journal. Tuples, not pages: a harvest reads a hundred at a time."""
    from imprint.journal.models import JournalPage

    journals = [
        (path, spec_value(slug, pk))
        for path, slug, pk in JournalPage.objects.values_list("path", "slug", "pk")
    ]
    through = PublicationPage.topics.through
    topics: dict[int, list[str]] = {}
    rows = through.objects.filter(publicationpage_id__in=[pk for pk, _, _ in pages])
    for page_id, slug, pk in rows.values_list(
        "publicationpage_id", "topic__slug", "topic_id"
    ).order_by("topic__slug"):
        topics.setdefault(page_id, []).append(f"topic:{spec_value(slug, pk)}")
    out = {}
    for pk, page_path, kind in pages:
        specs = [f"type:{kind}", *topics.get(pk, [])]
        specs += [f"journal:{value}" for path, value in journals if page_path.startswith(path)]
        out[pk] = specs
    return out


BATCH = 2000


def _public_now(queryset: QuerySet) -> QuerySet:
    """What ``live_in_site`` lets readers see (live, outside every view restriction, any
    site), read from the database itself: ``live_in_site`` remembers the restrictions until
    the content generation moves, after commit, and these writes run inside the transaction
    that is changing them."""
    return queryset.live().public()


def harvest_items_touch(
    page_ids: Iterable[int],
    *,
    at: dict[int, datetime.datetime] | None = None,
    changed_only: bool = False,
) -> int:
    """Date the items of these pages now (or at ``at[page_id]``): a public page's item is
    (re)written as public; an item whose page is no longer public becomes deleted; a page that
    is not public and never was gets nothing. Ids of other kinds of pages are ignored. Returns
    how many items changed. ``changed_only`` leaves alone the public pages whose item is
    public already (a draft saved: nothing a harvester sees has changed)."""
    ids = sorted(set(page_ids))
    now, at = timezone.now(), at or {}
    batches = (set(ids[i : i + BATCH]) for i in range(0, len(ids), BATCH))
    return sum(_touch(batch, now, at, changed_only) for batch in batches)


def _touch(
    ids: set[int], now: datetime.datetime, at: dict[int, datetime.datetime], changed_only: bool
) -> int:
    public = list(
        _public_now(PublicationPage.objects.filter(pk__in=ids)).values_list(
            "pk", "path", "publication_type"
        )
    )
    sets = item_sets(public)
    existing = {item.page_id: item for item in HarvestItem.objects.filter(page_id__in=ids)}
    changed, added = [], []
    for pk, path, _ in public:
        item = existing.get(pk) or HarvestItem(page_id=pk)
        if changed_only and item.pk and not item.deleted:
            continue
        item.datestamp, item.deleted, item.path = at.get(pk, now), False, path
        item.sets = f" {' '.join(sets[pk])} "
        (changed if item.pk else added).append(item)
    public_ids = {pk for pk, _, _ in public}
    for page_id, item in existing.items():
        if page_id not in public_ids and not item.deleted:
            item.datestamp, item.deleted = now, True
            changed.append(item)
    # Two writers may add the same item at once (the sync beside a publish): one row wins.
    HarvestItem.objects.bulk_create(added, ignore_conflicts=True)
    HarvestItem.objects.bulk_update(changed, ["datestamp", "deleted", "path", "sets"])
    return len(added) + len(changed)


def harvest_subtree_touch(page_id: int) -> int:
    """Touch every publication at or below ``page_id`` (a move, a restriction, a journal's
    new title), whether public now or formerly."""
    path = Page.objects.filter(pk=page_id).values_list("path", flat=True).first()
    if path is None:
        return harvest_items_touch([page_id])
    below = Page.objects.filter(path__startswith=path).values_list("pk", flat=True)
    formerly = HarvestItem.objects.filter(path__startswith=path).values_list("page_id", flat=True)
    return harvest_items_touch({*below, *formerly})


def harvest_items_sync() -> int:
    """Bring every item in line with the pages, touching only those that disagree: public
    pages without a public item, public items whose page is no longer public.

    The first sync (no item yet: a site from before OAI-PMH) dates items by their page's last
    publication, so harvesters see the real history; later ones date what they find now, or
    incremental harvesters, asking only for what changed since their last visit, would miss it.
    """
    first = not HarvestItem.objects.exists()
    public = _public_now(PublicationPage.objects.all())
    known = HarvestItem.objects.filter(deleted=False).values("page_id")
    missing = list(public.exclude(pk__in=known).values_list("pk", "last_published_at"))
    gone = HarvestItem.objects.filter(deleted=False).exclude(page_id__in=public.values("pk"))
    count = harvest_items_touch(gone.values_list("page_id", flat=True))
    if not first:
        return count + harvest_items_touch(pk for pk, _ in missing)
    dated = {pk: published for pk, published in missing if published}
    return count + harvest_items_touch((pk for pk, _ in missing), at=dated)


def pages_of(*, person_id: int | None = None, topic_id: int | None = None) -> list[int]:
    """The publications a person wrote or a topic holds (their records name them)."""
    q = Q(authors__person_id=person_id) if person_id else Q(topics__id=topic_id)
    return list(PublicationPage.objects.filter(q).values_list("pk", flat=True).distinct())
