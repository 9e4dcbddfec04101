"""Feed addresses: ``/feeds/atom.xml`` for the site, ``/feeds/<kind>/<key>/atom.xml`` for a
publication type, topic, person, series, blog or journal; ``rss.xml`` beside each."""

from django.urls import path, register_converter

from . import views


class FeedFormat:
    regex = "atom|rss"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class ScopeKind:
    regex = "types|topics|people|series|blogs|journals"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FeedFormat, "feed_format")
register_converter(ScopeKind, "feed_scope")

urlpatterns = [
    path("<feed_format:fmt>.xml", views.feed, name="feed"),
    path("<feed_scope:kind>/<str:key>/<feed_format:fmt>.xml", views.feed, name="feed"),
]
