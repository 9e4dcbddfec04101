import pytest

from .procs import ProcSite, template_site


@pytest.fixture(scope="session")
def template(tmp_path_factory, site_snapshot) -> ProcSite:
    site = template_site(tmp_path_factory.mktemp("template") / "var", site_snapshot)
    yield site
    site.drop()


@pytest.fixture
def site(template, tmp_path) -> ProcSite:
    """A migrated site of its own, for real worker processes; its workers die with the test."""
    copy = template.copy(tmp_path / "var")
    yield copy
    copy.stop_all()
    copy.drop()
