from django.apps import AppConfig


class DistributionConfig(AppConfig):
    """How machines find and cite the institute's work: feeds, page metadata, citations,
    DOIs and Crossref deposits (``works`` describes a publication once for all of them)."""

    name = "imprint.distribution"
    label = "distribution"
    verbose_name = "Distribution"
    default_auto_field = "django.db.models.BigAutoField"
