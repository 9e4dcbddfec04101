from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from wagtail.images import get_image_model
from wagtail.models import Site

from imprint.publications.selectors import live_in_site, with_listing_relations

from .models import ArticlePage, IssuePage, JournalPage, VolumePage

# Issue cards show a cover rendition each: fetch them all at once, not one query an issue.
_COVERS = Prefetch("cover", queryset=get_image_model().objects.prefetch_renditions())


@dataclass
class TocSection:
    title: str
    articles: list = field(default_factory=list)


def journal_issues(*, journal: JournalPage) -> QuerySet[IssuePage]:
    """The journal's live issues, newest first, their covers and renditions in two queries."""
    issues = live_in_site(IssuePage.objects.descendant_of(journal), None)
    return issues.order_by("-issue_date", "-number").prefetch_related(_COVERS)


def volume_issues(*, volume: VolumePage) -> QuerySet[IssuePage]:
    """The volume's live issues in order, their covers and renditions in two queries."""
    issues = live_in_site(IssuePage.objects.child_of(volume), None)
    return issues.order_by("number").prefetch_related(_COVERS)


def journal_articles(*, journal: JournalPage) -> QuerySet[ArticlePage]:
    """Every live article of the journal, newest first, ready for cards."""
    qs = live_in_site(ArticlePage.objects.descendant_of(journal), None)
    return with_listing_relations(qs.order_by("-publication_date", "-pk"))


def latest_issue(*, site: Site | None) -> IssuePage | None:
    """The newest live issue of any journal in ``site``."""
    return (
        live_in_site(IssuePage.objects.all(), site)
        .select_related("cover")
        .order_by("-issue_date", "-number")
        .first()
    )


def issue_table_of_contents(*, issue: IssuePage) -> list[TocSection]:
    """The issue's sections with their live articles in the editors' order.

    Articles in the issue that no section names are listed last under "Other articles", so a
    published article is never missing from its issue. Three queries, whatever the size.
    """
    qs = live_in_site(ArticlePage.objects.child_of(issue), None)
    articles = {a.pk: a for a in with_listing_relations(qs).order_by("first_page", "pk")}
    toc, placed = [], set()
    # raw_data holds the chosen page ids; reading it avoids one query per chooser.
    for raw in issue.sections.raw_data:
        section = TocSection(title=raw["value"].get("title", ""))
        for pk in _chosen_ids(raw["value"].get("articles", [])):
            if pk in articles and pk not in placed:
                section.articles.append(articles[pk])
                placed.add(pk)
        toc.append(section)
    rest = [a for pk, a in articles.items() if pk not in placed]
    if rest:
        toc.append(TocSection(title="Other articles", articles=rest))
    return toc


def _chosen_ids(items: list) -> list[int]:
    """Page ids from a ListBlock's stored value (old plain list or new {"value": id} form)."""
    ids = []
    for item in items:
        value = item.get("value") if isinstance(item, dict) else item
        if isinstance(value, int):
            ids.append(value)
    return ids
