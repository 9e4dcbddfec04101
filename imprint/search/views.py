import logging
import re

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from wagtail.models import Page, Site

from imprint.core.pagination import paginate, querystring_without_page
from imprint.publications.selectors import live_in_site

MAX_QUERY_LENGTH = 200
# Search engines give quotes, brackets and operators a syntax of their own (SQLite's FTS5
# answers a lone " with an error); readers type words, so words are what we pass on.
_NOT_WORDS = re.compile(r"[^\w\s]+")
logger = logging.getLogger(__name__)


def search_terms(raw: str) -> str:
    """The words of a reader's query, without punctuation an engine would read as syntax."""
    return " ".join(_NOT_WORDS.sub(" ", raw[:MAX_QUERY_LENGTH]).split())


def search(request: HttpRequest) -> HttpResponse:
    """Search the live pages of the request's site (Wagtail's database backend for now)."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    terms = search_terms(query)
    results, failed = None, False
    if query:
        pages = Page.objects.none()
        if terms:
            site_pages = live_in_site(Page.objects.all(), Site.find_for_request(request))
            pages = site_pages.specific().search(terms)
        try:
            results = paginate(request, pages)
        except DatabaseError:
            # Whatever the engine: a query it cannot run is the reader's no-result, not a 500.
            logger.warning("Search failed for %r", terms, exc_info=True)
            results, failed = paginate(request, Page.objects.none()), True
    context = {
        "query": query,
        "results": results,
        "failed": failed,
        "querystring": querystring_without_page(request),
    }
    return render(request, "search/search.html", context)
