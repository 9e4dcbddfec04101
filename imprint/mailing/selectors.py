"""Read queries: which lists readers are offered, who receives what. Pages are read through
``publications.selectors`` (live, public) so a non-public page never reaches a list or a mail."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from imprint.blog.models import BlogIndexPage
from imprint.journal.models import JournalPage
from imprint.publications.models import SeriesPage
from imprint.publications.selectors import live_in_site
from imprint.topics.models import Topic

from .models import ListKind, MailingList, Status, Subscription


@dataclass(frozen=True)
class Offer:
    """A list a reader may tick: ``key`` is what the form sends (``topic-3``)."""

    key: str
    label: str
    group: str


def offered_lists() -> list[Offer]:
    """Every list on the signup form, derived from content that is public now, plus the
    active lists editors made; "All new publications" first."""
    offers = [Offer("all", ListKind.ALL.label, "")]
    offers += [Offer(f"topic-{t.pk}", t.name, "Topics") for t in Topic.objects.order_by("name")]
    for kind, model, group in (
        (ListKind.SERIES, SeriesPage, "Series"),
        (ListKind.BLOG, BlogIndexPage, "Blogs"),
        (ListKind.JOURNAL, JournalPage, "Journal issue alerts"),
    ):
        pages = live_in_site(model.objects.all(), None).order_by("title")
        offers += [Offer(f"{kind}-{p.pk}", p.title, group) for p in pages]
    custom = MailingList.objects.filter(kind=ListKind.CUSTOM, is_active=True)
    offers += [Offer(f"list-{m.pk}", m.name, "More") for m in custom]
    return offers


def confirmed_subscriptions(*, subscriber_id: int) -> QuerySet[Subscription]:
    return Subscription.objects.filter(
        subscriber_id=subscriber_id, status=Status.CONFIRMED
    ).select_related("mailing_list")


def list_key(mailing_list: MailingList) -> str:
    """The form key of a list row (the inverse of ``services.mailing_lists_for``)."""
    if mailing_list.kind == ListKind.ALL:
        return "all"
    if mailing_list.kind == ListKind.TOPIC:
        return f"topic-{mailing_list.topic_id}"
    if mailing_list.kind == ListKind.CUSTOM:
        return f"list-{mailing_list.pk}"
    return f"{mailing_list.kind}-{mailing_list.page_id}"
