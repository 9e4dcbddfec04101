"""The crash test: workers killed with SIGKILL at random moments while they extract PDFs and
publish scheduled pages. After a restart everything converges and nothing is done twice."""

import datetime
import json
import random
import time

from .procs import ProcSite

DOCUMENTS, PAGES, PDF_PAGES = 8, 8, 300

SETUP = f"""
import datetime
from django.utils import timezone
from imprint.publications.models import PublicationIndexPage
from tests import factories as f
for n in range({DOCUMENTS}):
    f.make_pdf_document(f'Paper {{n}}', pages={PDF_PAGES})
index = PublicationIndexPage.objects.get(slug='publications')
start = timezone.now()
for n in range({PAGES}):
    page = f.PublicationPageFactory(parent=index, title=f'Embargoed {{n}}', live=False)
    page.go_live_at = start + datetime.timedelta(seconds=n * 1.5)
    page.save_revision(approved_go_live_at=page.go_live_at)
"""


def converged(site: ProcSite) -> bool:
    done = site.value(
        "SELECT count(*) FROM documents_imprintdocument WHERE extraction_status = 'done'"
    )
    live = site.value(
        "SELECT count(*) FROM wagtailcore_page WHERE title LIKE 'Embargoed%' AND live"
    )
    queued = site.value(
        "SELECT count(*) FROM django_tasks_database_dbtaskresult "
        "WHERE status IN ('READY', 'RUNNING') AND queue_name = 'default'"
    )
    return done == DOCUMENTS and live == PAGES and queued == 0


def extracting_pid(site: ProcSite, pids) -> int | None:
    """The pid of one of ``pids`` running an extraction right now, if any."""
    rows = site.query(
        "SELECT h.pid FROM django_tasks_database_dbtaskresult t JOIN core_workerheartbeat h "
        "ON CAST(t.worker_ids AS TEXT) LIKE '%' || h.worker_id || '\"]' "
        "WHERE t.status = 'RUNNING' AND t.task_path LIKE '%document_extract_task'"
    )
    return next((pid for (pid,) in rows if pid in pids), None)


def alive(site: ProcSite) -> int:
    """Heartbeats written in the last second (a worker and its periodic thread count two)."""
    beats = site.query("SELECT seen_at FROM core_workerheartbeat")
    now = time.time()
    return sum(now - _timestamp(seen) < 1.0 for (seen,) in beats)


def _timestamp(value) -> float:
    if isinstance(value, str):  # SQLite
        value = datetime.datetime.fromisoformat(value).replace(tzinfo=datetime.UTC)
    return value.timestamp()


def test_killed_workers_converge_and_do_nothing_twice(site):
    rng = random.Random(20261201)
    site.shell(SETUP)
    env = {"IMPRINT_TASK_MAX_ATTEMPTS": "50"}  # a task may be interrupted many times here
    running: dict[int, object] = {}
    kills = []
    for round_ in range(4):
        while len(running) < 2:
            worker = site.worker("--publish-every", "1", **env)
            running[worker.pid] = worker
        # Odd rounds kill whichever worker is extracting, mid-PDF; even rounds a random one at a
        # random moment (maybe publishing, indexing, or idle).
        if round_ % 2:
            pid = site.wait_for_value(lambda: extracting_pid(site, running), 60, "an extraction")
            time.sleep(rng.uniform(0.0, 0.3))
        else:
            site.wait_for(lambda: alive(site) >= 2 * len(running), 60, "the workers to start")
            time.sleep(rng.uniform(0.1, 1.5))
            pid = rng.choice(sorted(running))
        site.kill(running.pop(pid))
        kills.append("extracting" if round_ % 2 else "at random")
    site.worker("--publish-every", "1", **env)
    took = site.wait_for(lambda: converged(site), 60, "every document and page to be done")

    published = site.query(
        "SELECT count(*) FROM wagtailcore_pagelogentry "
        "WHERE action = 'wagtail.publish.scheduled' GROUP BY page_id"
    )
    assert sorted(count for (count,) in published) == [1] * PAGES
    pages = site.query(
        "SELECT d.page_count, count(p.id) FROM documents_imprintdocument d "
        "LEFT JOIN documents_documentpage p ON p.document_id = d.id GROUP BY d.id, d.page_count"
    )
    assert all(count == stored == PDF_PAGES for count, stored in pages)
    statuses = dict(
        site.query(
            "SELECT status, count(*) FROM django_tasks_database_dbtaskresult GROUP BY status"
        )
    )
    assert "FAILED" not in statuses, site.query(
        "SELECT task_path, traceback FROM django_tasks_database_dbtaskresult "
        "WHERE status = 'FAILED'"
    )
    assert site.value("SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = "
                      "'RUNNING' AND queue_name = 'default'") == 0  # fmt: skip
    attempts = [
        len(json.loads(ids)) if isinstance(ids, str) else len(ids)
        for (ids,) in site.query("SELECT worker_ids FROM django_tasks_database_dbtaskresult")
    ]
    print(
        f"\ncrash test: {len(kills)} workers killed ({', '.join(kills)}); "
        f"converged {took:.1f}s after the last restart; "
        f"tasks by status {statuses}; {sum(n > 1 for n in attempts)} tasks taken up again "
        f"after a kill (most attempts: {max(attempts)}); every page published once"
    )
