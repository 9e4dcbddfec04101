"""Schemathesis against /api/openapi.json, in-process through the WSGI application: requests
made from the schema (valid and invalid) never meet a server error, and every answer has the
status, content type and shape the schema promises."""

from __future__ import annotations

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from django.test import TestCase
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests import factories as f

pytestmark = pytest.mark.django_db

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture(scope="module")
def content(django_db_setup, django_db_blocker):
    """One of each kind of thing the API lists, built once and rolled back after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        with TestCase.captureOnCommitCallbacks(execute=True):
            home = f.ensure_site_tree()
            index = f.PublicationIndexPageFactory(parent=home)
            series = f.SeriesPageFactory(parent=index)
            brief = f.PublicationPageFactory(
                parent=index,
                series=series,
                series_number=1,
                doi="10.5555/schema.1",
                pdf=f.make_pdf_document("Schema paper"),
            )
            brief.topics.add(f.TopicFactory(name="Trade"))
            f.add_authors(brief, f.PersonFactory(name="Mina Cho", orcid="0000-0002-1825-0097"))
            volume = f.VolumePageFactory(parent=f.JournalPageFactory(parent=home))
            issue = f.IssuePageFactory(parent=volume, doi="10.5555/schema.issue")
            f.add_authors(f.ArticlePageFactory(parent=issue, first_page=1, last_page=9))
            f.BlogPostPageFactory(parent=f.BlogIndexPageFactory(parent=home))
        yield
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _one_connection_for_the_test():
    """Django's test client keeps the connection open between requests; the WSGI client
    schemathesis uses does not, and on PostgreSQL closing it ends the test's transaction."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def _schema():
    """The schema /api/openapi.json serves, called through the WSGI application in-process."""
    from imprint.distribution.api.urls import api

    loaded = schemathesis.openapi.from_dict(api.get_openapi_schema())
    loaded.app = get_wsgi_application()
    return loaded


schema = _schema()


def test_the_schema_tested_is_the_one_served(client):
    from imprint.distribution.api.urls import api

    served = client.get("/api/openapi.json").json()
    assert served == json.loads(json.dumps(api.get_openapi_schema()))


@pytest.mark.usefixtures("content")
@schema.parametrize()
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
def test_the_api_answers_as_its_schema_says(case):
    case.call_and_validate(checks=CHECKS)
