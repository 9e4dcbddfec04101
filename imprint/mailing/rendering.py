"""Mail as readers get it: plain text and HTML in the institute's branding, with the headers
that mail providers ask of bulk senders (List-Id, List-Unsubscribe, one-click)."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from wagtail.models import Site

from imprint.core.models import InstituteSettings

from .models import MailingList, OutboundMessage
from .tokens import MANAGE_SALT, UNSUBSCRIBE_SALT, confirm_token, subscriber_token


def base_url() -> str:
    """Where links in mail point: IMPRINT_MAILING_BASE_URL, else the default site's root."""
    if settings.IMPRINT_MAILING_BASE_URL:
        return settings.IMPRINT_MAILING_BASE_URL.rstrip("/")
    site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else "http://localhost"


def link(name: str, token: str) -> str:
    return base_url() + reverse(name, kwargs={"token": token})


def _institute() -> InstituteSettings:
    site = Site.objects.filter(is_default_site=True).first()
    return InstituteSettings.for_site(site) if site else InstituteSettings()


def confirmation_message(row: OutboundMessage, *, nonce: str) -> EmailMultiAlternatives:
    token = confirm_token(subscriber_id=row.subscriber_id, nonce=nonce)
    context = {
        "confirm_url": link("mailing_confirm", token),
        "hours": settings.IMPRINT_MAILING_CONFIRM_HOURS,
        "lists": [
            s.mailing_list.name
            for s in row.subscriber.subscriptions.filter(nonce=nonce).select_related("mailing_list")
        ],
    }
    institute = _institute()
    subject = f"Confirm your subscription to {institute.name}"
    # No List-Unsubscribe: the address is not on any list until it confirms.
    return _message(row, "confirm", subject, context, institute, headers={})


def _list_links(row: OutboundMessage, lists: list[int]) -> tuple[dict, dict]:
    """The unsubscribe and preferences links of a list message, and its list headers."""
    subscriber = row.subscriber
    unsubscribe = link(
        "mailing_unsubscribe",
        subscriber_token(
            subscriber_id=subscriber.pk,
            secret=subscriber.secret,
            lists=lists,
            salt=UNSUBSCRIBE_SALT,
        ),
    )
    manage = link(
        "mailing_preferences",
        subscriber_token(
            subscriber_id=subscriber.pk, secret=subscriber.secret, lists=[], salt=MANAGE_SALT
        ),
    )
    names = list(MailingList.objects.filter(pk__in=lists).values_list("name", flat=True))
    host = urlsplit(base_url()).hostname or "localhost"
    targets = [f"<{unsubscribe}>"]
    if settings.IMPRINT_MAILING_UNSUBSCRIBE_MAILTO:
        mailto = settings.IMPRINT_MAILING_UNSUBSCRIBE_MAILTO
        targets.append(f"<mailto:{mailto}?subject=unsubscribe>")
    headers = {
        "List-Id": f"{names[0] if names else 'Publications'} <list-{lists[0]}.{host}>",
        "List-Unsubscribe": ", ".join(targets),
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    context = {"list_names": names, "unsubscribe_url": unsubscribe, "preferences_url": manage}
    return context, headers


def _item(page) -> dict:
    return {
        "page": page,
        "url": page.full_url,
        "authors": [a.person.name for a in page.authors.select_related("person")],
    }


def publication_message(row: OutboundMessage, *, page, lists: list[int]) -> EmailMultiAlternatives:
    context, headers = _list_links(row, lists)
    item = _item(page)
    context.update(page=page, page_url=item["url"], summary=page.summary, authors=item["authors"])
    return _message(row, "publication", page.title, context, _institute(), headers=headers)


def digest_message(
    row: OutboundMessage, *, pages: list, lists: list[int]
) -> EmailMultiAlternatives:
    context, headers = _list_links(row, lists)
    context["items"] = [_item(page) for page in pages]
    institute = _institute()
    period = "week" if row.key.startswith("digest:weekly") else "day"
    count = len(pages)
    subject = f"{institute.name}: {count} new publication{'s' if count > 1 else ''} this {period}"
    return _message(row, "digest", subject, context, institute, headers=headers)


def _message(row, template: str, subject: str, context: dict, institute, *, headers: dict):
    context = {**context, "institute": institute, "subject": subject}
    text = render_to_string(f"mailing/email/{template}.txt", context)
    html = render_to_string(f"mailing/email/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=subject.replace("\n", " ").replace("\r", " "),
        body=text,
        from_email=settings.IMPRINT_MAILING_FROM_EMAIL or settings.DEFAULT_FROM_EMAIL,
        to=[row.subscriber.email],
        headers={
            "Message-ID": row.message_id,  # Django adds Date
            **headers,
        },
    )
    message.attach_alternative(html, "text/html")
    return message
