"""Whole pages for anonymous readers, served without rendering them again.

Readers mostly arrive anonymous, and most read the same pages. A response is stored when a
view said it may be (``reader_cacheable`` or a Wagtail page without view restrictions), the
request came without a session (editors, previews and readers who passed a page's password
always get a fresh page), and the response is a plain 200 that sets no cookie. Entries live
under the content generation (``content_cache``), so a publish, a move or any editor's change
leaves them behind at once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe

from .content_cache import content_generation

PAGE_CACHE_SECONDS = 3600
# Headers that belong to one exchange, not to the page: never stored.
_EXCHANGE_HEADERS = {"set-cookie", "date", "content-length", "vary", "x-imprint-cache"}


def mark_cacheable(request: HttpRequest) -> None:
    request._imprint_page_cacheable = True


def reader_cacheable(view: Callable) -> Callable:
    """A view whose answer is the same for every anonymous reader."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        mark_cacheable(request)
        return view(request, *args, **kwargs)

    return wrapped


def _key(request: HttpRequest) -> str | None:
    if not settings.IMPRINT_PAGE_CACHE or request.method not in ("GET", "HEAD"):
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return None  # an editor or a reader with a session: always the truth
    raw = f"{request.get_host()}|{request.get_full_path()}"
    digest = hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()
    return f"imprint:page:{content_generation(request)}:{digest}"


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        getattr(request, "_imprint_page_cacheable", False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


class ReaderPageCacheMiddleware:
    """Serve anonymous readers from the page cache; fill it from responses that may be kept."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = _key(request)
        if key is None:
            return self.get_response(request)
        stored = cache.get(key)
        if stored is not None:
            return _answer(request, _rebuild(stored, head=request.method == "HEAD"))
        response = self.get_response(request)
        if _storable(request, response):
            _allow_frontend_caches(response)
            headers = {
                name: value
                for name, value in response.items()
                if name.lower() not in _EXCHANGE_HEADERS
            }
            cache.set(key, (response.content, headers), PAGE_CACHE_SECONDS)
            response["X-Imprint-Cache"] = "miss"
        return response


def _rebuild(stored: tuple[bytes, dict], *, head: bool) -> HttpResponse:
    content, headers = stored
    response = HttpResponse(b"" if head else content, headers=headers)
    response["Content-Length"] = str(len(content))
    response["X-Imprint-Cache"] = "hit"
    return response


def _answer(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """A stored page that says its ETag or Last-Modified (feeds) answers a conditional request
    with 304 Not Modified, as its view would have: feed readers poll with them."""
    etag, modified = response.get("ETag"), response.get("Last-Modified")
    if not etag and not modified:
        return response
    last_modified = parse_http_date_safe(modified) if modified else None
    return get_conditional_response(
        request, etag=etag, last_modified=last_modified, response=response
    )


def _allow_frontend_caches(response: HttpResponse) -> None:
    """Let a CDN in front of the site keep the page a while (only when one is configured)."""
    seconds = settings.IMPRINT_FRONTEND_CACHE_SECONDS
    if settings.WAGTAILFRONTENDCACHE and seconds > 0 and "Cache-Control" not in response:
        response["Cache-Control"] = f"public, max-age=0, s-maxage={seconds}"
