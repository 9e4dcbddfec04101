from django.urls import reverse


def person_url(*, person) -> str:
    return reverse("person_detail", kwargs={"slug": person.slug})
