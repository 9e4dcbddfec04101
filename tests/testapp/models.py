from django.http import HttpResponse
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page


class RoutableTestPage(RoutablePageMixin, Page):
    """A page with a sub-route of its own, as a feed or an archive would have."""

    @path("archive/")
    def archive(self, request):
        return HttpResponse("the archive route")
