"""The worker's clock, leases and recovery, in-process. Real worker processes: test_worker_*.py."""

import datetime
import uuid

import pytest
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail.models import PageLogEntry

from imprint.core.leases import lease_acquire, lease_release
from imprint.core.models import WorkerHeartbeat
from imprint.core.scheduler import Every, Job, Weekly, run_due
from imprint.core.services import scheduled_publish
from imprint.core.tasks import publish_scheduled_task
from imprint.core.worker import tasks_recover, worker_beat
from imprint.documents.models import ExtractionStatus
from imprint.documents.tasks import document_extract_task
from tests import factories as f

UTC = datetime.UTC
DB_TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "periodic"]}
}
BERLIN_MONDAY_9 = Weekly(0, datetime.time(9), "Europe/Berlin")


def at(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text)


def test_every_minute_has_the_same_slots_on_every_host():
    every = Every(60)
    assert every.slot(at("2026-03-02T10:00:59+00:00")) == at("2026-03-02T10:00:00+00:00")
    assert every.slot(at("2026-03-02T10:01:00+00:00")) == at("2026-03-02T10:01:00+00:00")


@pytest.mark.parametrize(
    ("now", "slot"),
    [
        # Winter: 09:00 in Berlin is 08:00 UTC; summer: 07:00 UTC. Same wall-clock time.
        ("2026-03-23T08:30:00+00:00", "2026-03-23T08:00:00+00:00"),
        ("2026-03-30T07:00:00+00:00", "2026-03-30T07:00:00+00:00"),
        ("2026-03-30T06:59:00+00:00", None),  # before this Monday's, last Monday's is too old
        ("2026-04-05T12:00:00+00:00", None),  # a Sunday: nothing due
    ],
)
def test_a_weekly_schedule_fires_monday_nine_in_the_institutes_zone(now, slot):
    assert BERLIN_MONDAY_9.slot(at(now)) == (at(slot) if slot else None)


def job(name: str, calls: list[str], schedule=None) -> Job:
    return Job(name, lambda: calls.append(name), schedule or Every(60))


@pytest.mark.django_db
def test_clock_enqueues_only_jobs_that_are_due():
    calls = []
    jobs = [job("a", calls), job("b", calls, Every(3600))]
    assert run_due(jobs, at("2026-03-02T10:00:10+00:00")) == 2
    assert run_due(jobs, at("2026-03-02T10:00:40+00:00")) == 0
    assert run_due(jobs, at("2026-03-02T10:01:00+00:00")) == 1
    assert calls == ["a", "b", "a"]


@pytest.mark.django_db
def test_two_clocks_enqueue_each_run_once():
    calls = []
    first, second = [job("publish", calls)], [job("publish", calls)]
    now = at("2026-03-02T10:00:10+00:00")
    assert run_due(first, now, claimed_by="host-a") == 1
    assert run_due(second, now, claimed_by="host-b") == 0
    assert calls == ["publish"]


@pytest.mark.django_db
def test_a_job_still_queued_is_not_piled_on():
    calls = []
    queued = job("publish", calls)
    queued.task_path = "imprint.core.tasks.publish_scheduled_task"
    DBTaskResult.objects.create(
        task_path=queued.task_path,
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        queue_name="periodic",
        run_after=timezone.now(),
    )
    assert run_due([queued], at("2026-03-02T10:00:10+00:00")) == 0
    assert calls == []


@pytest.mark.django_db
def test_clock_survives_a_failing_enqueue():
    def broken():
        raise RuntimeError("database away")

    jobs = [Job("broken", broken, Every(60))]
    assert run_due(jobs, at("2026-03-02T10:00:10+00:00")) == 0


def running_task(worker_id: str, *, attempts: int = 1, args=(), path="") -> DBTaskResult:
    started = timezone.now() - datetime.timedelta(minutes=5)
    return DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING,
        task_path=path or document_extract_task.module_path,
        args_kwargs={"args": list(args), "kwargs": {}},
        backend_name="default",
        run_after=started,
        started_at=started,
        worker_ids=[f"{worker_id}-{n}" for n in range(attempts - 1)] + [worker_id],
    )


def silent(worker_id: str, minutes: float = 5) -> None:
    worker_beat([worker_id])
    WorkerHeartbeat.objects.filter(worker_id=worker_id).update(
        seen_at=timezone.now() - datetime.timedelta(minutes=minutes)
    )


@pytest.mark.django_db
def test_a_task_whose_worker_went_silent_is_queued_again():
    silent("dead")
    task = running_task("dead")
    assert tasks_recover() == (1, 0)
    task.refresh_from_db()
    assert task.status == TaskResultStatus.READY


@pytest.mark.django_db
def test_a_task_of_a_live_worker_is_left_alone():
    worker_beat(["alive"])
    task = running_task("alive")
    assert tasks_recover() == (0, 0)
    task.refresh_from_db()
    assert task.status == TaskResultStatus.RUNNING


@pytest.mark.django_db
def test_a_document_whose_extraction_keeps_losing_its_worker_ends_failed(settings):
    settings.IMPRINT_TASK_MAX_ATTEMPTS = 3
    document = f.make_pdf_document()
    settings.TASKS = DB_TASKS
    document.extraction_status = ExtractionStatus.PENDING
    document.save(update_fields=["extraction_status"])
    silent("dead")
    task = running_task("dead", attempts=3, args=[document.pk])
    assert tasks_recover() == (0, 1)
    task.refresh_from_db()
    document.refresh_from_db()
    assert task.status == TaskResultStatus.FAILED
    assert "WorkerLost" in task.exception_class_path
    assert document.extraction_status == ExtractionStatus.FAILED
    assert "interrupted 3 times" in document.extraction_message


@pytest.mark.django_db
def test_a_lease_keeps_out_a_second_holder_until_the_first_is_lost():
    worker_beat(["a", "b"])
    assert lease_acquire("job", holder="a", seconds=600)
    assert not lease_acquire("job", holder="b", seconds=600)
    silent("a")
    assert lease_acquire("job", holder="b", seconds=600)
    lease_release("job", holder="b")
    assert lease_acquire("job", holder=str(uuid.uuid4())[:8], seconds=600)


@pytest.mark.django_db
def test_an_expired_lease_is_free():
    assert lease_acquire("job", holder="a", seconds=-1)
    assert lease_acquire("job", holder="b", seconds=600)


def scheduled_page(publication_index):
    page = f.PublicationPageFactory(parent=publication_index, title="Embargoed brief", live=False)
    page.go_live_at = timezone.now() - datetime.timedelta(seconds=1)
    page.save_revision(approved_go_live_at=page.go_live_at)
    return page


def test_scheduled_publishing_publishes_once(publication_index):
    page = scheduled_page(publication_index)
    assert scheduled_publish(holder="a") and scheduled_publish(holder="b")
    page.refresh_from_db()
    assert page.live
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish.scheduled").count() == 1


def test_scheduled_publishing_waits_while_another_live_worker_holds_the_lease(publication_index):
    page = scheduled_page(publication_index)
    worker_beat(["busy"])
    assert lease_acquire("publish_scheduled", holder="busy", seconds=600)
    assert not scheduled_publish(holder="other")
    page.refresh_from_db()
    assert not page.live


def test_the_periodic_tasks_run_through_the_task_backend(publication_index):
    page = scheduled_page(publication_index)
    assert publish_scheduled_task.enqueue().return_value is True
    page.refresh_from_db()
    assert page.live
