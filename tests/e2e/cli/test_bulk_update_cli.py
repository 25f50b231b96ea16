"""`spacetime products bulk-update` over a real SQLite file: the same use case and job as
`POST /products/bulk-update`, counted with --dry-run and run here with --wait."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from spacetime_service.application.jobs.get_job import GetJobCommand
from spacetime_service.application.jobs.presenter import job_view
from spacetime_service.bootstrap.containers.root import RootContainer, build_container
from spacetime_service.bootstrap.job_settings import JobSettings
from spacetime_service.entrypoints.cli.main import app
from tests.support.in_runner import in_runner_memory
from tests.support.jobs.jobs_app import job_settings
from tests.support.seed import seed

if TYPE_CHECKING:
    from pathlib import Path

TOYS = '{"category": "toys"}'
DOUBLE = '{"type": "multiply_price", "factor": "2"}'


@pytest.fixture
def container(tmp_path: Path) -> RootContainer:
    settings = job_settings(tmp_path)
    seed(settings.database.url, product_count=60, order_count=0)
    settings.jobs = JobSettings(worker_id="cli-bulk", poll_seconds=0.05, heartbeat_seconds=1, lease_seconds=5)
    settings.memory = in_runner_memory(tmp_path / "spill")
    return build_container(settings)


def _run(container: RootContainer, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["products", "bulk-update", *args], obj=container)
    return result.exit_code, result.stdout, result.stderr


def _prices(container: RootContainer) -> dict[str, dict[int, int]]:
    """Price cents by product id, per category."""
    by_category: dict[str, dict[int, int]] = {}
    with container.database.engine().connect() as connection:
        for product_id, category, price in connection.execute(
            text("SELECT id, category, price FROM products ORDER BY id")
        ):
            by_category.setdefault(category, {})[product_id] = price
    return by_category


def test_a_dry_run_counts_and_a_waited_update_doubles_the_prices_it_selects(container: RootContainer) -> None:
    before = _prices(container)

    dry_code, dry_out, dry_err = _run(
        container, "--filter", TOYS, "--operation", DOUBLE, "--dry-run", "--json"
    )

    assert dry_code == 0, dry_err
    assert json.loads(dry_out) == {"would_change": len(before["toys"])}
    assert _prices(container) == before

    code, out, err = _run(
        container, "--filter", TOYS, "--operation", DOUBLE, "--wait", "--poll-seconds", "0.05", "--json"
    )

    assert code == 0, err
    document = json.loads(out)
    job = container.jobs.get_job().execute(GetJobCommand(document["id"]))
    assert document == job_view(job)
    assert (document["kind"], document["status"], document["owner"]) == ("bulk_update", "succeeded", "cli")
    assert f"bulk_update {job.id}:" in err
    after = _prices(container)
    assert after["toys"] == {product_id: 2 * cents for product_id, cents in before["toys"].items()}
    assert {category: prices for category, prices in after.items() if category != "toys"} == {
        category: prices for category, prices in before.items() if category != "toys"
    }


def test_without_wait_the_job_id_is_printed_and_the_job_waits(container: RootContainer) -> None:
    code, out, _ = _run(
        container, "--filter", '{"max_id": 3}', "--operation", '{"type": "add_stock", "delta": 1}'
    )

    assert code == 0
    job = container.jobs.get_job().execute(GetJobCommand(out.strip()))
    assert (job.kind, job.status.value, job.owner) == ("bulk_update", "queued", "cli")


@pytest.mark.parametrize(
    ("target", "operation", "message"),
    [
        ("{not json", DOUBLE, "--filter is not JSON"),
        (TOYS, '{"type": "paint"}', "operation type is one of"),
        ('{"colour": "red"}', DOUBLE, "unknown filter field(s) colour"),
    ],
)
def test_a_bad_filter_or_operation_exits_2_and_changes_nothing(
    container: RootContainer, target: str, operation: str, message: str
) -> None:
    before = _prices(container)

    code, out, err = _run(container, "--filter", target, "--operation", operation)

    assert (code, out) == (2, "")
    assert message in err
    assert _prices(container) == before
