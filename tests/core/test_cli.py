import subprocess
import sys

import pytest

from imprint.cli import main


def test_help_lists_the_operations(capsys):
    assert main([]) == 0
    out = capsys.readouterr().out
    for command in ("serve", "demo", "worker"):
        assert command in out


def test_other_commands_go_to_django():
    result = subprocess.run(
        [sys.executable, "-m", "imprint", "check", "--deploy", "--fail-level", "CRITICAL"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_negative_publication_count_is_refused(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["demo", "--publications", "-5"])
    assert exit_info.value.code == 2
    assert "--publications must be zero or more" in capsys.readouterr().err
