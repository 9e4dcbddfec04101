"""The JSON API's cost: a page of publications takes the same queries whatever its length
(on a site holding only what the test makes; test_api.py has the rest)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories as f

pytestmark = pytest.mark.django_db


def test_a_page_of_publications_takes_the_same_queries_whatever_its_length(
    client, publication_index, issue
):
    def make(n: int) -> None:
        for i in range(n):
            page = f.PublicationPageFactory(parent=publication_index)
            f.add_authors(page, f.PersonFactory(), f.PersonFactory())
            page.topics.add(f.TopicFactory(name=f"Topic {n}-{i}"))
        f.ArticlePageFactory(parent=issue)

    make(2)
    client.get("/api/publications/")  # the site's root paths and settings are cached after one
    with CaptureQueriesContext(connection) as small:
        assert client.get("/api/publications/").status_code == 200
    make(17)
    with CaptureQueriesContext(connection) as large:
        assert len(client.get("/api/publications/").json()["results"]) == 20
    assert len(large) == len(small)
