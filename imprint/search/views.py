from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from wagtail.models import Page

from imprint.core.pagination import paginate, querystring_without_page

MAX_QUERY_LENGTH = 200


def search(request: HttpRequest) -> HttpResponse:
    """Search the live pages of the site (Wagtail's database backend for now)."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = None
    if query:
        pages = Page.objects.live().public().specific().search(query)
        results = paginate(request, pages)
    context = {"query": query, "results": results, "querystring": querystring_without_page(request)}
    return render(request, "search/search.html", context)
