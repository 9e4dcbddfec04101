"""``build_demo --publications N``: what needs no database (the builds are in test_build_demo)."""

import pytest
from django.core.management import CommandError

from imprint.demo.bulk import path_step
from tests.factories import build_demo as build


def test_a_negative_count_is_refused():
    with pytest.raises(CommandError, match="zero or more"):
        build(publications=-1)


def test_generated_pages_use_treebeards_path_steps():
    assert [path_step(n) for n in (1, 35, 36, 36**4 - 1)] == ["0001", "000Z", "0010", "ZZZZ"]
    with pytest.raises(ValueError, match="at most"):
        path_step(36**4)
