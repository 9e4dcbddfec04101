from csp.exceptions import CSPNonceError
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse


def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", "Disallow: /admin/"]
    if settings.IMPRINT_DJANGO_ADMIN:
        lines.append("Disallow: /django-admin/")
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def bad_request(
    request: HttpRequest, exception: Exception | None = None, *, message: str = ""
) -> HttpResponse:
    message = message or "The request could not be understood. Check the address and try again."
    if _for_programs(request):
        return JsonResponse({"detail": message}, status=400)
    return render(request, "400.html", {"message": message}, status=400)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _for_programs(request):
        return JsonResponse({"detail": "There is nothing at this address of the API."}, status=404)
    return render(request, "404.html", status=404)


def _for_programs(request: HttpRequest) -> bool:
    """Whether the request is for the JSON API, whose clients read errors as JSON too."""
    return request.path_info.startswith("/api/")


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors: whatever broke must not break the error page too. The nonce lets
    # the page's own inline style through the Content-Security-Policy.
    return HttpResponseServerError(
        loader.get_template("500.html").render({"csp_nonce": _csp_nonce(request)})
    )


def _csp_nonce(request: HttpRequest) -> str:
    """The response's nonce, or none if the CSP middleware never ran or has already finished."""
    try:
        return str(request.csp_nonce)
    except (AttributeError, CSPNonceError):
        return ""
