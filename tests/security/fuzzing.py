"""What the fuzz tests share: the bad values, the site they are sent to, and how a server
error is told (test_fuzz.py, test_fuzz_paths.py)."""

from __future__ import annotations

from tests import factories as f

BAD_VALUES = [
    "",
    "²",  # a Unicode digit: str.isdigit() accepts it, int() refuses it
    "١٢٣",  # Arabic-Indic digits
    "\x00",
    "a\x00b",
    "\x01\x1f\x7f",
    "\u202e\u200b",  # right-to-left override, zero-width space
    '"',
    "'",
    '"alliance',
    "alliance*",
    '"><script>alert(1)</script>',
    "' OR 1=1 --",
    "AND OR NOT",
    "NEAR(a b)",
    "(((",
    "^:-+~",
    "%",
    "%%25",
    "../../etc/passwd",
    "a" * 5000,
    "9" * 60,
    "-1",
    "0",
    "1e9",
    "NaN",
    "2025.5",
    "한국 日本",
    "🦀",
    '"""',
    '-"',
    "-",
    "OR",
    "a OR",
    "OR OR b",
    '("a" OR -b',
    "\\",
    "<mark>x</mark>",
    "가나다라마바사" * 30,
]
# Raw query strings that no str can encode: invalid UTF-8 and broken percent-escapes.
RAW_QUERIES = ["%ff%fe", "%C0%AF", "%", "%zz", "a=%00&a=%01", "page=%ED%A0%80"]
# HEAD is answered by the same view as GET, its body dropped (Django and Wagtail): it is sent
# for these values of each parameter and every raw query, GET for every value.
HEAD_TOO = {"", "\x00", "²", "'", "a" * 5000, "한국 日本"}


def build_site() -> dict:
    """One of every kind of public page."""
    home = f.ensure_site_tree()
    index = f.PublicationIndexPageFactory(parent=home)
    topic, person = f.TopicFactory(name="Trade"), f.PersonFactory(name="Mina Cho")
    brief = f.PublicationPageFactory(parent=index, pdf=f.make_pdf_document("Fuzz paper"))
    f.add_authors(brief, person)
    series = f.SeriesPageFactory(parent=index)
    journal = f.JournalPageFactory(parent=home)
    volume = f.VolumePageFactory(parent=journal)
    issue = f.IssuePageFactory(parent=volume)
    article = f.ArticlePageFactory(parent=issue)
    blog = f.BlogIndexPageFactory(parent=home)
    post = f.BlogPostPageFactory(parent=blog)
    brief.pdf.refresh_from_db()
    return {
        "pages": [home, index, brief, series, journal, volume, issue, article, blog, post],
        "topic": topic,
        "person": person,
        "document": brief.pdf,
    }


def errors(client, url: str, *, head: bool = True, **extra) -> list[str]:
    """The server errors a GET (and, unless ``head`` is false, a HEAD) of ``url`` met."""
    found = []
    for method in (client.get, client.head) if head else (client.get,):
        try:
            status = method(url, **extra).status_code
        except Exception as error:  # the test client re-raises what the server would 500 on
            found.append(f"{method.__name__.upper()} {url!r}: {type(error).__name__}: {error}")
            continue
        if status >= 500:
            found.append(f"{method.__name__.upper()} {url!r}: {status}")
    return found


def post_errors(client, url: str, data: dict) -> list[str]:
    try:
        status = client.post(url, data).status_code
    except Exception as error:
        return [f"POST {url!r} {data!r}: {type(error).__name__}: {error}"]
    return [f"POST {url!r} {data!r}: {status}"] if status >= 500 else []
