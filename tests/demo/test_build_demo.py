"""The demo command end to end: one full build (with PDFs and their extraction), then re-runs."""

import io
import re

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase
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

# Every test here reads the one demo the module builds; each test's own changes roll back.
pytestmark = pytest.mark.django_db

HANGUL = re.compile(r"[\uac00-\ud7a3]")
KANA = re.compile(r"[\u3040-\u30ff]")


def build(**options) -> str:
    out = io.StringIO()
    call_command("build_demo", stdout=out, **options)
    return out.getvalue()


def counts() -> dict:
    return {
        "pages": Page.objects.count(),
        "documents": get_document_model().objects.count(),
        "images": get_image_model().objects.count(),
        "people": Person.objects.count(),
        "topics": Topic.objects.count(),
    }


@pytest.fixture(scope="module")
def built_demo(django_db_setup, django_db_blocker):
    """The full demo, PDFs included, built once for this module and rolled back after it.

    The build's on-commit callbacks (the PDF text extraction) run as if it had committed.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        with TestCase.captureOnCommitCallbacks(execute=True):
            output = build()
        yield output
        transaction.set_rollback(True)


def extracted_text(language: str) -> str:
    documents = get_document_model().objects.filter(language=language)
    return " ".join(documents.exclude(pages__text=None).values_list("pages__text", flat=True))


def test_the_demo_has_what_the_issue_asks_for(built_demo):
    assert "Admin login: admin / imprint-demo" in built_demo
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


def test_the_series_briefs_are_derived_from_journal_articles(built_demo):
    briefs = PublicationPage.objects.filter(series=SeriesPage.objects.get())
    assert briefs.count() >= 6
    assert sorted(briefs.values_list("series_number", flat=True)) == list(range(1, 7))
    assert all(b.derived_from.specific_class is ArticlePage for b in briefs)
    assert all(b.pdf is not None for b in briefs)


def test_settings_images_and_pdfs_are_generated(built_demo):
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
def test_korean_and_japanese_pdfs_hold_hangul_and_kana(built_demo):
    assert HANGUL.search(extracted_text("ko"))
    assert KANA.search(extracted_text("ja"))
    assert PublicationPage.objects.filter(language="ko").exclude(pdf=None).exists()
    assert PublicationPage.objects.filter(language="ja").exclude(pdf=None).exists()


def test_main_pages_render(built_demo, client):
    issue = IssuePage.objects.first()
    article = ArticlePage.objects.first()
    brief = PublicationPage.objects.filter(series__isnull=False).first()
    person = Person.objects.first()
    for url in ("/", "/publications/", "/publications/?page=2", issue.url, article.url, brief.url):
        assert client.get(url).status_code == 200, url
    assert client.get("/blog/").status_code == 200
    assert client.get(person.get_absolute_url()).status_code == 200


def test_building_again_adds_nothing_and_deletes_nothing(built_demo):
    before = counts()
    titles = sorted(Page.objects.values_list("title", flat=True))
    assert "nothing new" in build()
    assert counts() == before
    assert sorted(Page.objects.values_list("title", flat=True)) == titles
