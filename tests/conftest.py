import pytest
from django.core.cache import caches

from imprint.home.models import HomePage

from . import factories as f


@pytest.fixture(autouse=True)
def _empty_caches():
    """Each test starts with empty caches: menus and sites cached by another test are stale."""
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def home(db) -> HomePage:
    return f.ensure_site_tree()


@pytest.fixture
def publication_index(home):
    return f.PublicationIndexPageFactory(parent=home)


@pytest.fixture
def blog_index(home):
    return f.BlogIndexPageFactory(parent=home)


@pytest.fixture
def journal(home):
    return f.JournalPageFactory(parent=home)


@pytest.fixture
def issue(journal):
    volume = f.VolumePageFactory(parent=journal)
    return f.IssuePageFactory(parent=volume)
