"""``build_demo --publications N``: generated publications for benchmarks, without PDFs."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from wagtail.models import Page

from imprint.demo.bulk import path_step
from imprint.publications.models import PublicationPage

pytestmark = pytest.mark.django_db


def build(**options) -> str:
    out = io.StringIO()
    call_command("build_demo", stdout=out, **options)
    return out.getvalue()


def test_generated_publications_render_and_keep_the_tree_sound(client):
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


def generated_titles() -> dict[str, str]:
    pages = PublicationPage.objects.filter(slug__startswith="generated-")
    return dict(pages.values_list("slug", "title"))


def test_asking_for_generated_publications_again_adds_only_the_missing():
    build(no_pdfs=True, publications=50)
    first = generated_titles()
    assert "nothing new" in build(no_pdfs=True, publications=50)
    build(no_pdfs=True, publications=53)
    titles = generated_titles()
    assert len(titles) == 53
    assert {slug: titles[slug] for slug in first} == first


def test_the_same_seed_generates_the_same_site():
    with transaction.atomic():
        build(no_pdfs=True, publications=3)
        first = generated_titles(), sorted(Page.objects.values_list("title", flat=True))
        transaction.set_rollback(True)
    build(no_pdfs=True, publications=3)
    assert (generated_titles(), sorted(Page.objects.values_list("title", flat=True))) == first


def test_a_negative_count_is_refused():
    with pytest.raises(CommandError, match="zero or more"):
        build(publications=-1)


def test_generated_pages_use_treebeards_path_steps():
    assert [path_step(n) for n in (1, 35, 36, 36**4 - 1)] == ["0001", "000Z", "0010", "ZZZZ"]
    with pytest.raises(ValueError, match="at most"):
        path_step(36**4)
