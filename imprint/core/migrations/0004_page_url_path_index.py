from django.db import migrations


class Migration(migrations.Migration):
    """Index Wagtail's page url_path, so the home page can find a page by its URL in one query
    (see HomePage.route)."""

    dependencies = [("core", "0003_page_depth_index")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS imprint_page_url_path ON wagtailcore_page (url_path)",
            "DROP INDEX IF EXISTS imprint_page_url_path",
        ),
    ]
