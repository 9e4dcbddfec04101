"""What readers get: the Cite section of a publication page, DOI links, and the downloads of
one publication, an issue and a search."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from django.db import transaction
from django.test import TestCase

from imprint.distribution.cite import styles
from imprint.distribution.cite.selectors import search_works
from imprint.search.services import index_rebuild
from tests import factories as f

from . import cite_world

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        with TestCase.captureOnCommitCallbacks(execute=True):
            built = cite_world.build()
        yield built
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _in_savepoint(world, db):
    """Each test runs in a savepoint of the module's world."""


def test_a_publication_page_shows_its_reference_in_three_styles(client, world):
    response = client.get(world.article.url)
    html = response.content.decode()
    assert "distribution/cite.html" in [t.name for t in response.templates]
    for label in ("APA", "Chicago (author-date)", "MLA"):
        assert f"<summary>{label}</summary>" in html
    # APA initials; Chicago and MLA keep the given name whole; Japanese names are not inverted.
    assert "Doe, J. Q., 山田 太郎, &amp; 김민준. (2025)." in html
    assert "Doe, Jane Q., 山田 太郎, and 김민준. 2025." in html
    assert "Doe, Jane Q., et al." in html
    assert "<i>Journal of Pacific Affairs</i>" in html
    # The title's own characters are text, not markup.
    assert "Tariffs &amp; trade: 50% of it_all ($)" in html


def test_the_doi_is_a_link_on_the_page_and_in_every_reference(client, world):
    html = client.get(world.article.url).content.decode()
    assert (
        '<a href="https://doi.org/10.5555/jpa.7.2.1">https://doi.org/10.5555/jpa.7.2.1</a>' in html
    )
    assert html.count("https://doi.org/10.5555/jpa.7.2.1") >= 4
    issue_html = client.get(world.issue.url).content.decode()
    assert 'href="https://doi.org/10.5555/jpa.7.2"' in issue_html


def test_the_references_need_no_javascript_and_the_copy_button_no_inline_script(client, world):
    html = client.get(world.article.url).content.decode()
    section = html[
        html.index('<section class="cite"') : html.index(
            "</section>", html.index('<section class="cite"')
        )
    ]
    assert "<details" in section and "<script>" not in section and "onclick" not in section
    assert 'src="/static/imprint/cite.js"' in section


def test_references_are_formatted_again_only_when_what_they_say_changes(
    client, world, monkeypatch, django_capture_on_commit_callbacks
):
    """Every publish starts a new content generation (after its commit): the cite box is
    built again, but its references are formatted again only if what they say changed."""
    calls = []
    real = styles.format_reference
    monkeypatch.setattr(styles, "format_reference", lambda *a: calls.append(a) or real(*a))
    client.get(world.brief.url)
    client.get(world.brief.url)
    assert len(calls) == 3  # three styles, the first time only
    world.paper.title = "Ports and power, revised"
    with django_capture_on_commit_callbacks(execute=True):
        world.paper.save_revision().publish()  # another page: a new content generation
    client.get(world.brief.url)
    assert len(calls) == 3
    world.brief.title = "Burden sharing revisited"
    with django_capture_on_commit_callbacks(execute=True):
        world.brief.save_revision().publish()
    html = client.get(world.brief.url).content.decode()
    assert len(calls) == 6 and "Burden sharing revisited" in html


def test_a_style_is_parsed_once_per_process(world, monkeypatch):
    styles._parsed.clear()
    parsed = []
    real = styles.CitationStylesStyle
    monkeypatch.setattr(
        styles, "CitationStylesStyle", lambda *a, **k: parsed.append(a) or real(*a, **k)
    )
    from imprint.distribution.works import describe_many

    for work in describe_many(world.pages):
        for style in styles.STYLES:
            styles.format_reference(work, style.name)
    assert len(parsed) == 3


@pytest.mark.parametrize(
    ("format_name", "content_type", "extension"),
    [
        ("bibtex", "application/x-bibtex; charset=utf-8", "bib"),
        ("ris", "application/x-research-info-systems; charset=utf-8", "ris"),
        ("csl-json", "application/vnd.citationstyles.csl+json; charset=utf-8", "json"),
    ],
)
def test_a_publication_downloads_in_each_format(
    client, world, format_name, content_type, extension
):
    response = client.get(f"/cite/publication/{world.article.pk}/{format_name}/")
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert (
        response["Content-Disposition"] == f'attachment; filename="tariffs-and-trade.{extension}"'
    )
    body = response.content.decode("utf-8")
    assert "山田" in body and "김민준" in body and "10.5555/jpa.7.2.1" in body


def test_the_page_links_its_downloads(client, world):
    html = client.get(world.paper.url).content.decode()
    for name in ("bibtex", "ris", "csl-json"):
        assert f'href="/cite/publication/{world.paper.pk}/{name}/"' in html


def test_an_issue_downloads_its_public_articles_in_contents_order(client, world):
    draft = f.ArticlePageFactory.build(title="Unpublished draftarticle", live=False)
    world.issue.add_child(instance=draft)
    draft.save_revision()
    response = client.get(f"/cite/issue/{world.issue.pk}/csl-json/")
    items = json.loads(response.content)
    assert [i["title"] for i in items][1] == "Notes on shipping lanes"
    assert len(items) == 2 and "draftarticle" not in response.content.decode()
    assert response["Content-Disposition"] == 'attachment; filename="volume-7-issue-2.json"'
    assert (
        f'href="/cite/issue/{world.issue.pk}/ris/"' in client.get(world.issue.url).content.decode()
    )


def test_a_search_downloads_what_it_finds(client, world, search_index):
    index_rebuild()
    response = client.get("/cite/search/ris/?q=tariffs")
    assert response.status_code == 200
    body = response.content.decode()
    assert "TI  - Why tariffs?" in body and "TI  - Tariffs & trade" in body
    assert "Ports and power" not in body
    assert response["Content-Disposition"] == 'attachment; filename="search-results.ris"'
    filtered = client.get("/cite/search/csl-json/?q=tariffs&type=blog_post").content
    assert [i["title"] for i in json.loads(filtered)] == ["Why tariffs?"]


def test_a_search_download_is_capped(rf, world, search_index):
    index_rebuild()
    request = rf.get("/cite/search/bibtex/", {"q": "tariffs"})
    assert len(search_works(request)) == 2
    assert len(search_works(request, cap=1)) == 1


@pytest.mark.parametrize(
    "url",
    [
        "/cite/search/bibtex/",
        "/cite/search/bibtex/?q=",
        "/cite/search/bibtex/?q=%20%20",
    ],
)
def test_a_search_download_without_a_search_says_what_to_give(client, world, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "Search for something first" in response.content.decode()


def test_unknown_formats_and_missing_pages_are_404s(client, world):
    assert client.get(f"/cite/publication/{world.article.pk}/endnote/").status_code == 404
    assert client.get("/cite/publication/999999/bibtex/").status_code == 404
    assert client.get(f"/cite/publication/{world.issue.pk}/bibtex/").status_code == 404
    assert client.get(f"/cite/issue/{world.article.pk}/bibtex/").status_code == 404
    assert client.post(f"/cite/publication/{world.article.pk}/bibtex/").status_code == 405


def test_a_unicode_slug_gives_a_utf8_file_name(client, world):
    page = f.PublicationPageFactory(
        parent=world.brief.get_parent(), title="한국 무역", slug="한국-무역", doi=""
    )
    response = client.get(f"/cite/publication/{page.pk}/bibtex/")
    assert (
        response["Content-Disposition"] == f"attachment; filename*=utf-8''{quote('한국-무역.bib')}"
    )


def test_a_page_not_saved_yet_previews_without_a_cite_section(rf, world):
    from django.template import Context, Template

    from imprint.publications.models import PublicationPage

    unsaved = PublicationPage(title="Not saved yet")
    html = Template("{% load cite_tags %}{% cite_box page %}").render(
        Context({"page": unsaved, "request": rf.get("/")})
    )
    assert html.strip() == ""
