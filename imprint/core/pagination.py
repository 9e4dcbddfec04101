from django.core.paginator import Page, Paginator
from django.http import Http404, QueryDict

PAGE_SIZE = 20


def page_number(request) -> int:
    """The ``page`` asked for: a number that is not a whole number, or below 1, is a 404."""
    raw = request.GET.get("page", "1")
    try:
        number = int(raw)
    except ValueError:
        raise Http404("Page numbers are whole numbers.") from None
    if number < 1:
        raise Http404("Page numbers start at 1.")
    return number


def paginate(request, object_list, *, per_page: int = PAGE_SIZE) -> Page:
    """The requested page of ``object_list``; one past the end gives the last page, the
    nearest valid one, so a stale link still lands somewhere useful."""
    return Paginator(object_list, per_page).get_page(page_number(request))


def params_without_page(request) -> QueryDict:
    """A copy of the request's query, without its page (for links to other filters)."""
    params = request.GET.copy()
    params.pop("page", None)
    return params


def querystring_without_page(request) -> str:
    return params_without_page(request).urlencode()
