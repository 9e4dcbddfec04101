import io
import re

import pytest
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.models import Page

from imprint.blog.models import BlogPostPage
from imprint.demo.orcid import orcid_for
from imprint.demo.pdfs import cjk_font
from imprint.journal.models import ArticlePage, IssuePage, JournalPage, VolumePage
from imprint.people.models import Person, validate_orcid
from imprint.publications.models import PublicationPage, SeriesPage

pytestmark = pytest.mark.django_db

HANGUL = re.compile(r"[\uac00-\ud7a3]")
KANA = re.compile(r"[\u3040-\u30ff]")


def build(**options) -> str:
    out = io.StringIO()
    call_command("build_demo", stdout=out, **options)
    return out.getvalue()


def test_demo_builds_a_believable_institute(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        output = build()
    assert "Admin login: admin / imprint-demo" in output
    assert JournalPage.objects.count() == 1
    assert VolumePage.objects.count() == 3
    issues = IssuePage.objects.all()
    assert issues.count() == 6
    assert all(len(issue.sections) == 2 for issue in issues)
    assert BlogPostPage.objects.live().count() == 40
    series = SeriesPage.objects.get()
    briefs = PublicationPage.objects.filter(series=series)
    assert briefs.count() >= 6
    assert all(b.derived_from and b.derived_from.specific_class is ArticlePage for b in briefs)
    assert Person.objects.count() >= 20
    for url in ("/", "/publications/", issues.first().url, briefs.first().url, "/people/"):
        assert client.get(url).status_code == 200, url

    if cjk_font() is not None:
        texts = " ".join(
            get_document_model()
            .objects.filter(language__in=["ko", "ja"])
            .values_list("pages__text", flat=True)
            .exclude(pages__text=None)
        )
        assert HANGUL.search(texts) and KANA.search(texts)

    pages_before = Page.objects.count()
    documents_before = get_document_model().objects.count()
    assert "nothing new" in build()
    assert Page.objects.count() == pages_before
    assert get_document_model().objects.count() == documents_before


def test_generated_publications_render_and_keep_the_tree_sound(client):
    build(no_pdfs=True, publications=50)
    generated = PublicationPage.objects.filter(slug__startswith="generated-")
    assert generated.count() == 50
    page = generated.order_by("?").first()
    response = client.get(page.url)
    assert response.status_code == 200
    assert page.title in response.content.decode()
    assert client.get("/publications/?page=3").status_code == 200
    out = io.StringIO()
    call_command("fixtree", stdout=out)
    assert "No problems found" in out.getvalue()


def test_demo_orcid_ids_are_valid():
    for n in range(30):
        validate_orcid(orcid_for(n))


def test_a_negative_count_is_refused():
    with pytest.raises(Exception, match="zero or more"):
        build(publications=-1)
