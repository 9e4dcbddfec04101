"""Which head a page gets, and the rendered head kept for the content generation.

A page's head depends only on what it shows (the page, person or topic), the site, and which
page of a listing it is, and changes only when content does: it is rendered once per content
generation (a publish, move, or any editor's change starts a new one) and shared by every
request after, so a warm page asks the database nothing more than it did without it.

Only what is live and public is described: a preview, or a private page shown to a reader who
passed its password, gets the plain tags of its title and nothing that is cached or that
names other content.
"""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page, Site

from imprint.core.content_cache import content_generation
from imprint.core.models import InstituteSettings
from imprint.publications.models import PublicationPage
from imprint.publications.selectors import live_in_site

from ..works import describe
from . import pages, scholarly
from .head import Head

CACHE_PREFIX = "imprint:head:"
CACHE_SECONDS = 3600
TEMPLATE = "distribution/head.html"
LISTING_FILTERS = ("type", "topic", "author", "year")


def render_head(context) -> SafeString:
    """The rendered tags for the page of ``context`` (a template context)."""
    request: HttpRequest | None = context.get("request")
    if request is None:
        return mark_safe("")
    site = Site.find_for_request(request)
    subject, variant = _subject(context, request)
    if site is None or subject is None or getattr(request, "is_preview", False):
        return _render(_fallback(context, request, site))
    key = f"{CACHE_PREFIX}{content_generation(request)}:{site.pk}:{subject}:{variant}"
    html = cache.get(key)
    if html is None:
        head = _build(context, request, site, variant)
        if head is None:  # not public: described plainly, and not kept
            return _render(_fallback(context, request, site))
        html = _render(head)
        cache.set(key, str(html), CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 (rendered by the autoescaping template)


def _render(head: Head | None) -> SafeString:
    if head is None:
        return mark_safe("")
    return render_to_string(TEMPLATE, {"head": head})


def _subject(context, request: HttpRequest) -> tuple[str | None, str]:
    """A key for what the page shows and, for listings, which page of it (its canonical URL)."""
    page, person, topic = context.get("page"), context.get("person"), context.get("topic")
    number = _page_number(context)
    filtered = any(request.GET.get(name) for name in LISTING_FILTERS)
    variant = f"{number}:{int(filtered)}"
    if isinstance(page, Page):
        return f"page:{page.pk}", f"{variant}:{_route(page, request)}"
    if person is not None:
        return f"person:{person.pk}", variant
    if topic is not None:
        return f"topic:{topic.pk}", variant
    match = getattr(request, "resolver_match", None)
    if match is not None and match.url_name in ("person_index", "topic_index"):
        return f"view:{match.url_name}", variant
    return None, variant


def _route(page: Page, request: HttpRequest) -> str:
    """What the address adds to the page's own (a routable page's route: ``articles/``)."""
    own = page.get_url(request) or ""
    if not own.startswith("/") or not request.path.startswith(own):
        return ""
    route = request.path[len(own) :]
    return route if len(route) < 100 else ""


def _page_number(context) -> int:
    """Which page of a listing this is. Never tests the listing for truth: that would fetch
    its items, which the cards read from the cache without fetching them."""
    for name in ("items", "issues"):
        listed = context.get(name)
        if listed is not None:
            number = getattr(listed, "number", 1)
            return number if isinstance(number, int) else 1
    return 1


def _canonical(base: str, context, request: HttpRequest) -> str:
    """The page's own URL; a listing's later pages keep their number, filters are dropped."""
    number = _page_number(context)
    filtered = any(request.GET.get(name) for name in LISTING_FILTERS)
    return f"{base}?page={number}" if number > 1 and not filtered else base


def _where(context, request: HttpRequest, site: Site, base: str) -> pages.Where:
    institute = InstituteSettings.for_request(request)
    root = site.root_url
    return pages.Where(
        site=site,
        root=root,
        institute=institute,
        canonical=_canonical(base, context, request),
        publisher=pages.publisher(institute, root),
    )


def _build(context, request: HttpRequest, site: Site, variant: str) -> Head | None:
    page, person, topic = context.get("page"), context.get("person"), context.get("topic")
    if isinstance(page, Page):
        return _page_head(context, request, site, page)
    root = site.root_url
    if person is not None:
        return pages.person(_where(context, request, site, root + request.path), person)
    if topic is not None:
        return pages.topic(_where(context, request, site, root + request.path), topic)
    where = _where(context, request, site, root + request.path)
    title = "People" if request.resolver_match.url_name == "person_index" else "Topics"
    return pages.plain(where, title, [(title, where.canonical)])


def _page_head(context, request: HttpRequest, site: Site, page: Page) -> Head | None:
    from imprint.blog.models import BlogIndexPage
    from imprint.home.models import HomePage
    from imprint.journal.models import IssuePage, JournalPage, VolumePage
    from imprint.publications.models import PublicationIndexPage, SeriesPage

    if not live_in_site(type(page).objects.filter(pk=page.pk), None).exists():
        return None
    route = _route(page, request)
    where = _where(context, request, site, page.get_full_url(request) + route)
    if isinstance(page, PublicationPage):
        return _publication(where, page, request)
    if isinstance(page, HomePage):
        return pages.home(where, page)
    if isinstance(page, JournalPage) and route:  # articles/: the journal's every article
        return pages.collection(where, page, "CollectionPage", request, route_title="Articles")
    builders = {
        JournalPage: lambda: pages.journal(where, page, request),
        VolumePage: lambda: pages.volume(where, page, request),
        IssuePage: lambda: pages.issue(where, page, request),
        BlogIndexPage: lambda: pages.collection(where, page, "Blog", request),
        SeriesPage: lambda: pages.collection(where, page, "CreativeWorkSeries", request),
        PublicationIndexPage: lambda: pages.collection(where, page, "CollectionPage", request),
    }
    for model, build in builders.items():
        if isinstance(page, model):
            return build()
    return pages.collection(where, page, "WebPage", request)


def _publication(where: pages.Where, page: PublicationPage, request: HttpRequest) -> Head:
    work = describe(page, request=request)
    image = pages.rendition(page.feature_image, pages.SHARE_SPEC, where.root)
    head = scholarly.work_head(
        work,
        title=page.seo_title or page.title,
        site_name=where.institute.name,
        publisher=where.publisher,
        image=image,
    )
    head.json_ld.append(where.crumbs(*pages.page_trail(page, request)))
    return head


def _fallback(context, request: HttpRequest, site: Site | None) -> Head | None:
    """Open Graph's title and site name only: for previews, private pages, search, forms."""
    institute = InstituteSettings.for_request(request)
    page = context.get("page")
    title = getattr(page, "title", "") if isinstance(page, Page) else ""
    return Head(title=title or institute.name, canonical="", site_name=institute.name)
