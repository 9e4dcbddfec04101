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

    def get_context(self, request, *args, **kwargs):
        from .selectors import home_sections

        context = super().get_context(request, *args, **kwargs)
        context.update(home_sections())
        return context
