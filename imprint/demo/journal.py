"""The journal: three volumes of two issues, each with two sections of articles; and the brief
series derived from its articles."""

from __future__ import annotations

import datetime
import random
from html import escape

from imprint.journal.models import ArticlePage, IssuePage, JournalPage, VolumePage
from imprint.publications.models import (
    PublicationIndexPage,
    PublicationPage,
    PublicationType,
    SeriesPage,
)

from . import bodies, content, images, text
from .store import DemoStore

VOLUMES = 3
ISSUES_PER_VOLUME = 2
ARTICLES_PER_SECTION = 2
FIRST_YEAR = 2023
# (issue index, article index) of the articles written in Korean and Japanese.
FOREIGN_ARTICLES = {(1, 3): "ko", (4, 3): "ja"}
SERIES_LENGTH = 6
# Crossref's test prefix: the demo's DOIs look real and resolve nowhere.
DOI_PREFIX = "10.5555/ppr"


def build_journal(store: DemoStore, journal: JournalPage) -> list[ArticlePage]:
    """Every volume and issue; returns the articles, oldest issue first."""
    articles = []
    for v in range(VOLUMES):
        year = FIRST_YEAR + v
        volume, _ = store.child(
            journal,
            VolumePage,
            f"volume-{v + 1}",
            title=f"Volume {v + 1} ({year})",
            number=v + 1,
            year=year,
        )
        for i in range(ISSUES_PER_VOLUME):
            articles += _issue(store, volume, v * ISSUES_PER_VOLUME + i)
    return articles


def _issue(store: DemoStore, volume: VolumePage, issue_no: int) -> list[ArticlePage]:
    number = issue_no % ISSUES_PER_VOLUME + 1
    rng = store.reseed("issue", issue_no)
    theme = content.ISSUE_THEMES[issue_no]
    cover = store.image(
        f"Cover of volume {volume.number} number {number}",
        lambda: images.cover(
            content.JOURNAL["title"], volume.number, number, theme, random.Random(issue_no)
        ),
        credit="Meridian Institute graphics",
        licence="CC BY 4.0",
    )
    issue, _ = store.child(
        volume,
        IssuePage,
        f"issue-{number}",
        title=f"Number {number}: {theme}",
        number=number,
        issue_date=datetime.date(volume.year, 3 if number == 1 else 9, 1),
        theme=theme,
        cover=cover,
        editors_introduction=_introduction(rng, theme),
        doi=f"{DOI_PREFIX}.{volume.number}.{number}",
    )
    articles = list(ArticlePage.objects.child_of(issue).order_by("first_page"))
    if articles:
        return articles
    return _fill_issue(store, issue, issue_no)


def _introduction(rng: random.Random, theme: str) -> str:
    return (
        f"<p>This issue asks what <i>{theme.lower()}</i> means for the peninsula and its "
        f"neighbours. {text.paragraph(rng, (3, 4))}</p><p>{text.paragraph(rng, (2, 3))}</p>"
    )


def _fill_issue(store: DemoStore, issue: IssuePage, issue_no: int) -> list[ArticlePage]:
    """The issue's articles in two sections, paginated continuously from page 1."""
    sections, articles, first_page = [], [], 1
    for s, section_title in enumerate(content.SECTION_TITLES[issue_no]):
        chosen = []
        for a in range(ARTICLES_PER_SECTION):
            n = s * ARTICLES_PER_SECTION + a
            article = _article(store, issue, issue_no, n, first_page)
            first_page = article.last_page + 1
            chosen.append(article)
        articles += chosen
        sections.append(("section", {"title": section_title, "articles": chosen}))
    issue.sections = sections
    issue.save_revision().publish()
    return articles


def _article(store: DemoStore, issue: IssuePage, issue_no: int, n: int, first_page: int):
    rng = store.reseed("article", issue_no, n)
    language = FOREIGN_ARTICLES.get((issue_no, n), "en")
    topics = bodies.pick_topics(rng, store.topics)
    title, english = bodies.topic_title(rng, topics, "and"), ""
    if language != "en":
        title, english = content.FOREIGN_ARTICLES[language]
    fields = bodies.publication_fields(
        rng,
        title=title,
        topics=topics,
        people=bodies.pick_authors(rng, store.people, 1, 2),
        images=store.feature_images(),
    )
    pages = rng.randint(6, 14)
    fields.update(
        publication_date=issue.issue_date,
        first_page=first_page,
        last_page=first_page + pages - 1,
        language=language,
        doi=f"{DOI_PREFIX}.{issue.get_parent().specific.number}.{issue.number}.{n + 1}",
    )
    if language != "en":
        fields.update(bodies.foreign_fields(rng, language))
    fields["paper"] = bodies.paper(fields, pages, language, english)
    return store.child(issue, ArticlePage, f"article-{n + 1}", **fields)[0]


def build_series(store: DemoStore, index: PublicationIndexPage, articles: list[ArticlePage]):
    """A limited series of numbered briefs, each derived from one of the latest articles."""
    series, _ = store.child(
        index,
        SeriesPage,
        "alliance-futures",
        title=content.SERIES["title"],
        intro=content.SERIES["intro"],
        is_limited=True,
    )
    for number, article in enumerate(articles[-SERIES_LENGTH:], start=1):
        _brief(store, index, series, number, article)


def _brief(store: DemoStore, index, series: SeriesPage, number: int, article: ArticlePage):
    rng = store.reseed("series", number)
    people = [a.person for a in article.authors.select_related("person")]
    title = f"Brief: {article.title}"
    fields = bodies.publication_fields(
        rng,
        title=title,
        topics=list(article.topics.all()),
        people=people,
        images=store.feature_images(),
    )
    english = _english_title(article.title)
    fields.update(
        publication_type=PublicationType.POLICY_BRIEF,
        series=series,
        series_number=number,
        derived_from=article,
        publication_date=article.publication_date + datetime.timedelta(days=14),
        language=article.language,
        introduction=(
            f'<p>This brief is drawn from <a linktype="page" id="{article.pk}">'
            f"{escape(article.title)}</a>, a paper in the journal; read it for the full "
            "argument and its sources.</p>"
        ),
        recommendations_intro="Governments in the region and their partners should:",
    )
    if article.language != "en":
        fields.update(bodies.foreign_fields(rng, article.language))
    fields["paper"] = bodies.paper(fields, 4, article.language, english and f"Brief: {english}")
    store.child(index, PublicationPage, f"alliance-futures-{number}", **fields)


def _english_title(title: str) -> str:
    for original, english in content.FOREIGN_ARTICLES.values():
        if title == original:
            return english
    return ""
