from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe
from wagtail.documents import get_document_model

from .access import may_read


@require_safe
def document_cover(request: HttpRequest, document_id: int) -> FileResponse:
    """A document's cover thumbnail, under the same rule as the document itself."""
    document = get_object_or_404(get_document_model(), pk=document_id)
    if not document.thumbnail or not may_read(document, request):
        raise Http404("This document has no cover that you can see.")
    return FileResponse(document.thumbnail.open("rb"), content_type="image/jpeg")
