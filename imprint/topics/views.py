from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .models import Topic, TopicKind


def topic_index(request: HttpRequest) -> HttpResponse:
    topics = list(Topic.objects.all())
    groups = [(kind.label + "s", [t for t in topics if t.kind == kind]) for kind in TopicKind]
    return render(request, "topics/topic_index.html", {"groups": groups})
