import hashlib

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.http import Http404
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField
from wagtail.models import Page, Site, get_page_models

from imprint.core.blocks import RICH_FEATURES
from imprint.core.content_cache import content_generation
from imprint.core.restrictions import ReaderRestrictionsMixin

ROUTE_CACHE_PREFIX = "imprint:route:"
ROUTE_CACHE_SECONDS = 24 * 3600
ROUTABLE_CACHE_PREFIX = "imprint:routable:"


def _routable_content_type_ids() -> frozenset[int]:
    """Content types of the page models whose own sub-routes come before their children.

    Not remembered here: Django's cache of content types answers without a query, and is the
    one dropped when their ids change (a database flushed or loaded, as tests do).
    """
    models = [m for m in get_page_models() if issubclass(m, RoutablePageMixin)]
    return frozenset(ct.pk for ct in ContentType.objects.get_for_models(*models).values())


def _routable_pages() -> list[tuple[str, str, int]]:
    """(path, url_path, content type) of every routable page, for the content generation."""
    routable = _routable_content_type_ids()
    if not routable:
        return []
    key = f"{ROUTABLE_CACHE_PREFIX}{content_generation()}"
    pages = cache.get(key)
    if pages is None:
        rows = Page.objects.filter(content_type_id__in=routable)
        pages = list(rows.values_list("path", "url_path", "content_type_id"))
        cache.set(key, pages, ROUTE_CACHE_SECONDS)
    return pages


def _has_own_route(content_type_id: int, path: str) -> bool:
    """Whether the routable page type has a route of its own for ``path``."""
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        return True  # a type no longer installed: let Wagtail's walk decide
    try:
        model.get_resolver().resolve(path)
    except Http404:
        return False
    return True


class HomePage(ReaderRestrictionsMixin, Page):
    """The front page: featured and latest work, the latest journal issue, search, signup."""

    intro = RichTextField(blank=True, features=RICH_FEATURES)
    signup_text = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="Shown beside the mailing-list signup on the home page.",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("signup_text")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    template = "home/home_page.html"

    def route(self, request, path_components):
        """Find the requested page by its URL path in one lookup.

        Wagtail walks the tree one URL segment at a time, two queries a level. No page type of
        ours changes how its children are found, so the page whose url_path matches is the one
        the walk would reach, unless a routable page (``RoutablePageMixin``) lies on the way:
        its own sub-routes come before its children, so then Wagtail walks. Anything not found
        (a route inside a routable page, or nothing at all) falls back on Wagtail's walk, which
        raises the 404.
        """
        if path_components:
            url_path = f"{self.url_path}{'/'.join(path_components)}/"
            page = self._find_by_url_path(url_path)
            if page is not None and not self._routable_between(page):
                return page.route(request, [])
        return super().route(request, path_components)

    def _routable_between(self, page: Page) -> bool:
        """Whether a routable page between this page and ``page`` answers the path itself.

        A routable page's own routes come before its children, so where one of them matches
        the rest of the path, Wagtail's walk must decide. Routable pages are few: their places
        are remembered for the content generation, so this asks the database nothing.
        """
        for path, url_path, content_type_id in _routable_pages():
            inside = len(self.path) < len(path) < len(page.path) and page.path.startswith(path)
            if inside and _has_own_route(content_type_id, "/" + page.url_path[len(url_path) :]):
                return True
        return False

    def _find_by_url_path(self, url_path: str) -> Page | None:
        """The specific page at ``url_path``: one query when its type is remembered, else two.

        The cache remembers only a page's type and id, and the query checks them against the
        url_path again, so an entry made stale by a move, rename or deletion finds nothing and
        the page is looked up afresh.
        """
        key = ROUTE_CACHE_PREFIX + hashlib.sha1(url_path.encode()).hexdigest()  # noqa: S324
        where = {"url_path": url_path, "path__startswith": self.path}
        remembered = cache.get(key)
        if remembered is not None:
            content_type_id, pk = remembered
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            if model is not None:
                related = getattr(model, "reader_select_related", ())
                page = model.objects.filter(pk=pk, **where).select_related(*related).first()
                if page is not None:
                    return page
        page = Page.objects.filter(**where).first()
        if page is None:
            return None
        cache.set(key, (page.content_type_id, page.pk), ROUTE_CACHE_SECONDS)
        return page.specific

    def get_context(self, request, *args, **kwargs):
        from .selectors import home_sections

        context = super().get_context(request, *args, **kwargs)
        context.update(home_sections(site=Site.find_for_request(request)))
        return context
