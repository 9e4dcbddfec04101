from django.core.paginator import Page, Paginator
from django.http import Http404

PAGE_SIZE = 20


def paginate(request, object_list, *, per_page: int = PAGE_SIZE) -> Page:
    """The requested page of ``object_list``.

    A page number that is not a whole number is a 404; one past the end gives the last page,
    the nearest valid one, so a stale link still lands somewhere useful.
    """
    raw = request.GET.get("page", "1")
    try:
        number = int(raw)
    except ValueError:
        raise Http404("Page numbers are whole numbers.") from None
    if number < 1:
        raise Http404("Page numbers start at 1.")
    paginator = Paginator(object_list, per_page)
    return paginator.get_page(number)


def querystring_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
