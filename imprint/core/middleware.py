"""Middleware shared by every page."""

from __future__ import annotations

from collections.abc import Callable

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
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
            request._wagtail_site = self.site_for(request)
        return self.get_response(request)

    @staticmethod
    def site_for(request: HttpRequest) -> Site | None:
        """The request's site as Wagtail would find it, from a map as small as the site list.

        Wagtail gives every host name that no Site names the default site, whatever the port,
        so all such hosts share one entry: made-up hosts (a wildcard ALLOWED_HOSTS lets them
        in) cannot grow the map.
        """
        # The raw host, as Wagtail uses: ALLOWED_HOSTS is CommonMiddleware's to check.
        hostname = split_domain_port(request._get_raw_host())[0]
        state = cache.get(SITES_CACHE_KEY)
        if state is None:
            hostnames = frozenset(Site.objects.values_list("hostname", flat=True))
            state = {"hostnames": hostnames, "sites": {}}
        key = (hostname, request.get_port()) if hostname in state["hostnames"] else None
        if key not in state["sites"]:
            state["sites"][key] = Site._find_for_request(request)
            cache.set(SITES_CACHE_KEY, state, 3600)
        return state["sites"][key]


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's own looser policy under the admin's paths.

    ``IMPRINT_ADMIN_CONTENT_SECURITY_POLICY`` explains why the admin needs it.
    """

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponse, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        admin = request.path_info.startswith(tuple(settings.IMPRINT_ADMIN_URL_PREFIXES))
        if admin and not report_only and parts.config is None:
            parts.config = settings.IMPRINT_ADMIN_CONTENT_SECURITY_POLICY
        return parts
