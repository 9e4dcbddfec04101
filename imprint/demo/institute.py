"""The institute itself: site settings, topics, people, the home page and its sections."""

from __future__ import annotations

import random

from django.contrib.auth import get_user_model
from wagtail.models import Site

from imprint.blog.models import BlogIndexPage
from imprint.core.models import InstituteSettings
from imprint.home.models import HomePage
from imprint.journal.models import JournalPage
from imprint.people.models import Person
from imprint.publications.models import PublicationIndexPage
from imprint.topics.models import Topic, TopicKind

from . import content, images, text
from .orcid import orcid_for
from .store import DemoStore

ADMIN_USERNAME = "admin"
# A local demo login, printed on purpose; `imprint demo` binds to 127.0.0.1 only.
ADMIN_PASSWORD = "imprint-demo"  # noqa: S105
# Made-up ISSNs whose check digits are valid (ISO 3297).
ISSN_PRINT = "2049-3630"
ISSN_ONLINE = "1050-124X"


def site_settings(store: DemoStore) -> None:
    """Name the default site and fill the institute settings, unless someone already has."""
    site = Site.objects.get(is_default_site=True)
    settings = InstituteSettings.for_site(site)
    if settings.tagline:
        return
    info = content.INSTITUTE
    site.site_name = info["short_name"]
    site.save()
    for key in ("name", "short_name", "tagline", "address", "contact_email"):
        setattr(settings, key, info[key])
    settings.copyright_notice = info["copyright_notice"]
    settings.legal_notice = info["legal_notice"]
    settings.logo = store.image(
        "Meridian Institute logo", lambda: images.logo("Meridian"), ext="png"
    )
    settings.social_links = [
        ("link", {"label": label, "url": url}) for label, url in info["social"]
    ]
    settings.save()
    store.summary.created["institute settings"] += 1


def topics(store: DemoStore) -> list[Topic]:
    found = []
    for kind, names in ((TopicKind.REGION, content.REGIONS), (TopicKind.THEME, content.THEMES)):
        for name in names:
            topic, created = Topic.objects.get_or_create(
                name=name,
                defaults={"kind": kind, "description": f"<p>Our work on {name.lower()}.</p>"},
            )
            store.summary.created["topic"] += created
            found.append(topic)
    return found


def people(store: DemoStore) -> list[Person]:
    """The fellows and outside authors; every third has a (made-up, valid) ORCID iD."""
    found = []
    for n, (name, honorific, role, affiliation) in enumerate(content.PEOPLE):
        person = Person.objects.filter(name=name).first()
        if person is None:
            person = _person(store, n, name, honorific, role, affiliation)
        found.append(person)
    return found


def _person(store: DemoStore, n: int, name, honorific, role, affiliation) -> Person:
    rng = store.reseed("person", n)
    photo = store.image(f"Portrait of {name}", lambda: images.portrait(name, random.Random(n)))
    bio = (
        f"<p>{name} is {role[0].lower()}{role[1:]} at {affiliation}. "
        f"{text.paragraph(rng, (2, 3))}</p>"
    )
    store.summary.created["person"] += 1
    return Person.objects.create(
        name=name,
        honorific=honorific,
        role=role,
        affiliation=affiliation,
        bio=bio,
        photo=photo,
        orcid=orcid_for(n) if n % 3 == 0 else "",
        is_staff_expert=affiliation == "Meridian Institute",
    )


def home(store: DemoStore) -> HomePage:
    """The home page the ``home`` migration made, given an introduction once."""
    page = HomePage.objects.get()
    if not page.intro:
        page.title = "Home"
        page.intro = content.HOME["intro"]
        page.signup_text = content.HOME["signup_text"]
        page.save_revision().publish()
        store.summary.created["home page text"] += 1
    return page


def sections(store: DemoStore, home_page: HomePage):
    """The publications index, the journal and the blog under the home page."""
    index, _ = store.child(
        home_page,
        PublicationIndexPage,
        "publications",
        title="Publications",
        show_in_menus=True,
        intro="<p>Briefs, reports, working papers and commentary.</p>",
    )
    journal, _ = store.child(
        home_page,
        JournalPage,
        "journal",
        title=content.JOURNAL["title"],
        show_in_menus=True,
        about=content.JOURNAL["about"],
        editorial_intro=content.JOURNAL["editorial_intro"],
        issn_print=ISSN_PRINT,
        issn_online=ISSN_ONLINE,
    )
    blog, _ = store.child(
        home_page,
        BlogIndexPage,
        "blog",
        title=content.BLOG["title"],
        show_in_menus=True,
        intro=content.BLOG["intro"],
    )
    return index, journal, blog


def admin_user(store: DemoStore) -> None:
    """A superuser to log in with, only if there is none."""
    User = get_user_model()
    if not User.objects.filter(is_superuser=True).exists():
        User.objects.create_superuser(ADMIN_USERNAME, "admin@example.org", ADMIN_PASSWORD)
        store.summary.admin_created = True
