"""Build the fictional demo institute. Re-running adds only what is missing and deletes nothing.

Every name, sentence, image and PDF comes from this package's own generators, seeded, so two
builds with the same seed make the same site. No permission checks: the command line calls this.
"""

from __future__ import annotations

from typing import TextIO

from django.db import transaction
from wagtail.documents import get_document_model

from . import institute, journal
from .bulk import bulk_publications_ensure
from .institute import ADMIN_PASSWORD, ADMIN_USERNAME
from .publications import build_blog, build_publications, build_scheduled
from .store import DemoStore, DemoSummary

__all__ = ["ADMIN_PASSWORD", "ADMIN_USERNAME", "DEFAULT_SEED", "DemoSummary", "demo_build"]

DEFAULT_SEED = 2026
# Generated publications share a few of the demo's own PDFs.
PDF_POOL = 6


def demo_build(
    *,
    publications: int | None = None,
    seed: int = DEFAULT_SEED,
    with_pdfs: bool = True,
    stdout: TextIO | None = None,
) -> DemoSummary:
    """Build the demo institute, or complete it; progress goes to ``stdout`` if given.

    ``publications`` asks for that many generated publications on top of the demo's own
    (numbered, so asking again for the same number adds nothing).
    """
    store = DemoStore(seed=seed, with_pdfs=with_pdfs, stdout=stdout)
    store.log("The institute: settings, topics, people…")
    with transaction.atomic():
        index, journal_page, blog = _institute(store)
    store.log("Publications…")
    with transaction.atomic():
        build_publications(store, index)
    store.log("The journal and its brief series…")
    with transaction.atomic():
        articles = journal.build_journal(store, journal_page)
        journal.build_series(store, index, articles)
    store.log("The blog…")
    with transaction.atomic():
        build_blog(store, blog)
        build_scheduled(store, index)
        institute.admin_user(store)
    if publications:
        _bulk(store, index, publications)
    return store.summary


def _institute(store: DemoStore):
    institute.site_settings(store)
    store.topics = institute.topics(store)
    store.people = institute.people(store)
    return institute.sections(store, institute.home(store))


def _bulk(store: DemoStore, index, count: int) -> None:
    store.log(f"Generated publications (up to {count:,})…")
    english = get_document_model().objects.filter(language="", title__endswith="(PDF)")
    pool = {
        "people": store.people,
        "topics": store.topics,
        "images": store.feature_images(),
        "pdfs": list(english.order_by("pk")[:PDF_POOL]),
    }
    added = bulk_publications_ensure(index, count, seed=store.seed, pool=pool, log=store.log)
    store.summary.created["generated publication"] += added
    # Inserted in bulk, past the signals: OAI-PMH's harvest items are made here.
    from imprint.distribution.oai.services import harvest_items_sync

    harvest_items_sync()
