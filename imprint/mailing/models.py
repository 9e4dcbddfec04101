"""Mailing lists, subscribers, their subscriptions, the consent record and the outbound queue."""

from __future__ import annotations

import secrets

from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel

EMAIL_MAX_LENGTH = 254  # RFC 5321's limit on a forward path, less the angle brackets


class ListKind(models.TextChoices):
    ALL = "all", "All new publications"
    TOPIC = "topic", "Topic"
    SERIES = "series", "Series"
    BLOG = "blog", "Blog"
    JOURNAL = "journal", "Journal issue alerts"
    CUSTOM = "custom", "Made by an editor"


class MailingList(models.Model):
    """A list readers may join: derived from content (a topic, a series, a blog, a journal) or
    made by an editor. At most one row for each derived list."""

    kind = models.CharField(
        max_length=10, choices=ListKind, default=ListKind.CUSTOM, editable=False
    )
    name = models.CharField(max_length=255)
    slug = models.SlugField(max_length=120, unique=True, allow_unicode=True)
    topic = models.ForeignKey(
        "topics.Topic", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The series, blog or journal this list follows.",
    )
    is_active = models.BooleanField(
        default=True,
        help_text="Lists made by editors are offered on the signup form while this is ticked.",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind"], condition=models.Q(kind="all"), name="mailing_one_all_list"
            ),
            models.UniqueConstraint(
                fields=["topic"], condition=models.Q(topic__isnull=False), name="mailing_topic_list"
            ),
            models.UniqueConstraint(
                fields=["kind", "page"],
                condition=models.Q(page__isnull=False),
                name="mailing_page_list",
            ),
        ]

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("is_active")]

    def __str__(self) -> str:
        return self.name

    @property
    def confirmed_count(self) -> int:
        return self.subscriptions.filter(status="confirmed").count()


def new_secret() -> str:
    return secrets.token_urlsafe(16)


class Subscriber(models.Model):
    """One address. ``email`` is normalised (``addresses.normalise``) so it is unique as typed
    in any case of its domain. ``secret`` is in every link to the preferences; replacing it
    revokes them all."""

    email = models.EmailField(max_length=EMAIL_MAX_LENGTH, unique=True)
    secret = models.CharField(max_length=32, default=new_secret)
    suppressed = models.BooleanField(
        default=False, help_text="Never mailed again (a bounce, a complaint, an editor's choice)."
    )
    created_at = models.DateTimeField(default=timezone.now)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.email


class Frequency(models.TextChoices):
    IMMEDIATELY = "immediately", "As soon as published"
    DAILY = "daily", "Daily digest"
    WEEKLY = "weekly", "Weekly digest"


class Status(models.TextChoices):
    PENDING = "pending", "Waiting for confirmation"
    CONFIRMED = "confirmed", "Confirmed"
    UNSUBSCRIBED = "unsubscribed", "Unsubscribed"
    SUPPRESSED = "suppressed", "Suppressed"


class Subscription(models.Model):
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    mailing_list = models.ForeignKey(
        MailingList, on_delete=models.CASCADE, related_name="subscriptions"
    )
    frequency = models.CharField(max_length=12, choices=Frequency, default=Frequency.IMMEDIATELY)
    status = models.CharField(max_length=12, choices=Status, default=Status.PENDING)
    # The confirmation link carries this; confirming clears it, so a used link cannot be replayed.
    nonce = models.CharField(max_length=32, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "mailing_list"], name="mailing_one_subscription"
            )
        ]
        indexes = [models.Index(fields=["mailing_list", "status", "frequency"])]

    def __str__(self) -> str:
        return f"{self.subscriber_id} on {self.mailing_list_id} ({self.status})"


class ConsentAction(models.TextChoices):
    SIGNUP = "signup", "Asked to subscribe"
    CONFIRM = "confirm", "Confirmed"
    CHANGE = "change", "Changed preferences"
    UNSUBSCRIBE = "unsubscribe", "Unsubscribed"
    SUPPRESS = "suppress", "Suppressed"


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("The consent record is append-only.")

    def delete(self):
        raise TypeError("The consent record is append-only.")


class ConsentEvent(models.Model):
    """One opt-in or opt-out, as it happened: never changed, never deleted (the proof of
    consent). The address it came from is kept only as a keyed hash."""

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.PROTECT, related_name="consent_events"
    )
    mailing_list = models.ForeignKey(
        MailingList, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=12, choices=ConsentAction)
    source = models.CharField(max_length=32)
    consent_text_version = models.CharField(max_length=32, blank=True)
    ip_hash = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} ({self.source})"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise TypeError("The consent record is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("The consent record is append-only.")


class MessageKind(models.TextChoices):
    CONFIRM = "confirm", "Confirmation request"
    PUBLICATION = "publication", "New publication"
    DIGEST = "digest", "Digest"


class OutboundStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENDING = "sending", "Being sent"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    CANCELLED = "cancelled", "Cancelled"


class OutboundMessage(models.Model):
    """One message to one recipient. ``(subscriber, key)`` is unique, so the same message can
    be queued for the same recipient only once however often it is asked for; a sender claims
    the row before sending and marks it sent after (``sending``)."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="outbound")
    key = models.CharField(max_length=100, help_text="What message this is: confirm:<nonce>, …")
    kind = models.CharField(max_length=12, choices=MessageKind)
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lists = models.JSONField(default=list, help_text="Ids of the lists this message is for.")
    pages = models.JSONField(default=list, help_text="Ids of the publications in a digest.")
    message_id = models.CharField(max_length=200, unique=True)
    status = models.CharField(max_length=10, choices=OutboundStatus, default=OutboundStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_by = models.CharField(max_length=64, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "key"], name="mailing_once_per_recipient")
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.key} to {self.subscriber_id} ({self.status})"
