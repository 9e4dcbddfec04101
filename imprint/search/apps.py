from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "imprint.search"
    label = "imprint_search"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Search"

    def ready(self) -> None:
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
