"""Steps of features/reports: report jobs run by the container's runner, the finished file located by
the report's id and read back, and a download over HTTP through a real server."""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import httpx
import orjson
import pytest
from pytest_bdd import parsers, scenarios, then, when
from sqlalchemy import func, select

from spacetime_service.adapters.sqlalchemy.schema.catalog_tables import orders
from spacetime_service.application.encoding.table_encoding import WireFormat
from spacetime_service.application.ports.artifact_storage import ArtifactInfo
from spacetime_service.application.reports.export_daily_stats import ExportDailyStatsCommand
from spacetime_service.application.reports.locate_report import LocateReportCommand
from spacetime_service.application.reports.request import ReportRequest
from spacetime_service.domain.errors import DomainError, NotFound
from spacetime_service.domain.jobs.json_value import JsonObject
from spacetime_service.domain.orders import OrderStatus
from tests.bdd.catalog_world import World
from tests.bdd.job_steps import OWNER, JobScene, submit_report, the_job
from tests.e2e.http.live_server import live_server
from tests.e2e.jobs.waiting import wait_for_end

scenarios("reports")

WAIT_SECONDS = 60.0


@dataclass
class Download:
    """The downloaded file and what its storage says about it; over HTTP, the responses."""

    info: ArtifactInfo | None = None
    responses: dict[str, httpx.Response] = field(default_factory=dict)


@pytest.fixture
def download() -> Download:
    return Download()


@when(
    parsers.parse(
        'I generate a "{kind}" report per "{period}" from "{first}" to "{last}" as gzip "{wire_format}"'
    )
)
def generate_gzip(
    world: World, jobs: JobScene, kind: str, period: str, first: str, last: str, wire_format: str
) -> None:
    request: JsonObject = {
        "kind": kind,
        "period": period,
        "start_date": first,
        "end_date": last,
        "format": wire_format,
        "gzip": True,
    }
    submit_report(world, jobs, OWNER, request, None)


@when("I download the report")
def download_the_report(world: World, jobs: JobScene, download: Download) -> None:
    try:
        found = world.container.reports.locate_report().execute(LocateReportCommand(jobs.job_id, OWNER))
    except DomainError as error:
        world.error = error
        return
    download.info = found.info
    world.body = found.path.read_bytes()


@then(parsers.parse("the report's progress is {done:d} of {total:d} days"))
def report_progress(world: World, jobs: JobScene, done: int, total: int) -> None:
    progress = the_job(world, jobs).progress
    assert (progress.done, progress.total, progress.unit) == (done, total, "days")


@then(
    parsers.parse('the file is "{filename}" of type "{content_type}" with the SHA-256 of its bytes as ETag')
)
def file_info(world: World, jobs: JobScene, download: Download, filename: str, content_type: str) -> None:
    info = download.info
    assert info is not None, world.error
    assert (info.artifact_id, info.filename, info.content_type) == (jobs.job_id, filename, content_type)
    assert the_job(world, jobs).result_ref == jobs.job_id
    assert info.size == len(world.body)
    assert info.etag == hashlib.sha256(world.body).hexdigest()


def _csv_rows(world: World) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(world.body.decode())))


@then(parsers.parse('the file starts with the header "{header}"'))
def header(world: World, header: str) -> None:
    assert world.body.split(b"\r\n", 1)[0].split(b"\n", 1)[0].decode() == header


@then(parsers.parse('the file has one line for each day from "{first}" to "{last}"'))
def a_line_per_day(world: World, first: str, last: str) -> None:
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    days = [str(start + timedelta(days=n)) for n in range((end - start).days + 1)]
    assert [row["date"] for row in _csv_rows(world)] == days


@then(parsers.parse("its orders add up to {count:d}"))
def orders_add_up(world: World, count: int) -> None:
    assert sum(int(row["orders"]) for row in _csv_rows(world)) == count


@then("the file equals the daily stats streamed for the same days")
def equals_the_stream(world: World, jobs: JobScene) -> None:
    days = ReportRequest.from_json(the_job(world, jobs).request).days
    stream = world.container.reports.export_daily_stats().execute(
        ExportDailyStatsCommand(days, WireFormat.CSV)
    )
    assert b"".join(stream.chunks) == world.body


def _ndjson_records(world: World) -> list[dict[str, object]]:
    return [orjson.loads(line) for line in gzip.decompress(world.body).splitlines()]


@then(parsers.parse('every line of the unzipped file has the keys "{keys}"'))
def record_keys(world: World, keys: str) -> None:
    records = _ndjson_records(world)
    assert records
    assert all(list(record) == keys.split(",") for record in records)


@then(parsers.parse('the periods are "{periods}"'))
def periods(world: World, periods: str) -> None:
    assert sorted({str(record["period"]) for record in _ndjson_records(world)}) == periods.split(",")


@then("its units add up to the quantities of the placed and shipped orders")
def units_add_up(world: World) -> None:
    sold = (OrderStatus.PLACED.value, OrderStatus.SHIPPED.value)
    with world.engine.connect() as connection:
        expected = connection.scalar(select(func.sum(orders.c.quantity)).where(orders.c.status.in_(sold)))
    units = [record["units"] for record in _ndjson_records(world)]
    assert sum(int(str(n)) for n in units) == expected


@then(parsers.parse('"{owner}" cannot find the report'))
def not_found_for(world: World, jobs: JobScene, owner: str) -> None:
    with pytest.raises(NotFound):
        world.container.reports.locate_report().execute(LocateReportCommand(jobs.job_id, owner))


@when(
    parsers.parse(
        'a client generates a "{kind}" report from "{first}" to "{last}" over HTTP '
        "and downloads it whole and in two ranges"
    )
)
def over_http(
    jobs: JobScene, download: Download, database_url: str, tmp_path: Path, kind: str, first: str, last: str
) -> None:
    env = {
        "SPACETIME_CURSOR_SECRET": "feature-secret",
        "SPACETIME_POLL_SECONDS": "0.2",
        "SPACETIME_ARTIFACT_STORAGE": str(jobs.processes.artifacts),
        "SPACETIME_EXTERNAL_STORAGE": str(tmp_path / "spill"),
    }
    with (
        live_server(database_url, tmp_path, env) as base_url,
        httpx.Client(base_url=base_url, timeout=30) as client,
    ):
        submitted = client.post(
            "/reports/generate", json={"kind": kind, "start_date": first, "end_date": last}
        )
        assert submitted.status_code == 202, submitted.text
        report_id = submitted.json()["id"]
        assert wait_for_end(client, report_id, WAIT_SECONDS)["status"] == "succeeded"
        url = f"/reports/{report_id}/download"
        download.responses = {
            "whole": client.get(url),
            "first": client.get(url, headers={"Range": "bytes=0-99"}),
            "rest": client.get(url, headers={"Range": "bytes=100-"}),
        }


@then("the whole download has the SHA-256 of its bytes as ETag")
def http_etag(download: Download) -> None:
    whole = download.responses["whole"]
    assert whole.status_code == 200
    assert whole.headers["etag"] == f'"{hashlib.sha256(whole.content).hexdigest()}"'
    assert whole.headers["accept-ranges"] == "bytes"
    assert len(whole.content) > 1000


@then(parsers.parse("the first range is answered with 206 and the bytes {first:d} to {last:d}"))
def first_range(download: Download, first: int, last: int) -> None:
    part, whole = download.responses["first"], download.responses["whole"].content
    assert part.status_code == 206
    assert part.headers["content-range"] == f"bytes {first}-{last}/{len(whole)}"
    assert part.content == whole[first : last + 1]


@then("the two ranges put together equal the whole download")
def ranges_join(download: Download) -> None:
    rest = download.responses["rest"]
    assert rest.status_code == 206
    assert download.responses["first"].content + rest.content == download.responses["whole"].content
