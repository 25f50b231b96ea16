"""A finished report's download through a real server, under RFC 9110's range and conditional rules:
one satisfiable byte range is a 206 part; a malformed range, another unit or several ranges are ignored
(the whole file, 200); an unsatisfiable range is a 416 problem with `Content-Range: bytes */size`;
`If-None-Match` with the ETag is 304; `If-Range` honours the Range only for the current ETag; HEAD
answers the headers of the GET without the body."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

import httpx
import pytest

from tests.support.job_waiting import wait_for_end

if TYPE_CHECKING:
    from collections.abc import Iterator

    from tests.e2e.jobs.conftest import JobServer

OWNER = "e2e-downloads"
REPORT = {"kind": "daily_stats", "start_date": "2025-01-01", "end_date": "2025-01-07"}
FILENAME = "daily_stats_2025-01-01_2025-01-07.csv"
# The headers that a HEAD must answer exactly as its GET does.
ENTITY_HEADERS = (
    "content-type",
    "content-length",
    "content-range",
    "etag",
    "accept-ranges",
    "content-disposition",
    "last-modified",
)


@dataclass(frozen=True)
class Report:
    client: httpx.Client
    url: str
    body: bytes

    @property
    def size(self) -> int:
        return len(self.body)

    @property
    def etag(self) -> str:
        return f'"{hashlib.sha256(self.body).hexdigest()}"'


@pytest.fixture(scope="module")
def report(job_server: JobServer) -> Iterator[Report]:
    with httpx.Client(
        base_url=job_server.base_url, headers=job_server.as_owner(OWNER), timeout=30.0
    ) as client:
        job_id = client.post("/reports/generate", json=REPORT).json()["id"]
        assert wait_for_end(client, job_id)["status"] == "succeeded"
        url = f"/reports/{job_id}/download"
        whole = client.get(url)
        assert whole.status_code == 200
        yield Report(client, url, whole.content)


def _assert_whole_file(report: Report, response: httpx.Response) -> None:
    assert response.status_code == 200
    assert response.content == report.body
    assert response.headers["content-length"] == str(report.size)
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["etag"] == report.etag
    assert response.headers["accept-ranges"] == "bytes"
    assert response.headers["content-disposition"] == f'attachment; filename="{FILENAME}"'
    assert "content-range" not in response.headers


def _assert_unsatisfiable(report: Report, response: httpx.Response) -> None:
    assert response.status_code == 416
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["content-range"] == f"bytes */{report.size}"


def test_the_whole_file_carries_its_etag_ranges_and_name(report: Report) -> None:
    _assert_whole_file(report, report.client.get(report.url))
    assert report.body.startswith(b"date,")


@pytest.mark.parametrize(
    "header",
    ["bytes=abc", "bytes=5-1", "items=0-1", "bytes=0-1,4-5", "bytes=", "bytes=-", "bytes 0-1", "bytes=1-2-3"],
)
def test_a_malformed_foreign_or_multiple_range_is_ignored(report: Report, header: str) -> None:
    _assert_whole_file(report, report.client.get(report.url, headers={"Range": header}))


@pytest.mark.parametrize(
    ("header", "first", "last"),
    [
        ("bytes=0-9", 0, 9),
        ("bytes=10-", 10, None),
        ("bytes=-5", -5, None),
        ("bytes=5-99999999", 5, None),
        ("bytes=-99999999", 0, None),
        ("BYTES= 3-3 ,", 3, 3),
    ],
)
def test_one_satisfiable_range_is_a_part(report: Report, header: str, first: int, last: int | None) -> None:
    start = first % report.size
    end = report.size - 1 if last is None else last

    response = report.client.get(report.url, headers={"Range": header})

    assert response.status_code == 206
    assert response.content == report.body[start : end + 1]
    assert response.headers["content-range"] == f"bytes {start}-{end}/{report.size}"
    assert response.headers["content-length"] == str(end + 1 - start)
    assert response.headers["etag"] == report.etag
    assert response.headers["content-disposition"] == f'attachment; filename="{FILENAME}"'


@pytest.mark.parametrize("header", ["bytes=99999999-", "bytes=-0", "size"])
def test_an_unsatisfiable_range_is_a_416_problem(report: Report, header: str) -> None:
    header = f"bytes={report.size}-" if header == "size" else header

    response = report.client.get(report.url, headers={"Range": header})

    _assert_unsatisfiable(report, response)
    assert response.json()["status"] == 416


@pytest.mark.parametrize("header", [None, "bytes=0-9", "bytes=abc"])
def test_head_answers_the_headers_of_get_without_a_body(report: Report, header: str | None) -> None:
    headers = {} if header is None else {"Range": header}

    got = report.client.get(report.url, headers=headers)
    head = report.client.head(report.url, headers=headers)

    assert head.status_code == got.status_code
    assert head.content == b""
    assert {name: head.headers.get(name) for name in ENTITY_HEADERS} == {
        name: got.headers.get(name) for name in ENTITY_HEADERS
    }


def test_head_of_an_unsatisfiable_range_is_416_without_a_body(report: Report) -> None:
    response = report.client.head(report.url, headers={"Range": "bytes=99999999-"})

    _assert_unsatisfiable(report, response)
    assert response.content == b""


@pytest.mark.parametrize("method", ["GET", "HEAD"])
@pytest.mark.parametrize("tags", ["{etag}", "W/{etag}", '"other", {etag}', "*"])
def test_if_none_match_with_the_etag_is_not_modified(report: Report, method: str, tags: str) -> None:
    headers = {"If-None-Match": tags.format(etag=report.etag), "Range": "bytes=0-9"}

    response = report.client.request(method, report.url, headers=headers)

    assert response.status_code == 304
    assert response.headers["etag"] == report.etag
    assert response.content == b""


def test_if_none_match_with_another_etag_sends_the_file(report: Report) -> None:
    response = report.client.get(report.url, headers={"If-None-Match": '"other"'})

    _assert_whole_file(report, response)


def test_if_range_with_the_etag_honours_the_range(report: Report) -> None:
    headers = {"Range": "bytes=2-5", "If-Range": report.etag}

    response = report.client.get(report.url, headers=headers)

    assert response.status_code == 206
    assert response.content == report.body[2:6]
    assert response.headers["content-range"] == f"bytes 2-5/{report.size}"


@pytest.mark.parametrize("validator", ['"other"', "W/{etag}", "Sat, 05 Dec 2026 05:00:00 GMT"])
@pytest.mark.parametrize("header", ["bytes=2-5", "bytes=99999999-"])
def test_if_range_with_another_validator_sends_the_whole_file(
    report: Report, validator: str, header: str
) -> None:
    headers = {"Range": header, "If-Range": validator.format(etag=report.etag)}

    _assert_whole_file(report, report.client.get(report.url, headers=headers))


def test_another_owner_gets_404_for_head_as_for_get(job_server: JobServer, report: Report) -> None:
    with httpx.Client(base_url=job_server.base_url, headers=job_server.as_owner("e2e-other")) as stranger:
        assert stranger.head(report.url).status_code == 404
        assert stranger.get(report.url, headers={"Range": "bytes=0-9"}).status_code == 404


def test_a_report_that_has_not_succeeded_is_409_for_head_and_ranges(job_server: JobServer) -> None:
    job = job_server.running(owner=OWNER, kind="report")
    url = f"/reports/{job.id}/download"

    with httpx.Client(base_url=job_server.base_url, headers=job_server.as_owner(OWNER)) as client:
        assert client.head(url).status_code == 409
        assert client.get(url, headers={"Range": "bytes=0-9"}).status_code == 409
