from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.pages import PageListingViewSet

from .models import PublicationPage, SeriesPage


class PublicationListingViewSet(PageListingViewSet):
    model = PublicationPage
    icon = "doc-full"
    menu_label = "All publications"
    name = "publications"
    list_filter = ["publication_type", "is_featured", "language"]


class SeriesListingViewSet(PageListingViewSet):
    model = SeriesPage
    icon = "list-ol"
    menu_label = "Series"
    name = "series"


class PublicationsGroup(ViewSetGroup):
    menu_label = "Publications"
    menu_icon = "doc-full"
    menu_order = 110
    items = (PublicationListingViewSet, SeriesListingViewSet)


@hooks.register("register_admin_viewset")
def register_publications_group() -> ViewSetGroup:
    return PublicationsGroup()
