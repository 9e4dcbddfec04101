"""Rows from before authors were unique: listed once on the site, merged by the migration.

Transactional (migrations cannot run inside the test's transaction), hence a module of its own.
"""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from imprint.publications.models import PublicationAuthor
from tests import factories as f

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("publications", "0003_introduction_and_recommendations_lead_in")]
AFTER = [("publications", "0004_unique_authors_and_series_numbers")]


def migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def test_a_person_listed_twice_shows_once_and_the_migration_keeps_both_roles(client, home):
    index = f.PublicationIndexPageFactory(parent=home)
    page = f.PublicationPageFactory(parent=index, title="Alliance costs")
    person = f.PersonFactory(name="Hana Seo")
    migrate(BEFORE)
    try:
        PublicationAuthor.objects.create(page=page, person=person, role="Author", sort_order=0)
        PublicationAuthor.objects.create(page=page, person=person, role="Translator", sort_order=1)
        for url in (person.get_absolute_url(), f"/publications/?author={person.slug}"):
            assert client.get(url).content.decode().count(">Alliance costs<") == 1, url
    finally:
        migrate(AFTER)
    authors = PublicationAuthor.objects.filter(page=page)
    assert [(a.person_id, a.role) for a in authors] == [(person.pk, "Author and Translator")]
