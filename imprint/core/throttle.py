"""Login throttling: django-axes's lockout page, and the private-page password form throttled.

Sign-in forms (Wagtail's admin, the front-end login) are covered by django-axes through its
authentication backend. A private page's password is no user's, so axes never sees it; this
module counts its failures through axes all the same, under a name of their own per
restriction, so one limit, one cool-off and one list of attempts cover both.
"""

from __future__ import annotations

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from wagtail import views as wagtail_views

PRIVATE_PAGE_PREFIX = "page-password:"


def client_address(request: HttpRequest) -> str:
    """The address a request came from, as the login throttle counts it.

    ``REMOTE_ADDR``, or behind ``IMPRINT_TRUSTED_PROXIES`` reverse proxies (each appends the
    address it saw to X-Forwarded-For) the entry that many places from the right: entries
    further left were written by the client and can be forged.
    """
    proxies = settings.IMPRINT_TRUSTED_PROXIES
    remote = request.META.get("REMOTE_ADDR", "")
    if not proxies:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    hops = [hop.strip() for hop in forwarded if hop.strip()]
    return hops[-proxies] if len(hops) >= proxies else remote


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    """The page shown instead of a login form once an account and address are locked out."""
    username = str((credentials or {}).get("username") or "")
    context = {
        "page_password": username.startswith(PRIVATE_PAGE_PREFIX),
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "core/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)


def authenticate_with_password(
    request: HttpRequest, page_view_restriction_id: int, page_id: int
) -> HttpResponse:
    """Wagtail's password form for private pages, locked per restriction and address."""
    if request.method != "POST":
        return wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
    credentials = {"username": f"{PRIVATE_PAGE_PREFIX}{page_view_restriction_id}"}
    if not AxesProxyHandler.is_allowed(request, credentials):
        return lockout_response(request, None, credentials)
    response = wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
    if _wrong_password(response):
        # Counted like a failed login; AxesMiddleware shows the lockout page at the limit.
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
    return response


def _wrong_password(response: HttpResponse) -> bool:
    """Whether Wagtail answered with its form again, showing that the password was wrong."""
    form = (getattr(response, "context_data", None) or {}).get("form")
    return response.status_code == 200 and form is not None and form.has_error("password")
