"""Progress and data in real `spacetime` processes: standard output carries only the data (an export's
bytes, one JSON document), progress goes to standard error, as plain lines when stderr is a pipe and
as a bar when it is a terminal (a pseudo-terminal here)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from typing import TYPE_CHECKING

import pytest
from typer.testing import CliRunner

from spacetime_service.adapters.sqlalchemy.migrations import upgrade_to_head
from spacetime_service.bootstrap.containers.root import build_container
from spacetime_service.bootstrap.settings import DatabaseSettings, Settings
from spacetime_service.entrypoints.cli.main import app
from tests.support.seed import seed

if TYPE_CHECKING:
    from pathlib import Path

ORDERS = 4000
BAR = "\u2501".encode()  # the heavy horizontal line rich draws bars with
ESCAPE = b"\x1b["


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "spacetime_service.entrypoints.cli.main", *args]


def _environment(database: Path) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}


def spacetime(database: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        _command(*args), env=_environment(database), capture_output=True, timeout=240, check=False
    )


def in_process(database: Path, *args: str) -> tuple[int, str, str]:
    """Through typer's runner, whose stderr is no terminal either: quicker than a process start."""
    settings = Settings(database=DatabaseSettings(DATABASE_URL=f"sqlite:///{database}"))
    result = CliRunner().invoke(app, list(args), obj=build_container(settings))
    return result.exit_code, result.stdout, result.stderr


def spacetime_on_a_terminal(database: Path, *args: str) -> tuple[int, bytes, bytes]:
    """Runs with stderr on a pseudo-terminal and stdout on a pipe; returns the code, stdout and what
    the terminal received."""
    terminal, process_side = os.openpty()
    received = bytearray()

    def drain() -> None:
        # Read until the process side is closed everywhere; Linux reports that as EIO.
        while True:
            try:
                data = os.read(terminal, 65536)
            except OSError:
                return
            if not data:
                return
            received.extend(data)

    reader = threading.Thread(target=drain)
    reader.start()
    try:
        done = subprocess.run(
            _command(*args),
            env=_environment(database),
            stdout=subprocess.PIPE,
            stderr=process_side,
            timeout=240,
            check=False,
        )
    finally:
        os.close(process_side)
        reader.join()
        os.close(terminal)
    return done.returncode, done.stdout, bytes(received)


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("progress") / "orders.db"
    seed(f"sqlite:///{path}", product_count=300, order_count=ORDERS)
    return path


@pytest.fixture(scope="module")
def exported_csv(database: Path, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The export written to a file, in process: the bytes stdout must carry."""
    target = tmp_path_factory.mktemp("export") / "orders.csv"
    code, _, stderr = in_process(database, "orders", "export", "--format", "csv", "-o", str(target))
    assert code == 0, stderr
    return target.read_bytes()


def test_an_export_to_a_pipe_writes_exactly_the_csv_and_plain_progress_lines(
    database: Path, exported_csv: bytes
) -> None:
    result = spacetime(database, "orders", "export", "--format", "csv")

    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout == exported_csv
    assert result.stdout.startswith(b"id,")
    assert result.stdout.count(b"\n") == 1 + ORDERS
    lines = result.stderr.decode().splitlines()
    assert lines[-1].startswith(f"orders export: {1 + ORDERS:,} lines  ")
    assert ESCAPE not in result.stderr


def test_an_export_with_stderr_on_a_terminal_draws_a_bar_there_and_the_same_csv_on_stdout(
    database: Path, exported_csv: bytes
) -> None:
    code, out, terminal = spacetime_on_a_terminal(database, "orders", "export", "--format", "csv")

    assert code == 0, terminal.decode(errors="replace")
    assert out == exported_csv
    assert b"orders export" in terminal
    assert BAR in terminal
    assert ESCAPE in terminal
    assert b"orders export: " not in terminal  # the bar, not the plain lines


def test_seed_prints_one_json_document_and_its_progress_on_stderr(tmp_path: Path) -> None:
    database = tmp_path / "seeded.db"
    upgrade_to_head(f"sqlite:///{database}")

    code, stdout, stderr = in_process(database, "seed", "--products", "100", "--orders", "400", "--json")

    assert code == 0, stderr
    assert json.loads(stdout) == {"products": 100, "orders": 400, "skipped": False}
    assert stdout.count("\n") == 1
    assert "seed: 500/500 rows (100%)  orders" in stderr
    assert "loaded 100 products and 400 orders" in stderr
