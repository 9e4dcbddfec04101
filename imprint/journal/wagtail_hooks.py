from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.pages import PageListingViewSet

from .models import ArticlePage, IssuePage


class IssueListingViewSet(PageListingViewSet):
    model = IssuePage
    icon = "folder-open-1"
    menu_label = "Issues"
    name = "journal_issues"


class ArticleListingViewSet(PageListingViewSet):
    model = ArticlePage
    icon = "doc-full-inverse"
    menu_label = "Articles"
    name = "journal_articles"


class JournalGroup(ViewSetGroup):
    menu_label = "Journal"
    menu_icon = "folder-open-inverse"
    menu_order = 120
    items = (IssueListingViewSet, ArticleListingViewSet)


@hooks.register("register_admin_viewset")
def register_journal_group() -> ViewSetGroup:
    return JournalGroup()
