"""The feed views: one for every scope and format, cheap to poll.

Feed readers ask every few minutes. The ETag is derived from the content generation (which
moves after every editor's change) and the address, so a reader that already has the current
feed gets its 304 before any query is made; Last-Modified is the newest entry's change. The
page cache keeps whole feeds for anonymous readers (``reader_cacheable``) and answers
conditional requests from them too.
"""

from __future__ import annotations

import hashlib
from urllib.parse import urljoin

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from wagtail.models import Site

from imprint.core.content_cache import content_generation
from imprint.core.models import InstituteSettings
from imprint.core.page_cache import reader_cacheable
from imprint.distribution.works import describe_many

from . import build
from .scopes import UnknownScope, resolve

FEED_LIMIT = 50


@reader_cacheable
def feed(request: HttpRequest, fmt: str, kind: str = "site", key: str = "") -> HttpResponse:
    etag = _etag(request)
    asked = request.headers.get("If-None-Match", "")
    # "*" asks whether the feed exists at all: only the full answer knows that.
    if asked and "*" not in asked:
        not_modified = get_conditional_response(request, etag=etag)
        if not_modified is not None:
            not_modified["ETag"] = etag
            return not_modified
    site = Site.find_for_request(request)
    try:
        scope = resolve(kind, key, site=site)
    except UnknownScope as unknown:
        return _not_found(request, unknown)
    return _feed_response(request, site, scope, fmt, etag)


def _feed_response(request: HttpRequest, site: Site | None, scope, fmt: str, etag: str):
    ids = scope.publications.prefetch_related(None).values_list("pk", flat=True)
    works = describe_many(list(ids[:FEED_LIMIT]), request=request)
    body = build.render(_info(request, site, scope), works, fmt=fmt)
    response = HttpResponse(body, content_type=f"{build.FORMATS[fmt]}; charset=utf-8")
    response["ETag"] = etag
    updated = build.feed_updated(works)
    modified = updated.timestamp() if updated else None
    if modified is not None:
        response["Last-Modified"] = http_date(modified)
    return get_conditional_response(request, etag=etag, last_modified=modified, response=response)


def _etag(request: HttpRequest) -> str:
    raw = f"{content_generation(request)}|{request.get_host()}|{request.get_full_path()}"
    return f'W/"{hashlib.blake2b(raw.encode(), digest_size=12).hexdigest()}"'


def _info(request: HttpRequest, site: Site | None, scope) -> build.FeedInfo:
    institute = InstituteSettings.for_site(site) if site else None
    name = institute.name if institute and institute.name else "Imprint"
    # The site's own address, as the entries' links (works.describe) use it.
    root = site.root_url if site else request.build_absolute_uri("/").rstrip("/")
    if scope.kind == "site":
        title, subtitle = name, f"New publications from {name}"
    else:
        title, subtitle = f"{name}: {scope.label}", f"New publications from {name}: {scope.label}"
    return build.FeedInfo(
        title=title,
        subtitle=subtitle,
        feed_url=f"{root}{request.path}",
        html_url=urljoin(f"{root}/", scope.html_path),
        language=settings.LANGUAGE_CODE,
        publisher=name,
        root_url=root,
    )


def _not_found(request: HttpRequest, unknown: UnknownScope) -> HttpResponse:
    context = {
        "what": unknown.what,
        "key": unknown.key,
        "site_feed": reverse("feed", kwargs={"fmt": "atom"}),
    }
    return render(request, "distribution/feed_not_found.html", context, status=404)
