"""Mailing lists, subscribers, their subscriptions, the consent record and the outbound queue."""

from __future__ import annotations

import secrets

from django.conf import settings
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

    @property
    def pending_count(self) -> int:
        return self.subscriptions.filter(status="pending").count()

    @property
    def unsubscribed_count(self) -> int:
        return self.subscriptions.filter(status="unsubscribed").count()


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
    suppressed_reason = models.CharField(
        max_length=255, blank=True, help_text="Why: the bounce or complaint, or the editor's note."
    )
    created_at = models.DateTimeField(default=timezone.now)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.email

    def lists_summary(self) -> str:
        """Each list with its state, as the admin lists and exports them."""
        subs = self.subscriptions.select_related("mailing_list").order_by("mailing_list__name")
        return "; ".join(f"{s.mailing_list.name} ({s.get_status_display()})" for s in subs)

    lists_summary.short_description = "Lists"


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
    IMPORT = "import", "Imported"
    ERASE = "erase", "Erased on request"


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("The consent record is append-only.")

    def delete(self):
        raise TypeError("The consent record is append-only.")


class ConsentEvent(models.Model):
    """One opt-in or opt-out, as it happened: never changed, never deleted (the proof of
    consent). The IP it came from is kept only as a keyed hash, and so is the address.

    Erasure (docs/operations.md, "Erasure"): deleting a subscriber unlinks its events (the
    database sets ``subscriber`` to NULL) and keeps them, with ``address_hash`` written when
    each event was made: the record still proves who agreed to what, when, for whoever can
    show the address, and names nobody to anyone else."""

    subscriber = models.ForeignKey(
        Subscriber,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consent_events",
    )
    address_hash = models.CharField(max_length=64, blank=True, db_index=True)
    mailing_list = models.ForeignKey(
        MailingList, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=12, choices=ConsentAction)
    source = models.CharField(max_length=32)
    consent_text_version = models.CharField(max_length=32, blank=True)
    ip_hash = models.CharField(max_length=64, blank=True)
    detail = models.CharField(
        max_length=255, blank=True, help_text="The proof given on import, the bounce's status."
    )
    consented_at = models.DateTimeField(
        null=True, blank=True, help_text="When an imported address gave its consent elsewhere."
    )
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
    ISSUE = "issue", "New journal issue"
    CAMPAIGN = "campaign", "Campaign"


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
    campaign = models.ForeignKey(
        "Campaign", null=True, blank=True, on_delete=models.CASCADE, related_name="messages"
    )
    claimed_by = models.CharField(max_length=64, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    # Written, by the holder only, just before the last byte of the message goes to the mail
    # server (sending.py explains why): a row found with it after its sender died was sent.
    handed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    provider_id = models.CharField(max_length=255, blank=True)
    bounced_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "key"], name="mailing_once_per_recipient")
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.key} to {self.subscriber_id} ({self.status})"


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SCHEDULED = "scheduled", "Scheduled"
    SENDING = "sending", "Sent to the queue"
    CANCELLED = "cancelled", "Cancelled"


class Campaign(models.Model):
    """A page mailed once to chosen lists, at a chosen time. What goes out is the page's
    title, summary and link, read when each message is sent, and only while the page is
    public; never its body, files or images."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The page to mail. It must be live and public when the campaign is sent.",
    )
    subject = models.CharField(max_length=255, blank=True, help_text="Empty: the page's title.")
    introduction = models.TextField(
        blank=True, help_text="A few words above the page's summary (plain text)."
    )
    lists = models.ManyToManyField(
        MailingList,
        related_name="campaigns",
        help_text="Confirmed subscribers of any of these lists receive it, each once.",
    )
    send_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When to send, in the institute's time zone. Empty: as soon as scheduled.",
    )
    status = models.CharField(
        max_length=10, choices=CampaignStatus, default=CampaignStatus.DRAFT, editable=False
    )
    note = models.CharField(max_length=255, blank=True, editable=False)
    recipients = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    queued_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "send_at"])]

    def __str__(self) -> str:
        return self.subject or (self.page.title if self.page_id else "Campaign")

    def _count(self, **filters) -> int:
        return self.messages.filter(**filters).count()

    def sent_count(self) -> int:
        return self._count(status=OutboundStatus.SENT)

    def failed_count(self) -> int:
        return self._count(status=OutboundStatus.FAILED)

    def bounced_count(self) -> int:
        return self._count(bounced_at__isnull=False)

    sent_count.short_description = "Sent"
    failed_count.short_description = "Failed"
    bounced_count.short_description = "Bounced"
