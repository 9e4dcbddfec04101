"""The JSON API at /api/: what a program reading the institute's work gets, and what it never
gets (drafts, private pages, closed PDFs: tests/security/test_leak_matrix.py has the rest)."""

from __future__ import annotations

import datetime

import pytest
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from tests import factories as f
from tests.module_rows import fresh, rows_for_the_module

pytestmark = pytest.mark.django_db


def _get(client, url: str, **params):
    response = client.get(url, params)
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    return response.status_code, response.json()


@pytest.fixture(scope="module")
def _shelf(django_db_setup, django_db_blocker):
    yield from rows_for_the_module(django_db_blocker, _build_shelf)


@pytest.fixture
def shelf(db, _shelf) -> dict:
    return fresh(_shelf)


@pytest.fixture
def publication_index(shelf):
    return shelf["index"]


@pytest.fixture
def issue(shelf):
    return shelf["issue"]


def _build_shelf() -> dict:
    """A brief and a report by two people on two topics, an article in an issue, a blog post
    (built once for the module)."""
    home = f.ensure_site_tree()
    publication_index = f.PublicationIndexPageFactory(parent=home)
    volume = f.VolumePageFactory(parent=f.JournalPageFactory(parent=home))
    issue = f.IssuePageFactory(parent=volume)
    blog_index = f.BlogIndexPageFactory(parent=home)
    trade, japan = f.TopicFactory(name="Trade"), f.TopicFactory(name="Japan", kind="region")
    doe = f.PersonFactory(name="Jane Doe", orcid="0000-0002-1825-0097", is_staff_expert=True)
    kim = f.PersonFactory(name="Kim Min-jun", sort_name="Kim, Min-jun")
    f.PersonFactory(name="Nobody Yet")
    series = f.SeriesPageFactory(parent=publication_index, title="Alliance Briefs")
    brief = f.PublicationPageFactory(
        parent=publication_index,
        title="Chips and allies",
        publication_date=datetime.date(2024, 3, 1),
        series=series,
        series_number=1,
        doi="10.5555/api.1",
        pdf=f.make_pdf_document("Chips"),
    )
    brief.topics.add(trade)
    f.add_authors(brief, doe, kim)
    report = f.PublicationPageFactory(
        parent=publication_index,
        title="Ports of the north",
        publication_type="report",
        publication_date=datetime.date(2025, 2, 1),
        language="ja",
    )
    report.topics.add(japan)
    f.add_authors(report, kim)
    article = f.ArticlePageFactory(parent=issue, title="Straits", first_page=3, last_page=9)
    f.add_authors(article, doe)
    post = f.BlogPostPageFactory(parent=blog_index, title="Notes from Seoul")
    return {
        "brief": brief,
        "report": report,
        "article": article,
        "post": post,
        "series": series,
        "issue": issue,
        "doe": doe,
        "kim": kim,
        "trade": trade,
        "index": publication_index,
    }


def test_publications_are_listed_newest_first_as_citations_describe_them(client, shelf):
    status, body = _get(client, "/api/publications/")
    assert status == 200
    assert body["count"] == 4
    titles = [item["title"] for item in body["results"]]
    assert titles == ["Straits", "Notes from Seoul", "Ports of the north", "Chips and allies"]
    brief = body["results"][-1]
    assert brief["doi"] == "10.5555/api.1" and brief["doi_url"] == "https://doi.org/10.5555/api.1"
    assert [c["family"] for c in brief["creators"]] == ["Doe", "Kim"]
    assert brief["creators"][0]["orcid"] == "0000-0002-1825-0097"
    assert brief["series"] == {"title": "Alliance Briefs", "number": 1}
    assert "/documents/" in brief["pdf"]["url"]
    assert brief["csl"]["DOI"] == "10.5555/api.1" and brief["csl"]["type"] == "report"
    assert brief["url"].endswith(shelf["brief"].url) and brief["slug"] == shelf["brief"].slug
    article = body["results"][0]
    assert article["container"]["title"] == "Journal of Pacific Affairs"
    assert article["container"]["pages"] == "3-9"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"type": "report"}, ["Ports of the north"]),
        ({"topic": "trade"}, ["Chips and allies"]),
        ({"author": "kim-min-jun"}, ["Ports of the north", "Chips and allies"]),
        (
            {"published_after": "2025-01-01", "published_before": "2025-02-28"},
            ["Ports of the north"],
        ),
        ({"published_before": "2024-12-31"}, ["Chips and allies"]),
        ({"language": "ja"}, ["Ports of the north"]),
        ({"journal": "journal"}, ["Straits"]),
        ({"type": "blog_post"}, ["Notes from Seoul"]),
        (
            {"type": "", "topic": "", "published_after": "", "language": "", "series": ""},
            ["Straits", "Notes from Seoul", "Ports of the north", "Chips and allies"],
        ),
    ],
)
def test_publications_filter_by_type_topic_author_dates_language_and_journal(
    client, shelf, params, expected
):
    status, body = _get(client, "/api/publications/", **params)
    assert status == 200
    assert [item["title"] for item in body["results"]] == expected
    assert body["count"] == len(expected)


def test_publications_filter_by_series_id_or_slug(client, shelf):
    for key in (shelf["series"].pk, shelf["series"].slug):
        _, body = _get(client, "/api/publications/", series=key)
        assert [item["title"] for item in body["results"]] == ["Chips and allies"]


def test_pages_link_to_each_other_and_count_everything(client, shelf):
    status, first = _get(client, "/api/publications/", page_size=3)
    assert status == 200
    assert (first["count"], first["pages"], first["page"], first["previous"]) == (4, 2, 1, None)
    assert len(first["results"]) == 3
    assert "page=2" in first["next"] and "page_size=3" in first["next"]
    _, second = client.get(first["next"]).status_code, client.get(first["next"]).json()
    assert [item["title"] for item in second["results"]] == ["Chips and allies"]
    assert second["next"] is None and "page=1" in second["previous"]


@pytest.mark.parametrize(
    ("params", "status", "says"),
    [
        ({"page": 3}, 404, "the last page is 1"),
        ({"page": 0}, 422, "greater than or equal to 1"),
        ({"page_size": 101}, 422, "less than or equal to 100"),
        ({"type": "novel"}, 422, "journal_article"),
        ({"published_after": "2025-13-01"}, 422, "date"),
        ({"topic": "astrology"}, 404, "There is no topic 'astrology'"),
        ({"author": "nobody-at-all"}, 404, "There is no author"),
        ({"series": "no-such-series"}, 404, "There is no public series"),
        ({"journal": "no-such-journal"}, 404, "There is no public journal"),
        ({"language": "xx"}, 400, "There is no language 'xx'"),
    ],
)
def test_bad_filters_answer_with_a_clear_json_error(client, shelf, params, status, says):
    got, body = _get(client, "/api/publications/", **params)
    assert got == status
    assert says in str(body["detail"])


def test_a_publication_answers_by_id_and_by_slug(client, shelf):
    brief = shelf["brief"]
    for key in (brief.pk, brief.slug):
        status, body = _get(client, f"/api/publications/{key}/")
        assert status == 200 and body["id"] == brief.pk and body["title"] == "Chips and allies"
        assert body["api_url"] == f"http://testserver/api/publications/{brief.pk}/"
    status, body = _get(client, "/api/publications/no-such-thing/")
    assert status == 404 and body["detail"] == "There is no public publication 'no-such-thing'."


def test_a_private_or_draft_publication_is_a_404_like_one_that_never_was(client, shelf):
    brief = shelf["brief"]
    PageViewRestriction.objects.create(page=brief, restriction_type="login")
    assert client.get(f"/api/publications/{brief.pk}/").status_code == 404
    report = shelf["report"]
    report.unpublish()
    assert client.get(f"/api/publications/{report.slug}/").status_code == 404
    _, body = _get(client, "/api/publications/")
    assert {item["title"] for item in body["results"]} == {"Straits", "Notes from Seoul"}


def test_people_filter_by_expert_and_by_public_publications(client, shelf):
    _, everyone = _get(client, "/api/people/")
    assert [p["name"] for p in everyone["results"]] == ["Jane Doe", "Kim Min-jun", "Nobody Yet"]
    _, experts = _get(client, "/api/people/", expert="true")
    assert [p["name"] for p in experts["results"]] == ["Jane Doe"]
    _, authors = _get(client, "/api/people/", has_publications="true")
    assert [p["name"] for p in authors["results"]] == ["Jane Doe", "Kim Min-jun"]
    assert _get(client, "/api/people/", expert="")[1] == everyone
    _, others = _get(client, "/api/people/", has_publications="false")
    assert [p["name"] for p in others["results"]] == ["Nobody Yet"]


def test_an_author_of_only_private_work_has_no_public_publications(client, shelf):
    PageViewRestriction.objects.create(page=shelf["report"], restriction_type="login")
    shelf["brief"].unpublish()
    _, authors = _get(client, "/api/people/", has_publications="true")
    assert [p["name"] for p in authors["results"]] == ["Jane Doe"]  # the article


def test_a_person_answers_with_links_to_their_page_and_work_and_never_their_email(client, shelf):
    doe = shelf["doe"]
    doe.email = "jane@example.org"
    doe.save()
    status, body = _get(client, f"/api/people/{doe.slug}/")
    assert status == 200 and body["orcid_url"] == "https://orcid.org/0000-0002-1825-0097"
    assert body["url"] == f"http://testserver/people/{doe.slug}/"
    assert body["publications_url"] == f"http://testserver/api/publications/?author={doe.slug}"
    assert "jane@example.org" not in str(body)
    assert _get(client, f"/api/people/{doe.pk}/")[1]["id"] == doe.pk
    assert client.get("/api/people/no-one/").status_code == 404


def test_topics_and_series_are_listed_and_answer_by_slug(client, shelf):
    _, topics = _get(client, "/api/topics/")
    assert [(t["name"], t["kind"]) for t in topics["results"]] == [
        ("Japan", "region"),
        ("Trade", "theme"),
    ]
    assert _get(client, "/api/topics/trade/")[1]["publications_url"].endswith("?topic=trade")
    _, series = _get(client, "/api/series/")
    assert [s["title"] for s in series["results"]] == ["Alliance Briefs"]
    assert _get(client, f"/api/series/{shelf['series'].slug}/")[1]["id"] == shelf["series"].pk
    assert client.get("/api/topics/astrology/").status_code == 404


def test_an_issue_lists_its_public_articles_with_its_volume_and_journal(client, shelf):
    issue = shelf["issue"]
    hidden = f.ArticlePageFactory(parent=issue, title="Not yet", first_page=1, live=False)
    status, body = _get(client, "/api/issues/")
    assert status == 200 and body["count"] == 1
    listed = body["results"][0]
    assert listed["journal"]["title"] == "Journal of Pacific Affairs"
    assert listed["journal"]["issn_online"] == "2049-3630"
    assert listed["volume"]["number"] == issue.get_parent().specific.number
    assert [a["title"] for a in listed["articles"]] == ["Straits"]
    detail = _get(client, f"/api/issues/{issue.pk}/")[1]
    assert detail == listed
    assert hidden.title not in str(detail)
    assert _get(client, "/api/issues/", journal="journal")[1]["count"] == 1
    assert client.get("/api/issues/", {"journal": "nope"}).status_code == 404


def test_a_private_issue_and_its_articles_are_not_in_the_api(client, shelf):
    PageViewRestriction.objects.create(page=shelf["issue"], restriction_type="login")
    assert _get(client, "/api/issues/")[1]["count"] == 0
    assert client.get(f"/api/issues/{shelf['issue'].pk}/").status_code == 404
    titles = [p["title"] for p in _get(client, "/api/publications/")[1]["results"]]
    assert "Straits" not in titles


def test_documents_are_only_the_pdfs_readers_may_open(client, shelf, publication_index):
    draft_pdf = f.make_pdf_document("Embargoed")
    f.PublicationPageFactory(parent=publication_index, pdf=draft_pdf, live=False)
    private = Collection.get_first_root_node().add_child(name="Board")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    board_pdf = f.make_pdf_document("Board minutes")
    board_pdf.collection = private
    board_pdf.save()
    board = f.PublicationPageFactory(parent=publication_index, pdf=board_pdf)
    f.make_pdf_document("Never attached")

    _, body = _get(client, "/api/documents/")
    assert [d["title"] for d in body["results"]] == ["Chips"]
    chips = body["results"][0]
    assert chips["url"] == f"http://testserver{shelf['brief'].pdf.url}"
    assert _get(client, f"/api/documents/{chips['id']}/")[1] == chips
    for closed in (draft_pdf, board_pdf):
        assert client.get(f"/api/documents/{closed.pk}/").status_code == 404
    assert _get(client, f"/api/publications/{board.pk}/")[1]["pdf"] is None


def test_answers_carry_cors_caching_headers_and_an_etag_for_conditional_gets(client, shelf):
    response = client.get("/api/publications/")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "max-age=60" in response["Cache-Control"] and "public" in response["Cache-Control"]
    again = client.get("/api/publications/", headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304 and again.content == b""
    shelf["report"].title = "Ports of the south"
    shelf["report"].save_revision().publish()
    changed = client.get("/api/publications/", headers={"If-None-Match": response["ETag"]})
    assert changed.status_code == 200 and changed["ETag"] != response["ETag"]


def test_head_and_a_cors_preflight_are_answered(client, shelf):
    head = client.head("/api/publications/")
    assert head.status_code == 200 and head.content == b"" and head["ETag"]
    preflight = client.options("/api/publications/", headers={"Origin": "https://example.org"})
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight["Access-Control-Allow-Methods"]


def test_an_error_is_json_that_is_never_cached(client, shelf):
    response = client.get("/api/publications/", {"page": 9})
    assert response.status_code == 404 and "no-cache" in response["Cache-Control"]
    assert response["Access-Control-Allow-Origin"] == "*"
    unknown = client.get("/api/nothing-here/")
    assert unknown.status_code == 404 and unknown.json()["detail"]
    nul = client.get("/api/publications/", {"topic": "\x00"})
    assert nul.status_code == 400 and "NUL" in nul.json()["detail"]


def test_a_client_past_the_rate_limit_is_told_to_wait(client, shelf, settings):
    settings.IMPRINT_API_RATE = "3/m"
    statuses = [client.get("/api/topics/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/topics/")
    assert response.json()["detail"].startswith("Too many requests")
    assert int(response["Retry-After"]) > 0
    other = client.get("/api/topics/", REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200


def test_the_schema_describes_every_endpoint_and_the_search(client):
    schema = client.get("/api/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert {
        "/api/publications/",
        "/api/publications/{key}/",
        "/api/people/",
        "/api/topics/",
        "/api/series/",
        "/api/issues/",
        "/api/documents/",
        "/api/search/",
        "/api/search/suggest/",
    } <= set(schema["paths"])
    params = {p["name"] for p in schema["paths"]["/api/publications/"]["get"]["parameters"]}
    assert {"type", "topic", "author", "series", "journal", "language"} <= params
    assert {"published_after", "published_before", "page", "page_size"} <= params


def test_the_docs_load_swagger_from_this_site_under_the_content_security_policy(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html and "cdn" not in html.lower()
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_the_search_answers_at_its_old_addresses_inside_the_api(client, shelf, search_index):
    search_index.update()
    body = client.get("/api/search/", {"q": "chips"}).json()
    assert [r["title"] for r in body["results"]] == ["Chips and allies"]
    assert client.get("/api/search/", {"q": "chips"})["Access-Control-Allow-Origin"] == "*"
    suggestions = client.get("/api/search/suggest/", {"q": "Chi"}).json()["suggestions"]
    assert "Chips and allies" in [s["title"] for s in suggestions]
    assert client.get("/api/search/openapi.json").json()["paths"]["/api/search/"]
