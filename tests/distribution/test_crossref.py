"""Crossref deposit XML: a golden file (time frozen), its structure checked element by element
with lxml, escaping, and what is left out.

No Crossref XSD ships in a package we install (and there is no network in the tests), so the
structure is checked explicitly: namespaces, the order of the elements Crossref's 5.3.1
schema requires, and the values that matter.
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import pytest
import time_machine
from django.db import transaction
from django.test import TestCase
from lxml import etree

from imprint.distribution.cite.crossref import CROSSREF_NS, JATS_NS, SCHEMA_VERSION
from imprint.distribution.cite.services import crossref_batch

from . import cite_world

pytestmark = pytest.mark.django_db
GOLDEN = Path(__file__).parent / "golden" / "cite"
NS = {"cr": CROSSREF_NS, "jats": JATS_NS}
FROZEN = datetime.datetime(2026, 3, 4, 5, 6, 7, 890000, tzinfo=datetime.UTC)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        with TestCase.captureOnCommitCallbacks(execute=True):
            built = cite_world.build()
        yield built
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _in_savepoint(world, db, settings):
    settings.IMPRINT_CROSSREF_DEPOSITOR_EMAIL = "dois@example.org"


def _batch(world, *pages):
    with time_machine.travel(FROZEN, tick=False):
        return crossref_batch([p.pk for p in pages], batch_id="imprint-test-1")


def _tags(element) -> list[str]:
    return [etree.QName(child).localname for child in element]


def test_an_issue_and_the_other_kinds_match_the_golden_deposit(world):
    batch = _batch(world, world.issue, world.brief, world.paper, world.post)
    text = batch.xml.decode()
    path = GOLDEN / "deposit.xml"
    if os.environ.get("IMPRINT_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_the_head_names_the_batch_the_time_and_the_depositor(world):
    root = etree.fromstring(_batch(world, world.issue).xml)
    assert root.tag == f"{{{CROSSREF_NS}}}doi_batch" and root.get("version") == SCHEMA_VERSION
    assert root.nsmap[None] == "http://www.crossref.org/schema/5.3.1"
    assert root.nsmap["jats"] == "http://www.ncbi.nlm.nih.gov/JATS1"
    head = root.find("cr:head", NS)
    assert _tags(head) == ["doi_batch_id", "timestamp", "depositor", "registrant"]
    assert head.findtext("cr:doi_batch_id", namespaces=NS) == "imprint-test-1"
    assert head.findtext("cr:timestamp", namespaces=NS) == "20260304050607890"
    assert _tags(head.find("cr:depositor", NS)) == ["depositor_name", "email_address"]
    assert head.findtext("cr:depositor/cr:email_address", namespaces=NS) == "dois@example.org"
    assert head.findtext("cr:registrant", namespaces=NS) == "Imprint Institute"


def test_an_issue_deposit_holds_the_journal_the_issue_and_its_articles_with_dois(world):
    body = etree.fromstring(_batch(world, world.issue).xml).find("cr:body", NS)
    (journal,) = body
    assert _tags(journal) == ["journal_metadata", "journal_issue", "journal_article"]
    metadata = journal.find("cr:journal_metadata", NS)
    assert _tags(metadata) == ["full_title", "issn", "issn"]
    assert [(i.get("media_type"), i.text) for i in metadata.findall("cr:issn", NS)] == [
        ("print", "1234-5679"),
        ("electronic", "2049-3630"),
    ]
    issue = journal.find("cr:journal_issue", NS)
    assert _tags(issue) == ["publication_date", "journal_volume", "issue", "doi_data"]
    assert issue.findtext("cr:journal_volume/cr:volume", namespaces=NS) == "7"
    assert issue.findtext("cr:doi_data/cr:doi", namespaces=NS) == "10.5555/jpa.7.2"
    assert issue.findtext("cr:doi_data/cr:resource", namespaces=NS).endswith("/volume-7/issue-2/")
    article = journal.find("cr:journal_article", NS)
    assert _tags(article) == [
        "titles",
        "contributors",
        "abstract",
        "publication_date",
        "pages",
        "doi_data",
    ]
    assert article.find("jats:abstract/jats:p", NS) is not None
    assert _tags(article.find("cr:publication_date", NS)) == ["month", "day", "year"]


def test_contributors_carry_sequence_role_affiliation_and_orcid(world):
    article = etree.fromstring(_batch(world, world.issue).xml).find(".//cr:journal_article", NS)
    people = article.findall("cr:contributors/cr:person_name", NS)
    assert [(p.get("sequence"), p.get("contributor_role")) for p in people] == [
        ("first", "author"),
        ("additional", "author"),
        ("additional", "author"),
    ]
    doe, yamada, kim = people
    assert _tags(doe) == ["given_name", "surname", "affiliations", "ORCID"]
    assert doe.findtext("cr:ORCID", namespaces=NS) == "https://orcid.org/0000-0002-1825-0097"
    assert doe.find("cr:ORCID", NS).get("authenticated") == "false"
    assert doe.findtext(".//cr:institution_name", namespaces=NS) == "University of Testing"
    assert (
        yamada.findtext("cr:given_name", namespaces=NS),
        yamada.findtext("cr:surname", namespaces=NS),
    ) == ("太郎", "山田")
    assert _tags(kim) == ["surname"] and kim.findtext("cr:surname", namespaces=NS) == "김민준"


def test_text_is_escaped_and_reads_back_as_written(world):
    xml = _batch(world, world.issue).xml
    assert b"Tariffs &amp; trade" in xml and b"a &lt;tag&gt; stays text" in xml
    article = etree.fromstring(xml).find(".//cr:journal_article", NS)
    assert (
        article.findtext("cr:titles/cr:title", namespaces=NS)
        == "Tariffs & trade: 50% of it_all ($)"
    )
    assert article.findtext("cr:titles/cr:subtitle", namespaces=NS) == "A #1 test: ~ ^ \\ escapes"


def test_reports_are_report_papers_and_working_papers_posted_content(world):
    body = etree.fromstring(_batch(world, world.brief, world.paper).xml).find("cr:body", NS)
    assert _tags(body) == ["report-paper", "posted_content"]
    report = body.find("cr:report-paper/cr:report-paper_metadata", NS)
    assert _tags(report) == [
        "contributors",
        "titles",
        "publication_date",
        "publisher",
        "institution",
        "doi_data",
    ]
    posted = body.find("cr:posted_content", NS)
    assert posted.get("type") == "working_paper"
    assert _tags(posted) == [
        "contributors",
        "titles",
        "posted_date",
        "institution",
        "abstract",
        "doi_data",
    ]
    assert posted.findtext("cr:doi_data/cr:doi", namespaces=NS) == "10.5555/kp.wp.9"


def test_what_cannot_be_deposited_is_left_out_with_the_reason(world):
    batch = _batch(world, world.issue, world.post)
    assert batch.dois == ["10.5555/jpa.7.2.1", "10.5555/jpa.7.2"]
    skipped = dict(batch.skipped)
    assert skipped["Notes on shipping lanes"] == "it has no DOI"
    assert skipped["Why tariffs?"].endswith("not a blog post")


def test_drafts_and_private_pages_are_never_deposited(world):
    from wagtail.models import PageViewRestriction

    world.paper.unpublish()
    PageViewRestriction.objects.create(page=world.issue, restriction_type="login")
    batch = _batch(world, world.issue, world.paper, world.brief)
    assert batch.dois == ["10.5555/kp.brief.4"]
