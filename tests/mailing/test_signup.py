"""The signup form: the same answer whatever the address's state, clear refusals of bad input
that change nothing, the honeypot, the limits per address and per IP."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from imprint.mailing.models import OutboundMessage, Status, Subscriber, Subscription

from .helpers import confirmed_subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    def run(data: dict, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/subscribe/", data, **extra)

    return run


def _body(response) -> str:
    return response.content.decode()


def test_the_form_is_in_every_pages_footer_and_on_its_own_page(client, home):
    footer = _body(client.get("/"))
    assert 'action="/subscribe/"' in footer and 'name="website"' in footer
    page = client.get("/subscribe/")
    assert page.status_code == 200
    assert "mailing/subscribe.html" in [t.name for t in page.templates]
    assert 'value="all"' in _body(page) and "We will email you" in _body(page)


def test_topics_series_blogs_and_journals_are_offered(client, home, publication_index):
    from tests import factories as f

    f.TopicFactory(name="Maritime security")
    f.SeriesPageFactory(parent=publication_index, title="Alliance briefs")
    f.SeriesPageFactory(parent=publication_index, title="Hidden series", live=False)
    f.BlogIndexPageFactory(parent=home, title="Commentary")
    body = _body(client.get("/subscribe/"))
    for label in ("Maritime security", "Alliance briefs", "Commentary"):
        assert label in body
    assert "Hidden series" not in body


def _answers(post, address: str) -> str:
    response = post({"email": address, "lists": ["all"]})
    assert response.status_code == 200
    return _body(response)


def test_the_answer_is_the_same_for_new_pending_subscribed_unsubscribed_and_suppressed(post, home):
    confirmed_subscriber("subscribed@example.org")
    confirmed_subscriber("left@example.org")
    Subscription.objects.filter(subscriber__email="left@example.org").update(
        status=Status.UNSUBSCRIBED
    )
    post({"email": "pending@example.org"})
    Subscriber.objects.create(email="blocked@example.org", suppressed=True)
    answers = {
        _answers(post, f"{who}@example.org")
        for who in ("new", "pending", "subscribed", "left", "blocked")
    }
    assert len(answers) == 1


def test_one_confirmation_a_day_per_address(post, home, mailoutbox):
    post({"email": "twice@example.org"})
    post({"email": "twice@example.org"})
    assert len(mailoutbox) == 1
    Subscriber.objects.update(confirmation_sent_at=timezone.now() - datetime.timedelta(hours=25))
    post({"email": "twice@example.org"})
    assert len(mailoutbox) == 2


def test_a_subscribed_address_is_not_mailed_again_for_the_same_list(post, home, mailoutbox):
    confirmed_subscriber("already@example.org")
    mailoutbox.clear()
    post({"email": "already@example.org", "lists": ["all"]})
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("not an address", "valid email address"),
        ("a" * 290 + "@example.org", "longer than 254"),
        ("name@", "valid email address"),
        ("josé@example.org", "before the @"),
        ("name@exa mple.org", "valid"),
        ("", "Enter your email address"),
    ],
)
def test_bad_addresses_get_a_clear_message_and_change_nothing(post, home, address, message):
    response = post({"email": address, "lists": ["all"]})
    assert response.status_code == 400
    assert message in _body(response)
    assert not Subscriber.objects.exists() and not OutboundMessage.objects.exists()


def test_a_unicode_domain_is_stored_in_idna_with_its_case_folded(post, home, mailoutbox):
    post({"email": "  Kim@Bücher.Example  "})
    assert Subscriber.objects.get().email == "Kim@xn--bcher-kva.example"
    assert mailoutbox[0].to == ["Kim@xn--bcher-kva.example"]


def test_an_unknown_list_is_ignored(post, home):
    post({"email": "odd@example.org", "lists": ["all", "topic-99999", "series-abc", "x"]})
    assert Subscription.objects.get().mailing_list.kind == "all"


def test_a_filled_honeypot_looks_accepted_but_does_nothing(post, home, mailoutbox):
    response = post({"email": "bot@example.org", "lists": ["all"], "website": "http://spam"})
    assert response.status_code == 200 and "Check your inbox" in _body(response)
    assert not Subscriber.objects.exists() and mailoutbox == []


def test_signups_from_one_address_are_limited_per_hour(post, home, settings, mailoutbox):
    settings.IMPRINT_MAILING_SIGNUPS_PER_HOUR = 3
    statuses = [
        post({"email": f"r{n}@example.org"}, REMOTE_ADDR="203.0.113.9").status_code
        for n in range(5)
    ]
    assert statuses == [200, 200, 200, 429, 429]
    assert len(mailoutbox) == 3
    # Another address is not held back by the first one's limit.
    assert post({"email": "other@example.org"}, REMOTE_ADDR="198.51.100.7").status_code == 200


def test_the_consent_record_keeps_the_text_version_and_only_a_hash_of_the_ip(post, home):
    from imprint.mailing.consent import CONSENT_TEXT_VERSION
    from imprint.mailing.models import ConsentEvent

    post({"email": "proof@example.org"}, REMOTE_ADDR="203.0.113.20")
    event = ConsentEvent.objects.get()
    assert (event.action, event.consent_text_version) == ("signup", CONSENT_TEXT_VERSION)
    assert event.ip_hash and "203.0.113.20" not in event.ip_hash
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        ConsentEvent.objects.all().delete()
    with pytest.raises(TypeError):
        ConsentEvent.objects.update(source="edited")


def test_the_signup_needs_no_csrf_token_so_cached_pages_can_carry_the_form(home):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/subscribe/", {"email": "csrf@example.org"})
    assert response.status_code == 200
    assert not client.get("/").cookies  # the footer form sets no cookie
