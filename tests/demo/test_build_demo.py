"""The demo command end to end: one full build (with PDFs and their extraction), then re-runs."""

import io
import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from imprint.blog.models import BlogIndexPage, BlogPostPage
from imprint.core.models import InstituteSettings
from imprint.demo.pdfs import cjk_font
from imprint.journal.models import ArticlePage, IssuePage, JournalPage, VolumePage
from imprint.people.models import Person
from imprint.publications.models import PublicationPage, PublicationType, SeriesPage
from imprint.topics.models import Topic
from tests.factories import build_demo as build

# Every test here reads the one demo the module builds (demo_site); each test's own changes roll
# back. (make test hands a whole module to one xdist worker: the demo is built once.)
pytestmark = pytest.mark.django_db

HANGUL = re.compile(r"[\uac00-\ud7a3]")
KANA = re.compile(r"[\u3040-\u30ff]")
GOLDEN = Path(__file__).parent / "golden" / "demo_site.txt"


def counts() -> dict:
    return {
        "pages": Page.objects.count(),
        "documents": get_document_model().objects.count(),
        "images": get_image_model().objects.count(),
        "people": Person.objects.count(),
        "topics": Topic.objects.count(),
    }


def extracted_text(language: str) -> str:
    documents = get_document_model().objects.filter(language=language)
    return " ".join(documents.exclude(pages__text=None).values_list("pages__text", flat=True))


def test_the_demo_has_what_the_issue_asks_for(demo_site):
    assert "Admin login: admin / imprint-demo" in demo_site
    assert JournalPage.objects.count() == 1
    assert VolumePage.objects.count() == 3
    issues = IssuePage.objects.all()
    assert issues.count() == 6
    assert all(len(issue.sections) == 2 for issue in issues)
    assert all(len(section.value["articles"]) == 2 for i in issues for section in i.sections)
    assert BlogPostPage.objects.live().count() == 40
    assert BlogIndexPage.objects.get().title == "The Peninsula Desk"
    assert Person.objects.count() >= 20
    assert Person.objects.exclude(orcid="").count() >= 5
    assert Topic.objects.count() >= 12
    kinds = set(PublicationPage.objects.values_list("publication_type", flat=True))
    assert {PublicationType.POLICY_BRIEF, PublicationType.REPORT} <= kinds
    assert {PublicationType.WORKING_PAPER, PublicationType.COMMENTARY} <= kinds
    assert PublicationPage.objects.filter(is_featured=True).count() >= 3
    years = PublicationPage.objects.dates("publication_date", "year")
    assert len(years) >= 4


def test_the_series_briefs_are_derived_from_journal_articles(demo_site):
    briefs = PublicationPage.objects.filter(series=SeriesPage.objects.get())
    assert briefs.count() >= 6
    assert sorted(briefs.values_list("series_number", flat=True)) == list(range(1, 7))
    assert all(b.derived_from.specific_class is ArticlePage for b in briefs)
    assert all(b.pdf is not None for b in briefs)


def test_settings_images_and_pdfs_are_generated(demo_site):
    settings = InstituteSettings.objects.get()
    assert settings.logo and settings.legal_notice and len(settings.social_links) >= 2
    assert all(image.credit and image.licence for image in _feature_images())
    assert all(issue.cover for issue in IssuePage.objects.all())
    documents = get_document_model().objects.all()
    assert documents.count() >= 20
    assert {d.page_count for d in documents} <= set(range(4, 21))
    article = ArticlePage.objects.exclude(pdf=None).first()
    first_page = article.pdf.pages.get(number=1).text
    assert article.title[:20] in first_page
    assert article.authors.first().person.name in first_page


def _feature_images():
    return get_image_model().objects.filter(title__startswith="Demo feature image")


@pytest.mark.skipif(cjk_font() is None, reason="needs a CJK font (fonts-noto-cjk)")
def test_korean_and_japanese_pdfs_hold_hangul_and_kana(demo_site):
    assert HANGUL.search(extracted_text("ko"))
    assert KANA.search(extracted_text("ja"))
    assert PublicationPage.objects.filter(language="ko").exclude(pdf=None).exists()
    assert PublicationPage.objects.filter(language="ja").exclude(pdf=None).exists()


def test_main_pages_render(demo_site, client):
    issue = IssuePage.objects.first()
    article = ArticlePage.objects.first()
    brief = PublicationPage.objects.filter(series__isnull=False).first()
    person = Person.objects.first()
    for url in ("/", "/publications/", "/publications/?page=2", issue.url, article.url, brief.url):
        assert client.get(url).status_code == 200, url
    assert client.get("/blog/").status_code == 200
    assert client.get(person.get_absolute_url()).status_code == 200


def test_building_again_adds_nothing_and_deletes_nothing(demo_site):
    before = counts()
    titles = sorted(Page.objects.values_list("title", flat=True))
    assert "nothing new" in build()
    assert counts() == before
    assert sorted(Page.objects.values_list("title", flat=True)) == titles


def generated_titles() -> dict[str, str]:
    pages = PublicationPage.objects.filter(slug__startswith="generated-")
    return dict(pages.values_list("slug", "title"))


def test_generated_publications_render_and_keep_the_tree_sound(demo_site, client):
    build(no_pdfs=True, publications=50)
    generated = PublicationPage.objects.filter(slug__startswith="generated-")
    assert generated.count() == 50
    for page in generated.order_by("pk")[::10]:
        response = client.get(page.url)
        assert response.status_code == 200
        assert page.title in response.content.decode()
    assert client.get("/publications/?page=3").status_code == 200
    out = io.StringIO()
    call_command("fixtree", stdout=out)
    assert out.getvalue().count("No problems found") == 2


def test_asking_for_generated_publications_again_adds_only_the_missing(demo_site):
    build(no_pdfs=True, publications=50)
    first = generated_titles()
    assert "nothing new" in build(no_pdfs=True, publications=50)
    build(no_pdfs=True, publications=53)
    titles = generated_titles()
    assert len(titles) == 53
    assert {slug: titles[slug] for slug in first} == first


def site_outline() -> str:
    """Every page (indented by depth), person and topic, in a stable order."""
    pages = Page.objects.order_by("path").values_list("depth", "slug", "title")
    lines = [f"{'  ' * (depth - 1)}{slug}: {title}" for depth, slug, title in pages]
    # Sorted here, not by the database: PostgreSQL and SQLite collate names differently.
    lines += sorted(f"person: {name}" for name in Person.objects.values_list("name", flat=True))
    lines += sorted(f"topic: {name}" for name in Topic.objects.values_list("name", flat=True))
    return "\n".join(lines) + "\n"


def test_the_same_seed_generates_the_same_site(demo_site):
    """Compared with a golden outline rather than a second build: same seed, same site, on any
    machine and in any process. Changed the demo on purpose? Rewrite the file with
    ``IMPRINT_UPDATE_GOLDEN=1 pytest tests/demo``."""
    build(no_pdfs=True, publications=3)
    outline = site_outline()
    if os.environ.get("IMPRINT_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(outline)
    assert outline == GOLDEN.read_text(), f"the demo differs from {GOLDEN.name}"
