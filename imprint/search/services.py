"""Keeping the search index true to the database: record, apply, rebuild, verify."""

from __future__ import annotations

import logging
import os
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db import connection, transaction
from wagtail.models import Page

from imprint.core.content_cache import start_new_generation
from imprint.core.leases import lease

from .backends import get_backend
from .models import IndexChange
from .records import PageRecords, Record, all_page_ids, person_records, topic_records

logger = logging.getLogger(__name__)
APPLY_BATCH = 500
LEASE = "search-index"


def _holder() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:64]


def index_change_record(*targets: str) -> None:
    """Note that these targets must be indexed again, in the caller's transaction; the worker
    applies the change once it commits (and the periodic sweep, should that enqueue be lost)."""
    IndexChange.objects.bulk_create([IndexChange(target=t) for t in targets])
    if not any(func is _apply_soon for _, func, *_ in connection.run_on_commit):
        transaction.on_commit(_apply_soon)


def _apply_soon() -> None:
    from .tasks import search_apply_task

    search_apply_task.enqueue()


@dataclass
class Expanded:
    page_ids: set[int] = field(default_factory=set)
    person_ids: set[int] = field(default_factory=set)
    topic_ids: set[int] = field(default_factory=set)
    everything: bool = False


def _expand(targets: list[str]) -> Expanded:
    """Which pages, people and topics the targets touch."""
    from imprint.publications.models import PublicationAuthor, PublicationPage

    out = Expanded()
    subtrees, documents = [], []
    for target in targets:
        kind, _, raw = target.partition(":")
        if kind == "all":
            out.everything = True
            return out
        if not raw.isdigit():
            continue
        value = int(raw)
        if kind == "page":
            out.page_ids.add(value)
        elif kind == "subtree":
            subtrees.append(value)
        elif kind == "person":
            out.person_ids.add(value)
        elif kind == "topic":
            out.topic_ids.add(value)
        elif kind == "document":
            documents.append(value)
    for path in Page.objects.filter(pk__in=subtrees).values_list("path", flat=True):
        out.page_ids.update(Page.objects.filter(path__startswith=path).values_list("pk", flat=True))
    out.page_ids.update(subtrees)  # a deleted subtree's root: its records must go
    if documents:
        from imprint.documents.access import _document_fields

        for model, name in _document_fields():
            out.page_ids.update(
                model.objects.filter(**{f"{name}__in": documents}).values_list("pk", flat=True)
            )
    if out.person_ids:
        out.page_ids.update(
            PublicationAuthor.objects.filter(person_id__in=out.person_ids).values_list(
                "page_id", flat=True
            )
        )
    if out.topic_ids:
        out.page_ids.update(
            PublicationPage.objects.filter(topics__in=out.topic_ids).values_list("pk", flat=True)
        )
    # A publication's authors may now show on (or leave) the people index of the search.
    if out.page_ids:
        out.person_ids.update(
            PublicationAuthor.objects.filter(page_id__in=out.page_ids).values_list(
                "person_id", flat=True
            )
        )
        # A series' title is part of its publications' records.
        out.page_ids.update(
            PublicationPage.objects.filter(series_id__in=out.page_ids).values_list("pk", flat=True)
        )
    return out


def _build(expanded: Expanded) -> tuple[list[Record], list[str]]:
    records: list[Record] = []
    removed: list[str] = []
    if expanded.page_ids:
        built, gone = PageRecords().build(expanded.page_ids)
        records += built
        removed += [f"page:{pk}" for pk in gone]
    if expanded.person_ids:
        built, gone = person_records(expanded.person_ids)
        records += built
        removed += [f"person:{pk}" for pk in gone]
    if expanded.topic_ids:
        built, gone = topic_records(expanded.topic_ids)
        records += built
        removed += [f"topic:{pk}" for pk in gone]
    return records, removed


def index_apply_pending(*, batch: int = APPLY_BATCH) -> int:
    """Apply every recorded change (oldest first); returns how many were applied.

    One applier at a time (a lease), so an older view of a page can never be written over a
    newer one. Rows are deleted only after the index committed: a crash in between applies
    them again, which changes nothing.
    """
    applied = 0
    with lease(LEASE, holder=_holder(), seconds=600) as held:
        if not held:
            return 0
        while True:
            rows = list(IndexChange.objects.order_by("pk").values_list("pk", "target")[:batch])
            if not rows:
                break
            expanded = _expand([target for _, target in rows])
            if expanded.everything:
                index_rebuild(_leased=True)
            else:
                records, removed = _build(expanded)
                get_backend().apply(records, removed)
            IndexChange.objects.filter(pk__in=[pk for pk, _ in rows]).delete()
            applied += len(rows)
    if applied:
        start_new_generation()  # cached search pages show the new results
    return applied


def _all_records(batch_size: int = 500) -> Iterator[list[Record]]:
    builder = PageRecords()
    for ids in all_page_ids():
        yield builder.build(ids)[0]
    yield person_records()[0]
    yield topic_records()[0]


def index_rebuild(*, _leased: bool = False) -> int:
    """A new index of everything public, swapped in when complete; returns the record count.

    Changes recorded before the rebuild began are covered by it and forgotten; later ones stay
    and are applied after it (again, harmlessly, if the rebuild already saw them).
    """
    if not _leased:
        with lease(LEASE, holder=_holder(), seconds=3600) as held:
            if not held:
                raise RuntimeError("Another process is updating the search index; try again.")
            return index_rebuild(_leased=True)
    covered = list(IndexChange.objects.values_list("pk", flat=True))
    started = time.monotonic()
    count = get_backend().rebuild(_all_records())
    IndexChange.objects.filter(pk__in=covered).delete()
    logger.info("Search index rebuilt: %d records in %.1f s", count, time.monotonic() - started)
    start_new_generation()
    return count


@dataclass
class Drift:
    missing: list[str]
    extra: list[str]
    stale: list[str]

    @property
    def total(self) -> int:
        return len(self.missing) + len(self.extra) + len(self.stale)


def index_verify(*, repair: bool = False) -> Drift:
    """Compare the index with what the database says it should hold; repair on request."""
    expected = {r.key: r.digest() for batch in _all_records() for r in batch}
    actual = get_backend().digests()
    drift = Drift(
        missing=sorted(set(expected) - set(actual)),
        extra=sorted(set(actual) - set(expected)),
        stale=sorted(k for k in set(expected) & set(actual) if expected[k] != actual[k]),
    )
    if repair and drift.total:
        targets = drift.missing + drift.extra + drift.stale
        with transaction.atomic():
            index_change_record(*targets)
        index_apply_pending()
    return drift
