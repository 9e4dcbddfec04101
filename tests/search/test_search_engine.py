"""What a reader finds at /search/ and what /api/search/ answers: words of every field and of
PDFs, in English, Korean, Japanese and Chinese, with facets, snippets, page numbers, order."""

from __future__ import annotations

import datetime

import pytest
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from imprint.documents.models import DocumentPage
from tests import factories as f

pytestmark = pytest.mark.django_db


def _pdf(title: str, pages: dict[int, str]):
    """A document whose extracted text is ``pages`` (number -> text)."""
    document = f.make_pdf_document(title, pages=1)
    for number, text in pages.items():
        DocumentPage.objects.create(document=document, number=number, text=text)
    return document


def _titles(client, q: str, **params) -> list[str]:
    response = client.get("/api/search/", {"q": q, **params})
    assert response.status_code == 200
    return [r["title"] for r in response.json()["results"]]


def _api(client, **params) -> dict:
    response = client.get("/api/search/", params)
    assert response.status_code == 200, response.content[:300]
    return response.json()


@pytest.fixture
def brief(publication_index):
    return f.PublicationPageFactory(
        parent=publication_index,
        title="Semiconductor supply chains",
        summary="<p>Korea exports memory chips to every market.</p>",
    )


def test_english_words_are_found_by_their_stem(client, brief, search_index):
    search_index.update()
    for q in ("export", "exporting", "EXPORTS", "chip"):
        assert _titles(client, q) == ["Semiconductor supply chains"], q


def test_a_publication_is_found_by_its_authors_topics_and_series(
    client, publication_index, search_index
):
    series = f.SeriesPageFactory(parent=publication_index, title="Maritime Outlook")
    page = f.PublicationPageFactory(parent=publication_index, title="Ports", series=series)
    f.add_authors(page, f.PersonFactory(name="Seo-yeon Park"))
    page.topics.add(f.TopicFactory(name="Shipping"))
    page.save_revision().publish()
    search_index.update()
    for q in ("Park", "shipping", "maritime outlook"):
        assert "Ports" in _titles(client, q), q
    hit = next(r for r in _api(client, q="Park")["results"] if r["title"] == "Ports")
    assert hit["authors"] == ["Seo-yeon Park"]


def test_all_words_must_match_and_exclusion_and_or_work(client, publication_index, search_index):
    f.PublicationPageFactory(parent=publication_index, title="Rice tariffs in Japan")
    f.PublicationPageFactory(parent=publication_index, title="Rice subsidies in Korea")
    f.PublicationPageFactory(parent=publication_index, title="Steel tariffs in Korea")
    search_index.update()
    assert sorted(_titles(client, "rice tariffs")) == ["Rice tariffs in Japan"]
    assert sorted(_titles(client, "rice -japan")) == ["Rice subsidies in Korea"]
    assert sorted(_titles(client, "japan OR subsidies")) == [
        "Rice subsidies in Korea",
        "Rice tariffs in Japan",
    ]
    assert _titles(client, '"tariffs in korea"') == ["Steel tariffs in Korea"]


def test_a_title_match_ranks_above_a_passing_mention(client, publication_index, search_index):
    f.PublicationPageFactory(
        parent=publication_index,
        title="Regional security outlook",
        summary="<p>Among many other things, a word on sanctions.</p>",
    )
    f.PublicationPageFactory(parent=publication_index, title="Sanctions and their limits")
    search_index.update()
    assert _titles(client, "sanctions")[0] == "Sanctions and their limits"


@pytest.mark.parametrize(
    ("word", "title", "mention"),
    [
        ("반도체", "반도체 수출 전망", "경제 전반을 다룬다. 반도체도 언급하고 반도체 가격도 본다."),
        ("経済", "経済安全保障の課題", "地域の安全を論じる。経済にも触れ、経済の話もする。"),
    ],
)
def test_a_cjk_title_match_ranks_above_mentions_in_the_text(
    client, publication_index, search_index, word, title, mention
):
    f.PublicationPageFactory(
        parent=publication_index,
        title="무관한 제목 一般",
        summary=f"<p>{mention}</p>",
        body=[("paragraph", f"<p>{mention} {mention}</p>")],
    )
    f.PublicationPageFactory(parent=publication_index, title=title)
    for n in range(5):  # pages without the word: the fields' average lengths become realistic
        f.PublicationPageFactory(
            parent=publication_index, title=f"Other {n}", summary=f"<p>{'別の文書 ' * 30}</p>"
        )
    search_index.update()
    assert _titles(client, word)[0] == title


def test_an_exact_phrase_ranks_above_scattered_words(client, publication_index, search_index):
    f.PublicationPageFactory(
        parent=publication_index,
        title="Notes one",
        summary="<p>Energy markets matter; security of the grid is separate.</p>",
    )
    f.PublicationPageFactory(
        parent=publication_index,
        title="Notes two",
        summary="<p>Energy security is the theme of this note.</p>",
    )
    search_index.update()
    assert _titles(client, "energy security")[0] == "Notes two"


@pytest.mark.parametrize(
    ("text", "queries"),
    [
        # Korean: a noun followed by a particle, and a word inside a compound.
        ("한국경제연구원은 반도체수출을 분석했다.", ["반도체", "수출", "한국경제", "분석"]),
        # Japanese: two-character words inside a run of kanji and kana.
        ("日本の経済安全保障政策について議論する。", ["経済", "安全保障", "政策", "議論"]),
        # Chinese.
        ("中国的半导体出口管制政策", ["半导体", "出口管制", "政策"]),
        # Mixed scripts, full-width Latin.
        ("ＡＩ정책과 데이터 거버넌스", ["AI정책", "ai", "거버넌스", "정책"]),
    ],
)
def test_cjk_words_are_found_inside_longer_runs(
    client, publication_index, search_index, text, queries
):
    f.PublicationPageFactory(parent=publication_index, title="CJK", summary=f"<p>{text}</p>")
    f.PublicationPageFactory(parent=publication_index, title="Other", summary="<p>無関係な文書</p>")
    search_index.update()
    for q in queries:
        assert _titles(client, q) == ["CJK"], q


def test_a_latin_word_written_against_a_cjk_run_is_its_own_word_and_shows_as_written(
    client, publication_index, search_index
):
    f.PublicationPageFactory(
        parent=publication_index,
        title="AI정책 백서",
        summary="<p>정부의 AI정책과 data2030 계획</p>",
    )
    search_index.update()
    for q in ("AI", "정책", "data2030"):
        results = _api(client, q=q)["results"]
        assert [r["title"] for r in results] == ["AI정책 백서"], q
        assert "\u200b" not in results[0]["snippet"], q
        assert "AI" in results[0]["snippet"] or q == "data2030", q


def test_a_korean_noun_is_found_whatever_particle_the_query_gives_it(
    client, publication_index, search_index
):
    f.PublicationPageFactory(
        parent=publication_index, title="K", summary="<p>정부는 반도체를 전략 산업으로 본다.</p>"
    )
    search_index.update()
    for q in ("반도체가", "반도체는", "반도체에서", "산업이"):
        assert _titles(client, q) == ["K"], q
    assert _titles(client, "정부") == ["K"]  # a two-syllable noun is left whole


def test_cjk_snippets_mark_the_word(client, publication_index, search_index):
    f.PublicationPageFactory(
        parent=publication_index,
        title="K",
        summary="<p>한국경제연구원은 반도체수출을 분석했다.</p>",
    )
    search_index.update()
    snippet = _api(client, q="반도체")["results"][0]["snippet"]
    assert "<mark>반도체</mark>" in snippet


def test_a_single_cjk_character_is_found(client, publication_index, search_index):
    f.PublicationPageFactory(parent=publication_index, title="One", summary="<p>米中関係</p>")
    search_index.update()
    assert _titles(client, "米") == ["One"]


def test_a_hit_inside_a_pdf_names_its_page_and_links_there(client, publication_index, search_index):
    document = _pdf(
        "Annual fisheries review",
        {1: "Introduction to the review.", 7: "Squid migration has moved the catch north."},
    )
    f.PublicationPageFactory(parent=publication_index, title="Fisheries review", pdf=document)
    search_index.update()
    hit = _api(client, q="squid migration")["results"][0]
    assert hit["title"] == "Fisheries review"
    assert hit["pdf"]["page"] == 7
    assert hit["pdf"]["url"] == document.url
    assert "<mark>Squid</mark>" in hit["pdf"]["snippet"]
    html = client.get("/search/", {"q": "squid"}).content.decode()
    assert 'href="/publications/fisheries-review/#page=7"' in html
    assert "page 7" in html


def test_pdf_text_in_korean_and_japanese_is_found(client, publication_index, search_index):
    document = _pdf("KJ", {3: "북한의 핵개발과 동북아 안보", 4: "東アジアの安全保障環境"})
    f.PublicationPageFactory(parent=publication_index, title="Northeast Asia", pdf=document)
    search_index.update()
    assert _api(client, q="핵개발")["results"][0]["pdf"]["page"] == 3
    assert _api(client, q="安全保障")["results"][0]["pdf"]["page"] == 4


def test_facets_count_and_combine(client, publication_index, search_index):
    japan, trade = f.TopicFactory(name="Japan"), f.TopicFactory(name="Trade")
    author = f.PersonFactory(name="Min Lee", bio="<p>Writes about fisheries.</p>")
    pages = [
        f.PublicationPageFactory(
            parent=publication_index,
            title=f"Alliance note {n}",
            publication_type=kind,
            publication_date=datetime.date(year, 3, 1),
        )
        for n, (kind, year) in enumerate(
            [("report", 2024), ("report", 2025), ("policy_brief", 2025)]
        )
    ]
    pages[0].topics.add(japan, trade)
    pages[1].topics.add(trade)
    f.add_authors(pages[2], author)
    for page in pages:
        page.save_revision().publish()
    search_index.update()
    data = _api(client, q="alliance")
    counts = {k: {v["value"]: v["count"] for v in vs} for k, vs in data["facets"].items()}
    assert counts["type"] == {"report": 2, "policy_brief": 1}
    assert counts["topic"] == {trade.slug: 2, japan.slug: 1}
    assert counts["year"] == {"2024": 1, "2025": 2}
    assert counts["author"] == {author.slug: 1}
    assert {v["label"] for v in data["facets"]["topic"]} == {"Japan", "Trade"}
    # Combined: a type and a year narrow the results; the type facet still offers the others.
    data = _api(client, q="alliance", type="report", year="2025")
    assert [r["title"] for r in data["results"]] == ["Alliance note 1"]
    types = {v["value"]: (v["count"], v["selected"]) for v in data["facets"]["type"]}
    assert types == {"report": (1, True), "policy_brief": (1, False)}
    # Two values of one facet: either.
    assert data["total"] == 1
    assert _api(client, q="alliance", type=["report", "policy_brief"])["total"] == 3


def test_results_sort_by_date(client, publication_index, search_index):
    for n, day in enumerate([datetime.date(2020, 1, 1), datetime.date(2024, 1, 1)]):
        f.PublicationPageFactory(
            parent=publication_index,
            title=f"Drone policy {n}",
            summary="<p>drone drone drone</p>" if n == 0 else "<p>drone</p>",
            publication_date=day,
        )
    search_index.update()
    assert _titles(client, "drone", sort="date") == ["Drone policy 1", "Drone policy 0"]


def test_people_and_topics_are_results(client, publication_index, search_index):
    person = f.PersonFactory(name="Haruki Tanaka", is_staff_expert=True, affiliation="Kyoto")
    f.TopicFactory(name="Fisheries")
    search_index.update()
    data = _api(client, q="tanaka")
    assert data["results"][0]["url"] == f"/people/{person.slug}/"
    assert data["results"][0]["type_label"] == "Person"
    assert _api(client, q="fisheries")["results"][0]["type_label"] == "Topic"


def test_nothing_public_is_missing_and_nothing_private_appears(
    client, publication_index, search_index
):
    f.PublicationPageFactory(parent=publication_index, title="Open walrus report")
    draft = f.PublicationPageFactory(parent=publication_index, title="Draft walrus report")
    draft.unpublish()
    private = f.PublicationPageFactory(parent=publication_index, title="Private walrus report")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    secret_collection = Collection.get_first_root_node().add_child(name="Secret")
    CollectionViewRestriction.objects.create(collection=secret_collection, restriction_type="login")
    hidden_pdf = _pdf("Hidden", {2: "walrus tusks in the hidden annex"})
    hidden_pdf.collection = secret_collection
    hidden_pdf.save()
    f.PublicationPageFactory(parent=publication_index, title="Public page", pdf=hidden_pdf)
    search_index.update()
    data = _api(client, q="walrus")
    assert [r["title"] for r in data["results"]] == ["Open walrus report"]
    assert data["total"] == 1
    assert sum(v["count"] for v in data["facets"]["type"]) == 1
    assert _api(client, q="tusks")["total"] == 0


def test_unpublishing_and_deleting_take_pages_out_of_the_index(
    client, publication_index, search_index
):
    page = f.PublicationPageFactory(parent=publication_index, title="Ephemeral narwhal")
    other = f.PublicationPageFactory(parent=publication_index, title="Doomed narwhal")
    search_index.update()
    assert _api(client, q="narwhal")["total"] == 2
    page.unpublish()
    other.delete()
    search_index.update()
    assert _api(client, q="narwhal")["total"] == 0


def test_the_page_shows_the_index_size_facets_and_escaped_snippets(
    client, publication_index, search_index
):
    f.PublicationPageFactory(
        parent=publication_index,
        title="Markup <b>title</b>",
        summary="<p>The &lt;script&gt;alert(1)&lt;/script&gt; otter paper.</p>",
    )
    search_index.update()
    html = client.get("/search/", {"q": "otter"}).content.decode()
    assert "Total index: 1 publication" in html
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>otter</mark>" in html
    assert "Markup &lt;b&gt;title&lt;/b&gt;" in html
    assert 'class="facets"' in html


def test_nothing_matched_offers_a_spelling_and_recent_publications(
    client, publication_index, search_index
):
    f.PublicationPageFactory(parent=publication_index, title="Semiconductor alliances")
    search_index.update()
    response = client.get("/search/", {"q": "semiconductr"})
    html = response.content.decode()
    assert "Did you mean" in html and "semiconductor" in html
    assert "Recent publications" in html and "Semiconductor alliances" in html
    assert _api(client, q="semiconductr")["suggestion"] == "semiconductor"


def test_suggestions_as_the_reader_types(client, publication_index, search_index):
    f.PublicationPageFactory(parent=publication_index, title="Semiconductor alliances")
    f.PersonFactory(name="Semira Hong", is_staff_expert=True)
    search_index.update()
    data = client.get("/api/search/suggest/", {"q": "semi"}).json()
    titles = {s["title"] for s in data["suggestions"]}
    assert titles == {"Semiconductor alliances", "Semira Hong"}


def test_the_api_is_described_by_openapi(client, home):
    schema = client.get("/api/search/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    params = {p["name"] for p in schema["paths"]["/api/search/"]["get"]["parameters"]}
    assert {"q", "page", "sort", "type", "topic", "author", "year", "series", "language"} <= params


def test_verify_finds_drift_and_repairs_it(publication_index, search_index):
    from imprint.search.models import IndexChange
    from imprint.search.services import index_verify

    page = f.PublicationPageFactory(parent=publication_index, title="Drifting iceberg")
    search_index.update()
    assert index_verify().total == 0
    # A change whose record was lost (as if the worker died before it was written).
    page.title = "Renamed iceberg"
    page.save_revision().publish()
    IndexChange.objects.all().delete()
    drift = index_verify()
    assert drift.stale == [f"page:{page.pk}"]
    assert index_verify(repair=True).total == 1
    assert index_verify().total == 0


def test_applying_a_change_twice_changes_nothing(client, publication_index, search_index):
    from imprint.search.services import index_change_record

    f.PublicationPageFactory(parent=publication_index, title="Twice told tale")
    search_index.update()
    page_id = _api(client, q="tale")["results"][0]["url"]
    for _ in range(2):
        index_change_record(*[f"page:{p}" for p in range(1, 20)])
        search_index.update()
    data = _api(client, q="tale")
    assert data["total"] == 1 and data["results"][0]["url"] == page_id
