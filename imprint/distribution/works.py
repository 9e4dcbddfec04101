"""One description of a publication for every machine-readable channel.

Feeds, citation tags and JSON-LD, formatted citations (CSL-JSON for citeproc-py), BibTeX and
RIS, Crossref deposits, OAI-PMH records and the JSON API all say the same things about a
publication: its title, its creators with their affiliations and ORCID iDs, its dates, where it
appeared (journal, volume, issue, pages; or the blog; or the series), its DOI, its PDF. They read
them here, built in a fixed number of queries however many publications are described, so the
channels cannot disagree and none of them runs a query per item.

Only what an anonymous reader may see is described: callers pass pages from
``publications.selectors.live_in_site`` (or a page that was itself served), and the PDF is named
only when readers can open it (not in a private collection; the page itself is public).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpRequest
from wagtail.models import Page, Site

from imprint.core.models import InstituteSettings
from imprint.documents.access import private_collection_ids
from imprint.publications.models import (
    PublicationAuthor,
    PublicationPage,
    PublicationType,
    SeriesPage,
)
from imprint.publications.selectors import LISTING_DEFERRED_FIELDS, live_in_site
from imprint.search.records import strip_html

# CSL item types (https://docs.citationstyles.org/en/stable/specification.html#appendix-iii-types)
CSL_TYPES = {
    PublicationType.JOURNAL_ARTICLE: "article-journal",
    PublicationType.POLICY_BRIEF: "report",
    PublicationType.REPORT: "report",
    PublicationType.WORKING_PAPER: "report",
    PublicationType.COMMENTARY: "article",
    PublicationType.BLOG_POST: "post-weblog",
}

_CJK = re.compile(r"[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u9fff\uac00-\ud7af]")


def in_cjk_script(text: str) -> bool:
    """Whether ``text`` has Korean, Japanese or Chinese characters (names in these scripts are
    written family name first, without a comma)."""
    return bool(_CJK.search(text))


@dataclass(frozen=True)
class Creator:
    """An author (or editor, translator: ``role``) as citations need them."""

    name: str
    given: str
    family: str
    affiliation: str = ""
    orcid: str = ""  # bare, 0000-0002-1825-0097
    role: str = ""
    url: str = ""  # the person's page on the site, absolute

    @property
    def orcid_url(self) -> str:
        return f"https://orcid.org/{self.orcid}" if self.orcid else ""

    @property
    def is_literal(self) -> bool:
        """A name that cannot be split into given and family (an organisation, a mononym)."""
        return not self.family


def split_name(name: str, sort_name: str = "") -> tuple[str, str]:
    """(given, family) for citations, from the byline name and the sort name.

    "Doe, Jane" as the sort name says it exactly. Otherwise a name in Korean, Japanese or
    Chinese script is written family name first ("山田 太郎"; without a space, "김민준", it is
    left whole as a literal: family names of two syllables exist); any other name ends with
    the family name ("Jane Q. Doe"). A single word is a literal name: ("", "").
    """
    if "," in sort_name:
        family, _, given = sort_name.partition(",")
        if family.strip() and given.strip():
            return given.strip(), family.strip()
    words = name.split()
    if len(words) < 2:
        return "", ""
    if _CJK.search(name):
        return " ".join(words[1:]), words[0]
    return " ".join(words[:-1]), words[-1]


@dataclass(frozen=True)
class Work:
    """A public publication as machines describe it. URLs are absolute."""

    page_id: int
    url: str
    title: str
    subtitle: str
    kind: str  # a PublicationType value
    kind_label: str
    date: datetime.date
    first_published: datetime.datetime | None
    last_modified: datetime.datetime | None
    language: str
    creators: tuple[Creator, ...]
    abstract: str  # plain text of the executive summary
    keywords: tuple[str, ...]  # topic names
    publisher: str  # the institute
    publisher_place: str = ""
    doi: str = ""
    pdf_url: str = ""
    pdf_pages: int | None = None
    pdf_size: int | None = None  # bytes (feeds' enclosures say it)
    image_url: str = ""
    container_title: str = ""  # the journal's or the blog's name
    container_url: str = ""
    volume: str = ""
    issue: str = ""
    issue_title: str = ""  # the issue's theme
    issue_id: int | None = None  # the issue's page, for deposits grouped by issue
    issue_date: datetime.date | None = None
    issue_doi: str = ""
    issue_url: str = ""
    first_page: int | None = None
    last_page: int | None = None
    issn: tuple[str, ...] = ()  # print first, then online
    series_title: str = ""
    series_number: int | None = None
    series_url: str = ""
    volume_url: str = ""
    topics: tuple[tuple[str, str], ...] = field(default=())  # (slug, name)
    slug: str = ""  # the page's slug: the JSON API looks publications up by it

    @property
    def csl_type(self) -> str:
        return CSL_TYPES.get(self.kind, "article")

    @property
    def doi_url(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else ""

    @property
    def full_title(self) -> str:
        return f"{self.title}: {self.subtitle}" if self.subtitle else self.title

    @property
    def pages(self) -> str:
        """ "12-34", "12" or "" (CSL's page variable)."""
        if self.first_page and self.last_page and self.last_page != self.first_page:
            return f"{self.first_page}-{self.last_page}"
        return str(self.first_page or "")

    def csl_json(self) -> dict:
        """The CSL-JSON item: what citeproc-py formats and reference managers import."""
        item: dict = {
            "id": f"imprint-{self.page_id}",
            "type": self.csl_type,
            "title": self.full_title,
            "URL": self.url,
            "issued": {"date-parts": [[self.date.year, self.date.month, self.date.day]]},
            "language": self.language,
            "publisher": self.publisher,
        }
        names = [c for c in self.creators if c.role.lower() not in {"editor", "translator"}]
        if names:
            item["author"] = [_csl_name(c) for c in names]
        for role, key in (("editor", "editor"), ("translator", "translator")):
            found = [c for c in self.creators if c.role.lower() == role]
            if found:
                item[key] = [_csl_name(c) for c in found]
        optional = {
            "abstract": self.abstract,
            "DOI": self.doi,
            "container-title": self.container_title,
            "volume": self.volume,
            "issue": self.issue,
            "page": self.pages,
            "ISSN": self.issn[0] if self.issn else "",
            "collection-title": self.series_title,
            "collection-number": str(self.series_number or ""),
            "keyword": ", ".join(self.keywords),
            "publisher-place": self.publisher_place,
            "genre": self.kind_label if self.csl_type == "report" else "",
        }
        item.update({k: v for k, v in optional.items() if v})
        return item


def _public_ids(model: type[Page], ids: set[int]) -> set[int]:
    """Those of ``ids`` that are live and public (no query when there are none)."""
    if not ids:
        return set()
    return set(live_in_site(model.objects.filter(pk__in=ids), None).values_list("pk", flat=True))


def _file_size(document) -> int | None:
    """The file's size in bytes: Wagtail's stored figure, else asked of the storage (without
    saving it, as ``get_file_size`` would: describing is a read)."""
    if document.file_size is not None:
        return document.file_size
    try:
        return document.file.size
    except (OSError, ValueError):
        return None  # the file is missing: an enclosure without a length rather than an error


def _csl_name(creator: Creator) -> dict:
    if creator.is_literal:
        return {"literal": creator.name}
    return {"given": creator.given, "family": creator.family}


def describe(page: PublicationPage, *, request: HttpRequest | None = None) -> Work:
    """The description of one publication (a page the caller already knows is public)."""
    return describe_many([page], request=request)[0]


def describe_many(
    pages: Iterable[PublicationPage] | Sequence[int], *, request: HttpRequest | None = None
) -> list[Work]:
    """Descriptions of ``pages`` (pages or their ids), in their order, in a fixed number of
    queries. The pages are read again with what a description needs; ids of pages that are
    gone are skipped."""
    ids = [p if isinstance(p, int) else p.pk for p in pages]
    if not ids:
        return []
    rows = {
        p.pk: p
        for p in PublicationPage.objects.filter(pk__in=ids)
        # Bodies are not described, and decoding their JSON cost most of an OAI-PMH harvest.
        .defer(*LISTING_DEFERRED_FIELDS)
        .select_related("pdf", "pdf__collection", "feature_image", "series")
        .prefetch_related(
            Prefetch(
                "authors",
                queryset=PublicationAuthor.objects.select_related("person").order_by("sort_order"),
            ),
            "topics",
        )
    }
    ordered = [rows[i] for i in ids if i in rows]
    context = _Context.build(ordered, request)
    return [context.work(page) for page in ordered]


@dataclass
class _Context:
    """What every description in one call shares: sites, the institute, journals, collections."""

    request: HttpRequest | None
    roots: dict[int, str]  # site id -> root URL
    site_of: dict[int, Site]  # page id -> its site
    institute: dict[int, InstituteSettings]  # site id -> settings
    private_collections: set[int]
    placements: dict[str, Page]  # path -> issue, volume, journal or blog (specific)
    public_series: set[int]  # series that are live and public: only these are named
    article_pages: dict[int, tuple[int | None, int | None]]  # article id -> (first, last page)
    person_paths: dict[int, str] = field(default_factory=dict)

    @classmethod
    def build(cls, pages: list[PublicationPage], request: HttpRequest | None) -> _Context:
        sites = list(Site.objects.select_related("root_page").order_by("-is_default_site"))
        site_of = {}
        for page in pages:
            # The deepest site root above the page (a journal on its own domain wins).
            holding = [s for s in sites if page.path.startswith(s.root_page.path)]
            if holding:
                site_of[page.pk] = max(holding, key=lambda s: s.root_page.depth)
        institute = {s.pk: InstituteSettings.for_site(s) for s in set(site_of.values())}
        steplen = PublicationPage.steplen
        prefixes = {
            page.path[: -k * steplen]
            for page in pages
            for k in (1, 2, 3)
            if len(page.path) > k * steplen
        }
        placements = {p.path: p for p in Page.objects.filter(path__in=prefixes).specific()}
        from imprint.journal.models import ArticlePage

        articles = ArticlePage.objects.filter(pk__in=[p.pk for p in pages])
        series_ids = {p.series_id for p in pages if p.series_id}
        return cls(
            public_series=_public_ids(SeriesPage, series_ids),
            article_pages={
                pk: (first, last)
                for pk, first, last in articles.values_list("pk", "first_page", "last_page")
            },
            request=request,
            roots={s.pk: s.root_url for s in sites},
            site_of=site_of,
            institute=institute,
            private_collections=private_collection_ids() if pages else set(),
            placements=placements,
        )

    def absolute(self, page_id: int, relative: str) -> str:
        if relative.startswith(("http://", "https://")):
            return relative
        site = self.site_of.get(page_id)
        root = self.roots.get(site.pk, "") if site else ""
        if not root and self.request is not None:
            root = self.request.build_absolute_uri("/").rstrip("/")
        return f"{root}{relative}"

    def work(self, page: PublicationPage) -> Work:
        site = self.site_of.get(page.pk)
        institute = self.institute.get(site.pk) if site else None
        parent = self.placements.get(page.path[: -page.steplen])
        extra = self._placement(page, parent)
        pdf = page.pdf
        pdf_open = pdf is not None and pdf.collection_id not in self.private_collections
        image = page.feature_image
        topics = list(page.topics.all())  # once: each .all() clones the prefetched queryset
        return Work(
            page_id=page.pk,
            slug=page.slug,
            url=self.absolute(page.pk, page.get_url(request=self.request) or page.url_path),
            title=page.title,
            subtitle=page.subtitle,
            kind=page.publication_type,
            kind_label=page.type_label,
            date=page.publication_date,
            first_published=page.first_published_at,
            last_modified=page.last_published_at or page.latest_revision_created_at,
            language=page.language,
            creators=tuple(self._creator(page.pk, a) for a in page.authors.all()),
            abstract=strip_html(page.summary or ""),
            keywords=tuple(t.name for t in topics),
            publisher=institute.name if institute else settings.WAGTAIL_SITE_NAME,
            doi=page.doi,
            pdf_url=self.absolute(page.pk, pdf.url) if pdf_open else "",
            pdf_pages=pdf.page_count if pdf_open else None,
            pdf_size=_file_size(pdf) if pdf_open else None,
            image_url=self.absolute(page.pk, image.file.url) if image else "",
            **self._series(page),
            topics=tuple((t.slug, t.name) for t in topics),
            **extra,
        )

    def _series(self, page: PublicationPage) -> dict:
        """The series, named only when live and public (a draft or private one never is)."""
        if page.series_id not in self.public_series:
            return {}
        return {
            "series_title": page.series.title,
            "series_number": page.series_number,
            "series_url": self.absolute(page.pk, page.series.get_url(request=self.request)),
        }

    def _creator(self, page_id: int, authorship: PublicationAuthor) -> Creator:
        person = authorship.person
        given, family = split_name(person.name, person.sort_name)
        return Creator(
            name=person.name,
            given=given,
            family=family,
            affiliation=person.affiliation,
            orcid=person.orcid,
            role=authorship.role,
            url=self.absolute(page_id, self._person_path(person)),
        )

    def _person_path(self, person) -> str:
        """The person's page, reversed once a call: the same few people sign most entries."""
        if person.pk not in self.person_paths:
            self.person_paths[person.pk] = person.get_absolute_url()
        return self.person_paths[person.pk]

    def _placement(self, page: PublicationPage, parent: Page | None) -> dict:
        """Journal, volume, issue and pages for an article; the blog for a blog post."""
        from imprint.blog.models import BlogIndexPage
        from imprint.journal.models import IssuePage, JournalPage, VolumePage

        step = page.steplen
        if isinstance(parent, IssuePage):
            volume = self.placements.get(page.path[: -2 * step])
            journal = self.placements.get(page.path[: -3 * step])
            first, last = self.article_pages.get(page.pk, (None, None))
            out: dict = {
                "issue_url": self.absolute(page.pk, parent.get_url(request=self.request)),
                "issue": str(parent.number),
                "issue_title": parent.theme,
                "issue_id": parent.pk,
                "issue_date": parent.issue_date,
                "issue_doi": parent.doi,
                "first_page": first,
                "last_page": last,
            }
            if isinstance(volume, VolumePage):
                out["volume"] = str(volume.number)
                out["volume_url"] = self.absolute(page.pk, volume.get_url(request=self.request))
            if isinstance(journal, JournalPage):
                out["container_title"] = journal.title
                out["container_url"] = self.absolute(page.pk, journal.get_url(request=self.request))
                out["issn"] = tuple(i for i in (journal.issn_print, journal.issn_online) if i)
            return out
        if isinstance(parent, BlogIndexPage):
            return {
                "container_title": parent.title,
                "container_url": self.absolute(page.pk, parent.get_url(request=self.request)),
            }
        return {}
