import functools
import hashlib

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField
from wagtail.models import Page, Site, get_page_models

from imprint.core.blocks import RICH_FEATURES

ROUTE_CACHE_PREFIX = "imprint:route:"
ROUTE_CACHE_SECONDS = 24 * 3600


@functools.cache
def _routable_content_type_ids() -> frozenset[int]:
    """Content types of the page models whose own sub-routes come before their children."""
    models = [m for m in get_page_models() if issubclass(m, RoutablePageMixin)]
    return frozenset(ct.pk for ct in ContentType.objects.get_for_models(*models).values())


class HomePage(Page):
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
        """Whether a routable page lies between this page and ``page`` (no query if none can)."""
        routable = _routable_content_type_ids()
        if not routable:
            return False
        step = self.steplen
        paths = [page.path[:end] for end in range(len(self.path) + step, len(page.path), step)]
        return Page.objects.filter(path__in=paths, content_type_id__in=routable).exists()

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
                page = model.objects.filter(pk=pk, **where).first()
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
