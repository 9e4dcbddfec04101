"""The fuzz tests' site (tests/security/fuzzing.py): built once for each module that asks
for it, rolled back after it."""

import pytest

from tests.module_rows import rows_for_the_module

from .fuzzing import build_site


@pytest.fixture(scope="module")
def _fuzz_site(django_db_setup, django_db_blocker):
    yield from rows_for_the_module(django_db_blocker, build_site)


@pytest.fixture
def site(_fuzz_site, db) -> dict:
    """One of every kind of public page; each test runs in a savepoint inside the module's
    transaction."""
    return _fuzz_site
