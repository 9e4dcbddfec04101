"""OAI-PMH 2.0 at /oai/: what a harvester gets for every verb, argument and error, how
records follow edits and deletions, and that nothing private shows (the real harvester,
over HTTP: test_oai_harvest.py)."""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

import pytest
import time_machine
from lxml import etree
from wagtail.models import BaseViewRestriction, PageViewRestriction

from imprint.distribution.oai.models import HarvestItem
from imprint.distribution.oai.services import harvest_items_sync
from imprint.publications.models import PublicationPage
from tests import factories as f
from tests.module_rows import fresh, rows_for_the_module

from .oai_checks import DC, MODS, OAI_DC, assert_golden, check, error_code, q

UTC = datetime.UTC
T0 = datetime.datetime(2026, 1, 15, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock():
    with time_machine.travel(T0, tick=False) as traveller:
        yield traveller


@pytest.fixture(scope="module")
def _repo(django_db_setup, django_db_blocker):
    yield from rows_for_the_module(django_db_blocker, _build_repo)


@pytest.fixture
def repo(db, _repo, clock) -> dict:
    return fresh(_repo)


@pytest.fixture
def publication_index(repo):
    return repo["index"]


def _build_repo() -> dict:
    """A brief (DOI, two authors, a topic), a journal article with pages, a blog post. Every
    value the golden files show is given here, none left to the factories' sequences (they
    depend on which tests ran before). Built once for the module, at T0."""
    with time_machine.travel(T0, tick=False):
        return _make_repo()


def _make_repo() -> dict:
    home = f.ensure_site_tree()
    publication_index = f.PublicationIndexPageFactory(parent=home)
    journal = f.JournalPageFactory(parent=home)
    blog_index = f.BlogIndexPageFactory(parent=home)
    trade = f.TopicFactory(name="Trade", slug="trade")
    volume = f.VolumePageFactory(parent=journal, number=3, title="Volume 3", slug="volume-3")
    issue = f.IssuePageFactory(parent=volume, number=2, title="Issue 2", slug="issue-2")
    brief = f.PublicationPageFactory(
        parent=publication_index,
        title="Tariffs & supply chains",
        subtitle="A <brief> look",
        slug="tariffs",
        doi="10.5555/kp.2026.1",
        publication_date=datetime.date(2025, 11, 3),
        summary="<p>Tariffs shift <b>supply chains</b>; café 한국 \x0b text.</p>",
    )
    brief.topics.add(trade)
    brief.save_revision().publish()
    doe = f.PersonFactory(name="Jane Doe", orcid="0000-0002-1825-0097", affiliation="Uni")
    kim = f.PersonFactory(name="Kim Min-jun", sort_name="Kim, Min-jun", affiliation="")
    f.add_authors(brief, doe, kim)
    article = f.ArticlePageFactory(
        parent=issue, title="Alliances", slug="alliances", first_page=12, last_page=30
    )
    f.add_authors(article, doe)
    post = f.BlogPostPageFactory(
        parent=blog_index, title="Notes", slug="notes", publication_date=datetime.date(2025, 3, 4)
    )
    return {
        "brief": brief,
        "article": article,
        "post": post,
        "topic": trade,
        "issue": issue,
        "index": publication_index,
    }


def oai(client, method: str = "get", **arguments) -> bytes:
    response = getattr(client, method)("/oai/", arguments)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    return response.content


def ident(page) -> str:
    return f"oai:localhost:{page.pk}"


def headers(body: bytes) -> list[tuple[str, str, str | None]]:
    """(identifier, datestamp, status) of every header in a list or record."""
    root = check(body)
    return [
        (h.findtext(q("identifier")), h.findtext(q("datestamp")), h.get("status"))
        for h in root.iter(q("header"))
    ]


# -- every verb, as golden files -----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "arguments"),
    [
        ("identify", {"verb": "Identify"}),
        ("list_metadata_formats", {"verb": "ListMetadataFormats"}),
        ("list_sets", {"verb": "ListSets"}),
        ("list_records_oai_dc", {"verb": "ListRecords", "metadataPrefix": "oai_dc"}),
        ("list_records_mods", {"verb": "ListRecords", "metadataPrefix": "mods"}),
        ("list_identifiers", {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"}),
        ("error_bad_verb", {"verb": "Harvest"}),
        ("error_cannot_disseminate", {"verb": "ListRecords", "metadataPrefix": "marc"}),
    ],
)
def test_every_verb_answers_as_its_golden_file(client, repo, name, arguments):
    body = oai(client, **arguments)
    check(body)
    assert_golden(name, body)


def test_get_record_of_an_article_names_its_journal_issue_pages_and_orcid(client, repo):
    body = oai(client, verb="GetRecord", identifier=ident(repo["article"]), metadataPrefix="mods")
    assert_golden("get_record_article_mods", body)
    mods = check(body).find(f".//{q('mods', MODS)}")
    host = mods.find(f"{q('relatedItem', MODS)}[@type='host']")
    assert host.findtext(f"{q('titleInfo', MODS)}/{q('title', MODS)}") == (
        "Journal of Pacific Affairs"
    )
    assert host.findtext(f".//{q('start', MODS)}") == "12"
    orcid = mods.find(f".//{q('nameIdentifier', MODS)}")
    assert orcid.text == "https://orcid.org/0000-0002-1825-0097" and orcid.get("type") == "orcid"


def test_oai_dc_carries_title_creators_doi_and_text_without_control_characters(client, repo):
    body = oai(client, verb="GetRecord", identifier=ident(repo["brief"]), metadataPrefix="oai_dc")
    dc = check(body).find(f".//{q('dc', OAI_DC)}")
    assert dc.findtext(q("title", DC)) == "Tariffs & supply chains: A <brief> look"
    assert [c.text for c in dc.findall(q("creator", DC))] == ["Doe, Jane", "Kim, Min-jun"]
    assert "https://doi.org/10.5555/kp.2026.1" in [i.text for i in dc.findall(q("identifier", DC))]
    description = dc.findtext(q("description", DC))
    assert "supply chains" in description and "café 한국" in description
    assert "\x0b" not in description
    assert dc.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation") == (
        f"{OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
    )


def test_post_answers_as_get(client, repo):
    arguments = {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"}
    assert oai(client, "post", **arguments) == oai(client, **arguments)


def test_metadata_formats_of_one_record_and_of_an_unknown_one(client, repo):
    body = oai(client, verb="ListMetadataFormats", identifier=ident(repo["post"]))
    prefixes = [e.text for e in check(body).iter(q("metadataPrefix"))]
    assert prefixes == ["oai_dc", "mods"]
    unknown = oai(client, verb="ListMetadataFormats", identifier="oai:localhost:999999")
    assert error_code(unknown) == "idDoesNotExist"


# -- errors --------------------------------------------------------------------------------

LIST = {"verb": "ListRecords", "metadataPrefix": "oai_dc"}


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("", "badVerb"),
        ("verb=Identify&verb=Identify", "badVerb"),
        ("verb=identify", "badVerb"),
        ("verb=Identify&set=x", "badArgument"),
        ("verb=ListRecords", "badArgument"),
        ("verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=mods", "badArgument"),
        ("verb=ListRecords&metadataPrefix=oai_dc&color=red", "badArgument"),
        ("verb=ListRecords&metadataPrefix=oai_dc&resumptionToken=x", "badArgument"),
        ("verb=ListRecords&metadataPrefix=oai_dc&from=2026-01-01&until=2025-01-01", "badArgument"),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&from=2026-01-01T00:00:00Z&until=2026-02-01",
            "badArgument",
        ),
        ("verb=ListRecords&metadataPrefix=oai_dc&from=2026-13-01", "badArgument"),
        ("verb=ListRecords&metadataPrefix=oai_dc&from=2026-01-01T09:00:00", "badArgument"),
        ("verb=ListRecords&metadataPrefix=oai_dc&from=yesterday", "badArgument"),
        ("verb=ListRecords&metadataPrefix=oai_dc&until=2020-01-01", "noRecordsMatch"),
        ("verb=ListRecords&metadataPrefix=oai_dc&set=type:podcast", "noRecordsMatch"),
        ("verb=ListRecords&metadataPrefix=oai_dc&set=colour:red", "noRecordsMatch"),
        ("verb=ListRecords&metadataPrefix=marc", "cannotDisseminateFormat"),
        ("verb=ListIdentifiers&metadataPrefix=oai_dc&set=topic:nothing", "noRecordsMatch"),
        ("verb=ListRecords&resumptionToken=forged", "badResumptionToken"),
        ("verb=ListSets&resumptionToken=x", "badResumptionToken"),
        ("verb=GetRecord&identifier=oai:localhost:1", "badArgument"),
        ("verb=GetRecord&metadataPrefix=oai_dc", "badArgument"),
        ("verb=GetRecord&identifier=oai:localhost:999999&metadataPrefix=oai_dc", "idDoesNotExist"),
        ("verb=GetRecord&identifier=oai:elsewhere.org:1&metadataPrefix=oai_dc", "idDoesNotExist"),
        ("verb=GetRecord&identifier=%C2%B2&metadataPrefix=oai_dc", "idDoesNotExist"),
        ("verb=ListMetadataFormats&identifier=nothing", "idDoesNotExist"),
        ("verb=Identify&a=%01", "badArgument"),
        ("verb=ListRecords&metadataPrefix=oai_dc&set=%01", "badArgument"),
    ],
)
def test_each_error_condition_answers_200_with_its_code(client, repo, query, code):
    response = client.get(f"/oai/?{query}")
    assert response.status_code == 200
    assert error_code(response.content) == code


def test_bad_verb_and_bad_argument_do_not_echo_the_arguments(client, repo):
    for query in ("verb=Nope&x=1", "verb=ListRecords&x=<script>"):
        request = check(client.get(f"/oai/?{query}").content).find(q("request"))
        assert dict(request.attrib) == {} and request.text == "http://testserver/oai/"


def test_other_errors_echo_the_request(client, repo):
    body = oai(client, verb="ListRecords", metadataPrefix="marc")
    assert dict(check(body).find(q("request")).attrib) == {
        "verb": "ListRecords",
        "metadataPrefix": "marc",
    }


def test_no_set_hierarchy_is_never_answered_since_sets_exist(client, repo):
    assert error_code(oai(client, verb="ListSets")) is None


# -- resumption tokens ---------------------------------------------------------------------


def harvest(client, verb: str = "ListIdentifiers", **arguments) -> tuple[list, list]:
    """Every header of a list, following tokens; and each token element met."""
    body = oai(client, verb=verb, **arguments)
    found, tokens = [], []
    while True:
        root = check(body)
        found += [(h.findtext(q("identifier")), h.get("status")) for h in root.iter(q("header"))]
        token = root.find(f".//{q('resumptionToken')}")
        if token is None:
            return found, tokens
        tokens.append(token)
        if not token.text:
            return found, tokens
        body = oai(client, verb=verb, resumptionToken=token.text)


def test_a_list_comes_in_pages_with_cursor_size_and_expiry(client, repo, settings):
    settings.IMPRINT_OAI_PAGE_SIZE = 2
    found, tokens = harvest(client, metadataPrefix="oai_dc")
    assert sorted(i for i, _ in found) == sorted(
        ident(p) for p in repo.values() if hasattr(p, "url") and isinstance(p, PublicationPage)
    )
    assert [t.get("cursor") for t in tokens] == ["0", "2"]
    assert {t.get("completeListSize") for t in tokens} == {"3"}
    assert tokens[0].get("expirationDate") == "2026-01-16T09:00:00Z"
    assert tokens[-1].text is None and tokens[-1].get("expirationDate") is None


def test_a_token_of_one_verb_is_refused_by_another_and_an_altered_one_too(client, repo, settings):
    settings.IMPRINT_OAI_PAGE_SIZE = 1
    token = check(oai(client, **LIST)).find(f".//{q('resumptionToken')}").text
    assert error_code(oai(client, verb="ListIdentifiers", resumptionToken=token)) == (
        "badResumptionToken"
    )
    altered = token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1]
    assert error_code(oai(client, verb="ListRecords", resumptionToken=altered)) == (
        "badResumptionToken"
    )
    assert error_code(oai(client, verb="ListRecords", resumptionToken=token)) is None


def test_a_token_expires(client, repo, settings, clock):
    settings.IMPRINT_OAI_PAGE_SIZE = 1
    token = check(oai(client, **LIST)).find(f".//{q('resumptionToken')}").text
    clock.shift(datetime.timedelta(hours=25))
    assert error_code(oai(client, verb="ListRecords", resumptionToken=token)) == (
        "badResumptionToken"
    )


def test_a_harvest_neither_skips_nor_repeats_while_records_change(
    client, repo, settings, clock, publication_index
):
    """Records that exist throughout come once each; one edited during the harvest comes
    again at the end with its new datestamp; one deleted comes as deleted."""
    more = [f.PublicationPageFactory(parent=publication_index) for _ in range(5)]
    settings.IMPRINT_OAI_PAGE_SIZE = 3
    body = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    first = headers(body)
    token = check(body).find(f".//{q('resumptionToken')}").text
    clock.shift(datetime.timedelta(minutes=5))
    seen = {i for i, _, _ in first}
    not_seen = [
        p
        for p in [*repo.values(), *more]
        if isinstance(p, PublicationPage) and ident(p) not in seen
    ]
    not_seen[0].save_revision().publish()  # edited: moves to the end
    not_seen[1].delete()  # deleted: comes as deleted at the end
    f.PublicationPageFactory(parent=publication_index, title="Newcomer")
    found = list(first)
    while token:
        body = oai(client, verb="ListIdentifiers", resumptionToken=token)
        found += headers(body)
        token = check(body).find(f".//{q('resumptionToken')}").text
    ids = [i for i, _, _ in found]
    unchanged = {ident(p) for p in [*repo.values(), *more] if isinstance(p, PublicationPage)}
    unchanged -= {ident(not_seen[0]), ident(not_seen[1])}
    assert all(ids.count(i) == 1 for i in unchanged)
    assert (ident(not_seen[1]), "2026-01-15T09:05:00Z", "deleted") in found
    assert (ident(not_seen[0]), "2026-01-15T09:05:00Z", None) in found
    assert len(ids) == len(set(ids)) == 9  # 8 from the start (1 deleted), 1 newcomer


# -- from, until and sets ------------------------------------------------------------------


def test_from_and_until_are_inclusive_at_both_granularities(client, repo, clock, publication_index):
    clock.move_to(datetime.datetime(2026, 1, 20, 14, 30, 15, tzinfo=UTC))
    late = f.PublicationPageFactory(parent=publication_index)

    def listed(**window) -> set[str]:
        body = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", **window)
        return set() if error_code(body) else {i for i, _, _ in headers(body)}

    everything = {ident(p) for p in repo.values() if isinstance(p, PublicationPage)}
    assert listed(**{"from": "2026-01-20"}) == {ident(late)}
    assert listed(**{"from": "2026-01-20T14:30:15Z"}) == {ident(late)}
    assert listed(**{"from": "2026-01-20T14:30:16Z"}) == set()
    assert listed(until="2026-01-15") == everything
    assert listed(until="2026-01-15T09:00:00Z") == everything
    assert listed(until="2026-01-15T08:59:59Z") == set()
    assert listed(**{"from": "2026-01-15", "until": "2026-01-20"}) == everything | {ident(late)}


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("type:policy_brief", {"brief"}),
        ("type:blog_post", {"post"}),
        ("type", {"brief", "article", "post"}),
        ("topic:trade", {"brief"}),
        ("topic", {"brief"}),
        ("journal:journal", {"article"}),
        ("journal", {"article"}),
    ],
)
def test_sets_select_by_type_topic_and_journal(client, repo, spec, expected):
    body = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set=spec)
    assert {i for i, _, _ in headers(body)} == {ident(repo[name]) for name in expected}


def test_every_set_listed_harvests_something(client, repo):
    specs = [e.text for e in check(oai(client, verb="ListSets")).iter(q("setSpec"))]
    assert {"type:policy_brief", "topic:trade", "journal:journal"} <= set(specs)
    for spec in specs:
        body = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set=spec)
        assert error_code(body) is None, spec


# -- deletions and datestamps --------------------------------------------------------------


def state(client, page) -> tuple[str, str | None] | None:
    body = oai(client, verb="GetRecord", identifier=ident(page), metadataPrefix="oai_dc")
    if error_code(body) == "idDoesNotExist":
        return None
    ((_, stamp, status),) = headers(body)
    return stamp, status


@pytest.mark.parametrize(
    "change",
    ["unpublish", "delete", "password", "login", "section private", "move to private section"],
)
def test_a_record_that_stops_being_public_answers_as_deleted_for_good(
    client, repo, clock, change, publication_index, django_capture_on_commit_callbacks
):
    brief = repo["brief"]
    clock.move_to(T0 + datetime.timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):  # readers' caches move at commit
        _stop_being_public(brief, change, publication_index)
    assert state(client, brief) == ("2026-01-15T10:00:00Z", "deleted")
    body = oai(client, verb="ListRecords", metadataPrefix="oai_dc", set="topic:trade")
    record = check(body).find(f".//{q('record')}")
    assert (
        record.find(q("metadata")) is None and record.find(q("header")).get("status") == "deleted"
    )
    harvest_items_sync()  # the hourly check agrees
    assert state(client, brief) == ("2026-01-15T10:00:00Z", "deleted")
    assert "Tariffs" not in oai(client, verb="ListRecords", metadataPrefix="mods").decode()


def _stop_being_public(brief, change: str, publication_index) -> None:
    if change == "unpublish":
        brief.unpublish()
    elif change == "delete":
        brief.delete()
    elif change in ("password", "login"):
        kind = BaseViewRestriction.PASSWORD if change == "password" else BaseViewRestriction.LOGIN
        PageViewRestriction.objects.create(page=brief, restriction_type=kind, password="x")
    elif change == "section private":
        PageViewRestriction.objects.create(page=publication_index, restriction_type="login")
    else:
        private = f.PublicationIndexPageFactory(
            parent=publication_index.get_parent(), slug="internal", title="Internal"
        )
        PageViewRestriction.objects.create(page=private, restriction_type="login")
        PublicationPage.objects.get(pk=brief.pk).move(private, pos="last-child")


def test_an_edit_republished_moves_the_datestamp_and_a_draft_does_not(client, repo, clock):
    brief = repo["brief"]
    clock.move_to(T0 + datetime.timedelta(hours=2))
    brief.title = "Draft title"
    brief.save_revision()
    assert state(client, brief) == ("2026-01-15T09:00:00Z", None)
    brief.get_latest_revision().publish()
    assert state(client, brief) == ("2026-01-15T11:00:00Z", None)


def test_a_record_unpublished_then_republished_comes_back(client, repo, clock):
    brief = repo["brief"]
    brief.unpublish()
    clock.move_to(T0 + datetime.timedelta(days=1))
    brief.save_revision().publish()
    assert state(client, brief) == ("2026-01-16T09:00:00Z", None)


def test_renaming_a_topic_or_an_author_moves_their_records(client, repo, clock):
    clock.move_to(T0 + datetime.timedelta(hours=3))
    repo["topic"].slug = "trade-policy"
    repo["topic"].save()
    assert state(client, repo["brief"]) == ("2026-01-15T12:00:00Z", None)
    assert state(client, repo["post"]) == ("2026-01-15T09:00:00Z", None)
    body = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="topic:trade-policy")
    assert [i for i, _, _ in headers(body)] == [ident(repo["brief"])]


# -- privacy -------------------------------------------------------------------------------


def test_drafts_and_pages_never_public_do_not_appear_even_as_deleted(
    client, repo, publication_index
):
    draft = f.PublicationPageFactory(parent=publication_index, live=False, title="Secret draft")
    private = f.PublicationPageFactory(parent=publication_index, title="Secret private")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    # Made private after it was briefly public: a deleted header (it was public), never content.
    draft.delete()
    everything = oai(client, verb="ListRecords", metadataPrefix="mods").decode()
    assert "Secret" not in everything and ident(draft) not in everything
    assert state(client, draft) is None
    assert state(client, private) == ("2026-01-15T09:00:00Z", "deleted")


def test_a_page_made_private_before_its_first_publish_never_shows(
    client, repo, publication_index, django_capture_on_commit_callbacks
):
    page = f.PublicationPageFactory(parent=publication_index, live=False, title="Embargoed")
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=page, restriction_type="login")
        page.save_revision().publish()
    assert state(client, page) is None
    assert not HarvestItem.objects.filter(page_id=page.pk).exists()


def test_another_sites_records_and_deletions_stay_on_their_site(client, repo, home):
    from wagtail.models import Site

    from imprint.home.models import HomePage

    other_home = f.get_root().add_child(instance=HomePage(title="Other", slug="other"))
    Site.objects.create(hostname="other.example.org", root_page=other_home)
    index = f.PublicationIndexPageFactory(parent=other_home, slug="pubs")
    theirs = f.PublicationPageFactory(parent=index, title="Their brief")
    theirs.unpublish()
    ours = oai(client, verb="ListRecords", metadataPrefix="oai_dc").decode()
    assert f":{theirs.pk}<" not in ours and "Their brief" not in ours
    body = client.get(
        "/oai/",
        {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"},
        HTTP_HOST="other.example.org",
    ).content
    assert headers(body) == [
        (f"oai:other.example.org:{theirs.pk}", "2026-01-15T09:00:00Z", "deleted")
    ]


# -- keeping items true --------------------------------------------------------------------


def test_the_sync_finds_what_signals_could_not_see(client, repo, clock):
    """A bulk import (no signals) and an update by queryset: the hourly sync catches both."""
    HarvestItem.objects.filter(page_id=repo["post"].pk).delete()
    PublicationPage.objects.filter(pk=repo["brief"].pk).update(live=False)
    clock.move_to(T0 + datetime.timedelta(hours=4))
    assert harvest_items_sync() == 2
    assert state(client, repo["post"]) == ("2026-01-15T13:00:00Z", None)
    assert state(client, repo["brief"]) == ("2026-01-15T13:00:00Z", "deleted")
    assert harvest_items_sync() == 0


def test_the_first_sync_dates_records_by_their_last_publication(client, repo):
    HarvestItem.objects.all().delete()
    PublicationPage.objects.filter(pk=repo["post"].pk).update(
        last_published_at=datetime.datetime(2024, 5, 1, tzinfo=UTC)
    )
    harvest_items_sync()
    assert state(client, repo["post"]) == ("2024-05-01T00:00:00Z", None)
    identify = check(oai(client, verb="Identify"))
    assert identify.findtext(f".//{q('earliestDatestamp')}") == "2024-05-01T00:00:00Z"


def test_a_list_page_costs_a_fixed_number_of_queries(
    client, repo, publication_index, settings, django_assert_max_num_queries
):
    for _ in range(6):
        f.PublicationPageFactory(parent=publication_index)
    with django_assert_max_num_queries(40) as few:
        oai(client, verb="ListRecords", metadataPrefix="mods")
    for _ in range(10):
        f.PublicationPageFactory(parent=publication_index)
    with django_assert_max_num_queries(len(few.captured_queries)):
        oai(client, verb="ListRecords", metadataPrefix="mods")


def test_answers_parse_as_xml_with_lxml(client, repo):
    for verb in ("Identify", "ListSets", "ListMetadataFormats"):
        assert etree.fromstring(oai(client, verb=verb)).tag.endswith("OAI-PMH")
    assert urlencode({"a": 1})  # (lxml parsed every answer above through check() as well)
