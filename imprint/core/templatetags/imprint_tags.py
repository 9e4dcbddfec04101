"""Template helpers shared by every public page."""

from django import template
from django.core.cache import cache
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.safestring import mark_safe
from wagtail.models import Page, Site

from imprint.core.content_cache import content_generation

register = template.Library()
NAV_CACHE_PREFIX = "imprint:nav:"
CARD_CACHE_PREFIX = "imprint:card:"
CARD_CACHE_SECONDS = 3600
CARD_TEMPLATE = "components/card.html"
CRUMBS_CACHE_PREFIX = "imprint:crumbs:"


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

    Given a page of a paginated queryset, only the items' ids are read first: the items whose
    cards are not cached are then fetched (with their authors and topics), the others never.
    """
    request = context.get("request")
    level = level or 3
    site = Site.find_for_request(request) if request is not None else None
    prefix = (
        f"{CARD_CACHE_PREFIX}{content_generation(request)}:{getattr(site, 'pk', 0)}:"
        f"{level}:{int(bool(show_number))}:"
    )
    queryset = _unfetched(items)
    if queryset is not None:
        ids = list(getattr(items, "object_list", items).values_list("pk", flat=True))
        label = queryset.model._meta.label_lower
        keys = [f"{prefix}{label}:{pk}" for pk in ids]
        found = cache.get_many(keys)
        wanted = {pk for pk, key in zip(ids, keys, strict=True) if key not in found}
        fetched = {item.pk: item for item in queryset.filter(pk__in=wanted)} if wanted else {}
        pairs = [(key, fetched.get(pk)) for pk, key in zip(ids, keys, strict=True)]
    else:
        pairs = [(f"{prefix}{i._meta.label_lower}:{i.pk}", i) for i in items]
        found = cache.get_many([key for key, _ in pairs])
    missing = {}
    card = context.template.engine.get_template(CARD_TEMPLATE)
    for key, item in pairs:
        if key not in found and item is not None:
            with context.push(item=item, level=level, show_number=show_number):
                missing[key] = found[key] = card.render(context)
    if missing:
        cache.set_many(missing, CARD_CACHE_SECONDS)
    # A page unpublished between the two reads has no card: it is left out.
    return [mark_safe(found[key]) for key, _ in pairs if key in found]  # noqa: S308


def _unfetched(items) -> QuerySet | None:
    """The whole queryset behind ``items`` (a queryset, maybe sliced, or a paginator's page
    of one) if its items have not been fetched yet; else None."""
    object_list = getattr(items, "object_list", items)
    if not isinstance(object_list, QuerySet) or object_list._result_cache is not None:
        return None
    whole = object_list._chain()
    whole.query.clear_limits()
    return whole


@register.simple_tag
def nav_is_current(item: dict, page=None, request=None) -> bool:
    url_path = getattr(page, "url_path", None)  # Django views have no page
    if url_path and item["path"]:
        return url_path.startswith(item["path"])
    return bool(request and request.path.startswith(item["url"]))


@register.simple_tag(takes_context=True)
def page_ancestors(context, page) -> list[dict]:
    """The page's ancestors below the root for breadcrumbs: title, depth and URL of each.

    Remembered for the content generation (a publish or move starts a new one) under the
    parent's tree path and the request's site, since a link is relative only inside its site.
    """
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    parent_path = page.path[: -page.steplen]
    key = (
        f"{CRUMBS_CACHE_PREFIX}{content_generation(request)}:{getattr(site, 'pk', 0)}:{parent_path}"
    )
    crumbs = cache.get(key)
    if crumbs is None:
        ancestors = page.get_ancestors().filter(depth__gt=1)
        crumbs = [
            {"title": a.title, "depth": a.depth, "url": a.get_url(request)} for a in ancestors
        ]
        cache.set(key, crumbs, CARD_CACHE_SECONDS)
    return crumbs


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
