"""Atom and RSS feeds as feed readers see them: parsed with feedparser, compared with golden
files, polled with conditional requests."""

from __future__ import annotations

import datetime
import os
import re
from pathlib import Path

import feedparser
import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Collection, CollectionViewRestriction

from imprint.distribution.feeds.build import xml_text
from imprint.publications.models import PublicationAuthor
from tests import factories as f
from tests.module_rows import fresh, rows_for_the_module

pytestmark = pytest.mark.django_db

GOLDEN = Path(__file__).parent / "golden" / "feeds"
FROZEN = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.UTC)
# No NUL: PostgreSQL refuses to store it (the fuzz test sends it in URLs).
HOSTILE = "Tariffs ]]> <b>&amp;</b> \x01\x0b\x1f\ufffe 🦀 日本語 한국어 <script>x</script>"


@pytest.fixture(scope="module")
def _catalogue(django_db_setup, django_db_blocker):
    yield from rows_for_the_module(django_db_blocker, _build_catalogue)


@pytest.fixture(autouse=True)
def catalogue(db, _catalogue) -> dict:
    """Every test of the module sees the catalogue (test_feed_entries.py has an empty site)."""
    return fresh(_catalogue)


def _build_catalogue() -> dict:
    """One of everything a feed lists, written at a frozen time so the feeds are the same
    on every run: a brief in a series with a PDF, a report, a blog post, a journal article,
    and a draft that no feed may show. Built once for the module."""
    home = f.ensure_site_tree()
    publication_index = f.PublicationIndexPageFactory(parent=home)
    blog_index = f.BlogIndexPageFactory(parent=home)
    journal = f.JournalPageFactory(parent=home)
    with time_machine.travel(FROZEN, tick=False):
        japan = f.TopicFactory(name="Japan")
        trade = f.TopicFactory(name="Trade")
        hana = f.PersonFactory(name="Hana Seo", orcid="0000-0002-1825-0097")
        kim = f.PersonFactory(name="Kim Min-jun", sort_name="Kim, Min-jun")
        series = f.SeriesPageFactory(parent=publication_index, title="Alliance Briefs")
        brief = f.PublicationPageFactory(
            parent=publication_index,
            title="Alliance futures",
            subtitle="Three scenarios",
            summary="<p>Allies <em>must</em> plan &amp; pay.</p>",
            publication_date=datetime.date(2026, 3, 2),
            pdf=f.make_pdf_document("Alliance futures"),
            series=series,
            series_number=1,
            topics=[japan, trade],
            doi="10.5555/imprint.2026.1",
        )
        brief.authors = [
            PublicationAuthor(person=hana, sort_order=0),
            PublicationAuthor(person=kim, role="Editor", sort_order=1),
        ]
        brief.save_revision().publish()
        report = f.PublicationPageFactory(
            parent=publication_index,
            title="Shipping lanes",
            publication_type="report",
            publication_date=datetime.date(2026, 2, 1),
            topics=[trade],
        )
        f.add_authors(report, kim)
        post = f.BlogPostPageFactory(
            parent=blog_index, title="Notes from Seoul", publication_date=datetime.date(2026, 1, 5)
        )
        volume = f.VolumePageFactory(parent=journal, number=1, title="Volume 1")
        issue = f.IssuePageFactory(parent=volume, number=2, title="Issue 2")
        article = f.ArticlePageFactory(
            parent=issue, title="Sea power", publication_date=datetime.date(2025, 6, 1)
        )
        f.PublicationPageFactory(parent=publication_index, title="Draft secret", live=False)
    return {
        "japan": japan,
        "hana": hana,
        "series": series,
        "brief": brief,
        "report": report,
        "post": post,
        "article": article,
        "blog": blog_index,
        "journal": journal,
    }


def feed_urls(catalogue) -> dict[str, str]:
    return {
        "site": "/feeds/atom.xml",
        "type": "/feeds/types/report/atom.xml",
        "topic": f"/feeds/topics/{catalogue['japan'].slug}/atom.xml",
        "person": f"/feeds/people/{catalogue['hana'].slug}/atom.xml",
        "series": f"/feeds/series/{catalogue['series'].slug}/atom.xml",
        "blog": f"/feeds/blogs/{catalogue['blog'].slug}/atom.xml",
        "journal": f"/feeds/journals/{catalogue['journal'].slug}/atom.xml",
    }


def parse(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, (url, parsed.get("bozo_exception"))
    return parsed


@pytest.mark.parametrize("fmt", ["atom", "rss"])
def test_every_feed_parses_and_lists_only_its_own_public_work(client, catalogue, fmt):
    expected = {
        "site": [
            "Alliance futures: Three scenarios",
            "Shipping lanes",
            "Notes from Seoul",
            "Sea power",
        ],
        "type": ["Shipping lanes"],
        "topic": ["Alliance futures: Three scenarios"],
        "person": ["Alliance futures: Three scenarios"],
        "series": ["Alliance futures: Three scenarios"],
        "blog": ["Notes from Seoul"],
        "journal": ["Sea power"],
    }
    for name, url in feed_urls(catalogue).items():
        parsed = parse(client, url.replace("atom.xml", f"{fmt}.xml"))
        assert [e.title for e in parsed.entries] == expected[name], name
        assert parsed.feed.language == "en"


def test_an_atom_entry_says_everything_a_reader_needs(client, catalogue):
    entry = parse(client, "/feeds/atom.xml").entries[0]
    brief = catalogue["brief"]

    assert entry.link == f"http://localhost{brief.url}"
    assert re.fullmatch(rf"tag:localhost,2026:publication-{brief.pk}", entry.id)
    assert entry.published_parsed[:3] == (2026, 3, 2)
    assert [(a.name, a.get("href")) for a in entry.authors] == [
        ("Hana Seo", f"http://localhost/people/{catalogue['hana'].slug}/")
    ]
    assert [c.name for c in entry.contributors] == ["Kim Min-jun"]  # the editor
    assert {t.label for t in entry.tags} == {"Japan", "Trade", "Policy brief"}
    assert entry.summary == "Allies must plan &amp; pay."  # escaped HTML of the plain text
    enclosure = next(link for link in entry.links if link.rel == "enclosure")
    assert enclosure.type == "application/pdf"
    assert int(enclosure.length) == brief.pdf.file.size > 0
    assert entry.title_detail.language == "en"


def test_an_rss_item_names_authors_language_and_the_pdf(client, catalogue):
    item = parse(client, "/feeds/rss.xml").entries[0]
    assert item.id.startswith("tag:localhost,2026:publication-") and not item.guidislink
    assert [a.name for a in item.authors] == ["Hana Seo"]
    assert item.enclosures[0].type == "application/pdf"
    assert item.language == "en"


def test_a_pdf_in_a_private_collection_is_no_enclosure(client, catalogue):
    collection = Collection.get_first_root_node().add_child(name="Board")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type="password", password="x"
    )
    pdf = catalogue["brief"].pdf
    pdf.collection = collection
    pdf.save()
    entry = parse(client, "/feeds/atom.xml").entries[0]
    assert not [link for link in entry.links if link.rel == "enclosure"]
    assert "enclosure" not in client.get("/feeds/rss.xml").content.decode()


def test_xml_text_keeps_what_xml_allows_and_drops_the_rest():
    assert xml_text("a\x00b\x08c\td\ne\rf\ud800g\uffffh🦀") == "abc\td\ne\rfgh🦀"


@pytest.mark.parametrize(
    ("url", "named"),
    [
        ("/feeds/topics/atlantis/atom.xml", "There is no topic called “atlantis”"),
        ("/feeds/people/nobody/rss.xml", "There is no author called “nobody”"),
        ("/feeds/series/none/atom.xml", "There is no series called “none”"),
        ("/feeds/types/novel/atom.xml", "There is no publication type called “novel”"),
        ("/feeds/blogs/gone/atom.xml", "There is no blog called “gone”"),
        ("/feeds/journals/gone/atom.xml", "There is no journal called “gone”"),
    ],
)
def test_an_unknown_scope_is_a_clear_404(client, catalogue, url, named):
    response = client.get(url)
    assert response.status_code == 404
    assert named in response.content.decode()
    assert "/feeds/atom.xml" in response.content.decode()


def test_a_reader_polling_with_the_etag_gets_304_until_something_is_published(
    client, catalogue, django_capture_on_commit_callbacks
):
    first = client.get("/feeds/atom.xml")
    etag = first["ETag"]
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/feeds/atom.xml", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again["ETag"] == etag and again.content == b""
    assert len(queries) == 0  # answered before any query
    since = client.get("/feeds/atom.xml", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    with django_capture_on_commit_callbacks(execute=True):
        f.PublicationPageFactory(parent=catalogue["brief"].get_parent(), title="Brand new")
    fresh = client.get("/feeds/atom.xml", HTTP_IF_NONE_MATCH=etag)
    assert fresh.status_code == 200 and fresh["ETag"] != etag
    assert "Brand new" in fresh.content.decode()


def test_if_none_match_star_is_answered_only_for_a_feed_that_exists(client, catalogue):
    """``*`` matches any current representation: an existing feed is not modified, an unknown
    topic's feed is still not found (not a 304 for something that does not exist)."""
    assert client.get("/feeds/atom.xml", HTTP_IF_NONE_MATCH="*").status_code == 304
    assert client.get("/feeds/topics/nope/atom.xml", HTTP_IF_NONE_MATCH="*").status_code == 404


def test_the_page_cache_serves_feeds_answers_304_and_forgets_on_publish(
    client, catalogue, settings, django_capture_on_commit_callbacks
):
    settings.IMPRINT_PAGE_CACHE = True
    first = client.get("/feeds/rss.xml")
    cached = client.get("/feeds/rss.xml")
    assert cached["X-Imprint-Cache"] == "hit" and cached.content == first.content
    assert cached["Content-Type"] == "application/rss+xml; charset=utf-8"
    conditional = client.get("/feeds/rss.xml", HTTP_IF_NONE_MATCH=first["ETag"])
    assert conditional.status_code == 304
    with django_capture_on_commit_callbacks(execute=True):
        catalogue["post"].unpublish()
    after = client.get("/feeds/rss.xml", HTTP_IF_NONE_MATCH=first["ETag"])
    assert after.status_code == 200 and "Notes from Seoul" not in after.content.decode()


@pytest.mark.parametrize(
    ("page", "feed"),
    [
        ("/", "/feeds/atom.xml"),
        ("/publications/?type=report", "/feeds/types/report/atom.xml"),
        ("/topics/{japan}/", "/feeds/topics/{japan}/atom.xml"),
        ("/people/{hana}/", "/feeds/people/{hana}/atom.xml"),
        ("{series_url}", "/feeds/series/{series}/atom.xml"),
        ("{blog_url}", "/feeds/blogs/{blog}/rss.xml"),
        ("{post_url}", "/feeds/blogs/{blog}/atom.xml"),
        ("{journal_url}", "/feeds/journals/{journal}/atom.xml"),
        ("{article_url}", "/feeds/journals/{journal}/atom.xml"),
    ],
)
def test_pages_link_the_feeds_that_follow_them(client, catalogue, page, feed):
    names = {
        "japan": catalogue["japan"].slug,
        "hana": catalogue["hana"].slug,
        "series": catalogue["series"].slug,
        "series_url": catalogue["series"].url,
        "blog": catalogue["blog"].slug,
        "blog_url": catalogue["blog"].url,
        "post_url": catalogue["post"].url,
        "journal": catalogue["journal"].slug,
        "journal_url": catalogue["journal"].url,
        "article_url": catalogue["article"].url,
    }
    html = client.get(page.format(**names)).content.decode()
    kind = "rss" if feed.endswith("rss.xml") else "atom"
    link = re.escape(f'<link rel="alternate" type="application/{kind}+xml" title="')
    href = re.escape(f'" href="http://localhost{feed.format(**names)}">')
    assert re.search(rf'{link}[^"]+{href}', html)
    # The most specific feed comes first: readers that take one take that one.
    first = re.search(
        r'<link rel="alternate" type="application/atom\+xml"[^>]*href="([^"]+)"', html
    )
    assert first.group(1).endswith(feed.format(**names).replace("rss.xml", "atom.xml"))


@pytest.mark.parametrize("name", ["site", "topic", "series"])
@pytest.mark.parametrize("fmt", ["atom", "rss"])
def test_feeds_match_their_golden_files(client, catalogue, name, fmt):
    """Changed a feed on purpose? Rewrite the files with
    ``IMPRINT_UPDATE_GOLDEN=1 pytest tests/distribution/test_feeds.py``."""
    url = feed_urls(catalogue)[name].replace("atom.xml", f"{fmt}.xml")
    with time_machine.travel(FROZEN, tick=False):
        body = normalise(client.get(url).content.decode())
    golden = GOLDEN / f"{name}.{fmt}.xml"
    if os.environ.get("IMPRINT_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(body)
    assert body == golden.read_text(), f"{url} differs from {golden.name}"


def normalise(xml: str) -> str:
    """Database ids (they differ between SQLite and PostgreSQL runs) and stored file names."""
    xml = re.sub(r"publication-\d+", "publication-ID", xml)
    # Stored file names get a random suffix when the name is taken.
    xml = re.sub(r"/documents/\d+/[^\"<]+\.pdf", "/documents/ID/FILE.pdf", xml)
    return xml
