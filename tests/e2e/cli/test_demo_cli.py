"""`spacetime migrate`, `seed` and the exports against a SQLite file: the main path as a real process,
the error cases in process through typer's runner (each process start imports the whole service)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest
from typer.testing import CliRunner

from spacetime_service.application.encoding.reference_encoder import FORMULA_TRIGGERS
from spacetime_service.bootstrap.containers.root import build_container
from spacetime_service.bootstrap.settings import DatabaseSettings, Settings
from spacetime_service.entrypoints.cli.main import app

if TYPE_CHECKING:
    from pathlib import Path


def spacetime(database: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    environment = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    command = [sys.executable, "-m", "spacetime_service.entrypoints.cli.main", *args]
    return subprocess.run(command, env=environment, capture_output=True, timeout=240, check=False)


def in_process(database: Path, *args: str) -> tuple[int, str, str]:
    container = build_container(Settings(database=DatabaseSettings(DATABASE_URL=f"sqlite:///{database}")))
    result = CliRunner().invoke(app, list(args), obj=container)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "demo.db"
    assert spacetime(path, "migrate").returncode == 0
    seeded = spacetime(path, "seed", "--products", "2000", "--orders", "5000", "--seed", "4")
    assert seeded.returncode == 0, seeded.stderr.decode()
    assert b"loaded 2000 products and 5000 orders" in seeded.stderr
    return path


def test_products_export_as_csv_to_a_file_is_complete_and_formula_safe(
    database: Path, tmp_path: Path
) -> None:
    target = tmp_path / "products.csv"

    result = spacetime(database, "products", "export", "--format", "csv", "-o", str(target))

    assert result.returncode == 0, result.stderr.decode()
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert rows[0][:3] == ["id", "sku", "name"]
    assert [int(row[0]) for row in rows[1:]] == list(range(1, 2001))
    cells = [cell for row in rows[1:] for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA_TRIGGERS)]
    assert any(cell.startswith("'") for cell in cells)  # a neutralised description or name
    assert any('"' in cell for cell in cells)


def test_products_export_to_stdout_filters_by_category(database: Path) -> None:
    result = spacetime(database, "products", "export", "--category", "toys", "--category", "books")

    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.returncode == 0, result.stderr.decode()
    assert lines
    assert {line["category"] for line in lines} == {"toys", "books"}


def test_orders_export_and_products_get(database: Path) -> None:
    orders_code, orders, _ = in_process(
        database, "orders", "export", "--status", "returned", "--columns", "id,status"
    )
    product_code, product, _ = in_process(database, "products", "get", "17")

    assert orders_code == 0
    assert {json.loads(line)["status"] for line in orders.splitlines()} == {"returned"}
    assert product_code == 0
    assert json.loads(product)["id"] == 17


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("seed", "--products", "5", "--orders", "5"), 4, "already holds 2000 products"),
        (("products", "get", "999999"), 3, "no product with id 999999"),
        (("orders", "export", "--from", "2025-01-01T00:00:00"), 2, "timezone"),
        (("products", "export", "--category", "weapons"), 2, "unknown category"),
        (("seed", "--products", "5", "--orders", "5", "--if-empty"), 0, "not loaded"),
    ],
)
def test_outcomes_end_with_their_exit_code_and_a_message(
    database: Path, args: tuple[str, ...], code: int, message: str
) -> None:
    exit_code, _, stderr = in_process(database, *args)

    assert exit_code == code
    assert message in stderr


def test_seed_before_migrate_says_what_to_do(tmp_path: Path) -> None:
    exit_code, _, stderr = in_process(tmp_path / "bare.db", "seed", "--products", "5", "--orders", "5")

    assert exit_code == 5
    assert "spacetime migrate" in stderr
