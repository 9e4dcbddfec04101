"""A real harvester, oaipmh-scythe, against a live server: it harvests every record through
the resumption tokens, every verb and error reaches it as the protocol says, and a harvest
that runs while editors publish, edit and delete neither skips nor repeats a record."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test import TestCase
from oaipmh_scythe import Scythe
from oaipmh_scythe.exceptions import (
    BadArgument,
    BadResumptionToken,
    BadVerb,
    CannotDisseminateFormat,
    IdDoesNotExist,
    NoRecordsMatch,
)
from oaipmh_scythe.iterator import OAIResponseIterator
from wagtail.models import PageViewRestriction

from tests import built
from tests import factories as f
from tests.module_rows import fresh

from .oai_checks import check

pytestmark = pytest.mark.django_db(transaction=True)
PAGE_SIZE = 4


@pytest.fixture(scope="module")
def _site_rows(django_db_setup, django_db_blocker):
    """On SQLite, the site built once for the module, as database bytes (each test commits
    and is flushed after: it loads them in milliseconds); on PostgreSQL, None."""
    if connection.vendor != "sqlite":
        yield None
        return

    with django_db_blocker.unblock(), transaction.atomic():
        f.ensure_migration_rows()
        with TestCase.captureOnCommitCallbacks(execute=True):
            rows = _build_site()
        data = built.database_bytes()  # with what the on-commit callbacks wrote
        transaction.set_rollback(True)
    yield data, rows


@pytest.fixture
def site(transactional_db, settings, _site_rows):
    settings.IMPRINT_OAI_PAGE_SIZE = PAGE_SIZE
    if _site_rows is None:
        return _build_site()
    data, rows = _site_rows
    built.load_database(data)
    return fresh(rows)


def _build_site() -> dict:
    home = f.ensure_site_tree()
    index = f.PublicationIndexPageFactory(parent=home)
    topic = f.TopicFactory(name="Security", slug="security")
    pages = [f.PublicationPageFactory(parent=index, title=f"Brief {n}") for n in range(13)]
    for page in pages[:5]:
        page.topics.add(topic)
        page.save_revision().publish()
    gone = pages.pop()
    gone.unpublish()
    f.PublicationPageFactory(parent=index, title="Never public", live=False)
    hidden = f.PublicationPageFactory(parent=index, title="Made private before a harvest")
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    return {"index": index, "pages": pages, "gone": gone, "hidden": hidden}


def oai_id(page) -> str:
    return f"oai:localhost:{page.pk}"


@pytest.fixture
def scythe(live_server):
    with Scythe(f"{live_server.url}/oai/") as client:
        yield client


def test_the_harvester_gets_every_record_through_the_tokens(scythe, site):
    records = list(scythe.list_records(metadata_prefix="mods"))
    live = {r.header.identifier for r in records if not r.deleted}
    deleted = {r.header.identifier for r in records if r.deleted}
    assert live == {oai_id(p) for p in site["pages"]}
    assert deleted == {oai_id(site["gone"]), oai_id(site["hidden"])}
    assert len(records) == len(live) + len(deleted)  # none twice
    titles = {r.metadata.get("title", [None])[0] for r in records if not r.deleted}
    assert "Never public" not in str(titles)


def test_each_response_is_well_formed_and_the_tokens_count(scythe, site):
    scythe.iterator = OAIResponseIterator
    responses = list(scythe.list_identifiers(metadata_prefix="oai_dc"))
    assert len(responses) == 4  # 14 headers, 4 a page
    for response in responses:
        root = check(response.raw.encode())
        assert root is not None
    assert [r.xml.find(".//{*}resumptionToken").get("cursor") for r in responses] == [
        "0",
        "4",
        "8",
        "12",
    ]


def test_every_verb_reaches_the_harvester(scythe, site):
    identify = scythe.identify()
    assert identify.deletedRecord == "persistent"
    assert identify.granularity == "YYYY-MM-DDThh:mm:ssZ"
    assert {s.setSpec for s in scythe.list_sets()} >= {"type:policy_brief", "topic:security"}
    assert [m.metadataPrefix for m in scythe.list_metadata_formats()] == ["oai_dc", "mods"]
    record = scythe.get_record(identifier=oai_id(site["pages"][0]), metadata_prefix="oai_dc")
    assert record.metadata["title"] == ["Brief 0"]
    in_set = list(scythe.list_identifiers(metadata_prefix="oai_dc", set_="topic:security"))
    assert {h.identifier for h in in_set} == {oai_id(p) for p in site["pages"][:5]}


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda s: s.get_record(identifier="oai:localhost:0"), IdDoesNotExist),
        (lambda s: list(s.list_records(metadata_prefix="marc")), CannotDisseminateFormat),
        (lambda s: list(s.list_records(set_="topic:none")), NoRecordsMatch),
        (lambda s: list(s.list_records(from_="2026-01-01", until="2025-01-01")), BadArgument),
        (lambda s: list(s.list_records(resumption_token="forged")), BadResumptionToken),
        (lambda s: s.harvest({"verb": "Harvest"}), BadVerb),
    ],
)
def test_errors_reach_the_harvester_as_the_protocols_exceptions(scythe, settings, call, error):
    """On an empty repository: none of these errors depends on the records."""
    settings.IMPRINT_OAI_PAGE_SIZE = PAGE_SIZE
    with pytest.raises(error):
        call(scythe)


def test_a_harvest_while_editors_publish_edit_and_delete(scythe, site, django_db_blocker):
    """Records that exist throughout come exactly once; the edited one comes again at the
    end with its new datestamp, the deleted one as deleted, the new one once."""
    pages = site["pages"]
    harvested, changed = [], False
    for record in scythe.list_records(metadata_prefix="oai_dc"):
        harvested.append((record.header.identifier, record.deleted))
        # At the end of the first response: the harvester has fetched nothing further yet.
        if len(harvested) == PAGE_SIZE and not changed:
            seen = {i for i, _ in harvested}
            ahead = [p for p in pages if oai_id(p) not in seen]
            behind = next(p for p in pages if oai_id(p) in seen)
            edited, deleted = ahead[0], ahead[1]
            edited.title = "Brief edited during the harvest"
            edited.save_revision().publish()
            behind.save_revision().publish()  # already harvested: comes again, as edited
            deleted.delete()
            new = f.PublicationPageFactory(parent=site["index"], title="Published meanwhile")
            changed = True
    ids = [i for i, _ in harvested]
    steady = {oai_id(p) for p in pages} - {oai_id(edited), oai_id(deleted), oai_id(behind)}
    assert all(ids.count(i) == 1 for i in steady), ids
    assert ids.count(oai_id(edited)) == 1 and ids.count(oai_id(new)) == 1
    assert ids.count(oai_id(behind)) == 2  # once before its edit, once after
    assert (oai_id(deleted), True) in harvested
