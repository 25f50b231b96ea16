"""`spacetime demo traffic` over a real SQLite file: the orders it prints are in the database."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import create_engine, func, select
from typer.testing import CliRunner

from spacetime_service.adapters.sqlalchemy.migrations import upgrade_to_head
from spacetime_service.adapters.sqlalchemy.schema.catalog_tables import orders
from spacetime_service.entrypoints.cli.main import app
from tests.support.seed import seed

if TYPE_CHECKING:
    from pathlib import Path

    import pytest


def test_traffic_places_the_orders_it_prints(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    seed(url, product_count=20, order_count=100)
    monkeypatch.setenv("DATABASE_URL", url)
    result = CliRunner().invoke(app, ["demo", "traffic", "--rate", "1000", "--count", "25", "--seed", "3"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line.startswith("order ")]
    assert len(lines) == 25
    engine = create_engine(url)
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(orders)).scalar_one() == 125
    engine.dispose()


def test_traffic_over_an_empty_database_says_to_seed_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    upgrade_to_head(url)
    monkeypatch.setenv("DATABASE_URL", url)
    result = CliRunner().invoke(app, ["demo", "traffic", "--count", "1"])
    assert result.exit_code == 3
    assert "spacetime seed" in result.output
