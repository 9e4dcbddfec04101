from django.apps import AppConfig


class TestAppConfig(AppConfig):
    """Models that only the tests use (installed by imprint.settings.test)."""

    name = "tests.testapp"
    label = "testapp"
    default_auto_field = "django.db.models.BigAutoField"
