"""Subscribers in the admin: search, filters by list and status, counts per list, CSV export,
and a CSV import that mails nobody until they confirm unless the row proves earlier consent."""

from __future__ import annotations

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile

from imprint.mailing import services
from imprint.mailing.models import ConsentEvent, Subscriber, Subscription
from imprint.mailing.sending import outbound_send

from .helpers import confirmed_subscriber

pytestmark = pytest.mark.django_db
LISTING = "/admin/snippets/mailing/subscriber/"


@pytest.fixture
def readers(home):
    from tests import factories as f

    energy = f.TopicFactory(name="Energy")
    confirmed_subscriber("ana@example.org", ["all", f"topic-{energy.pk}"])
    confirmed_subscriber("ben@example.org", ["all"])
    services.subscriber_signup(
        email="cy@example.org", lists=services.mailing_lists_for(["all"]), source="test"
    )
    return {"all": services.mailing_lists_for(["all"])[0], "energy": energy}


def _emails(response) -> set[str]:
    body = response.content.decode()
    return {a for a in ("ana@example.org", "ben@example.org", "cy@example.org") if a in body}


def test_editors_search_and_filter_subscribers_by_list_and_status(admin_client, readers):
    assert len(_emails(admin_client.get(LISTING))) == 3
    assert _emails(admin_client.get(LISTING, {"q": "ben"})) == {"ben@example.org"}
    everyone = readers["all"].pk
    pending = admin_client.get(LISTING, {"mailing_list": everyone, "status": "pending"})
    assert _emails(pending) == {"cy@example.org"}
    confirmed = admin_client.get(LISTING, {"mailing_list": everyone, "status": "confirmed"})
    assert _emails(confirmed) == {"ana@example.org", "ben@example.org"}
    energy = Subscription.objects.get(mailing_list__topic=readers["energy"]).mailing_list_id
    assert _emails(admin_client.get(LISTING, {"mailing_list": energy})) == {"ana@example.org"}


def test_the_lists_show_their_counts_by_state(admin_client, readers):
    soup = BeautifulSoup(admin_client.get("/admin/snippets/mailing/mailinglist/").content, "lxml")
    headings = [th.get_text(" ", strip=True) for th in soup.select("thead th")]
    row = next(tr for tr in soup.select("tbody tr") if "All new publications" in tr.get_text())
    cells = dict(
        zip(headings, [td.get_text(" ", strip=True) for td in row.select("td")], strict=False)
    )
    assert (cells["Confirmed count"], cells["Pending count"], cells["Unsubscribed count"]) == (
        "2",
        "1",
        "0",
    ), cells


def test_the_filtered_subscribers_export_as_csv(admin_client, readers):
    everyone = readers["all"].pk
    response = admin_client.get(
        LISTING, {"mailing_list": everyone, "status": "confirmed", "export": "csv"}
    )
    assert response["Content-Type"] == "text/csv"
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert sorted(r["Email"] for r in rows) == ["ana@example.org", "ben@example.org"]
    ana = next(r for r in rows if r["Email"] == "ana@example.org")
    assert "Energy (Confirmed)" in ana["Lists"]


def _import(admin_client, text: str, lists: list[int], confirm: bool = False):
    data = {"file": SimpleUploadedFile("list.csv", text.encode()), "lists": lists}
    if confirm:
        data["send_confirmation"] = "on"
    return admin_client.post("/admin/mailing/import/", data)


def test_an_import_mails_nobody_and_confirms_only_rows_with_proof(admin_client, readers, mailbox):
    outbound_send(holder="test")  # the readers' own confirmations, before the import
    mailbox.clear()
    everyone = readers["all"].pk
    response = _import(
        admin_client,
        "Email,consent_date,consent_source\n"
        "paper@example.org,2024-05-31,Signup sheet at the Seoul forum\n"
        "noproof@example.org,,\n",
        [everyone],
    )
    assert response.status_code == 302
    outbound_send(holder="test")
    assert mailbox.messages == []  # not even a confirmation request
    status = dict(Subscription.objects.values_list("subscriber__email", "status"))
    assert status["paper@example.org"] == "confirmed"
    assert status["noproof@example.org"] == "pending"
    event = ConsentEvent.objects.get(subscriber__email="paper@example.org")
    assert event.action == "import" and "Seoul forum" in event.detail
    assert event.consented_at.date().isoformat() == "2024-05-31"
    assert event.address_hash


def test_imported_rows_without_proof_get_a_confirmation_only_if_the_editor_asks(
    admin_client, readers, mailbox, client
):
    outbound_send(holder="test")
    mailbox.clear()
    _import(admin_client, "email\nasked@example.org\n", [readers["all"].pk], confirm=True)
    outbound_send(holder="test")
    [message] = mailbox.to("asked@example.org")
    assert message["Subject"].startswith("Confirm")
    assert Subscription.objects.get(subscriber__email="asked@example.org").status == "pending"


def test_an_import_never_overrides_an_opt_out(admin_client, readers):
    ben = Subscriber.objects.get(email="ben@example.org")
    services.subscriber_unsubscribe(subscriber=ben, source="test")
    proof = "email,consent_date,consent_source\nben@example.org,2020-01-01,old list\n"
    _import(admin_client, proof, [readers["all"].pk])
    assert Subscription.objects.get(subscriber=ben).status == "unsubscribed"


def test_bad_rows_are_named_one_by_one_and_nothing_is_imported(admin_client, readers):
    response = _import(
        admin_client,
        "email,consent_date,consent_source\n"
        "good@example.org,,\n"
        "not-an-address,,\n"
        f"{'x' * 300}@example.org,,\n"
        "dated@example.org,2024-05-31,\n"
        "when@example.org,last spring,a form\n"
        "good@example.org,,\n",
        [readers["all"].pk],
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Nothing was imported" in body
    for expected in (
        "Row 3: “not-an-address”: Enter a valid email address",
        "Row 4: “xxxx",
        "Row 5: proof of consent needs a date and a source; this row has the date and no source.",
        "Row 6: the consent date “last spring” is not a date: write it as 2024-05-31.",
        "Row 7: good@example.org is already on row 2.",
    ):
        assert expected in body.replace("&#x27;", "'"), expected
    assert not Subscriber.objects.filter(email="good@example.org").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"name,address\nA,a@example.org\n", "must name the columns"),
        (b"email,phone\na@example.org,123\n", "Unknown column “phone”"),
        (b"email\n", "no rows"),
        ("email\nb@exämple.org\n".encode("latin-1"), "not UTF-8"),
    ],
)
def test_a_file_that_is_not_a_subscriber_list_is_refused_clearly(
    admin_client, readers, content, message
):
    data = {"file": SimpleUploadedFile("x.csv", content), "lists": [readers["all"].pk]}
    response = admin_client.post("/admin/mailing/import/", data)
    assert response.status_code == 200 and message in response.content.decode()


def test_only_editors_who_may_add_subscribers_can_import(client, django_user_model, home):
    user = django_user_model.objects.create_user("mod", password="pw", is_staff=True)
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    # Wagtail's admin answers a refusal by sending the editor back to the dashboard.
    response = client.get("/admin/mailing/import/")
    assert response.status_code == 302 and response.url == "/admin/"
    data = {"file": SimpleUploadedFile("x.csv", b"email\nx@example.org\n"), "lists": []}
    client.post("/admin/mailing/import/", data)
    assert not Subscriber.objects.filter(email="x@example.org").exists()
