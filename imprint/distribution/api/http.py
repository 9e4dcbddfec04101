"""What every answer of the API shares: CORS for any origin, caching headers with an ETag
(a repeated request with If-None-Match answers 304 without a body), HEAD and OPTIONS, and a
rate limit per client address."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from ninja.throttling import SimpleRateThrottle

from imprint.core.throttle import client_address

# Short: a publish shows in the API within a minute, as the listing pages' readers see it.
MAX_AGE_SECONDS = 60
ALLOWED_METHODS = "GET, HEAD, OPTIONS"


def public_read(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wrap one of the API's views with the headers and methods every answer shares."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
            response["Access-Control-Allow-Headers"] = "If-None-Match, Accept"
            response["Access-Control-Max-Age"] = "86400"
        else:
            head = request.method == "HEAD"
            if head:  # answered as GET, then the body is dropped (ninja routes GET only)
                request.method = "GET"
            response = _conditional(request, view(request, *args, **kwargs))
            if head:
                request.method = "HEAD"
                response.content = b""
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "ETag, Retry-After"
        return response

    return wrapped


def _conditional(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    if response.status_code != 200 or response.streaming:
        patch_cache_control(response, no_cache=True)
        return response
    patch_cache_control(response, public=True, max_age=MAX_AGE_SECONDS)
    set_response_etag(response)
    return get_conditional_response(request, etag=response["ETag"], response=response)


class ClientRateThrottle(SimpleRateThrottle):
    """``IMPRINT_API_RATE`` requests ("600/m") per client address; none when it is empty.

    The address is the one the login throttle counts (trusted proxies' X-Forwarded-For), so a
    client cannot reset its count by forging the header. The rate is read at each request.
    """

    scope = "imprint-api"

    def __init__(self) -> None:  # the rate comes from the settings at each request
        self.rate = None

    def allow_request(self, request: HttpRequest) -> bool:
        rate = settings.IMPRINT_API_RATE
        if not rate:
            return True
        self.rate = rate
        self.num_requests, self.duration = self.parse_rate(rate)
        return super().allow_request(request)

    def get_cache_key(self, request: HttpRequest) -> str:
        return self.cache_format % {"scope": self.scope, "ident": client_address(request)}
