"""Page metadata as Google Scholar, Zotero, social sites and search engines read it: parsed
with extruct and lxml from rendered pages, compared with golden files (time frozen)."""

from __future__ import annotations

import datetime
import json

import pytest
import time_machine
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import html as lxml_html
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction

from tests import factories as f

from .metadata_helpers import assert_golden, head_of, json_ld, tag, tags

pytestmark = pytest.mark.django_db

FROZEN = datetime.datetime(2026, 3, 4, 9, 30, tzinfo=datetime.UTC)


@pytest.fixture
def frozen():
    with time_machine.travel(FROZEN, tick=False):
        yield


@pytest.fixture
def image():
    made = get_image_model()(
        title="Harbour at dawn",
        description="Container cranes over a harbour at dawn",
        file=ImageFile(get_test_image_file(size=(1600, 900)).file, name="harbour.png"),
    )
    made.save()
    return made


@pytest.fixture
def article(frozen, journal):
    volume = f.VolumePageFactory(parent=journal, number=3, title="Volume 3")
    issue = f.IssuePageFactory(parent=volume, number=2, title="Issue 2")
    page = f.ArticlePageFactory(
        parent=issue,
        title="Deterrence on the cheap",
        subtitle="Burden sharing in the alliance",
        first_page=12,
        last_page=30,
        doi="10.5555/jpa.2025.7",
        summary="<p>Allies <b>pay</b> less &amp; less.</p>",
        pdf=f.make_pdf_document("Deterrence", pages=19),
    )
    page.topics.set([f.TopicFactory(name="Security"), f.TopicFactory(name="Japan")])
    f.add_authors(
        page,
        f.PersonFactory(
            name="Jane Q. Doe", orcid="0000-0002-1825-0097", affiliation="Hokkaido University"
        ),
        f.PersonFactory(name="Kim Min-jun", sort_name="Kim, Min-jun", affiliation=""),
    )
    return page


def test_a_journal_article_carries_every_citation_tag_google_scholar_reads(client, article):
    head = head_of(client, article.url)

    assert tag(head, "citation_title") == "Deterrence on the cheap: Burden sharing in the alliance"
    # Each author in byline order, followed by that author's institution and ORCID iD.
    names = [(k, v) for k, v in head["meta"] if k.startswith("citation_author")]
    assert names == [
        ("citation_author", "Doe, Jane Q."),
        ("citation_author_institution", "Hokkaido University"),
        ("citation_author_orcid", "https://orcid.org/0000-0002-1825-0097"),
        ("citation_author", "Kim, Min-jun"),
    ]
    assert tag(head, "citation_publication_date") == "2025/06/01"
    assert tag(head, "citation_online_date") == "2026/03/04"
    assert tag(head, "citation_journal_title") == "Journal of Pacific Affairs"
    assert tag(head, "citation_issn") == "2049-3630"
    assert (tag(head, "citation_volume"), tag(head, "citation_issue")) == ("3", "2")
    assert (tag(head, "citation_firstpage"), tag(head, "citation_lastpage")) == ("12", "30")
    assert tag(head, "citation_doi") == "10.5555/jpa.2025.7"
    assert tag(head, "citation_pdf_url").endswith(".pdf")
    assert client.get(tag(head, "citation_pdf_url")).status_code == 200
    assert tag(head, "citation_abstract") == "Allies pay less & less."
    assert tags(head, "citation_keywords") == ["Japan", "Security"]
    assert tag(head, "citation_language") == "en"
    assert tag(head, "citation_publisher") == "Imprint Institute"
    assert_golden("article", head)


def test_the_article_is_described_in_dublin_core_open_graph_and_twitter(client, article):
    head = head_of(client, article.url)
    url = f"http://localhost{article.url}"

    assert head["links"]["canonical"] == url
    assert head["links"]["schema.DC"] == "http://purl.org/dc/elements/1.1/"
    assert tags(head, "DC.creator") == ["Doe, Jane Q.", "Kim, Min-jun"]
    assert tag(head, "DC.identifier") == "https://doi.org/10.5555/jpa.2025.7"
    assert (tag(head, "DC.date"), tag(head, "DC.language")) == ("2025-06-01", "en")
    assert tags(head, "DC.subject") == ["Japan", "Security"]
    assert (tag(head, "DC.publisher"), tag(head, "DC.type")) == ("Imprint Institute", "Text")
    og = dict(head["og"][0]["properties"])
    assert og["og:type"] == "article" and og["og:url"] == url
    assert og["article:published_time"] == "2025-06-01"
    assert tags(head, "article:author")[0].endswith("/people/jane-q-doe/")
    assert tags(head, "article:tag") == ["Japan", "Security"]
    assert tag(head, "twitter:card") == "summary"


def test_the_article_is_a_scholarly_article_in_its_issue_volume_and_journal(client, article):
    data = json_ld(head_of(client, article.url), "ScholarlyArticle")

    assert data["name"] == "Deterrence on the cheap: Burden sharing in the alliance"
    assert [a["name"] for a in data["author"]] == ["Jane Q. Doe", "Kim Min-jun"]
    assert data["author"][0]["sameAs"] == "https://orcid.org/0000-0002-1825-0097"
    assert data["author"][0]["affiliation"]["name"] == "Hokkaido University"
    assert data["identifier"] == {
        "@type": "PropertyValue",
        "propertyID": "DOI",
        "value": "10.5555/jpa.2025.7",
    }
    assert (data["pageStart"], data["pageEnd"]) == (12, 30)
    issue = data["isPartOf"]
    assert issue["@type"] == "PublicationIssue" and issue["issueNumber"] == "2"
    volume = issue["isPartOf"]
    assert volume["@type"] == "PublicationVolume" and volume["volumeNumber"] == "3"
    journal = volume["isPartOf"]
    assert journal["@type"] == "Periodical" and journal["issn"] == ["2049-3630"]
    assert data["publisher"]["@type"] == "Organization"
    assert data["encoding"]["encodingFormat"] == "application/pdf"


def test_a_report_in_a_series_names_its_institution_and_number(
    client, frozen, publication_index, image
):
    series = f.SeriesPageFactory(parent=publication_index, title="Alliance Futures")
    report = f.PublicationPageFactory(
        parent=publication_index,
        title="Costs of deterrence",
        publication_type="working_paper",
        series=series,
        series_number=4,
        feature_image=image,
        language="ko",
        publication_date=datetime.date(2026, 2, 27),
    )
    f.add_authors(report, f.PersonFactory(name="Hana Seo"))
    head = head_of(client, report.url)

    assert tag(head, "citation_technical_report_institution") == "Imprint Institute"
    assert tag(head, "citation_technical_report_number") == "4"
    assert tag(head, "citation_language") == "ko"
    assert not tags(head, "citation_journal_title") and not tags(head, "citation_pdf_url")
    data = json_ld(head, "Report")
    assert data["reportNumber"] == "4"
    assert data["isPartOf"] == {
        "@type": "CreativeWorkSeries",
        "name": "Alliance Futures",
        "url": f"http://localhost{series.url}",
    }
    # A feature image makes a large card, with its size and alt text.
    og = dict(head["og"][0]["properties"])
    assert og["og:image:alt"] == "Container cranes over a harbour at dawn"
    assert (og["og:image:width"], og["og:image:height"]) == ("1200", "675")
    assert tag(head, "twitter:card") == "summary_large_image"
    assert_golden("working_paper", head)


def test_a_blog_post_is_a_blog_posting_without_scholar_tags(client, frozen, blog_index):
    post = f.BlogPostPageFactory(
        parent=blog_index, title="Notes from Seoul", publication_date=datetime.date(2026, 3, 1)
    )
    f.add_authors(post, f.PersonFactory(name="Grace Oduya"))
    head = head_of(client, post.url)

    # Google Scholar indexes scholarly work only: not blog posts or commentaries.
    assert not [key for key, _ in head["meta"] if key.startswith("citation_")]
    data = json_ld(head, "BlogPosting")
    assert data["isPartOf"]["@type"] == "Blog" and data["isPartOf"]["name"] == "The Pacific Desk"
    assert tags(head, "DC.creator") == ["Oduya, Grace"]
    assert_golden("blog_post", head)


def test_a_pdf_in_a_private_collection_is_not_offered(client, publication_index):
    collection = Collection.get_first_root_node().add_child(name="Board papers")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    pdf = f.make_pdf_document("Board minutes")
    pdf.collection = collection
    pdf.save()
    page = f.PublicationPageFactory(parent=publication_index, pdf=pdf)
    head = head_of(client, page.url)
    assert not tags(head, "citation_pdf_url")
    assert "encoding" not in json_ld(head, "Report")


@pytest.mark.parametrize(
    "title",
    [
        "Closing </script><script>alert(1)</script> tags",
        "An <!-- opened comment and a <script> in a title",
        '日米同盟の費用 🇯🇵 and 한미 동맹 🤝 \u2028 separators & "quotes"',
    ],
)
def test_any_title_reads_back_exactly_and_leaves_the_page_whole(client, publication_index, title):
    page = f.PublicationPageFactory(parent=publication_index, title=title)
    f.add_authors(page, f.PersonFactory(name="山田 太郎"))
    response = client.get(page.url)
    html = response.content.decode()
    head = head_of(client, page.url)

    assert json_ld(head, "Report")["name"] == title
    assert tag(head, "citation_title") == title
    assert tag(head, "og:title") == title
    assert tags(head, "citation_author") == ["山田, 太郎"]
    # Nothing in a value ended a script early: the page's scripts are the site's own and the
    # JSON-LD blocks, and the article's heading is still where it belongs.
    tree = lxml_html.fromstring(html)
    scripts = tree.xpath("//script")
    assert all(s.get("type") == "application/ld+json" or s.get("src") for s in scripts)
    for script in tree.xpath("//script[@type='application/ld+json']"):
        json.loads(script.text)
    assert tree.xpath("string(//main//h1)") == title
    assert "alert(1)</script>" not in html.split("</head>")[0]


def test_person_topic_journal_volume_issue_and_home_describe_themselves(client, issue, home):
    person = f.PersonFactory(name="Grace Oduya", orcid="0000-0002-1825-0097", role="Fellow")
    topic = f.TopicFactory(name="Japan", kind="region")
    article = f.ArticlePageFactory(parent=issue)
    f.add_authors(article, person)
    article.topics.set([topic])
    article.save_revision().publish()

    person_data = json_ld(head_of(client, person.get_absolute_url()), "Person")
    assert person_data["sameAs"] == ["https://orcid.org/0000-0002-1825-0097"]
    assert person_data["jobTitle"] == "Fellow"
    topic_head = head_of(client, topic.get_absolute_url())
    assert json_ld(topic_head, "CollectionPage")["about"]["name"] == "Japan"
    assert [i["name"] for i in json_ld(topic_head, "BreadcrumbList")["itemListElement"]] == [
        "Home",
        "Topics",
        "Japan",
    ]
    volume = issue.get_parent()
    journal = volume.get_parent()
    assert json_ld(head_of(client, journal.url), "Periodical")["issn"] == ["2049-3630"]
    volume_data = json_ld(head_of(client, volume.url), "PublicationVolume")
    assert volume_data["isPartOf"]["@type"] == "Periodical"
    issue_head = head_of(client, issue.url)
    issue_data = json_ld(issue_head, "PublicationIssue")
    assert issue_data["isPartOf"]["isPartOf"]["name"] == "Journal of Pacific Affairs"
    assert tag(issue_head, "DC.type") == "Collection"
    home_head = head_of(client, "/")
    assert json_ld(home_head, "WebSite")["publisher"] == {"@id": "http://localhost/#organization"}
    assert json_ld(home_head, "Organization")["name"] == "Imprint Institute"


def test_every_public_page_has_a_canonical_link_and_open_graph(
    client, issue, publication_index, blog_index
):
    person = f.PersonFactory()
    topic = f.TopicFactory(name="Trade")
    series = f.SeriesPageFactory(parent=publication_index)
    journal = issue.get_parent().get_parent()
    urls = [
        "/",
        publication_index.url,
        series.url,
        blog_index.url,
        journal.url,
        f"{journal.url}articles/",
        issue.get_parent().url,
        issue.url,
        person.get_absolute_url(),
        topic.get_absolute_url(),
        "/people/",
        "/topics/",
    ]
    for url in urls:
        head = head_of(client, url)
        assert head["links"]["canonical"] == f"http://localhost{url}", url
        assert tag(head, "og:url") == head["links"]["canonical"], url
        assert tag(head, "og:title") and tag(head, "twitter:card"), url


def test_a_listings_later_page_is_its_own_canonical_and_filters_are_not(client, publication_index):
    for _ in range(21):
        f.PublicationPageFactory(parent=publication_index)
    assert head_of(client, "/publications/?page=2")["links"]["canonical"] == (
        "http://localhost/publications/?page=2"
    )
    assert head_of(client, "/publications/?type=report&page=1")["links"]["canonical"] == (
        "http://localhost/publications/"
    )


def test_a_draft_series_is_not_named(client, publication_index):
    series = f.SeriesPageFactory.build(title="Secret series")
    publication_index.add_child(instance=series)
    series.unpublish() if series.live else None
    page = f.PublicationPageFactory(parent=publication_index, series=series, series_number=1)
    head = head_of(client, page.url)
    assert "Secret series" not in json.dumps(head)
    assert not tags(head, "citation_technical_report_number")


def test_a_change_shows_in_the_metadata_once_published(
    client, publication_index, django_capture_on_commit_callbacks
):
    page = f.PublicationPageFactory(parent=publication_index, title="First title")
    assert tag(head_of(client, page.url), "citation_title") == "First title"
    page.title = "Second title"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision()
    assert tag(head_of(client, page.url), "citation_title") == "First title"
    with django_capture_on_commit_callbacks(execute=True):
        page.get_latest_revision().publish()
    assert tag(head_of(client, page.url), "citation_title") == "Second title"


def _queries(client, url: str) -> int:
    client.get(url)  # warm: renditions, menus, cards and the head itself
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_metadata_adds_no_query_to_a_warm_page(client, article, publication_index, monkeypatch):
    from imprint.distribution.metadata import build

    person = article.authors.first().person
    urls = [
        "/",
        article.url,
        article.get_parent().url,
        publication_index.url,
        person.get_absolute_url(),
    ]
    with_metadata = {url: _queries(client, url) for url in urls}
    monkeypatch.setattr(build, "render_head", lambda context: "")
    without = {url: _queries(client, url) for url in urls}
    assert with_metadata == without


def test_a_preview_gets_plain_tags_and_nothing_is_kept(rf, publication_index, monkeypatch):
    from imprint.distribution.metadata import build

    page = f.PublicationPageFactory(parent=publication_index, title="Draft idea")
    page.title = "Unpublished title"
    request = rf.get(page.url)
    request.is_preview = True
    kept = []
    monkeypatch.setattr(build.cache, "set", lambda *args, **kwargs: kept.append(args))
    html = build.render_head({"request": request, "page": page})
    assert 'property="og:title" content="Unpublished title"' in html
    assert "citation_" not in html and "ld+json" not in html and "canonical" not in html
    assert kept == []
