from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from imprint.core.blocks import RICH_FEATURES
from imprint.core.restrictions import ReaderRestrictionsMixin
from imprint.publications.models import (
    PublicationPage,
    PublicationType,
    publication_content_panels,
)


class BlogIndexPage(ReaderRestrictionsMixin, Page):
    """A named blog (for example a commentary blog) listing its posts, newest first."""

    intro = RichTextField(blank=True, features=RICH_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["blog.BlogPostPage"]
    template = "blog/blog_index_page.html"

    def get_context(self, request, *args, **kwargs):
        from imprint.core.pagination import paginate, querystring_without_page
        from imprint.publications.selectors import with_listing_relations

        context = super().get_context(request, *args, **kwargs)
        posts = BlogPostPage.objects.child_of(self).live().public()
        posts = with_listing_relations(posts.order_by("-publication_date", "-pk"))
        context["items"] = paginate(request, posts)
        context["querystring"] = querystring_without_page(request)
        return context


class BlogPostPage(PublicationPage):
    """A short post; its page offers a way back to its blog."""

    content_panels = publication_content_panels(with_type=False)
    parent_page_types = ["blog.BlogIndexPage"]
    subpage_types: list[str] = []
    template = "blog/blog_post_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["blog"] = self.blog
        return context

    def save(self, *args, **kwargs):
        self.publication_type = PublicationType.BLOG_POST
        return super().save(*args, **kwargs)

    @property
    def blog(self) -> BlogIndexPage:
        return self.get_parent().specific
