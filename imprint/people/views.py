from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from imprint.core.pagination import paginate, querystring_without_page
from imprint.publications.selectors import publication_list

from .models import Person


def person_index(request: HttpRequest) -> HttpResponse:
    people = Person.objects.filter(is_staff_expert=True).select_related("photo")
    if not people.exists():
        people = Person.objects.select_related("photo")
    return render(
        request, "people/person_index.html", {"people": paginate(request, people, per_page=60)}
    )


def person_detail(request: HttpRequest, slug: str) -> HttpResponse:
    person = get_object_or_404(Person.objects.select_related("photo"), slug=slug)
    items = paginate(request, publication_list(person=person))
    context = {"person": person, "items": items, "querystring": querystring_without_page(request)}
    return render(request, "people/person_detail.html", context)
