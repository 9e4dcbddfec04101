"""Rows from before authors were unique: listed once on the site, merged by the migration.

Transactional (the schema changes under the test), hence a module of its own. The constraint is
dropped for the test rather than migrating back: migrating back would also undo every later
migration of the app, and the pages read below need today's tables.
"""

import importlib

import pytest
from django.apps import apps
from django.db import connection

from imprint.publications.models import PublicationAuthor
from tests import factories as f

pytestmark = pytest.mark.django_db(transaction=True)

MIGRATION = importlib.import_module(
    "imprint.publications.migrations.0004_unique_authors_and_series_numbers"
)


def _constraint():
    return next(
        c for c in PublicationAuthor._meta.constraints if c.name == "unique_author_per_publication"
    )


def test_a_person_listed_twice_shows_once_and_the_migration_keeps_both_roles(client, home):
    index = f.PublicationIndexPageFactory(parent=home)
    page = f.PublicationPageFactory(parent=index, title="Alliance costs")
    person = f.PersonFactory(name="Hana Seo")
    constraint, meta = _constraint(), PublicationAuthor._meta
    kept = meta.constraints
    # SQLite drops a constraint by remaking the table from the model's meta: leave it out there.
    meta.constraints = [c for c in kept if c is not constraint]
    try:
        with connection.schema_editor() as editor:
            editor.remove_constraint(PublicationAuthor, constraint)
    finally:
        meta.constraints = kept
    try:
        PublicationAuthor.objects.create(page=page, person=person, role="Author", sort_order=0)
        PublicationAuthor.objects.create(page=page, person=person, role="Translator", sort_order=1)
        for url in (person.get_absolute_url(), f"/publications/?author={person.slug}"):
            assert client.get(url).content.decode().count(">Alliance costs<") == 1, url
        MIGRATION.merge_duplicate_authors(apps, None)
    finally:
        PublicationAuthor.objects.filter(page=page, sort_order__gt=0).delete()
        with connection.schema_editor() as editor:
            editor.add_constraint(PublicationAuthor, constraint)
    authors = PublicationAuthor.objects.filter(page=page)
    assert [(a.person_id, a.role) for a in authors] == [(person.pk, "Author and Translator")]
