"""The searched fields changed tokenizer (words now part at a zero-width space between scripts):
an index built before reads queries differently, so the worker rebuilds it once."""

from django.db import migrations


def index_everything(apps, schema_editor):
    apps.get_model("imprint_search", "IndexChange").objects.create(target="all")


class Migration(migrations.Migration):
    dependencies = [("imprint_search", "0001_initial")]

    operations = [migrations.RunPython(index_everything, migrations.RunPython.noop)]
