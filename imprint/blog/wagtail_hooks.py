from wagtail import hooks
from wagtail.admin.viewsets.pages import PageListingViewSet

from .models import BlogPostPage


class BlogPostListingViewSet(PageListingViewSet):
    model = BlogPostPage
    icon = "edit"
    menu_label = "Blog"
    name = "blog_posts"
    add_to_admin_menu = True
    menu_order = 130


@hooks.register("register_admin_viewset")
def register_blog_posts() -> PageListingViewSet:
    return BlogPostListingViewSet()
