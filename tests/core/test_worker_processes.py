"""Real worker processes, killed with SIGKILL: interrupted work is taken up and ends once."""

import json
import time

from .procs import ProcSite

EXTRACTION_TASKS = (
    "SELECT status, worker_ids FROM django_tasks_database_dbtaskresult "
    "WHERE task_path = 'imprint.documents.tasks.document_extract_task'"
)

SCHEDULE_PAGES = """
import datetime
from django.utils import timezone
from imprint.publications.models import PublicationIndexPage
from tests import factories as f
index = PublicationIndexPage.objects.get(slug='publications')
for n in range({count}):
    page = f.PublicationPageFactory(parent=index, title=f'Embargoed {{n}}', live=False)
    page.go_live_at = timezone.now() - datetime.timedelta(seconds=1)
    page.save_revision(approved_go_live_at=page.go_live_at)
"""

SLOW_PDF = """
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from tests.documents.pdfs import raw_pdf
document = get_document_model()(title='Slow')
shapes = b'0 0 m 595 842 l 0 842 l f\\n' * {shapes}  # about a minute to draw the cover
document.file.save('slow.pdf', ContentFile(raw_pdf(1, content=shapes)))
"""


def publications_once_each(site: ProcSite) -> list[int]:
    rows = site.query(
        "SELECT count(*) FROM wagtailcore_pagelogentry "
        "WHERE action = 'wagtail.publish.scheduled' GROUP BY page_id"
    )
    return sorted(count for (count,) in rows)


def extraction_running(site: ProcSite) -> bool:
    return any(status == "RUNNING" for status, _ in site.query(EXTRACTION_TASKS))


def live_embargoed(site: ProcSite) -> int:
    return site.value(
        "SELECT count(*) FROM wagtailcore_page WHERE title LIKE 'Embargoed%' AND live"
    )


def test_an_extraction_whose_worker_was_killed_is_taken_up_and_finishes(site):
    site.shell("from tests import factories as f; f.make_pdf_document('Killed', pages=300)")
    first = site.worker()
    site.wait_for(lambda: extraction_running(site), 60, "the extraction to start")
    site.kill(first)
    assert site.value("SELECT extraction_status FROM documents_imprintdocument") == "pending"

    site.worker()
    site.wait_for(
        lambda: (
            site.value("SELECT extraction_status FROM documents_imprintdocument") == "done"
            # The worker records the task's result a moment after the task saved the document.
            and site.query(EXTRACTION_TASKS)[0][0] not in ("READY", "RUNNING")
        ),
        30,
        "the extraction to be taken up again",
    )
    assert site.value("SELECT count(*) FROM documents_documentpage") == 300
    status, worker_ids = site.query(EXTRACTION_TASKS)[0]
    if isinstance(worker_ids, str):  # SQLite gives JSON text, PostgreSQL a list
        worker_ids = json.loads(worker_ids)
    assert status == "SUCCESSFUL" and len(worker_ids) == 2  # two attempts


def test_two_workers_publish_each_scheduled_page_exactly_once(site):
    site.shell(SCHEDULE_PAGES.format(count=8))
    for _ in range(2):
        site.worker("--publish-every", "1")
    site.wait_for(lambda: live_embargoed(site) == 8, 60, "eight pages to go live")
    time.sleep(3)  # three more slots for both clocks: nothing is published again
    assert publications_once_each(site) == [1] * 8


def test_scheduled_publishing_does_not_wait_behind_a_long_pdf(site):
    site.shell(SLOW_PDF.format(shapes=100_000))
    site.worker("--publish-every", "1")
    site.wait_for(lambda: extraction_running(site), 60, "the extraction to start")
    site.shell(SCHEDULE_PAGES.format(count=1))
    site.wait_for(lambda: live_embargoed(site) == 1, 30, "the page to go live")
    assert site.value("SELECT extraction_status FROM documents_imprintdocument") == "pending"
