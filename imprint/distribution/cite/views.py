"""Citation downloads: one publication, a journal issue, or what a search finds."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe
from wagtail.models import Site

from imprint.core.page_cache import reader_cacheable
from imprint.search.query import parse
from imprint.search.selectors import read_filters

from ..works import describe
from . import selectors
from .formats import FORMATS, render


def _format(name: str):
    found = FORMATS.get(name)
    if found is None:
        raise Http404("Citations come as bibtex, ris or csl-json.")
    return found


def _download(works, format_name: str, stem: str) -> HttpResponse:
    chosen = _format(format_name)
    response = HttpResponse(render(chosen.name, works).encode(), content_type=chosen.content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{stem}.{chosen.extension}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_safe
@reader_cacheable
def publication_citation(request: HttpRequest, page_id: int, format_name: str) -> HttpResponse:
    _format(format_name)
    page = selectors.public_publication(page_id=page_id, site=Site.find_for_request(request))
    if page is None:
        raise Http404("No such publication.")
    return _download([describe(page, request=request)], format_name, page.slug)


@require_safe
@reader_cacheable
def issue_citations(request: HttpRequest, page_id: int, format_name: str) -> HttpResponse:
    _format(format_name)
    issue = selectors.public_issue(page_id=page_id, site=Site.find_for_request(request))
    if issue is None:
        raise Http404("No such issue.")
    works = selectors.issue_works(issue=issue, request=request)
    return _download(works, format_name, f"{issue.get_parent().slug}-{issue.slug}")


@require_safe
@reader_cacheable
def search_citations(request: HttpRequest, format_name: str) -> HttpResponse:
    _format(format_name)
    if parse(request.GET.get("q", "")).is_empty and not read_filters(request):
        return HttpResponse(
            "Search for something first: /cite/search/<format>/?q=words (filters as on /search/).",
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    return _download(selectors.search_works(request), format_name, "search-results")
