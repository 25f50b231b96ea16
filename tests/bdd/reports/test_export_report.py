"""Steps of features/reports/export_report.feature: report jobs run by the process's runner, the
finished file located by the report's id and read back, and a download over HTTP through a real
server."""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

import httpx
import orjson
import pytest
from pytest_bdd import parsers, scenarios, then, when
from sqlalchemy import Engine, func, select

from spacetime_service.adapters.sqlalchemy.schema.catalog_tables import orders
from spacetime_service.application.encoding.table_encoding import WireFormat
from spacetime_service.application.reports.export_daily_stats import ExportDailyStatsCommand
from spacetime_service.application.reports.locate_report import LocateReportCommand
from spacetime_service.application.reports.request import ReportRequest
from spacetime_service.domain.errors import NotFound
from spacetime_service.domain.orders import OrderStatus
from tests.bdd.job_waits import job_of
from tests.bdd.service_processes import CURSOR_SECRET, DEADLINE_SECONDS, ServiceProcesses
from tests.bdd.submissions import OWNER, Submissions, submit_report
from tests.support.job_waiting import wait_for_end
from tests.support.uvicorn_server import live_server

if TYPE_CHECKING:
    from pathlib import Path

    from spacetime_service.application.ports.artifact_storage import ArtifactInfo
    from spacetime_service.bootstrap.containers.root import RootContainer
    from spacetime_service.domain.jobs.json_value import JsonObject
    from tests.bdd.refusal import Refusal

scenarios("reports/export_report.feature")

# The responses of one download over HTTP: "whole", and the two ranges "first" and "rest".
Responses = dict[str, httpx.Response]


@dataclass(frozen=True)
class Download:
    """The downloaded file and what its storage says about it."""

    info: ArtifactInfo
    body: bytes

    def csv_rows(self) -> list[dict[str, str]]:
        return list(csv.DictReader(io.StringIO(self.body.decode())))

    def ndjson_records(self) -> list[dict[str, object]]:
        return [orjson.loads(line) for line in gzip.decompress(self.body).splitlines()]


@when(
    parsers.parse(
        'I generate a "{kind}" report per "{period}" from "{first}" to "{last}" as gzip "{wire_format}"'
    )
)
def generate_gzip(
    container: RootContainer,
    submissions: Submissions,
    refusal: Refusal,
    kind: str,
    period: str,
    first: str,
    last: str,
    wire_format: str,
) -> None:
    request: JsonObject = {
        "kind": kind,
        "period": period,
        "start_date": first,
        "end_date": last,
        "format": wire_format,
        "gzip": True,
    }
    submit_report(container, submissions, refusal, request)


@when("I download the report", target_fixture="download")
def download_the_report(
    container: RootContainer, submissions: Submissions, refusal: Refusal
) -> Download | None:
    with refusal.recorded():
        command = LocateReportCommand(submissions.job_id, OWNER)
        found = container.reports.locate_report().execute(command)
        return Download(found.info, found.path.read_bytes())
    return None


@then(parsers.parse("the report's progress is {done:d} of {total:d} days"))
def report_progress(container: RootContainer, submissions: Submissions, done: int, total: int) -> None:
    progress = job_of(container, submissions.job_id).progress
    assert (progress.done, progress.total, progress.unit) == (done, total, "days")


@then(
    parsers.parse('the file is "{filename}" of type "{content_type}" with the SHA-256 of its bytes as ETag')
)
def file_info(
    container: RootContainer,
    submissions: Submissions,
    refusal: Refusal,
    download: Download | None,
    filename: str,
    content_type: str,
) -> None:
    assert download is not None, refusal.error
    info, job_id = download.info, submissions.job_id
    assert (info.artifact_id, info.filename, info.content_type) == (job_id, filename, content_type)
    assert job_of(container, job_id).result_ref == job_id
    assert info.size == len(download.body)
    assert info.etag == hashlib.sha256(download.body).hexdigest()


@then(parsers.parse('the file starts with the header "{header}"'))
def header(download: Download, header: str) -> None:
    assert download.body.split(b"\r\n", 1)[0].split(b"\n", 1)[0].decode() == header


@then(parsers.parse('the file has one line for each day from "{first}" to "{last}"'))
def a_line_per_day(download: Download, first: str, last: str) -> None:
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    days = [str(start + timedelta(days=n)) for n in range((end - start).days + 1)]
    assert [row["date"] for row in download.csv_rows()] == days


@then(parsers.parse("its orders add up to {count:d}"))
def orders_add_up(download: Download, count: int) -> None:
    assert sum(int(row["orders"]) for row in download.csv_rows()) == count


@then("the file equals the daily stats streamed for the same days")
def equals_the_stream(container: RootContainer, submissions: Submissions, download: Download) -> None:
    days = ReportRequest.from_json(job_of(container, submissions.job_id).request).days
    stream = container.reports.export_daily_stats().execute(ExportDailyStatsCommand(days, WireFormat.CSV))
    assert b"".join(stream.chunks) == download.body


@then(parsers.parse('every line of the unzipped file has the keys "{keys}"'))
def record_keys(download: Download, keys: str) -> None:
    records = download.ndjson_records()
    assert records
    assert all(list(record) == keys.split(",") for record in records)


@then(parsers.parse('the periods are "{periods}"'))
def periods(download: Download, periods: str) -> None:
    assert sorted({str(record["period"]) for record in download.ndjson_records()}) == periods.split(",")


@then("its units add up to the quantities of the placed and shipped orders")
def units_add_up(database: Engine, download: Download) -> None:
    sold = (OrderStatus.PLACED.value, OrderStatus.SHIPPED.value)
    with database.connect() as connection:
        expected = connection.scalar(select(func.sum(orders.c.quantity)).where(orders.c.status.in_(sold)))
    assert sum(int(str(record["units"])) for record in download.ndjson_records()) == expected


@then(parsers.parse('"{owner}" cannot find the report'))
def not_found_for(container: RootContainer, submissions: Submissions, owner: str) -> None:
    with pytest.raises(NotFound):
        container.reports.locate_report().execute(LocateReportCommand(submissions.job_id, owner))


@when(
    parsers.parse(
        'a client generates a "{kind}" report from "{first}" to "{last}" over HTTP '
        "and downloads it whole and in two ranges"
    ),
    target_fixture="responses",
)
def over_http(
    processes: ServiceProcesses, database_url: str, tmp_path: Path, kind: str, first: str, last: str
) -> Responses:
    env = {
        "SPACETIME_CURSOR_SECRET": CURSOR_SECRET,
        "SPACETIME_POLL_SECONDS": "0.2",
        "SPACETIME_ARTIFACT_STORAGE": str(processes.artifacts),
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
        assert wait_for_end(client, report_id, DEADLINE_SECONDS)["status"] == "succeeded"
        url = f"/reports/{report_id}/download"
        return {
            "whole": client.get(url),
            "first": client.get(url, headers={"Range": "bytes=0-99"}),
            "rest": client.get(url, headers={"Range": "bytes=100-"}),
        }


@then("the whole download has the SHA-256 of its bytes as ETag")
def http_etag(responses: Responses) -> None:
    whole = responses["whole"]
    assert whole.status_code == 200
    assert whole.headers["etag"] == f'"{hashlib.sha256(whole.content).hexdigest()}"'
    assert whole.headers["accept-ranges"] == "bytes"
    assert len(whole.content) > 1000


@then(parsers.parse("the first range is answered with 206 and the bytes {first:d} to {last:d}"))
def first_range(responses: Responses, first: int, last: int) -> None:
    part, whole = responses["first"], responses["whole"].content
    assert part.status_code == 206
    assert part.headers["content-range"] == f"bytes {first}-{last}/{len(whole)}"
    assert part.content == whole[first : last + 1]


@then("the two ranges put together equal the whole download")
def ranges_join(responses: Responses) -> None:
    rest = responses["rest"]
    assert rest.status_code == 206
    assert responses["first"].content + rest.content == responses["whole"].content
