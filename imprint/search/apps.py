from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "imprint.search"
    label = "imprint_search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .indexing import take_over_index_updates

        take_over_index_updates()
