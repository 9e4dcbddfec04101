from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from imprint.core.pagination import paginate, querystring_without_page
from imprint.publications.selectors import publication_list

from .models import Topic, TopicKind


def topic_index(request: HttpRequest) -> HttpResponse:
    topics = list(Topic.objects.all())
    groups = [(kind.label + "s", [t for t in topics if t.kind == kind]) for kind in TopicKind]
    return render(request, "topics/topic_index.html", {"groups": groups})


def topic_detail(request: HttpRequest, slug: str) -> HttpResponse:
    topic = get_object_or_404(Topic, slug=slug)
    items = paginate(request, publication_list(topic=topic))
    context = {"topic": topic, "items": items, "querystring": querystring_without_page(request)}
    return render(request, "topics/topic_detail.html", context)
