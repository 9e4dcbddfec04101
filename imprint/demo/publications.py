"""The institute's own publications (briefs, reports, working papers, commentary) and its blog."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.text import slugify

from imprint.blog.models import BlogIndexPage, BlogPostPage
from imprint.publications.models import PublicationIndexPage, PublicationPage, PublicationType

from . import bodies, content, text
from .store import DemoStore

PUBLICATIONS = 24
FEATURED = 3
BLOG_POSTS = 40
TYPES = [
    PublicationType.POLICY_BRIEF,
    PublicationType.REPORT,
    PublicationType.WORKING_PAPER,
    PublicationType.COMMENTARY,
]
# Reports and working papers run longer than briefs and commentary.
PDF_PAGES = {
    PublicationType.POLICY_BRIEF: (4, 6),
    PublicationType.REPORT: (12, 20),
    PublicationType.WORKING_PAPER: (8, 16),
    PublicationType.COMMENTARY: (4, 5),
}


def build_publications(store: DemoStore, index: PublicationIndexPage) -> None:
    """Publications of every type over several years, half of them with a PDF."""
    for n in range(PUBLICATIONS):
        _publication(store, index, n)
    for language in content.FOREIGN_BRIEFS:
        _foreign_brief(store, index, language)


def _publication(store: DemoStore, index: PublicationIndexPage, n: int) -> None:
    rng = store.reseed("publication", n)
    topics = bodies.pick_topics(rng, store.topics)
    title = bodies.topic_title(rng, topics)
    kind = TYPES[n % len(TYPES)]
    fields = bodies.publication_fields(
        rng,
        title=title,
        topics=topics,
        people=bodies.pick_authors(rng, store.people),
        images=store.feature_images(),
    )
    fields.update(
        publication_type=kind,
        is_featured=n < FEATURED,
        publication_date=bodies.random_date(rng, 2019, 2025),
    )
    if n % 2 == 0:
        fields["paper"] = bodies.paper(fields, rng.randint(*PDF_PAGES[kind]))
    store.child(index, PublicationPage, f"{slugify(title)[:60]}-{n}", **fields)


def _foreign_brief(store: DemoStore, index: PublicationIndexPage, language: str) -> None:
    rng = store.reseed("foreign", language)
    title, english = content.FOREIGN_BRIEFS[language]
    fields = bodies.publication_fields(
        rng,
        title=title,
        topics=bodies.pick_topics(rng, store.topics),
        people=bodies.pick_authors(rng, store.people, 1, 2),
        images=store.feature_images(),
    )
    fields.update(bodies.foreign_fields(rng, language))
    fields.update(
        language=language,
        subtitle=content.FOREIGN_BRIEF_SUBTITLES[language],
        publication_type=PublicationType.POLICY_BRIEF,
    )
    fields["paper"] = bodies.paper(fields, 5, language, english)
    store.child(index, PublicationPage, f"brief-{language}", **fields)


def build_blog(store: DemoStore, blog: BlogIndexPage) -> None:
    """Short single-author posts from the last two years."""
    for n in range(BLOG_POSTS):
        rng = store.reseed("post", n)
        topics = bodies.pick_topics(rng, store.topics)
        fields = bodies.publication_fields(
            rng,
            title=bodies.topic_title(rng, topics),
            topics=topics,
            people=bodies.pick_authors(rng, store.people, 1, 1),
            images=store.feature_images(),
        )
        fields.update(
            recommendations=[],
            conclusion="",
            body=bodies.body(rng, 1, with_table=False),
            publication_date=bodies.random_date(rng, 2024, 2025),
        )
        store.child(blog, BlogPostPage, f"post-{n + 1}", **fields)


def build_scheduled(store: DemoStore, index: PublicationIndexPage) -> None:
    """A brief scheduled for a few minutes after the build: the worker publishes it."""
    slug = "scheduled-brief"
    if index.get_children().filter(slug=slug).exists():
        return
    rng = store.reseed("scheduled")
    go_live = timezone.now() + datetime.timedelta(minutes=3)
    page = PublicationPage(
        title="Embargoed: the next round of alliance talks",
        slug=slug,
        live=False,
        go_live_at=go_live,
        publication_date=timezone.localdate(go_live),
        summary=f"<p>{text.paragraph(rng, (2, 3))}</p>",
        body=bodies.body(rng, 2),
    )
    index.add_child(instance=page)
    page.save_revision(approved_go_live_at=go_live)
    store.summary.created["scheduled publication"] += 1
