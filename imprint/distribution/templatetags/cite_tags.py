"""The "Cite" section of publication and issue pages, and DOI links."""

from __future__ import annotations

from urllib.parse import quote

from django import template
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Site

from imprint.core.content_cache import content_generation
from imprint.core.restrictions import under_restriction
from imprint.distribution.cite.formats import FORMATS
from imprint.distribution.cite.styles import references
from imprint.distribution.works import describe_many

register = template.Library()


@register.filter
def doi_url(doi: str) -> str:
    """https://doi.org/ and the DOI, its characters that URLs reserve escaped (a DOI may hold
    "#" or "?", which would end the path)."""
    return f"https://doi.org/{quote(doi, safe='/:;()._-~,+=!*@$')}" if doi else ""


CACHE_PREFIX = "imprint:cite:"
CACHE_SECONDS = 3600


@register.simple_tag(takes_context=True)
def cite_box(context, page) -> SafeString:
    """Formatted references and download links for a publication that is being served
    (nothing for a page not saved yet, as in the preview of a new page).

    Describing the work costs a handful of queries, about a third of an uncached publication
    page: a public page's box is rendered once per content generation, like its head
    (distribution.metadata.build), and shared by every request after.
    """
    request = context.get("request")
    key = _cache_key(page, request)
    html = cache.get(key) if key else None
    if html is None:
        html = render_to_string("distribution/cite.html", _cite_context(page, request))
        if key:
            cache.set(key, str(html), CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 (rendered by the autoescaping template)


def _cache_key(page, request) -> str | None:
    """None for what must not be shared: previews, drafts and pages under a restriction."""
    if request is None or not page.pk or not page.live or getattr(request, "is_preview", False):
        return None
    if under_restriction(page.path):
        return None
    site = Site.find_for_request(request)
    return f"{CACHE_PREFIX}{content_generation(request)}:{site.pk if site else 0}:{page.pk}"


def _cite_context(page, request) -> dict:
    works = describe_many([page.pk], request=request) if page.pk else []
    if not works:
        return {"work": None}
    work = works[0]
    return {
        "work": work,
        "references": references(work),
        "downloads": [(f, "cite_publication", page.pk) for f in FORMATS.values()],
    }


@register.simple_tag
def cite_formats() -> list:
    """The download formats, for the issue page's links."""
    return list(FORMATS.values())
