import copy

from django.db import models
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model_string
from wagtail.models import Site

from .content_cache import content_generation


class SocialLinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(max_length=40, help_text="For example Bluesky, LinkedIn, YouTube.")
    url = blocks.URLBlock()

    class Meta:
        icon = "link"


@register_setting(icon="site")
class InstituteSettings(BaseSiteSetting):
    """Who publishes the site: shown in the header, footer and on every publication."""

    name = models.CharField(max_length=200, default="Imprint Institute")
    short_name = models.CharField(max_length=40, blank=True, help_text="Used where space is tight.")
    tagline = models.CharField(max_length=255, blank=True)
    logo = models.ForeignKey(
        get_image_model_string(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    address = models.TextField(blank=True)
    contact_email = models.EmailField(blank=True)
    social_links = StreamField([("link", SocialLinkBlock())], blank=True)
    legal_notice = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="Shown on every publication unless the publication has its own disclaimer "
        "(for example a foreign-agent registration statement).",
    )
    copyright_notice = models.CharField(max_length=255, blank=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("short_name"),
                FieldPanel("tagline"),
                FieldPanel("logo"),
            ],
            heading="Identity",
        ),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("contact_email"), FieldPanel("social_links")],
            heading="Contact",
        ),
        MultiFieldPanel(
            [FieldPanel("legal_notice"), FieldPanel("copyright_notice")], heading="Legal"
        ),
    ]

    select_related = ["logo"]

    class Meta:
        verbose_name = "institute settings"

    @classmethod
    def for_request(cls, request):
        """Wagtail's per-request settings, read from the database once per content generation
        (every page shows them; a saved change starts a new generation) instead of once per
        request. Each request gets its own copy, as Wagtail marks it with the request."""
        attr = cls.get_cache_attr_name()
        if hasattr(request, attr):
            return getattr(request, attr)
        site = Site.find_for_request(request)
        if site is None:
            return super().for_request(request)
        key = (site.pk, content_generation(request))
        kept = _SETTINGS_BY_GENERATION.get(key)
        if kept is None:
            if len(_SETTINGS_BY_GENERATION) > 64:
                _SETTINGS_BY_GENERATION.clear()
            kept = _SETTINGS_BY_GENERATION[key] = cls.for_site(site)
        found = copy.copy(kept)
        found._request = request
        setattr(request, attr, found)
        return found


# (site id, content generation) -> settings; per process, old generations dropped in bulk.
_SETTINGS_BY_GENERATION: dict[tuple[int, int], InstituteSettings] = {}


class WorkerHeartbeat(models.Model):
    """A worker process (or its periodic thread) that says it is alive every few seconds.

    Tasks claimed by a worker whose heartbeat stopped are taken up again (``core.worker``).
    """

    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.host}:{self.pid})"


class Lease(models.Model):
    """Work that only one process may do at a time, on any number of hosts (``core.leases``)."""

    name = models.CharField(max_length=100, primary_key=True)
    holder = models.CharField(max_length=64, blank=True)
    expires_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} held by {self.holder or 'nobody'} until {self.expires_at}"


class ClockSlot(models.Model):
    """One run of a periodic job, claimed by the first worker's clock to get there."""

    job = models.CharField(max_length=100)
    slot = models.DateTimeField()
    claimed_by = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "slot"], name="one_run_per_slot")]

    def __str__(self) -> str:
        return f"{self.job} at {self.slot:%Y-%m-%d %H:%M:%S}"
