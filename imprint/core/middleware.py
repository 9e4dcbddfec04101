"""Middleware shared by every page."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.core.cache import cache
from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.request import split_domain_port
from wagtail.models import Site

# Named for the shape of what it holds: a cache kept across an upgrade must not hand the new
# code an entry of the old shape.
SITES_CACHE_KEY = "imprint:site-map:v2"


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


_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
_COPIED_HEADERS = (
    "Content-Disposition",
    "ETag",
    "Last-Modified",
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "Cache-Control",
)


def byte_range(header: str, size: int) -> tuple[int, int] | None:
    """(first, last) byte of a single ``bytes=`` range within ``size``; None if unsatisfiable.

    Raises ValueError for a header this does not serve (several ranges, other units), which the
    caller answers with the whole file, as HTTP allows.
    """
    match = _RANGE.match(header.strip())
    if match is None or match.group(1) == match.group(2) == "":
        raise ValueError(header)
    first, last = match.groups()
    if first == "":  # the last N bytes
        length = int(last)
        return (max(size - length, 0), size - 1) if length and size else None
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    return (start, end) if start <= end and start < size else None


class RangeRequestMiddleware:
    """Answer ``Range: bytes=a-b`` for files with 206 and only those bytes.

    A PDF viewer asks for the start of a file, then the pages it shows: a reader can begin
    reading a 200 MB report at once and jump to a page, and no worker is held for the whole
    file. Django's FileResponse has no range support, and the packages that add it are
    unmaintained, hence these few lines. Only one range per request; anything else gets the
    whole file, as HTTP allows.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        _tidy_file_headers(response)
        if not isinstance(response, FileResponse) or response.status_code != 200:
            return response
        if "Content-Length" not in response:
            return response
        response["Accept-Ranges"] = "bytes"
        header = request.headers.get("Range")
        if_range = request.headers.get("If-Range")
        if not header or (if_range and if_range != response.get("ETag")):
            return response
        size = int(response["Content-Length"])
        try:
            wanted = byte_range(header, size)
        except ValueError:
            return response
        if wanted is None:
            response.close()
            refused = HttpResponse(status=416)
            refused["Content-Range"] = f"bytes */{size}"
            return refused
        return _partial(response, *wanted, size)


def _tidy_file_headers(response: HttpResponse) -> None:
    """Mend what Wagtail's sendfile writes (``wagtail.utils.sendfile``).

    It writes the file's encoding even when there is none, as the word "None": a PDF viewer
    then takes the file for compressed and never asks for a range. When the web server is to
    send the file (X-Accel-Redirect, X-Sendfile), it also writes the file's length over an
    empty body, which granian refuses by dropping the connection now and then (nginx answers
    502); the web server writes the length of what it sends.
    """
    if response.get("Content-Encoding") == "None":
        del response["Content-Encoding"]
    if "X-Accel-Redirect" in response or "X-Sendfile" in response:
        del response["Content-Length"]


def _partial(response: FileResponse, start: int, end: int, size: int) -> StreamingHttpResponse:
    source = response.file_to_stream
    source.seek(start)
    partial = StreamingHttpResponse(
        _read(source, end - start + 1), status=206, content_type=response["Content-Type"]
    )
    for name in _COPIED_HEADERS:
        if name in response:
            partial[name] = response[name]
    partial["Accept-Ranges"] = "bytes"
    partial["Content-Range"] = f"bytes {start}-{end}/{size}"
    partial["Content-Length"] = str(end - start + 1)
    return partial


def _read(source, remaining: int, block: int = 64 * 1024) -> Iterator[bytes]:
    try:
        while remaining > 0:
            chunk = source.read(min(block, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk
    finally:
        source.close()
