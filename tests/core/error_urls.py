"""The site's URLs plus one that fails, to see the 500 page as a reader would."""

from django.urls import path

from imprint.urls import handler404, handler500, urlpatterns  # noqa: F401


def fail(request):
    raise RuntimeError("broken on purpose")


urlpatterns = [path("fail/", fail), *urlpatterns]
