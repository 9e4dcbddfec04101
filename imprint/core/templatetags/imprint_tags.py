"""Template helpers shared by every public page."""

from django import template
from django.core.cache import cache
from django.urls import reverse
from django.utils.safestring import mark_safe
from wagtail.models import Page, Site

from imprint.core.content_cache import content_generation

register = template.Library()
NAV_CACHE_PREFIX = "imprint:nav:"
CARD_CACHE_PREFIX = "imprint:card:"
CARD_CACHE_SECONDS = 3600
CARD_TEMPLATE = "components/card.html"


@register.simple_tag(takes_context=True)
def site_nav(context) -> list[dict]:
    """Top navigation: the home page's children marked "show in menus", then people and topics.

    Cached for the content generation (a publish, move or removal starts a new one);
    remembered on the request so header and footer share it.
    """
    request = context.get("request")
    cached = getattr(request, "_imprint_nav", None)
    if cached is not None:
        return cached
    site = Site.find_for_request(request) if request else None
    items = _menu_pages(site, request) if site is not None else []
    items += [
        {"title": "People", "url": reverse("person_index"), "path": None},
        {"title": "Topics", "url": reverse("topic_index"), "path": None},
    ]
    if request is not None:
        request._imprint_nav = items
    return items


def _menu_pages(site: Site, request) -> list[dict]:
    """The site's live, public menu pages, cached for the content generation."""
    key = f"{NAV_CACHE_PREFIX}{content_generation(request)}:{site.pk}"
    items = cache.get(key)
    if items is None:
        children = Page.objects.child_of(site.root_page).live().public().in_menu().order_by("path")
        items = [
            {"title": p.title, "url": p.get_url(request), "path": p.url_path} for p in children
        ]
        cache.set(key, items, 3600)
    return items  # a fresh copy from the cache each time: callers may extend it


@register.simple_tag(takes_context=True)
def cards(context, items, level=None, show_number=False) -> list[str]:
    """The listing card (``components/card.html``) of each item, in order.

    Every card shows only its item's own fields, authors and topics, so each is rendered once
    per content generation (any publish, move, person or topic change starts a new one) and
    shared by every listing, home page and person or topic page that shows it. The key holds
    the request's site, since a page's link is relative only inside its own site.
    """
    request = context.get("request")
    items = list(items)
    if not items:
        return []
    level = level or 3
    site = Site.find_for_request(request) if request is not None else None
    prefix = (
        f"{CARD_CACHE_PREFIX}{content_generation(request)}:{getattr(site, 'pk', 0)}:"
        f"{level}:{int(bool(show_number))}:"
    )
    keys = [f"{prefix}{item._meta.label_lower}:{item.pk}" for item in items]
    found = cache.get_many(keys)
    missing = {}
    card = context.template.engine.get_template(CARD_TEMPLATE)
    for key, item in zip(keys, items, strict=True):
        if key not in found:
            with context.push(item=item, level=level, show_number=show_number):
                missing[key] = found[key] = card.render(context)
    if missing:
        cache.set_many(missing, CARD_CACHE_SECONDS)
    return [mark_safe(found[key]) for key in keys]  # noqa: S308 (rendered by the template)


@register.simple_tag
def nav_is_current(item: dict, page=None, request=None) -> bool:
    url_path = getattr(page, "url_path", None)  # Django views have no page
    if url_path and item["path"]:
        return url_path.startswith(item["path"])
    return bool(request and request.path.startswith(item["url"]))


@register.simple_tag(takes_context=True)
def page_ancestors(context, page) -> list:
    """The page's ancestors below the root, for breadcrumbs (one query)."""
    return list(page.get_ancestors().filter(depth__gt=1))


@register.filter
def pdf_label(document) -> str:
    """'1.2 MB, 14 pages' for a document; the page count only when known."""
    from django.template.defaultfilters import filesizeformat

    parts = []
    if document.file_size:
        parts.append(filesizeformat(document.file_size))
    if document.page_count:
        parts.append(f"{document.page_count} page{'s' if document.page_count != 1 else ''}")
    return ", ".join(parts)
