from imprint.journal.selectors import latest_issue
from imprint.publications.models import PublicationType
from imprint.publications.selectors import publication_list


def home_sections(*, featured: int = 3, latest: int = 8) -> dict:
    """What the home page lists; each list is a fixed handful of queries."""
    return {
        "featured": list(publication_list(featured=True)[:featured]),
        "latest": list(
            publication_list().exclude(publication_type=PublicationType.BLOG_POST)[:latest]
        ),
        "latest_posts": list(publication_list(publication_type=PublicationType.BLOG_POST)[:4]),
        "latest_issue": latest_issue(),
    }
