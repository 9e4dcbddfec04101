"""Mail as readers get it: plain text and HTML in the institute's branding, with the headers
that mail providers ask of bulk senders (List-Id, List-Unsubscribe, one-click)."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape, strip_tags
from wagtail.models import Site

from imprint.core.content_cache import content_generation
from imprint.core.models import InstituteSettings

from .models import MailingList, OutboundMessage
from .tokens import MANAGE_SALT, UNSUBSCRIBE_SALT, confirm_token, subscriber_token


class Memo:
    """What the messages of one send run share (the site, the institute, list names, a
    digest's items), kept only while the content generation stays: a page that stops being
    public moves the generation after its commit, and the next message reads it again."""

    def __init__(self) -> None:
        self.generation: int | None = None
        self.values: dict = {}

    def check(self) -> None:
        """Forget everything if the content generation moved (once a message: a cache read)."""
        generation = content_generation()
        if generation != self.generation:
            self.values.clear()
            self.generation = generation

    def get(self, key, make):
        if self.generation is None:
            self.check()
        if key not in self.values:
            self.values[key] = make()
        return self.values[key]


class NoMemo(Memo):
    def check(self) -> None:
        pass

    def get(self, key, make):
        return make()


def base_url() -> str:
    """Where links in mail point: IMPRINT_MAILING_BASE_URL, else the default site's root."""
    if settings.IMPRINT_MAILING_BASE_URL:
        return settings.IMPRINT_MAILING_BASE_URL.rstrip("/")
    site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else "http://localhost"


def link(name: str, token: str) -> str:
    return base_url() + _path(name, token)


def _path(name: str, token: str) -> str:
    return reverse(name, kwargs={"token": token})


def _memo_path(memo: Memo, name: str, token: str) -> str:
    """``_path`` with the URL resolved once a run (reverse() costs more than the rest)."""
    return memo.get(("path", name), lambda: _path(name, "TOKEN")).replace("TOKEN", token)


# Where each reader's own links go in a body rendered once for every reader of a message.
PLACEHOLDERS = {
    "unsubscribe_url": "imprint-placeholder-unsubscribe-url",
    "preferences_url": "imprint-placeholder-preferences-url",
}


def _institute() -> InstituteSettings:
    site = Site.objects.filter(is_default_site=True).first()
    return InstituteSettings.for_site(site) if site else InstituteSettings()


def confirmation_message(
    row: OutboundMessage, *, nonce: str, memo: Memo | None = None
) -> EmailMultiAlternatives:
    memo = memo or NoMemo()
    token = confirm_token(subscriber_id=row.subscriber_id, nonce=nonce)
    context = {
        "confirm_url": memo.get("base", base_url) + _path("mailing_confirm", token),
        "hours": settings.IMPRINT_MAILING_CONFIRM_HOURS,
        "lists": [
            s.mailing_list.name
            for s in row.subscriber.subscriptions.filter(nonce=nonce).select_related("mailing_list")
        ],
    }
    institute = memo.get("institute", _institute)
    subject = f"Confirm your subscription to {institute.name}"
    # No List-Unsubscribe: the address is not on any list until it confirms.
    return _message(row, "confirm", subject, context, institute, headers={})


def _list_links(row: OutboundMessage, lists: list[int], memo: Memo) -> tuple[dict, dict]:
    """The unsubscribe and preferences links of a list message, and its list headers."""
    subscriber = row.subscriber
    root = memo.get("base", base_url)
    unsubscribe = root + _memo_path(
        memo,
        "mailing_unsubscribe",
        subscriber_token(
            subscriber_id=subscriber.pk,
            secret=subscriber.secret,
            lists=lists,
            salt=UNSUBSCRIBE_SALT,
        ),
    )
    manage = root + _memo_path(
        memo,
        "mailing_preferences",
        subscriber_token(
            subscriber_id=subscriber.pk, secret=subscriber.secret, lists=[], salt=MANAGE_SALT
        ),
    )
    names = memo.get(("lists", tuple(lists)), lambda: _list_names(lists))
    host = urlsplit(root).hostname or "localhost"
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


def _list_names(lists: list[int]) -> list[str]:
    return list(MailingList.objects.filter(pk__in=lists).values_list("name", flat=True))


def _item(page) -> dict:
    return {
        "page": page,
        "url": page.full_url,
        "authors": [a.person.name for a in page.authors.select_related("person")],
    }


def publication_message(
    row: OutboundMessage, *, page, lists: list[int], memo: Memo | None = None
) -> EmailMultiAlternatives:
    memo = memo or NoMemo()
    context, headers = _list_links(row, lists, memo)
    item = memo.get(("item", page.pk), lambda: _item(page))
    context.update(page=page, page_url=item["url"], summary=page.summary, authors=item["authors"])
    institute = memo.get("institute", _institute)
    return _message(
        row, "publication", page.title, context, institute, headers=headers, memo=memo,
        body_key=(page.pk, tuple(lists)),
    )  # fmt: skip


def digest_message(
    row: OutboundMessage, *, pages: list, lists: list[int], memo: Memo | None = None
) -> EmailMultiAlternatives:
    memo = memo or NoMemo()
    context, headers = _list_links(row, lists, memo)
    context["items"] = [memo.get(("item", page.pk), lambda p=page: _item(p)) for page in pages]
    institute = memo.get("institute", _institute)
    period = "week" if row.key.startswith("digest:weekly") else "day"
    count = len(pages)
    subject = f"{institute.name}: {count} new publication{'s' if count > 1 else ''} this {period}"
    return _message(
        row, "digest", subject, context, institute, headers=headers, memo=memo,
        body_key=(tuple(row.pages), tuple(lists)),
    )  # fmt: skip


def issue_message(
    row: OutboundMessage, *, contents: tuple, lists: list[int], memo: Memo | None = None
) -> EmailMultiAlternatives:
    """One journal issue: its table of contents of public articles, each linked."""
    memo = memo or NoMemo()
    issue, journal, toc = contents
    context, headers = _list_links(row, lists, memo)
    context.update(issue=issue, journal=journal, toc=toc, issue_url=issue.full_url)
    subject = f"{journal.title if journal else ''}: {issue.title}".lstrip(": ")
    institute = memo.get("institute", _institute)
    return _message(
        row, "issue", subject, context, institute, headers=headers, memo=memo,
        body_key=(issue.pk, tuple(lists)),
    )  # fmt: skip


def campaign_context(campaign, page) -> dict:
    """What a campaign shows of its page: title, authors, a plain-text summary and the link;
    nothing else of the page (no body, file or image) ever goes into mail."""
    summary = getattr(page, "summary", "") or page.search_description or ""
    authors = (
        [a.person.name for a in page.authors.select_related("person")]
        if hasattr(page, "authors")
        else []
    )
    return {
        "page": page,
        "page_url": page.full_url,
        "summary": strip_tags(str(summary)).strip(),
        "authors": authors,
        "introduction": campaign.introduction,
    }


def campaign_message(
    row: OutboundMessage, *, campaign, page, lists: list[int], memo: Memo | None = None
) -> EmailMultiAlternatives:
    memo = memo or NoMemo()
    context, headers = _list_links(row, lists, memo)
    context.update(
        memo.get(("campaign-context", campaign.pk), lambda: campaign_context(campaign, page))
    )
    institute = memo.get("institute", _institute)
    subject = campaign.subject or page.title
    return _message(
        row, "campaign", subject, context, institute, headers=headers, memo=memo,
        body_key=(campaign.pk, tuple(lists)),
    )  # fmt: skip


def campaign_test_message(campaign, page, *, to: str) -> EmailMultiAlternatives:
    """The campaign as a subscriber will get it, to an editor: "[Test]" in the subject and
    links that lead nowhere in place of the subscriber's own."""
    context = campaign_context(campaign, page)
    context.update(
        list_names=[m.name for m in campaign.lists.all()], preferences_url="#", unsubscribe_url="#"
    )
    subject = f"[Test] {campaign.subject or page.title}"
    institute = _institute()
    context = {**context, "institute": institute, "subject": subject}
    message = EmailMultiAlternatives(
        subject=subject.replace("\n", " ").replace("\r", " "),
        body=render_to_string("mailing/email/campaign.txt", context),
        from_email=settings.IMPRINT_MAILING_FROM_EMAIL or settings.DEFAULT_FROM_EMAIL,
        to=[to],
    )
    message.attach_alternative(
        render_to_string("mailing/email/campaign.html", context), "text/html"
    )
    return message


def _message(
    row, template: str, subject: str, context: dict, institute, *, headers: dict, memo=None,
    body_key: tuple | None = None,
):  # fmt: skip
    context = {**context, "institute": institute, "subject": subject}
    if memo is None or body_key is None:
        text, html = _render(template, context)
    else:
        # The same message to many readers differs only in their two links: the bodies are
        # rendered once a run with placeholders (templates cost most of a message's CPU).
        text, html = memo.get(
            ("body", template, subject, *body_key),
            lambda: _render(template, {**context, **PLACEHOLDERS}),
        )
        for name, placeholder in PLACEHOLDERS.items():
            text = text.replace(placeholder, context[name])
            html = html.replace(placeholder, escape(context[name]))
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


def _render(template: str, context: dict) -> tuple[str, str]:
    text = render_to_string(f"mailing/email/{template}.txt", context)
    return text, render_to_string(f"mailing/email/{template}.html", context)
