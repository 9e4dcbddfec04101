"""/api/: the API's operations, its schema and docs, each answer with the shared headers."""

from django.urls import URLPattern

from . import search  # noqa: F401  (mounts the search operations on the API)
from .endpoints import api
from .http import public_read


def _patterns() -> list[URLPattern]:
    patterns, _app_name, _namespace = api.urls
    for pattern in patterns:
        pattern.callback = public_read(pattern.callback)
    return patterns


app_name = "api"
urlpatterns = _patterns()
