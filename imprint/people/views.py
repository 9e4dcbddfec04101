from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from imprint.core.pagination import paginate

from .models import Person


def person_index(request: HttpRequest) -> HttpResponse:
    people = Person.objects.filter(is_staff_expert=True).select_related("photo")
    if not people.exists():
        people = Person.objects.select_related("photo")
    return render(
        request, "people/person_index.html", {"people": paginate(request, people, per_page=60)}
    )
