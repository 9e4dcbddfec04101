from django.db import migrations


ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _next_child_path(Page, parent) -> str:
    """Treebeard's next materialised path under ``parent`` (steps of four base-36 digits)."""
    last = Page.objects.filter(depth=parent.depth + 1).order_by("-path").first()
    number = 1
    if last is not None:
        step = last.path[-4:]
        number = sum(ALPHABET.index(c) * 36**i for i, c in enumerate(reversed(step))) + 1
    digits = ""
    for _ in range(4):
        number, rem = divmod(number, 36)
        digits = ALPHABET[rem] + digits
    return parent.path + digits


def create_homepage(apps, schema_editor):
    """Replace Wagtail's welcome page with the institute's home page, as the default site."""
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("home.HomePage")

    if HomePage.objects.exists():
        return
    Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="home")
    root = Page.objects.get(depth=1)
    homepage = HomePage.objects.create(
        title="Home",
        draft_title="Home",
        slug="home",
        content_type=content_type,
        path=_next_child_path(Page, root),
        depth=2,
        numchild=0,
        url_path="/home/",
        locale_id=root.locale_id,
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": homepage,
                  "site_name": "Imprint"},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_homepage, migrations.RunPython.noop)]
