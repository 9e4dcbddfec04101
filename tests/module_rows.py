"""Rows built once for a test module and rolled back after it (docs/testing.md).

Building a handful of pages costs a second or more (each is created, revised and published,
with its signals); a module whose thirty tests each built the same pages spent most of its time
there. Instead a module fixture builds them inside a transaction that stays open for the module
and is rolled back after it; each test runs in a savepoint inside it (pytest-django's ``db``),
so what one test changes is gone before the next.

    @pytest.fixture(scope="module")
    def _shelf(django_db_setup, django_db_blocker):
        yield from rows_for_the_module(django_db_blocker, _build_shelf)

    @pytest.fixture
    def shelf(db, _shelf):
        return fresh(_shelf)

``fresh`` hands each test its own instances, read again from the database: a test that
changes an instance in memory cannot pass the change to the next test.

Not for transactional tests (``live_server``): they commit, and flush every table after.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from django.db import models, transaction
from django.test import TestCase

from . import factories as f

T = TypeVar("T")


def rows_for_the_module(
    django_db_blocker, build: Callable[[], T], *, run_on_commit: bool = True
) -> Iterator[T]:
    """Yield what ``build()`` returns, its rows kept in a transaction until the module is done.

    The database is reachable while the rows are built and rolled back, not in between for
    the tests that do not ask for it. The build's on-commit callbacks run as if it had
    committed (unless ``run_on_commit`` is false).
    """
    atomic = transaction.atomic()
    with django_db_blocker.unblock():
        atomic.__enter__()
        try:
            f.ensure_migration_rows()
            if run_on_commit:
                with TestCase.captureOnCommitCallbacks(execute=True):
                    rows = build()
            else:
                rows = build()
        except BaseException:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            raise
    try:
        yield rows
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def fresh(value: Any) -> Any:
    """``value`` with every model instance in it read again from the database."""
    if isinstance(value, models.Model):
        return type(value)._default_manager.get(pk=value.pk)
    if isinstance(value, dict):
        return {key: fresh(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(fresh(item) for item in value)
    return value
