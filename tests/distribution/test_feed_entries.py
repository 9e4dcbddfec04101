"""Feed entries on a site that holds only what each test makes: their order, limit,
language, hostile text, and the queries a feed costs (test_feeds.py has the rest)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from imprint.distribution.feeds import views
from tests import factories as f

from .test_feeds import HOSTILE, parse

pytestmark = pytest.mark.django_db


def test_an_entry_says_its_own_language(client, publication_index):
    f.PublicationPageFactory(parent=publication_index, title="동맹의 미래", language="ko")
    entry = parse(client, "/feeds/atom.xml").entries[0]
    assert entry.title == "동맹의 미래" and entry.title_detail.language == "ko"
    assert next(x for x in entry.links if x.rel == "alternate").hreflang == "ko"
    assert parse(client, "/feeds/rss.xml").entries[0].language == "ko"


@pytest.mark.parametrize("fmt", ["atom", "rss"])
def test_hostile_text_never_breaks_the_feed(client, publication_index, fmt):
    topic = f.TopicFactory(name=f"Topic {HOSTILE}")
    person = f.PersonFactory(name=f"Writer {HOSTILE}")
    page = f.PublicationPageFactory(
        parent=publication_index,
        title=f"Brief {HOSTILE}",
        subtitle=HOSTILE,
        summary=f"<p>{HOSTILE}</p>",
        topics=[topic],
    )
    f.add_authors(page, person)
    for url in (f"/feeds/{fmt}.xml", f"/feeds/topics/{topic.slug}/{fmt}.xml"):
        entry = parse(client, url).entries[0]
        assert "]]>" in entry.title and "🦀 日本語 한국어" in entry.title
        assert "\x01" not in entry.title and "\ufffe" not in entry.title
        assert "Writer" in entry.author


def test_entries_are_newest_first_and_limited(client, publication_index, monkeypatch):
    monkeypatch.setattr(views, "FEED_LIMIT", 3)
    for day in (5, 1, 9, 3):
        f.PublicationPageFactory(
            parent=publication_index,
            title=f"Day {day}",
            publication_date=datetime.date(2026, 1, day),
        )
    titles = [e.title for e in parse(client, "/feeds/atom.xml").entries]
    assert titles == ["Day 9", "Day 5", "Day 3"]


def test_a_draft_or_private_series_has_no_feed(client, publication_index):
    draft = f.SeriesPageFactory(parent=publication_index, title="Hidden", live=False)
    assert client.get(f"/feeds/series/{draft.slug}/atom.xml").status_code == 404


def test_a_feed_costs_the_same_queries_however_many_entries(client, publication_index):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            parse(client, "/feeds/atom.xml")
        return len(queries)

    person = f.PersonFactory()
    for _ in range(2):
        f.add_authors(f.PublicationPageFactory(parent=publication_index), person)
    count()  # fills what the site keeps for the content generation (restrictions, sites)
    few = count()
    for _ in range(6):
        f.add_authors(f.PublicationPageFactory(parent=publication_index), person)
    assert count() == few
