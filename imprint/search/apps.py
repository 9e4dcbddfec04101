from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "imprint.search"
    label = "imprint_search"
    default_auto_field = "django.db.models.BigAutoField"
