"""Crossref deposits: what was sent, when, and what Crossref answered."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class DepositStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    SUBMITTED = "submitted", "Submitted"
    FAILED = "failed", "Failed"


class CrossrefDeposit(models.Model):
    """One batch sent (or to be sent) to Crossref. The XML is kept, so a failed deposit can be
    sent again as it was and a submitted one can be read later."""

    batch_id = models.CharField(max_length=100, unique=True)
    label = models.CharField(max_length=255, help_text="What the batch holds, for editors.")
    page_ids = models.JSONField(default=list)
    dois = models.JSONField(default=list)
    xml = models.TextField()
    status = models.CharField(
        max_length=20, choices=DepositStatus.choices, default=DepositStatus.QUEUED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    endpoint = models.URLField(max_length=500, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    http_status = models.PositiveIntegerField(null=True, blank=True)
    response_excerpt = models.TextField(blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "Crossref deposit"

    def __str__(self) -> str:
        return f"{self.batch_id} ({self.get_status_display()})"
