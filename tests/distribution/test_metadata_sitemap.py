"""sitemap.xml as a crawler reads it: every public page of the site, its people and topics,
each with the date it last changed; nothing draft or private; one site at a time."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from lxml import etree
from wagtail.models import BaseViewRestriction, Page, PageViewRestriction, Site

from imprint.publications.models import PublicationAuthor
from tests import factories as f

pytestmark = pytest.mark.django_db
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
JOURNAL_HOST = "journal.example"


def sitemap(client, host: str = "localhost") -> dict[str, str | None]:
    """location -> lastmod, as a crawler reads them."""
    response = client.get("/sitemap.xml", HTTP_HOST=host)
    assert response.status_code == 200
    root = etree.fromstring(response.content)
    return {
        url.findtext("s:loc", namespaces=NS): url.findtext("s:lastmod", namespaces=NS)
        for url in root.findall("s:url", NS)
    }


def at(day: int):
    return time_machine.travel(datetime.datetime(2026, 3, day, 12, tzinfo=datetime.UTC), tick=False)


def test_public_pages_people_and_topics_are_listed_and_nothing_else(client, publication_index):
    public_author, draft_author = f.PersonFactory(name="Ana Public"), f.PersonFactory(name="Dr Aft")
    expert = f.PersonFactory(name="Ed Expert", is_staff_expert=True)
    shown, hidden = f.TopicFactory(name="Shown topic"), f.TopicFactory(name="Hidden topic")
    brief = f.PublicationPageFactory(parent=publication_index, title="Open brief")
    brief.topics.set([shown])
    f.add_authors(brief, public_author)
    draft = f.PublicationPageFactory.build(title="Draft brief", live=False)
    draft.topics = [hidden]
    draft.authors = [PublicationAuthor(person=draft_author, sort_order=0)]
    publication_index.add_child(instance=draft)
    private = f.PublicationPageFactory(parent=publication_index, title="Private brief")
    PageViewRestriction.objects.create(page=private, restriction_type=BaseViewRestriction.LOGIN)

    urls = sitemap(client)

    root = "http://localhost"
    assert {f"{root}/", f"{root}{publication_index.url}", f"{root}{brief.url}"} <= urls.keys()
    assert {f"{root}/people/ana-public/", f"{root}/people/ed-expert/"} <= urls.keys()
    assert f"{root}/topics/shown-topic/" in urls
    listed = "\n".join(urls)
    for absent in ("draft-brief", "private-brief", "dr-aft", "hidden-topic"):
        assert absent not in listed, absent
    assert expert.pk and urls[f"{root}/people/ed-expert/"] is None  # no work to date it by


def test_a_listing_is_dated_by_its_newest_item(client, home):
    with at(1):
        journal = f.JournalPageFactory(parent=home)
        volume = f.VolumePageFactory(parent=journal, number=1, title="Volume 1")
        issue = f.IssuePageFactory(parent=volume, number=1, title="Issue 1")
        topic = f.TopicFactory(name="Trade")
        person = f.PersonFactory(name="Jo Writer")
    with at(9):
        article = f.ArticlePageFactory(parent=issue, title="New article")
        article.topics.set([topic])
        f.add_authors(article, person)

    urls = sitemap(client)

    root = "http://localhost"
    for url in (journal.url, volume.url, issue.url, article.url, "/"):
        assert urls[root + url].startswith("2026-03-09"), url
    assert urls[f"{root}/people/jo-writer/"].startswith("2026-03-09")
    assert urls[f"{root}/topics/trade/"].startswith("2026-03-09")


def test_a_series_is_dated_by_its_newest_public_item(client, publication_index):
    with at(2):
        series = f.SeriesPageFactory(parent=publication_index, title="Briefs")
    with at(5):
        f.PublicationPageFactory(parent=publication_index, series=series, series_number=1)
    assert sitemap(client)[f"http://localhost{series.url}"].startswith("2026-03-05")


def test_each_site_lists_its_own_pages_people_and_topics(client, publication_index):
    brief_author, journal_author = (
        f.PersonFactory(name="Bea Brief"),
        f.PersonFactory(name="Jon Art"),
    )
    brief = f.PublicationPageFactory(parent=publication_index, title="Institute brief")
    f.add_authors(brief, brief_author)
    journal = f.JournalPageFactory(parent=Page.get_first_root_node(), slug="korea-policy")
    Site.objects.create(hostname=JOURNAL_HOST, port=80, root_page=journal)
    issue = f.IssuePageFactory(parent=f.VolumePageFactory(parent=journal))
    article = f.ArticlePageFactory(parent=issue, title="Journal article")
    f.add_authors(article, journal_author)

    institute, journal_site = sitemap(client), sitemap(client, JOURNAL_HOST)

    assert brief.get_full_url() in institute
    assert not [url for url in institute if "journal-article" in url or "jon-art" in url]
    assert f"http://{JOURNAL_HOST}/" in journal_site
    assert f"http://{JOURNAL_HOST}/people/jon-art/" in journal_site
    assert all(url.startswith(f"http://{JOURNAL_HOST}/") for url in journal_site)
    assert not [url for url in journal_site if "institute-brief" in url or "bea-brief" in url]


def test_robots_txt_points_to_the_sitemap(client, home):
    text = client.get("/robots.txt", HTTP_HOST=JOURNAL_HOST).content.decode()
    assert f"Sitemap: http://{JOURNAL_HOST}/sitemap.xml" in text.splitlines()
