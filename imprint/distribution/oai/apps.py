from django.apps import AppConfig


class OaiConfig(AppConfig):
    """OAI-PMH: an app of its own (label ``oai``) so that its table and migrations stay apart
    from the rest of ``distribution``."""

    name = "imprint.distribution.oai"
    label = "oai"
    verbose_name = "OAI-PMH"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()

    def periodic_jobs(self) -> list:
        """Every hour, the items are checked against the pages: what a signal could not see
        (a bulk import, an update by queryset) still reaches harvesters."""
        from imprint.core.scheduler import Every, Job

        from .tasks import oai_items_sync_task

        return [
            Job(
                "oai_items_sync",
                oai_items_sync_task.enqueue,
                Every(3600.0),
                oai_items_sync_task.module_path,
            )
        ]
