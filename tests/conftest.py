"""Fixtures every test may use, and the markers that sort the suite (docs/testing.md)."""

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.test import TestCase, override_settings

from imprint.home.models import HomePage

from . import factories as f

# A test that asks for any of these reaches the database (pytest-django refuses it otherwise).
DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "live_server",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark database tests (the PostgreSQL run picks them); keep transactional ones apart."""
    transactional: dict[str, set[bool]] = {}
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if names & DATABASE_FIXTURES or item.get_closest_marker("django_db"):
            item.add_marker(pytest.mark.database)
        transactional.setdefault(item.module.__name__, set()).add(_is_transactional(item, names))
    mixed = sorted(module for module, kinds in transactional.items() if len(kinds) > 1)
    if mixed:
        # make test hands a module whole to one worker, in collection order: a module that
        # starts with other tests would flush the database (migrations' rows included) before
        # the worker's remaining modules run. Alone, such a module is scheduled last.
        raise pytest.UsageError(
            f"Put transactional tests in modules of their own (docs/testing.md): {mixed}"
        )


def _is_transactional(item: pytest.Item, names: set[str]) -> bool:
    marker = item.get_closest_marker("django_db")
    marked = marker is not None and marker.kwargs.get("transaction", False)
    return bool(marked or {"transactional_db", "live_server"} & names)


@pytest.fixture(autouse=True)
def _rows_migrations_made(request):
    """Put back the root collection and locale that Wagtail's migrations create.

    A transactional test that ran earlier in the same worker flushed every table, these rows
    with them, and Wagtail's admin cannot add a document or image without a root collection.
    """
    names = set(request.fixturenames)
    wants_db = "db" in names or request.node.get_closest_marker("django_db") is not None
    if wants_db and not _is_transactional(request.node, names):
        request.getfixturevalue("db")
        f.ensure_migration_rows()


@pytest.fixture(autouse=True)
def _empty_caches():
    """Each test starts with empty caches: menus and sites cached by another test are stale."""
    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True, scope="module")
def _search_index_of_the_module(request):
    """Each test module has a search index of its own (the database rolls back between
    tests, an index on disk does not: a test that counts results asks for ``search_index``)."""
    from imprint.search import backends

    path = Path(settings.VAR_DIR) / "search" / request.module.__name__
    with override_settings(IMPRINT_SEARCH={"BACKEND": "tantivy", "PATH": path}):
        yield
    backends._backends.clear()
    shutil.rmtree(path, ignore_errors=True)


class SearchIndex:
    def __init__(self, path: Path) -> None:
        self.path = path

    def update(self) -> int:
        """Apply the changes recorded so far, as the worker does after they commit."""
        from imprint.search.services import index_apply_pending

        return index_apply_pending()


OPENSEARCH_URL = os.environ.get("IMPRINT_OPENSEARCH_URL", "")


@pytest.fixture(
    params=[
        "tantivy",
        pytest.param(
            "opensearch",
            marks=[
                pytest.mark.opensearch,
                pytest.mark.skipif(not OPENSEARCH_URL, reason="IMPRINT_OPENSEARCH_URL is not set"),
            ],
        ),
    ]
)
def search_index(request, tmp_path, settings) -> Iterator[SearchIndex]:
    """A fresh, empty search index for this test, on each backend (OpenSearch when
    ``IMPRINT_OPENSEARCH_URL`` names a node); ``update()`` it after making content."""
    from imprint.search import backends

    if request.param == "tantivy":
        settings.IMPRINT_SEARCH = {"BACKEND": "tantivy", "PATH": tmp_path / "search"}
        yield SearchIndex(tmp_path / "search")
        return
    alias = f"imprint-test-{uuid.uuid4().hex[:12]}"
    settings.IMPRINT_SEARCH = {"BACKEND": "opensearch", "URL": OPENSEARCH_URL, "INDEX": alias}
    try:
        yield SearchIndex(tmp_path / "search")
    finally:
        backends.get_backend().drop()


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker) -> str:
    """The full demo, PDFs included, built once per module and rolled back after it.

    Returns what the build printed. Each test still runs in its own savepoint (mark it
    ``django_db``), so what one test changes is gone before the next. The build's on-commit
    callbacks (the PDF text extraction) run as if it had committed.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        with TestCase.captureOnCommitCallbacks(execute=True):
            output = f.build_demo()
        yield output
        transaction.set_rollback(True)


@pytest.fixture
def home(db) -> HomePage:
    return f.ensure_site_tree()


@pytest.fixture
def publication_index(home):
    return f.PublicationIndexPageFactory(parent=home)


@pytest.fixture
def blog_index(home):
    return f.BlogIndexPageFactory(parent=home)


@pytest.fixture
def journal(home):
    return f.JournalPageFactory(parent=home)


@pytest.fixture
def issue(journal):
    volume = f.VolumePageFactory(parent=journal)
    return f.IssuePageFactory(parent=volume)
