from wagtail.models import Site

from imprint.journal.selectors import latest_issue
from imprint.publications.models import PublicationType
from imprint.publications.selectors import publication_list


def home_sections(*, site: Site | None, featured: int = 3, latest: int = 8) -> dict:
    """What the home page of ``site`` lists; each list is a fixed handful of queries.

    The lists are left unfetched: the template's ``cards`` reads only their ids when their
    cards are cached.
    """
    kind = PublicationType.BLOG_POST
    return {
        "featured": publication_list(site=site, featured=True)[:featured],
        "latest": publication_list(site=site).exclude(publication_type=kind)[:latest],
        "latest_posts": publication_list(site=site, publication_type=kind)[:4],
        "latest_issue": latest_issue(site=site),
    }
