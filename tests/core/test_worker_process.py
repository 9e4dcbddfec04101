"""The worker process end to end: it commits, so these tests flush the database afterwards."""

import datetime

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from imprint.publications.models import PublicationPage
from tests import factories as f

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DB_TASKS)
def test_worker_publishes_a_scheduled_page(publication_index):
    page = f.PublicationPageFactory(parent=publication_index, title="Embargoed brief", live=False)
    page.go_live_at = timezone.now() - datetime.timedelta(seconds=1)
    page.save_revision(approved_go_live_at=page.go_live_at)
    assert not PublicationPage.objects.get(pk=page.pk).live

    # Saving pages queued indexing tasks too; the clock adds publishing and pruning.
    queued = DBTaskResult.objects.count()
    call_command("run_worker", max_tasks=queued + 2, interval=0.1, verbosity=0)

    assert PublicationPage.objects.get(pk=page.pk).live
