from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from imprint.core.blocks import RICH_FEATURES


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
        the walk would reach. Anything not found that way (a route inside a routable page, or
        nothing at all) falls back on Wagtail's walk, which raises the 404.
        """
        if path_components:
            url_path = f"{self.url_path}{'/'.join(path_components)}/"
            page = Page.objects.filter(url_path=url_path, path__startswith=self.path).first()
            if page is not None:
                return page.specific.route(request, [])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        from .selectors import home_sections

        context = super().get_context(request, *args, **kwargs)
        context.update(home_sections())
        return context
