from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "imprint.home"
    label = "home"
    default_auto_field = "django.db.models.BigAutoField"
