"""One description of a publication for every channel: what citations and feeds will say."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Collection, CollectionViewRestriction

from imprint.distribution.works import describe, describe_many, in_cjk_script, split_name
from imprint.publications.models import validate_doi
from tests import factories as f


@pytest.mark.parametrize(
    ("name", "sort_name", "expected"),
    [
        ("Jane Q. Doe", "", ("Jane Q.", "Doe")),
        ("Kim Min-jun", "Kim, Min-jun", ("Min-jun", "Kim")),
        ("山田 太郎", "", ("太郎", "山田")),
        ("김민준", "", ("", "")),
        ("Plato", "", ("", "")),
    ],
)
def test_names_split_as_citations_need_them(name, sort_name, expected):
    assert split_name(name, sort_name) == expected


@pytest.mark.parametrize("doi", ["10.5555/kp.2026.3", "10.12345/ABC-(1)_x;2", "10.1000.10/abc"])
def test_a_bare_doi_is_accepted(doi):
    validate_doi(doi)


@pytest.mark.parametrize(
    "doi", ["https://doi.org/10.5555/x", "doi:10.5555/x", "10.55/x", "10.5555/", "10.5555/a b"]
)
def test_a_doi_that_is_a_link_or_malformed_is_refused_with_a_message(doi):
    with pytest.raises(ValidationError, match="Enter a DOI like"):
        validate_doi(doi)


def test_an_article_names_its_journal_volume_issue_pages_and_creators(issue):
    article = f.ArticlePageFactory(
        parent=issue, first_page=12, last_page=30, doi="10.5555/jpa.2025.1", subtitle="A test"
    )
    doe = f.PersonFactory(name="Jane Doe", orcid="0000-0002-1825-0097", affiliation="Uni")
    kim = f.PersonFactory(name="Kim Min-jun", sort_name="Kim, Min-jun")
    f.add_authors(article, doe, kim)

    work = describe(article)

    assert work.title == article.title and work.full_title.endswith(": A test")
    assert work.slug == article.slug
    assert work.container_title == "Journal of Pacific Affairs"
    assert (work.volume, work.issue, work.pages) == (
        str(issue.get_parent().specific.number),
        str(issue.number),
        "12-30",
    )
    assert work.issn == ("2049-3630",)
    assert work.url.startswith("http") and work.url.endswith(article.url)
    assert [(c.given, c.family, c.orcid) for c in work.creators] == [
        ("Jane", "Doe", "0000-0002-1825-0097"),
        ("Min-jun", "Kim", ""),
    ]
    item = work.csl_json()
    assert item["type"] == "article-journal" and item["DOI"] == "10.5555/jpa.2025.1"
    assert item["author"][1] == {"given": "Min-jun", "family": "Kim"}
    assert item["issued"] == {"date-parts": [[2025, 6, 1]]}


def test_a_blog_post_names_its_blog_and_a_brief_its_series(publication_index, blog_index):
    post = f.BlogPostPageFactory(parent=blog_index)
    series = f.SeriesPageFactory(parent=publication_index, title="Alliance Briefs")
    brief = f.PublicationPageFactory(parent=publication_index, series=series, series_number=2)
    brief.save_revision().publish()

    post_work, brief_work = describe_many([post.pk, brief.pk])

    assert post_work.container_title == "The Pacific Desk" and post_work.csl_type == "post-weblog"
    assert (brief_work.series_title, brief_work.series_number) == ("Alliance Briefs", 2)
    assert brief_work.csl_json()["collection-title"] == "Alliance Briefs"


def test_a_pdf_in_a_private_collection_is_not_named(publication_index):
    public_pdf = f.make_pdf_document("Open")
    private = Collection.get_first_root_node().add_child(name="Board papers")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    hidden_pdf = f.make_pdf_document("Closed")
    hidden_pdf.collection = private
    hidden_pdf.save()
    open_page = f.PublicationPageFactory(parent=publication_index, pdf=public_pdf)
    closed_page = f.PublicationPageFactory(parent=publication_index, pdf=hidden_pdf)

    open_work, closed_work = describe_many([open_page, closed_page])

    assert open_work.pdf_url.endswith(public_pdf.url)
    assert closed_work.pdf_url == ""
    assert open_work.pdf_size == public_pdf.file.size > 0 and closed_work.pdf_size is None


def test_a_pdf_whose_file_is_gone_has_no_size_rather_than_an_error(publication_index):
    pdf = f.make_pdf_document("Vanished")
    page = f.PublicationPageFactory(parent=publication_index, pdf=pdf)
    pdf.file.storage.delete(pdf.file.name)

    assert describe(page).pdf_size is None


def test_many_descriptions_take_a_fixed_number_of_queries(issue, publication_index):
    def make(n: int) -> list[int]:
        ids = []
        for i in range(n):
            page = f.PublicationPageFactory(
                parent=publication_index, publication_date=datetime.date(2024, 1, 1 + i)
            )
            f.add_authors(page, f.PersonFactory())
            page.topics.add(f.TopicFactory(name=f"T{i}"))
            page.save_revision().publish()
            ids.append(page.pk)
        ids.append(f.ArticlePageFactory(parent=issue).pk)
        return ids

    few, many = make(2), make(8)
    describe_many(few)  # site root paths and settings are cached after a first call
    with CaptureQueriesContext(connection) as small:
        describe_many(few)
    with CaptureQueriesContext(connection) as large:
        describe_many(many)
    assert len(large) == len(small)


def test_a_private_series_is_not_named_and_a_public_one_links_its_page(publication_index, issue):
    from wagtail.models import BaseViewRestriction, PageViewRestriction

    public = f.SeriesPageFactory(parent=publication_index, title="Open series")
    private = f.SeriesPageFactory(parent=publication_index, title="Board series")
    PageViewRestriction.objects.create(page=private, restriction_type=BaseViewRestriction.LOGIN)
    shown = f.PublicationPageFactory(parent=publication_index, series=public, series_number=1)
    hidden = f.PublicationPageFactory(parent=publication_index, series=private, series_number=1)
    article = f.ArticlePageFactory(parent=issue)

    shown_work, hidden_work, article_work = describe_many([shown, hidden, article])

    assert shown_work.series_url.endswith(public.url) and shown_work.series_url.startswith("http")
    assert (hidden_work.series_title, hidden_work.series_number, hidden_work.series_url) == (
        "",
        None,
        "",
    )
    assert article_work.issue_url.endswith(issue.url)
    assert article_work.volume_url.endswith(issue.get_parent().url)


def test_describing_reads_no_body(publication_index):
    """Bodies are never described; decoding their JSON would slow every channel's lists."""
    page = f.PublicationPageFactory(parent=publication_index)
    with CaptureQueriesContext(connection) as queries:
        describe_many([page.pk])
    page_query = next(q["sql"] for q in queries if "publications_publicationpage" in q["sql"])
    assert '"body"' not in page_query and '"recommendations"' not in page_query


def test_an_article_names_its_issue_for_deposits(issue):
    issue.doi = "10.5555/jpa.issue"
    issue.save_revision().publish()
    article = f.ArticlePageFactory(parent=issue)

    work = describe(article)

    assert (work.issue_id, work.issue_doi, work.issue_date) == (
        issue.pk,
        "10.5555/jpa.issue",
        issue.issue_date,
    )
    assert work.issue_url.startswith("http") and work.issue_url.endswith(issue.url)


@pytest.mark.parametrize(
    ("text", "expected"), [("山田", True), ("김민준", True), ("かな", True), ("Doe", False)]
)
def test_names_in_korean_japanese_or_chinese_script_are_recognised(text, expected):
    assert in_cjk_script(text) is expected
