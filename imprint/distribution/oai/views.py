from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from .protocol import OaiError, parse
from .responses import Harvest, serialise


# Harvesters POST forms (3.1.1) and hold no CSRF token; the endpoint only reads. Never in the
# page cache: every answer carries its own responseDate and tokens.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def oai(request: HttpRequest) -> HttpResponse:
    """The OAI-PMH 2.0 repository: every answer is 200, errors included (3.6)."""
    try:
        query = request.POST if request.method == "POST" else request.GET
        oai_request, error = parse(query), None
    except OaiError as raised:
        oai_request, error = None, raised
    harvest = Harvest(request, request.build_absolute_uri(reverse("oai")))
    body = serialise(harvest.answer(oai_request, error))
    response = HttpResponse(body, content_type="text/xml; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response
