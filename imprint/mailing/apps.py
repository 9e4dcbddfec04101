from django.apps import AppConfig


class MailingConfig(AppConfig):
    name = "imprint.mailing"
    label = "mailing"
    verbose_name = "Mailing list"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import signal_handlers

        signal_handlers.register()

    def periodic_jobs(self) -> list:
        """The sender's sweep every minute (retries whose wait is over, rows whose sender
        died; new mail wakes it at once), the daily digest and the weekly one (Mondays)."""
        import datetime

        from django.conf import settings

        from imprint.core.scheduler import Every, Job, Weekly

        from .digests import Daily
        from .tasks import daily_digest_task, outbound_send_task, weekly_digest_task

        every = Every(settings.IMPRINT_MAILING_SWEEP_SECONDS)
        at = datetime.time(settings.IMPRINT_MAILING_DIGEST_HOUR)
        jobs = [
            Job("mailing_send", outbound_send_task.enqueue, every, outbound_send_task.module_path)
        ]
        for name, task, schedule in (
            ("daily", daily_digest_task, Daily(at)),
            ("weekly", weekly_digest_task, Weekly(0, at)),
        ):
            jobs.append(
                Job(f"mailing_digest_{name}", _enqueuer(task, schedule), schedule, task.module_path)
            )
        return jobs


def _enqueuer(task, schedule):
    """Enqueue the digest of the period that ends at the slot the clock just claimed."""

    def enqueue() -> object:
        from django.utils import timezone

        slot = schedule.slot(timezone.now())
        return task.enqueue(slot.isoformat()) if slot else None

    return enqueue
