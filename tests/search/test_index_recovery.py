"""The index converges to the database whatever step of applying a change fails."""

from __future__ import annotations

import pytest

from imprint.search import services
from imprint.search.backends import get_backend
from imprint.search.models import IndexChange
from tests import factories as f

pytestmark = pytest.mark.django_db


class Crash(Exception):
    pass


@pytest.fixture
def pages(publication_index, search_index):
    made = [
        f.PublicationPageFactory(parent=publication_index, title=f"Walrus census {n}")
        for n in range(3)
    ]
    search_index.update()
    return made


def _titles() -> set[str]:
    return set(get_backend().digests())


@pytest.mark.parametrize("step", ["build", "write", "after-commit"])
def test_a_crash_at_any_step_is_repaired_by_the_next_run(pages, monkeypatch, step, search_index):
    pages[0].unpublish()
    pages[1].title = "Renamed census"
    pages[1].save_revision().publish()
    waiting = IndexChange.objects.count()
    assert waiting
    backend = get_backend()
    if step == "build":
        monkeypatch.setattr(services, "_build", lambda expanded: (_ for _ in ()).throw(Crash()))
    elif step == "write":
        original = backend.apply

        def crash_while_writing(records, removed):
            records = list(records)
            original(records[:1], [])  # part of the batch reached the writer...
            raise Crash()  # ...then the process died

        monkeypatch.setattr(backend, "apply", crash_while_writing)
    else:
        original = backend.apply

        def crash_after_commit(records, removed):
            original(records, removed)
            raise Crash()  # committed to the index, rows not yet deleted

        monkeypatch.setattr(backend, "apply", crash_after_commit)
    with pytest.raises(Crash):
        services.index_apply_pending()
    # Nothing was forgotten: the rows wait for the next run.
    assert IndexChange.objects.count() == waiting
    monkeypatch.undo()
    services.index_apply_pending()
    assert IndexChange.objects.count() == 0
    assert services.index_verify().total == 0
    assert f"page:{pages[0].pk}" not in _titles()


def test_a_second_applier_waits_for_the_first(pages):
    from imprint.core.leases import lease

    pages[0].unpublish()
    with lease(services.LEASE, holder="someone-else", seconds=60) as held:
        assert held
        assert services.index_apply_pending() == 0  # it leaves the rows to the holder
    assert services.index_apply_pending() > 0
    assert services.index_verify().total == 0


def test_a_rebuild_keeps_changes_made_while_it_ran(pages, monkeypatch):
    original = services._all_records

    def records_then_an_edit():
        batches = list(original())
        # An editor publishes while the rebuild is reading.
        pages[2].title = "Late edit"
        pages[2].save_revision().publish()
        yield from batches

    monkeypatch.setattr(services, "_all_records", records_then_an_edit)
    services.index_rebuild()
    monkeypatch.undo()
    assert IndexChange.objects.exists()  # the late edit is still to apply
    services.index_apply_pending()
    assert services.index_verify().total == 0


def test_the_first_change_creates_the_index(publication_index, tmp_path, settings):
    """Applying to an index that does not exist yet creates it (and does not wait for itself)."""
    settings.IMPRINT_SEARCH = {"BACKEND": "tantivy", "PATH": tmp_path / "new-index"}
    IndexChange.objects.all().delete()  # no "all" from the migration: the plain apply path
    f.PublicationPageFactory(parent=publication_index, title="First narwhal")
    assert services.index_apply_pending() > 0
    assert any(k.startswith("page:") for k in get_backend().digests())
