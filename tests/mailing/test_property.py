"""Random sequences of subscribe, confirm, change, unsubscribe, suppress, bounce (a delivery
status notification read as ``imprint read_bounces`` reads it) and publish: mail about
publications goes only to addresses that confirmed a matching list, stayed on it and are not
suppressed; no address gets more than one confirmation a day."""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imprint.mailing import services
from imprint.mailing.bounces_read import bounces_read
from imprint.mailing.models import Frequency, Status, Subscriber, Subscription
from imprint.mailing.sending import outbound_send
from tests import factories as f

pytestmark = pytest.mark.django_db

ADDRESSES = ["ann@example.org", "bo@example.org", "cy@example.org"]
LISTS = ["all", "topic"]
who = st.sampled_from(ADDRESSES)
lists = st.sets(st.sampled_from(LISTS), min_size=1)
operation = st.one_of(
    st.tuples(st.just("subscribe"), who, lists),
    st.tuples(st.just("confirm"), who),
    st.tuples(
        st.just("change"), who, st.sets(st.sampled_from(LISTS)), st.sampled_from(Frequency.values)
    ),
    st.tuples(st.just("unsubscribe"), who, st.sampled_from([*LISTS, None])),
    st.tuples(st.just("suppress"), who),
    st.tuples(st.just("bounce"), who, st.booleans()),
    st.tuples(st.just("publish"), st.booleans()),
)


class Model:
    """What the reader did, independent of the code: who may receive what."""

    def __init__(self) -> None:
        self.pending = {a: set() for a in ADDRESSES}
        self.confirmed = {a: set() for a in ADDRESSES}  # lists mailed immediately
        self.suppressed: set[str] = set()

    def allowed(self, matching: set[str]) -> set[str]:
        return {a for a in ADDRESSES if a not in self.suppressed and self.confirmed[a] & matching}


@pytest.fixture
def world(client, publication_index, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.IMPRINT_MAILING_SIGNUPS_PER_HOUR = 10**6
    topic = f.TopicFactory(name="Fisheries")
    return {
        "client": client,
        "index": publication_index,
        "topic": topic,
        "keys": {"all": "all", "topic": f"topic-{topic.pk}"},
    }


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=st.lists(operation, max_size=10))
def test_mail_goes_only_to_confirmed_subscribed_unsuppressed_addresses(world, steps):
    with transaction.atomic():
        mail.outbox = []
        model = Model()
        for step in steps:
            _run(world, model, step)
            outbound_send(holder="property")
            if step[0] == "publish":
                _check_publication(world, model, step[1])
        confirmations = Counter(m.to[0] for m in mail.outbox if m.subject.startswith("Confirm"))
        assert all(count == 1 for count in confirmations.values()), confirmations
        transaction.set_rollback(True)


def _run(world, model: Model, step: tuple) -> None:
    action, *args = step
    keys = world["keys"]
    if action == "subscribe":
        address, chosen = args
        world["client"].post("/subscribe/", {"email": address, "lists": [keys[k] for k in chosen]})
        if address not in model.suppressed:
            model.pending[address] |= chosen - model.confirmed[address]
    elif action == "confirm":
        _click_confirmation(world, model, args[0])
    elif action == "change":
        address, chosen, frequency = args
        subscriber = Subscriber.objects.filter(email=address).first()
        if subscriber is None:
            return
        ids = {m.pk: m for m in services.mailing_lists_for([keys[k] for k in chosen])}
        services.subscriber_update_preferences(
            subscriber=subscriber, choices=dict.fromkeys(ids, frequency)
        )
        model.pending[address] = set()
        model.confirmed[address] = set(chosen) if frequency == Frequency.IMMEDIATELY else set()
    elif action == "unsubscribe":
        address, which = args
        subscriber = Subscriber.objects.filter(email=address).first()
        if subscriber is None:
            return
        list_ids = [m.pk for m in services.mailing_lists_for([keys[which]])] if which else None
        services.subscriber_unsubscribe(subscriber=subscriber, list_ids=list_ids, source="test")
        for state in (model.pending[address], model.confirmed[address]):
            state.difference_update({which} if which else set(LISTS))
    elif action == "suppress":
        # An address nobody subscribed yet has no row to suppress: the step changes nothing.
        if Subscriber.objects.filter(email=args[0]).update(suppressed=True):
            model.suppressed.add(args[0])
    elif action == "bounce":
        address, hard = args
        known = Subscriber.objects.filter(email=address).exists()  # a report on a stranger: nothing
        bounces_read(_dsn(address, hard), source="property")
        if hard and known:  # a delayed delivery (4.x.x) suppresses nobody
            model.suppressed.add(address)


def _dsn(address: str, hard: bool) -> bytes:
    action, status = ("failed", "5.1.1") if hard else ("delayed", "4.4.1")
    return (
        "From: MAILER-DAEMON@mx.example.org\r\nTo: news@example.org\r\n"
        "Subject: Undelivered Mail\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n\r\n'
        "--b\r\nContent-Type: text/plain\r\n\r\nCould not deliver.\r\n"
        "--b\r\nContent-Type: message/delivery-status\r\n\r\n"
        "Reporting-MTA: dns; mx.example.org\r\n\r\n"
        f"Final-Recipient: rfc822; {address}\r\nAction: {action}\r\nStatus: {status}\r\n"
        "\r\n--b--\r\n"
    ).encode()


def _click_confirmation(world, model: Model, address: str) -> None:
    sent = [m for m in mail.outbox if m.to == [address] and m.subject.startswith("Confirm")]
    if not sent:
        return
    url = re.search(r"https?://\S+/mailing/confirm/\S+/", sent[-1].body).group(0)
    response = world["client"].post(urlsplit(url).path)
    if response.status_code == 200:
        model.confirmed[address] |= model.pending[address]
        model.pending[address] = set()


def _check_publication(world, model: Model, with_topic: bool) -> None:
    before = len(mail.outbox)
    page = f.PublicationPageFactory(parent=world["index"], live=False)
    if with_topic:
        page.topics.add(world["topic"])
    page.save_revision().publish()
    services.publication_announce(page_id=page.pk)
    outbound_send(holder="property")
    received = {m.to[0] for m in mail.outbox[before:] if m.subject == page.title}
    matching = {"all", "topic"} if with_topic else {"all"}
    assert received <= model.allowed(matching), (received, model.confirmed, model.suppressed)
    assert len(mail.outbox[before:]) == len(received)  # one message each, nothing else
    on_lists = Subscription.objects.filter(
        status=Status.CONFIRMED,
        frequency=Frequency.IMMEDIATELY,
        subscriber__suppressed=False,
        mailing_list__in=services.mailing_lists_for([world["keys"][k] for k in matching]),
    )
    assert received == set(on_lists.values_list("subscriber__email", flat=True))
