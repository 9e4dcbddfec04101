from django.http import Http404, HttpRequest
from wagtail import hooks

from .access import can_preview, document_is_open


@hooks.register("before_serve_document", order=100)
def refuse_closed_documents(document, request: HttpRequest) -> None:
    """Serve a document only when a page the reader may see uses it (the embargo rule).

    Runs after Wagtail's own check of collection restrictions (order 0).
    """
    if can_preview(request) or document_is_open(document, request):
        return
    raise Http404("This document is not available.")
