"""The cursor secret: a configured one is used as it is; left at the default, one is made on first start
in a file only its user may read, and every process after it (workers started together, restarts)
signs with the same one."""

from __future__ import annotations

import stat
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest
from pydantic import SecretStr

from spacetime_service.bootstrap.containers.root import build_container
from spacetime_service.bootstrap.cursor_secret import (
    SECRET_BYTES,
    CursorSecretUnusable,
    cursor_secret,
    kept_secret,
)
from spacetime_service.bootstrap.settings import ApiSettings, DatabaseSettings, Settings
from spacetime_service.domain.pagination import Position
from spacetime_service.entrypoints.http.app import create_app

if TYPE_CHECKING:
    from pathlib import Path

PROCESSES = 4
# Prints the secret that a process starting on its own would sign with.
_READ_THE_SECRET = "import sys, pathlib; from spacetime_service.bootstrap.cursor_secret import kept_secret;"
_READ_THE_SECRET += " print(kept_secret(pathlib.Path(sys.argv[1])).decode())"


def test_a_configured_secret_is_used_and_no_file_is_made(tmp_path: Path) -> None:
    kept = tmp_path / "cursor-secret"
    api = ApiSettings(cursor_secret=SecretStr("set-by-the-operator"), cursor_secret_file=kept)

    assert cursor_secret(api) == b"set-by-the-operator"
    assert not kept.exists()


def test_the_default_makes_a_private_random_secret_that_a_restart_reads_again(tmp_path: Path) -> None:
    kept = tmp_path / "var" / "cursor-secret"
    api = ApiSettings(cursor_secret_file=kept)

    first = cursor_secret(api)

    assert len(first) == 2 * SECRET_BYTES
    assert int(first, 16) > 0
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert cursor_secret(api) == first
    assert [path.name for path in kept.parent.iterdir()] == ["cursor-secret"]


def test_processes_that_start_together_agree_on_one_secret(tmp_path: Path) -> None:
    kept = tmp_path / "cursor-secret"
    starting = [
        subprocess.Popen(
            [sys.executable, "-c", _READ_THE_SECRET, str(kept)], stdout=subprocess.PIPE, text=True
        )
        for _ in range(PROCESSES)
    ]
    # The secret is the last line: the one process that made it logs so before.
    secrets = {process.communicate(timeout=60)[0].splitlines()[-1] for process in starting}

    assert all(process.returncode == 0 for process in starting)
    assert secrets == {kept.read_text().strip()}


def test_apps_on_the_default_take_each_others_cursors(tmp_path: Path) -> None:
    def settings() -> Settings:
        return Settings(
            database=DatabaseSettings(DATABASE_URL=f"sqlite:///{tmp_path / 'unused.db'}"),
            api=ApiSettings(cursor_secret_file=tmp_path / "cursor-secret"),
        )

    first, second = build_container(settings()), build_container(settings())
    create_app(first)
    assert (tmp_path / "cursor-secret").exists()  # made when the app was built, before any request
    position = Position("price", "12.50", 7)

    assert second.cursor_codec().decode(first.cursor_codec().encode(position)) == position


def test_a_secret_that_cannot_be_kept_stops_the_start(tmp_path: Path) -> None:
    (tmp_path / "not-a-directory").write_text("")

    with pytest.raises(CursorSecretUnusable, match="SPACETIME_CURSOR_SECRET"):
        kept_secret(tmp_path / "not-a-directory" / "cursor-secret")


def test_a_kept_secret_too_short_to_sign_is_refused(tmp_path: Path) -> None:
    kept = tmp_path / "cursor-secret"
    kept.write_text("short\n")

    with pytest.raises(CursorSecretUnusable, match="shorter than"):
        kept_secret(kept)
