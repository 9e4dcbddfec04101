from wagtail.models import Site

from imprint.journal.selectors import latest_issue
from imprint.publications.models import PublicationType
from imprint.publications.selectors import publication_list


def home_sections(*, site: Site | None, featured: int = 3, latest: int = 8) -> dict:
    """What the home page of ``site`` lists; each list is a fixed handful of queries."""
    kind = PublicationType.BLOG_POST
    return {
        "featured": list(publication_list(site=site, featured=True)[:featured]),
        "latest": list(publication_list(site=site).exclude(publication_type=kind)[:latest]),
        "latest_posts": list(publication_list(site=site, publication_type=kind)[:4]),
        "latest_issue": latest_issue(site=site),
    }
