"""/search/ for readers, /api/search/ and its suggestions for programs and the search box."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe
from wagtail.models import Site

from imprint.core.pagination import params_without_page, querystring_without_page
from imprint.publications.selectors import publication_list

from .backends import get_backend
from .openapi import schema as openapi_schema
from .query import MAX_QUERY_CHARS
from .selectors import index_total, search_request


def _url(site: Site | None, url_path: str) -> str:
    """A record's address on the reader's site (pages by their path below the site's root)."""
    if (
        site is None
        or not url_path.startswith("/")
        or url_path.startswith(("/people/", "/topics/"))
    ):
        return url_path
    root = site.root_page.url_path
    return "/" + url_path[len(root) :] if url_path.startswith(root) else url_path


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    """Search everything public on the request's site: pages, PDFs, people and topics."""
    outcome = search_request(request)
    site = Site.find_for_request(request)
    for hit in outcome.hits:
        hit.url = _url(site, hit.url_path)
    recent = []
    if outcome.page is not None and not outcome.total:
        recent = list(publication_list(site=site)[:5])
    context = {
        "query": outcome.query,
        "outcome": outcome,
        "results": outcome.page,
        "failed": outcome.failed,
        "querystring": querystring_without_page(request),
        "index_total": index_total(site),
        "recent": recent,
        "max_query_chars": MAX_QUERY_CHARS,
        "facet_links": _facet_links(request, outcome),
        "sort_links": _sort_links(request, outcome),
    }
    return render(request, "search/search.html", context)


def _toggle(request: HttpRequest, name: str, value: str) -> str:
    params = params_without_page(request)
    values = params.getlist(name)
    params.setlist(name, [v for v in values if v != value] if value in values else values + [value])
    return "?" + params.urlencode()


def _facet_links(request: HttpRequest, outcome) -> list[dict]:
    groups = []
    for facet in outcome.facets:
        groups.append(
            {
                "name": facet.name,
                "label": facet.label,
                "values": [
                    {
                        "label": v.label,
                        "count": v.count,
                        "selected": v.selected,
                        "href": _toggle(request, facet.name, v.value),
                    }
                    for v in facet.values
                ],
            }
        )
    return groups


def _sort_links(request: HttpRequest, outcome) -> list[dict]:
    links = []
    for value, label in (("relevance", "Relevance"), ("date", "Newest first")):
        params = params_without_page(request)
        params["sort"] = value
        links.append(
            {"label": label, "href": "?" + params.urlencode(), "current": outcome.sort == value}
        )
    return links


def _hit_json(hit, site) -> dict:
    url = _url(site, hit.url_path)
    data = {
        "url": url,
        "type": hit.type,
        "type_label": hit.type_label,
        "title": hit.title,
        "authors": hit.byline,
        "date": hit.date.isoformat() if hit.date else None,
        "snippet": hit.snippet,
        "pdf": None,
    }
    if hit.pdf_page:
        data["pdf"] = {"page": hit.pdf_page, "url": hit.pdf_url, "snippet": hit.pdf_snippet}
    return data


@require_safe
def search_api(request: HttpRequest) -> JsonResponse:
    """The reader's search as JSON (described in /api/search/openapi.json)."""
    outcome = search_request(request)
    site = Site.find_for_request(request)
    page = outcome.page
    body = {
        "query": outcome.query,
        "total": outcome.total,
        "page": page.number if page else 1,
        "pages": page.paginator.num_pages if page else 0,
        "per_page": page.paginator.per_page if page else 0,
        "sort": outcome.sort,
        "index_total": index_total(site),
        "results": [_hit_json(hit, site) for hit in outcome.hits],
        "facets": {
            facet.name: [
                {"value": v.value, "label": v.label, "count": v.count, "selected": v.selected}
                for v in facet.values
            ]
            for facet in outcome.facets
        },
        "suggestion": outcome.suggestion or None,
        "truncated": outcome.parsed.truncated,
    }
    if outcome.failed:
        body["error"] = "That search could not be run. Try plain words."
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


@require_safe
def suggest_api(request: HttpRequest) -> JsonResponse:
    """Titles, people and topics for what the reader has typed so far."""
    text = request.GET.get("q", "")[:100]
    site = Site.find_for_request(request)
    suggestions = []
    if site is not None and len(text.strip()) >= 2:
        for hit in get_backend().suggest(text, site_id=site.pk):
            suggestions.append(
                {"title": hit.title, "url": _url(site, hit.url_path), "type_label": hit.type_label}
            )
    return JsonResponse(
        {"query": text, "suggestions": suggestions}, json_dumps_params={"ensure_ascii": False}
    )


@require_safe
def openapi(request: HttpRequest) -> JsonResponse:
    return JsonResponse(openapi_schema(request.build_absolute_uri(reverse("search_api"))))
