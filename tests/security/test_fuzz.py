"""Bad values in every query parameter of every public route answer below 500 (paths, forms,
OAI-PMH arguments and webhooks: test_fuzz_paths.py).

Runs on SQLite and again on PostgreSQL (which refuses NUL bytes in strings), GET and HEAD.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest

from .fuzzing import BAD_VALUES, HEAD_TOO, RAW_QUERIES
from .fuzzing import errors as _errors

pytestmark = pytest.mark.django_db


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


@pytest.mark.parametrize("route", ["/search/", "/api/search/", "/cite/search/bibtex/"])
def test_bad_filters_beside_a_query_answer_below_500(client, site, route):
    errors = []
    for param in SEARCH[1:]:
        for value in BAD_VALUES:
            url = f"{route}?q=paper&{param}={quote(value)}"
            errors += _errors(client, url, head=value in HEAD_TOO)
    assert errors == [], f"{len(errors)} server errors:\n" + "\n".join(errors[:40])


@pytest.mark.parametrize("name", ROUTES)
def test_bad_query_values_answer_below_500(client, site, name):
    route, errors = _url(site, name), []
    for param in ROUTES[name]:
        for value in BAD_VALUES:
            errors += _errors(client, f"{route}?{param}={quote(value)}", head=value in HEAD_TOO)
    for raw in RAW_QUERIES:
        errors += _errors(client, f"{route}?{raw}")
    assert errors == [], f"{len(errors)} server errors:\n" + "\n".join(errors[:40])
