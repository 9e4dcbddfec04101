"""Fixtures every test may use, and the markers that sort the suite (docs/testing.md)."""

import logging
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.core import management
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connection, transaction
from django.test import TestCase, override_settings
from django.test.utils import setup_databases, teardown_databases

from imprint.home.models import HomePage

from . import built
from . import factories as f
from .core import procs

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


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    """After a transactional test flushed every table, put back what migrations made.

    Modules go whole to xdist workers in no fixed order, so a transactional module can run
    before others on the same worker. The flush empties the site tree, the default site,
    the editorial groups and workflow, the root collection and locale; the content types
    come back through post_migrate with other ids, so Django's cache of them is dropped.
    """
    result = yield
    names = set(getattr(item, "fixturenames", ()))
    # After the last test the test database is gone: the settings name the real one again.
    last = nextitem is None
    if not last and item.get_closest_marker("database") and _is_transactional(item, names):
        from django.contrib.contenttypes.models import ContentType
        from pytest_django.plugin import blocking_manager_key

        # pytest's capture of this test is closed by now: a log line would meet a closed stream.
        logging.disable(logging.CRITICAL)
        try:
            with item.config.stash[blocking_manager_key].unblock():
                ContentType.objects.clear_cache()
                f.ensure_migration_rows()
                f.ensure_site_tree()
                f.ensure_editorial_groups()
        finally:
            logging.disable(logging.NOTSET)
    return result


def _is_transactional(item: pytest.Item, names: set[str]) -> bool:
    marker = item.get_closest_marker("django_db")
    marked = marker is not None and marker.kwargs.get("transaction", False)
    return bool(marked or {"transactional_db", "live_server"} & names)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix) -> None:
    """On SQLite, the test database is migrated once and kept (``tests/built.py``): later runs
    copy it in, while no migration, model or package changed (10 s of CPU a worker)."""
    if settings.DATABASES[DEFAULT_DB_ALIAS]["ENGINE"] == "django.db.backends.sqlite3":
        _CALL_COMMAND.start()


def _migrate_or_copy(name: str, *args, **options):
    """Django's create_test_db migrates with ``call_command("migrate", run_syncdb=True)``."""
    real = _REAL_CALL_COMMAND
    if name != "migrate" or not options.get("run_syncdb"):
        return real(name, *args, **options)

    def migrate() -> tuple[bytes, str]:
        real(name, *args, **options)
        return built.database_bytes(), ""

    built.cached_build("migrated", built.inputs_key(), migrate)
    return None


_REAL_CALL_COMMAND = management.call_command
_CALL_COMMAND = mock.patch.object(management, "call_command", _migrate_or_copy)


_SITE_SNAPSHOT = pytest.StashKey[bytes]()
_MIGRATED = pytest.StashKey[bytes]()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request) -> None:
    """pytest-django's test database; on SQLite, snapshots of it for the collected tests that
    need them (``site_snapshot``, ``demo_site``). Taken before any test ran: a transactional
    test flushes every table, the rows migrations made included."""
    items = request.session.items
    wanted = {name for name in ("site_snapshot", "demo_site") if any(_uses(name, i) for i in items)}
    if connection.vendor != "sqlite" or not wanted:
        _CALL_COMMAND.stop()  # does nothing when not started
        yield
        return
    with django_db_blocker.unblock():
        # pytest-django sets up no test database when no collected test asks for one.
        own = None if _test_database_is_set_up() else _setup_test_database()
        _CALL_COMMAND.stop()
        request.config.stash[_MIGRATED] = built.database_bytes()
        if "site_snapshot" in wanted:
            request.config.stash[_SITE_SNAPSHOT] = procs.site_snapshot()
    yield
    if own is not None:
        with django_db_blocker.unblock():
            teardown_databases(own, verbosity=0)


def _uses(fixture: str, item: pytest.Item) -> bool:
    return fixture in getattr(item, "fixturenames", ())


def _test_database_is_set_up() -> bool:
    return connection.creation.is_in_memory_db(connection.settings_dict["NAME"])


def _setup_test_database() -> list:
    return setup_databases(verbosity=0, interactive=False, aliases={DEFAULT_DB_ALIAS})


@pytest.fixture(scope="session")
def site_snapshot(django_db_setup, request) -> bytes | None:
    """The migrated test database with a home page and a publication index, as the bytes of an
    SQLite file, for tests that start real processes (they cannot open a database in memory);
    None on PostgreSQL."""
    return request.config.stash.get(_SITE_SNAPSHOT, None)


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
def demo_site(django_db_setup, django_db_blocker, request) -> str:
    """The full demo, PDFs included, for one module; the database is as before after it.

    Returns what the build printed. Each test still runs in its own savepoint (mark it
    ``django_db``), so what one test changes is gone before the next. The build's on-commit
    callbacks (the PDF text extraction) run as if it had committed. On SQLite the demo is built
    once, kept (``tests/built.py``) and copied in for each module; on PostgreSQL it is built
    for each module inside a transaction that is rolled back after it.
    """
    with django_db_blocker.unblock():
        if connection.vendor != "sqlite":
            with transaction.atomic():
                output = _build_demo()
                yield output
                transaction.set_rollback(True)
            return
        before = built.database_bytes()
        migrated = request.config.stash[_MIGRATED]
        yield built.cached_build("demo", _demo_key(), lambda: _build_demo_from(migrated))
        built.load_database(before)


def _build_demo() -> str:
    with TestCase.captureOnCommitCallbacks(execute=True):
        return f.build_demo()


def _build_demo_from(migrated: bytes) -> tuple[bytes, str]:
    """The demo built on the database as migrations left it: its bytes and what it printed."""
    built.load_database(migrated)
    with transaction.atomic():
        output = _build_demo()
        data = built.database_bytes()
        transaction.set_rollback(True)
    return data, output


def _demo_key() -> str:
    from imprint.demo.pdfs import cjk_font

    font = cjk_font()
    return built.inputs_key(f"{font[0]}:{font[0].stat().st_size}" if font else "no CJK font")


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
