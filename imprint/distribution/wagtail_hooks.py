from .cite.wagtail_hooks import CrossrefBulkAction  # noqa: F401 - registers Crossref's admin
