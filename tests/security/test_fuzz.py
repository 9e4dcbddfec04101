"""Bad values in every parameter and path segment of every public route answer below 500.

Runs on SQLite and again on PostgreSQL (which refuses NUL bytes in strings), GET and HEAD.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

import pytest
from django.db import transaction
from django.test import TestCase

from tests import factories as f

pytestmark = pytest.mark.django_db

BAD_VALUES = [
    "",
    "²",  # a Unicode digit: str.isdigit() accepts it, int() refuses it
    "١٢٣",  # Arabic-Indic digits
    "\x00",
    "a\x00b",
    "\x01\x1f\x7f",
    "\u202e\u200b",  # right-to-left override, zero-width space
    '"',
    "'",
    '"alliance',
    "alliance*",
    '"><script>alert(1)</script>',
    "' OR 1=1 --",
    "AND OR NOT",
    "NEAR(a b)",
    "(((",
    "^:-+~",
    "%",
    "%%25",
    "../../etc/passwd",
    "a" * 5000,
    "9" * 60,
    "-1",
    "0",
    "1e9",
    "NaN",
    "2025.5",
    "한국 日本",
    "🦀",
    '"""',
    '-"',
    "-",
    "OR",
    "a OR",
    "OR OR b",
    '("a" OR -b',
    "\\",
    "<mark>x</mark>",
    "가나다라마바사" * 30,
]
# Raw query strings that no str can encode: invalid UTF-8 and broken percent-escapes.
RAW_QUERIES = ["%ff%fe", "%C0%AF", "%", "%zz", "a=%00&a=%01", "page=%ED%A0%80"]


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """One of every kind of public page, built once for the module and rolled back after."""
    with django_db_blocker.unblock(), transaction.atomic():
        with TestCase.captureOnCommitCallbacks(execute=True):
            yield _build()
        transaction.set_rollback(True)


def _build() -> dict:
    home = f.ensure_site_tree()
    index = f.PublicationIndexPageFactory(parent=home)
    topic, person = f.TopicFactory(name="Trade"), f.PersonFactory(name="Mina Cho")
    brief = f.PublicationPageFactory(parent=index, pdf=f.make_pdf_document("Fuzz paper"))
    f.add_authors(brief, person)
    series = f.SeriesPageFactory(parent=index)
    journal = f.JournalPageFactory(parent=home)
    volume = f.VolumePageFactory(parent=journal)
    issue = f.IssuePageFactory(parent=volume)
    article = f.ArticlePageFactory(parent=issue)
    blog = f.BlogIndexPageFactory(parent=home)
    post = f.BlogPostPageFactory(parent=blog)
    brief.pdf.refresh_from_db()
    return {
        "pages": [home, index, brief, series, journal, volume, issue, article, blog, post],
        "topic": topic,
        "person": person,
        "document": brief.pdf,
    }


@pytest.fixture(autouse=True)
def _in_savepoint(site, db):
    """Each test runs in a savepoint inside the module's transaction."""


# Each public route (by name) and the query parameters it reads.
LISTING = ["type", "topic", "author", "year", "page"]
SEARCH = ["q", "page", "sort", "type", "topic", "author", "year", "series", "language"]
API_PAGES = ["page", "page_size"]
# The JSON API (distribution.api): each list, one detail of each, the schema and the docs.
API_ROUTES = {
    "publications": [
        *API_PAGES,
        "type",
        "topic",
        "author",
        "series",
        "journal",
        "published_after",
        "published_before",
        "language",
    ],
    "publication": [],
    "people": [*API_PAGES, "expert", "has_publications"],
    "person": [],
    "topics": API_PAGES,
    "topic": [],
    "series": API_PAGES,
    "issues": [*API_PAGES, "journal"],
    "issue": [],
    "documents": API_PAGES,
    "document": [],
    "openapi.json": [],
    "docs": [],
}
ROUTES = {
    "home": ["unknown"],
    "publications": LISTING,
    "publication": [],
    "series": ["page"],
    "journal": ["page"],
    "journal articles": ["page"],
    "volume": [],
    "issue": [],
    "article": [],
    "blog": ["page"],
    "post": [],
    "search": SEARCH,
    "search api": SEARCH,
    "suggest": ["q"],
    "openapi": [],
    "people": ["page"],
    "person": ["page"],
    "topics": [],
    "topic": ["page"],
    "sitemap": ["p"],
    "robots": [],
    "document": [],
    "cover": [],
    "subscribe": ["email", "lists", "frequency"],
    "confirm": [],
    "preferences": [],
    "unsubscribe": [],
    "oai": ["verb", "metadataPrefix", "identifier", "set", "from", "until", "resumptionToken"],
    **{f"api {name}": params for name, params in API_ROUTES.items()},
    "cite publication": [],
    "cite issue": [],
    "cite search": SEARCH,
    "feed": ["page"],
    "topic feed": ["page"],
    "series feed": [],
}


def _url(site: dict, name: str) -> str:
    pages = dict(
        zip(
            [
                "home",
                "publications",
                "publication",
                "series",
                "journal",
                "volume",
                "issue",
                "article",
                "blog",
                "post",
            ],
            site["pages"],
            strict=True,
        )
    )
    if name in pages:
        return pages[name].url
    if name.startswith("api "):
        return _api_url(site, pages, name.removeprefix("api "))
    return {
        "journal articles": f"{pages['journal'].url}articles/",
        "search": "/search/",
        "search api": "/api/search/",
        "suggest": "/api/search/suggest/",
        "openapi": "/api/search/openapi.json",
        "people": "/people/",
        "person": f"/people/{site['person'].slug}/",
        "topics": "/topics/",
        "topic": f"/topics/{site['topic'].slug}/",
        "sitemap": "/sitemap.xml",
        "robots": "/robots.txt",
        "document": site["document"].url,
        "cover": f"/documents/{site['document'].pk}/cover.jpg",
        "subscribe": "/subscribe/",
        "confirm": "/mailing/confirm/x/",
        "preferences": "/mailing/preferences/x/",
        "unsubscribe": "/mailing/unsubscribe/x/",
        "oai": "/oai/",
        "cite publication": f"/cite/publication/{pages['publication'].pk}/bibtex/",
        "cite issue": f"/cite/issue/{pages['issue'].pk}/ris/",
        "cite search": "/cite/search/csl-json/",
        "feed": "/feeds/atom.xml",
        "topic feed": f"/feeds/topics/{site['topic'].slug}/rss.xml",
        "series feed": f"/feeds/series/{pages['series'].slug}/atom.xml",
    }[name]


def _api_url(site: dict, pages: dict, name: str) -> str:
    detail = {
        "publication": f"publications/{pages['publication'].pk}/",
        "person": f"people/{site['person'].slug}/",
        "topic": f"topics/{site['topic'].slug}/",
        "issue": f"issues/{pages['issue'].pk}/",
        "document": f"documents/{site['document'].pk}/",
    }
    return "/api/" + detail.get(name, name if "." in name or name == "docs" else f"{name}/")


SLUG_ROUTES = [
    "/people/{}/",
    "/topics/{}/",
    "/publications/{}/",
    "/journal/{}/",
    "/{}/",
    "/documents/1/{}",
    "/documents/{}/x.pdf",
    "/search/{}",
    "/api/search/{}",
    "/api/{}/",
    "/api/publications/{}/",
    "/api/people/{}/",
    "/api/topics/{}/",
    "/api/series/{}/",
    "/api/issues/{}/",
    "/api/documents/{}/",
    "/mailing/confirm/{}/",
    "/mailing/preferences/{}/",
    "/mailing/unsubscribe/{}/",
    "/cite/publication/{}/bibtex/",
    "/cite/publication/1/{}/",
    "/cite/issue/{}/ris/",
    "/cite/search/{}/",
    "/feeds/{}.xml",
    "/feeds/{}/x/atom.xml",
    "/feeds/types/{}/atom.xml",
    "/feeds/topics/{}/rss.xml",
    "/feeds/people/{}/atom.xml",
    "/feeds/series/{}/atom.xml",
    "/feeds/blogs/{}/rss.xml",
    "/feeds/journals/{}/atom.xml",
]


@pytest.mark.parametrize("route", ["/search/", "/api/search/", "/cite/search/bibtex/"])
def test_bad_filters_beside_a_query_answer_below_500(client, site, route):
    errors = []
    for param in SEARCH[1:]:
        for value in BAD_VALUES:
            errors += _errors(client, f"{route}?q=paper&{param}={quote(value)}")
    assert errors == [], f"{len(errors)} server errors:\n" + "\n".join(errors[:40])


def _errors(client, url: str, **extra) -> list[str]:
    found = []
    for method in (client.get, client.head):
        try:
            status = method(url, **extra).status_code
        except Exception as error:  # the test client re-raises what the server would 500 on
            found.append(f"{method.__name__.upper()} {url!r}: {type(error).__name__}: {error}")
            continue
        if status >= 500:
            found.append(f"{method.__name__.upper()} {url!r}: {status}")
    return found


@pytest.mark.parametrize("name", ROUTES)
def test_bad_query_values_answer_below_500(client, site, name):
    route, errors = _url(site, name), []
    for param in ROUTES[name]:
        for value in BAD_VALUES:
            errors += _errors(client, f"{route}?{param}={quote(value)}")
    for raw in RAW_QUERIES:
        errors += _errors(client, f"{route}?{raw}")
    assert errors == [], f"{len(errors)} server errors:\n" + "\n".join(errors[:40])


@pytest.mark.parametrize("pattern", SLUG_ROUTES)
def test_bad_path_segments_answer_below_500(client, site, pattern):
    errors = []
    for value in [v for v in BAD_VALUES if v]:
        errors += _errors(client, pattern.format(quote(value, safe="")))
    assert errors == [], f"{len(errors)} server errors:\n" + "\n".join(errors[:40])


def _post_errors(client, url: str, data: dict) -> list[str]:
    try:
        status = client.post(url, data).status_code
    except Exception as error:
        return [f"POST {url!r} {data!r}: {type(error).__name__}: {error}"]
    return [f"POST {url!r} {data!r}: {status}"] if status >= 500 else []


def test_bad_values_posted_to_the_mailing_list_answer_below_500(client, site, settings):
    settings.IMPRINT_MAILING_SIGNUPS_PER_HOUR = 10**6
    errors = []
    for value in BAD_VALUES:
        for field in ("email", "lists", "frequency", "website", "source"):
            data = {"email": "fuzz@example.org", "lists": "all", field: value}
            errors += _post_errors(client, "/subscribe/", data)
        for name in ("confirm", "preferences", "unsubscribe"):
            if value:
                url = f"/mailing/{name}/{quote(value, safe='')}/"
                errors += _post_errors(client, url, {"lists": value, "all": value})
    assert errors == [], f"{len(errors)} server errors:\n" + "\n".join(errors[:40])


OAI_VERBS = {
    "Identify": {},
    "ListMetadataFormats": {"identifier": "oai:localhost:1"},
    "ListSets": {},
    "GetRecord": {"identifier": "oai:localhost:1", "metadataPrefix": "oai_dc"},
    "ListIdentifiers": {"metadataPrefix": "oai_dc", "set": "type", "from": "2020-01-01"},
    "ListRecords": {"metadataPrefix": "mods", "until": "2030-01-01T00:00:00Z"},
}
OAI_ARGUMENTS = ["metadataPrefix", "identifier", "set", "from", "until", "resumptionToken"]


@pytest.mark.parametrize("verb", OAI_VERBS)
def test_bad_oai_pmh_arguments_answer_below_500(client, site, verb):
    """Every argument of every verb gets every bad value, beside good ones, by GET and POST."""
    errors = []
    for name in OAI_ARGUMENTS:
        for value in BAD_VALUES:
            query = {**OAI_VERBS[verb], "verb": verb, name: value}
            errors += _errors(client, f"/oai/?{urlencode(query)}")
            errors += _post_errors(client, "/oai/", query)
    assert errors == [], f"{len(errors)} server errors:\n" + "\n".join(errors[:40])


WEBHOOKS = ["postmark", "mailgun", "sendgrid", "amazon_ses", "brevo", "mailjet", "sparkpost"]


def test_bad_calls_to_the_bounce_webhooks_answer_below_500(client, site, settings):
    """A provider's tracking webhook (django-anymail) with the right secret and bad bodies,
    with a wrong secret, and without one: never a server error, never a suppression."""
    import base64

    from imprint.mailing.models import Subscriber

    settings.ANYMAIL = {"WEBHOOK_SECRET": "fuzz:secret"}
    auth = {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(b"fuzz:secret").decode()}
    shapes = ["{}", "[]", '{"RecordType": "Bounce"}', '{"Type": "HardBounce", "Email": ["x"]}',
              '[{"event": "bounce", "email": null}]', '{"Records": 5}']  # fmt: skip
    bodies = [*BAD_VALUES, *shapes]
    errors = []
    for name in WEBHOOKS:
        url = f"/anymail/{name}/tracking/"
        errors += _errors(client, url)
        for body in bodies:
            for extra in (auth, {}):
                try:
                    response = client.post(url, body, content_type="application/json", **extra)
                except Exception as error:
                    errors.append(f"POST {url} {body!r}: {type(error).__name__}: {error}")
                    continue
                if response.status_code >= 500:
                    errors.append(f"POST {url} {body!r}: {response.status_code}")
    assert errors == [], f"{len(errors)} server errors:\n" + "\n".join(errors[:40])
    assert not Subscriber.objects.filter(suppressed=True).exists()
