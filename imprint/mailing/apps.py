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
        """Every minute the sender sweeps the queue: retries whose wait is over, rows whose
        sender died (their lease ran out). New mail wakes it at once without waiting."""
        from django.conf import settings

        from imprint.core.scheduler import Every, Job

        from .tasks import outbound_send_task

        every = Every(settings.IMPRINT_MAILING_SWEEP_SECONDS)
        return [
            Job("mailing_send", outbound_send_task.enqueue, every, outbound_send_task.module_path)
        ]
