from django.http import HttpRequest
from wagtail import hooks

from .page_cache import mark_cacheable


@hooks.register("before_serve_page", order=100)
def pages_may_be_cached(page, request: HttpRequest, serve_args, serve_kwargs) -> None:
    """A page Wagtail is about to serve may be kept for anonymous readers.

    Runs after Wagtail's view-restriction check (order 0), which answers a private page with a
    password form or a login redirect before this is reached; a reader who passed a password
    has a session, and the page cache never serves or stores a request with a session.
    """
    mark_cacheable(request)
