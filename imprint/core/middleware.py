"""Middleware shared by every page."""

from __future__ import annotations

from collections.abc import Callable

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.http.request import split_domain_port
from wagtail.models import Site

SITES_CACHE_KEY = "imprint:sites"


class CachedSiteMiddleware:
    """Find the request's Wagtail site in the cache instead of the database.

    Wagtail looks the site up with one query per request (a CASE over host names and ports),
    which costs more to build than the rest of a page's routing. The answer depends only on
    host and port and changes only when a Site is saved or deleted; ``signal_handlers`` drops
    the cached map then. The default cache is on disk, shared by the server's worker processes,
    so every process sees the change.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not hasattr(request, "_wagtail_site"):
            # The raw host, as Wagtail uses: ALLOWED_HOSTS is CommonMiddleware's to check.
            key = (split_domain_port(request._get_raw_host())[0], request.get_port())
            sites = cache.get(SITES_CACHE_KEY) or {}
            if key not in sites:
                sites[key] = Site._find_for_request(request)
                cache.set(SITES_CACHE_KEY, sites, 3600)
            request._wagtail_site = sites[key]
        return self.get_response(request)


class RejectNulMiddleware:
    """Answer 400 to a request whose path or query holds a NUL character.

    No page of ours has a use for one, and PostgreSQL refuses NUL in any string it is given:
    without this, ``?topic=%00`` would reach a query and answer 500.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        values = [request.path, *request.GET.keys()]
        values += [v for vs in request.GET.lists() for v in vs[1]]
        if any("\x00" in value for value in values):
            from .views import bad_request

            return bad_request(
                request,
                message="The address holds a character (NUL) that no "
                "page here accepts. Check the link, or search again.",
            )
        return self.get_response(request)
