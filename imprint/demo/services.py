"""Build the demo institute. Re-running adds only what is missing and deletes nothing.

No permission checks: this is called from the command line only.
"""

from __future__ import annotations

import datetime
import io
import random
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from imprint.blog.models import BlogIndexPage, BlogPostPage
from imprint.core.models import InstituteSettings
from imprint.home.models import HomePage
from imprint.journal.models import ArticlePage, IssuePage, JournalPage, VolumePage
from imprint.people.models import Person
from imprint.publications.models import (
    PublicationAuthor,
    PublicationIndexPage,
    PublicationPage,
    PublicationType,
    SeriesPage,
)
from imprint.topics.models import Topic, TopicKind

from . import content, images, pdfs, text
from .orcid import orcid_for

ADMIN_USERNAME = "admin"
# A local demo login, printed on purpose; the demo binds to 127.0.0.1 only.
ADMIN_PASSWORD = "imprint-demo"  # noqa: S105
OTHER_TYPES = [
    PublicationType.POLICY_BRIEF,
    PublicationType.REPORT,
    PublicationType.WORKING_PAPER,
    PublicationType.COMMENTARY,
]


@dataclass
class DemoSummary:
    created: Counter = field(default_factory=Counter)
    admin_created: bool = False


class DemoBuilder:
    def __init__(self, *, seed: int = 2026, with_pdfs: bool = True, log=None) -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        self.with_pdfs = with_pdfs
        self.log = log or (lambda message: None)
        self.summary = DemoSummary()
        self._images: list = []

    # -- small helpers -------------------------------------------------------------------
    def _reseed(self, *key: object) -> None:
        """Give each item its own random stream, so what exists already can't shift the rest."""
        self.rng.seed(":".join(map(str, (self.seed, *key))))

    def _child(self, parent: Page, model, slug: str, **fields):
        """The child of ``parent`` with ``slug``, created and published if missing."""
        existing = parent.get_children().filter(slug=slug).specific().first()
        if existing is not None:
            return existing, False
        authors = fields.pop("author_people", None)
        topics = fields.pop("topics", None)
        page = model(slug=slug, **fields)
        if authors:
            page.authors = [
                PublicationAuthor(person=p, sort_order=i) for i, p in enumerate(authors)
            ]
        if topics:
            page.topics = topics
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.summary.created[model.__name__] += 1
        return page, True

    def _image(self, title: str, data: bytes, credit: str = "", licence: str = "", ext="jpg"):
        Image = get_image_model()
        image = Image.objects.filter(title=title).first()
        if image is None:
            upload = ImageFile(io.BytesIO(data), name=f"{slugify(title)}.{ext}")
            image = Image(title=title, credit=credit, licence=licence, file=upload)
            image.save()
            self.summary.created["image"] += 1
        return image

    def _document(self, title: str, data_factory, language: str = ""):
        Document = get_document_model()
        document = Document.objects.filter(title=title).first()
        if document is None and self.with_pdfs:
            document = Document(title=title, language=language)
            document.file.save(f"{slugify(title)[:60] or 'paper'}.pdf", ContentFile(data_factory()))
            self.summary.created["document"] += 1
        return document

    def _feature_images(self) -> list:
        if not self._images:
            for n in range(8):
                credit, licence = content.PHOTO_CREDITS[n % len(content.PHOTO_CREDITS)]
                data = images.feature_image(random.Random(n))
                self._images.append(
                    self._image(f"Demo feature image {n + 1}", data, credit, licence)
                )
        return self._images

    def _date(self, start_year: int = 2021, end_year: int = 2025) -> datetime.date:
        start = datetime.date(start_year, 1, 1).toordinal()
        end = datetime.date(end_year, 12, 31).toordinal()
        return datetime.date.fromordinal(self.rng.randint(start, end))

    def _body(self, paragraphs: int = 4) -> list:
        blocks = [("paragraph", f"<p>{text.paragraph(self.rng)}</p>")]
        blocks.append(("heading", {"text": "The argument in brief", "level": "h2"}))
        blocks += [("paragraph", f"<p>{text.paragraph(self.rng)}</p>") for _ in range(paragraphs)]
        blocks.append(
            ("quote", {"quote": text.sentence(self.rng), "attribution": "A senior official"})
        )
        blocks.append(
            (
                "table",
                {
                    "data": [
                        ["Year", "Exports (index)", "Imports (index)"],
                        ["2023", "100", "100"],
                        ["2024", "104", "97"],
                        ["2025", "109", "95"],
                    ],
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "table_caption": "Illustrative trade indices (demo data)",
                },
            )
        )
        blocks.append(("heading", {"text": "What comes next", "level": "h2"}))
        blocks.append(("paragraph", f"<p>{text.paragraph(self.rng)}</p>"))
        return blocks

    def _recommendations(self) -> list:
        return [
            ("recommendation", {"heading": head, "text": f"<p>{body}</p>"})
            for head, body in text.recommendations(self.rng)
        ]

    def _pdf(self, title: str, authors: list[Person], pages: int, language: str = "en"):
        names = [a.name for a in authors]
        seed = self.rng.random()
        return self._document(
            f"{title} (PDF)",
            lambda: pdfs.publication_pdf(
                title=title,
                authors=names,
                institute=content.INSTITUTE["name"],
                rng=random.Random(seed),
                pages=pages,
                language=language,
            ),
            language="" if language == "en" else language,
        )

    def _publication_fields(self, title: str, topics: list[Topic], people: list[Person]) -> dict:
        return {
            "title": title,
            "summary": f"<p>{text.paragraph(self.rng, (2, 3))}</p>",
            "recommendations": self._recommendations(),
            "body": self._body(),
            "conclusion": f"<p>{text.paragraph(self.rng, (2, 3))}</p>",
            "feature_image": self.rng.choice(self._feature_images()),
            "author_people": people,
            "publication_date": self._date(),
            "topics": topics,
        }

    def _add_publication(self, parent: Page, model, slug: str, fields: dict):
        return self._child(parent, model, slug, **fields)[0]

    # -- the institute -------------------------------------------------------------------
    def build(self, *, publications: int = 0) -> DemoSummary:
        with transaction.atomic():
            self.site_settings()
            self.topics = self.build_topics()
            self.people = self.build_people()
            home = self.home()
            index, journal, blog = self.sections(home)
        self.log("Publications…")
        with transaction.atomic():
            self.build_publications(index)
        self.log("Journal…")
        with transaction.atomic():
            articles = self.build_journal(journal)
        with transaction.atomic():
            self.build_series(index, articles)
        self.log("Blog…")
        with transaction.atomic():
            self.build_blog(blog)
            self.build_scheduled(index)
            self.admin_user()
        if publications:
            from .bulk import add_bulk_publications

            self.log(f"Adding {publications:,} generated publications…")
            count = add_bulk_publications(
                index,
                publications,
                rng=self.rng,
                people=self.people,
                topics=self.topics,
                images=self._feature_images(),
                log=self.log,
            )
            self.summary.created["bulk publication"] += count
        return self.summary

    def site_settings(self) -> None:
        site = Site.objects.get(is_default_site=True)
        site.site_name = content.INSTITUTE["short_name"]
        site.save()
        settings = InstituteSettings.for_site(site)
        if settings.tagline:
            return
        info = content.INSTITUTE
        for key in (
            "name",
            "short_name",
            "tagline",
            "address",
            "contact_email",
            "copyright_notice",
            "legal_notice",
        ):
            setattr(settings, key, info[key])
        settings.logo = self._image("Meridian logo", images.logo("Meridian"), ext="png")
        settings.social_links = [
            ("link", {"label": label, "url": url}) for label, url in info["social"]
        ]
        settings.save()

    def build_topics(self) -> list[Topic]:
        topics = []
        for kind, names in ((TopicKind.REGION, content.REGIONS), (TopicKind.THEME, content.THEMES)):
            for name in names:
                topic, created = Topic.objects.get_or_create(
                    name=name,
                    defaults={"kind": kind, "description": f"<p>Our work on {name.lower()}.</p>"},
                )
                self.summary.created["topic"] += created
                topics.append(topic)
        return topics

    def build_people(self) -> list[Person]:
        people = []
        for n, (name, honorific, role, affiliation) in enumerate(content.PEOPLE):
            self._reseed("person", n)
            person = Person.objects.filter(name=name).first()
            if person is None:
                photo = self._image(f"Portrait of {name}", images.portrait(name, random.Random(n)))
                person = Person.objects.create(
                    name=name,
                    honorific=honorific,
                    role=role,
                    affiliation=affiliation,
                    bio=f"<p>{name} is {role[0].lower()}{role[1:]} at {affiliation}. "
                    f"{text.paragraph(self.rng, (2, 3))}</p>",
                    photo=photo,
                    orcid=orcid_for(n) if n % 3 == 0 else "",
                    is_staff_expert=affiliation == "Meridian Institute",
                )
                self.summary.created["person"] += 1
            people.append(person)
        return people

    def home(self) -> HomePage:
        home = HomePage.objects.get()
        if not home.intro:
            home.title = "Home"
            home.intro = (
                "<p>Research, analysis and a peer-reviewed journal on the Korean "
                "peninsula and the wider Indo-Pacific.</p>"
            )
            home.signup_text = "<p>New briefs, reports and journal issues, once a month.</p>"
            home.save_revision().publish()
        return home

    def sections(self, home: HomePage):
        index, _ = self._child(
            home,
            PublicationIndexPage,
            "publications",
            title="Publications",
            show_in_menus=True,
            intro="<p>Briefs, reports, working papers and commentary.</p>",
        )
        journal, _ = self._child(
            home,
            JournalPage,
            "journal",
            title=content.JOURNAL["title"],
            show_in_menus=True,
            about=content.JOURNAL["about"],
            editorial_intro=content.JOURNAL["editorial_intro"],
            issn_print="2049-3630",
            issn_online="1050-124X",
        )
        blog, _ = self._child(
            home,
            BlogIndexPage,
            "blog",
            title=content.BLOG["title"],
            show_in_menus=True,
            intro=content.BLOG["intro"],
        )
        return index, journal, blog

    def _authors(self, low: int = 1, high: int = 3) -> list[Person]:
        return self.rng.sample(self.people, self.rng.randint(low, high))

    def _topics_sample(self) -> list[Topic]:
        regions = [t for t in self.topics if t.kind == TopicKind.REGION]
        themes = [t for t in self.topics if t.kind == TopicKind.THEME]
        return [self.rng.choice(regions), *self.rng.sample(themes, self.rng.randint(1, 2))]

    def build_publications(self, index: PublicationIndexPage) -> None:
        for n in range(24):
            self._reseed("publication", n)
            topics = self._topics_sample()
            title = text.title(self.rng, f"{topics[1].name.lower()} in {topics[0].name}")
            people = self._authors()
            fields = self._publication_fields(title, topics, people)
            fields["publication_type"] = OTHER_TYPES[n % len(OTHER_TYPES)]
            fields["is_featured"] = n < 3
            if n % 2 == 0:
                fields["pdf"] = self._pdf(title, people, pages=self.rng.randint(4, 12))
            self._add_publication(index, PublicationPage, f"{slugify(title)[:60]}-{n}", fields)
        for language, (title, subtitle) in content.FOREIGN_LANGUAGE.items():
            self._reseed("foreign", language)
            people = self._authors(1, 2)
            fields = self._publication_fields(title, self._topics_sample(), people)
            fields.update(
                language=language,
                subtitle=subtitle,
                publication_type=PublicationType.POLICY_BRIEF,
                pdf=self._pdf(title, people, pages=5, language=language),
            )
            self._add_publication(index, PublicationPage, f"brief-{language}", fields)

    def build_journal(self, journal: JournalPage) -> list[ArticlePage]:
        articles, issue_no = [], 0
        for v in range(3):
            year = 2023 + v
            volume, _ = self._child(
                journal,
                VolumePage,
                f"volume-{v + 1}",
                title=f"Volume {v + 1} ({year})",
                number=v + 1,
                year=year,
            )
            for i in range(2):
                articles += self._issue(volume, v, i, issue_no, year)
                issue_no += 1
        return articles

    def _issue(self, volume: VolumePage, v: int, i: int, issue_no: int, year: int) -> list:
        self._reseed("issue", issue_no)
        theme = content.ISSUE_THEMES[issue_no]
        cover = self._image(
            f"Cover of volume {v + 1} issue {i + 1}",
            images.cover(content.JOURNAL["title"], v + 1, i + 1, theme, random.Random(issue_no)),
        )
        date = datetime.date(year, 3 if i == 0 else 9, 1)
        issue, created = self._child(
            volume,
            IssuePage,
            f"issue-{i + 1}",
            title=f"Number {i + 1}: {theme}",
            number=i + 1,
            issue_date=date,
            theme=theme,
            cover=cover,
            editors_introduction=f"<p>{text.paragraph(self.rng, (4, 6))}</p>",
        )
        articles = list(ArticlePage.objects.child_of(issue).order_by("first_page"))
        if not created and articles:
            return articles
        sections, first_page = [], 1
        for s, section_title in enumerate(content.SECTION_TITLES[issue_no]):
            chosen = []
            for a in range(2):
                article = self._article(issue, issue_no, s * 2 + a, date, first_page)
                first_page = article.last_page + 1
                chosen.append(article)
            articles += chosen
            sections.append(("section", {"title": section_title, "articles": chosen}))
        issue.sections = sections
        issue.save_revision().publish()
        return articles

    def _article(self, issue: IssuePage, issue_no: int, n: int, date, first_page: int):
        self._reseed("article", issue_no, n)
        language = {(1, 3): "ko", (4, 3): "ja"}.get((issue_no, n), "en")
        topics = self._topics_sample()
        title = text.title(self.rng, f"{topics[1].name.lower()} and {topics[0].name}")
        if language != "en":
            title = content.FOREIGN_ARTICLE_TITLES[language]
        people = self._authors(1, 2)
        pages = self.rng.randint(6, 14)
        fields = self._publication_fields(title, topics, people)
        fields.update(
            publication_date=date,
            first_page=first_page,
            last_page=first_page + pages - 1,
            language=language,
            pdf=self._pdf(title, people, pages=pages, language=language),
        )
        return self._add_publication(issue, ArticlePage, f"article-{n + 1}", fields)

    def build_series(self, index: PublicationIndexPage, articles: list[ArticlePage]) -> None:
        series, _ = self._child(
            index,
            SeriesPage,
            "alliance-futures",
            title=content.SERIES["title"],
            intro=content.SERIES["intro"],
            is_limited=True,
        )
        for number, article in enumerate(articles[-6:], start=1):
            self._reseed("series", number)
            title = f"Brief: {article.title}"
            people = list(article.authors.values_list("person", flat=True))
            people = list(Person.objects.filter(pk__in=people))
            fields = self._publication_fields(title, list(article.topics.all()), people)
            fields.update(
                publication_type=PublicationType.POLICY_BRIEF,
                series=series,
                series_number=number,
                derived_from=article,
                publication_date=article.publication_date + datetime.timedelta(days=14),
                language=article.language,
                pdf=self._pdf(title, people, pages=4, language=article.language),
            )
            self._add_publication(index, PublicationPage, f"alliance-futures-{number}", fields)

    def build_blog(self, blog: BlogIndexPage) -> None:
        for n in range(40):
            self._reseed("post", n)
            topics = self._topics_sample()
            title = text.title(self.rng, f"{topics[1].name.lower()} in {topics[0].name}")
            fields = self._publication_fields(title, topics, self._authors(1, 1))
            fields.update(
                recommendations=[],
                conclusion="",
                body=self._body(1),
                publication_date=self._date(2024, 2025),
            )
            self._add_publication(blog, BlogPostPage, f"post-{n + 1}", fields)

    def build_scheduled(self, index: PublicationIndexPage) -> None:
        """A brief scheduled for a few minutes after the build: the worker publishes it."""
        slug = "scheduled-brief"
        if index.get_children().filter(slug=slug).exists():
            return
        go_live = timezone.now() + datetime.timedelta(minutes=3)
        page = PublicationPage(
            title="Embargoed: the next round of alliance talks",
            slug=slug,
            live=False,
            go_live_at=go_live,
            publication_date=go_live.date(),
            summary=f"<p>{text.paragraph(self.rng, (2, 3))}</p>",
        )
        index.add_child(instance=page)
        page.save_revision(approved_go_live_at=go_live)
        self.summary.created["scheduled publication"] += 1

    def admin_user(self) -> None:
        User = get_user_model()
        if not User.objects.filter(is_superuser=True).exists():
            User.objects.create_superuser(ADMIN_USERNAME, "admin@example.org", ADMIN_PASSWORD)
            self.summary.admin_created = True


def demo_build(
    *, publications: int = 0, seed: int = 2026, with_pdfs: bool = True, log=None
) -> DemoSummary:
    """Build (or complete) the demo institute; ``publications`` adds that many generated ones."""
    return DemoBuilder(seed=seed, with_pdfs=with_pdfs, log=log).build(publications=publications)
