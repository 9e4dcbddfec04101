import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from imprint.cli import main


def test_help_lists_the_operations(capsys):
    assert main([]) == 0
    out = capsys.readouterr().out
    for command in ("serve", "demo", "worker"):
        assert command in out


def test_other_commands_go_to_django():
    result = subprocess.run(
        [sys.executable, "-m", "imprint", "check"],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "imprint.settings.dev"},
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


def _processes_using(marker: str) -> list[int]:
    """Pids of the processes whose environment holds ``marker`` (Linux /proc)."""
    pids = []
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            if marker.encode() in environ.read_bytes():
                pids.append(int(environ.parent.name))
        except OSError:
            continue
    return pids


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def var_dir(tmp_path: Path, site_snapshot) -> Path:
    """A var/ directory holding a copy of the migrated test database, so that the server starts
    without applying every migration again (12 s on a quiet 2-core machine)."""
    if site_snapshot is None:
        pytest.skip("imprint serve runs on SQLite here; the SQLite run covers it")
    (tmp_path / "imprint.sqlite3").write_bytes(site_snapshot)
    return tmp_path


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="reads /proc")
def test_serve_stops_its_server_and_worker_on_sigterm(var_dir):
    tmp_path = var_dir
    port = _free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "DJANGO_SETTINGS_MODULE": "imprint.settings.dev",
        "IMPRINT_VAR_DIR": str(tmp_path),
    }
    serve = subprocess.Popen(
        [sys.executable, "-m", "imprint", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.3)
        else:
            pytest.fail("imprint serve did not start listening")
        assert len(_processes_using(str(tmp_path))) >= 3  # imprint, granian, the worker
        serve.send_signal(signal.SIGTERM)
        assert serve.wait(timeout=30) is not None
        deadline = time.monotonic() + 10
        while _processes_using(str(tmp_path)) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _processes_using(str(tmp_path)) == []
    finally:
        for pid in _processes_using(str(tmp_path)):
            os.kill(pid, signal.SIGKILL)


def _workers_using(marker: str) -> list[int]:
    """Pids of ``imprint worker`` processes started for ``marker``."""
    pids = []
    for pid in _processes_using(marker):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if cmdline[1:4] == [b"-m", b"imprint", b"worker"]:
            pids.append(pid)
    return pids


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="reads /proc")
def test_serve_restarts_a_worker_that_died_and_says_so(var_dir):
    tmp_path = var_dir
    env = {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "DJANGO_SETTINGS_MODULE": "imprint.settings.dev",
        "IMPRINT_VAR_DIR": str(tmp_path),
    }
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        serve = subprocess.Popen(
            [sys.executable, "-m", "imprint", "serve", "--port", str(_free_port())],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 90
        while not _workers_using(str(tmp_path)) and time.monotonic() < deadline:
            time.sleep(0.3)
        [first] = _workers_using(str(tmp_path))
        os.kill(first, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if [pid for pid in _workers_using(str(tmp_path)) if pid != first]:
                break
            time.sleep(0.3)
        else:
            pytest.fail("imprint serve did not start a new worker")
        assert serve.poll() is None
        assert "The worker stopped (exit code -9)" in log.read_text(), log.read_text()
    finally:
        for pid in _processes_using(str(tmp_path)):
            os.kill(pid, signal.SIGKILL)
