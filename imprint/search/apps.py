from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "imprint.search"
    label = "imprint_search"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Search"

    def ready(self) -> None:
        from .indexing import take_over_index_updates
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
        # Wagtail's own index (the admin's search), updated safely by concurrent workers.
        take_over_index_updates()

    def periodic_jobs(self) -> list:
        """A sweep every minute: changes whose enqueue was lost (a crash right after commit)
        are applied all the same."""
        from imprint.core.scheduler import Every, Job

        from .tasks import search_apply_task

        return [
            Job(
                "search_apply",
                search_apply_task.enqueue,
                Every(60.0),
                search_apply_task.module_path,
            )
        ]
