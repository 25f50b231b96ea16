"""Path and query text that no store can hold (a NUL) is a 422 naming the parameter on both databases;
PostgreSQL refuses NUL in text, so before this rule it was a 500 there."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.e2e.client_input.test_numbers_out_of_range import refused

if TYPE_CHECKING:
    import httpx


@pytest.mark.parametrize(
    ("method", "url", "name", "where"),
    [
        ("GET", "/jobs/a%00b", "job_id", "path"),
        ("POST", "/jobs/a%00b/cancel", "job_id", "path"),
        ("GET", "/jobs/a%00b/events", "job_id", "path"),
        ("GET", "/reports/a%00b/download", "report_id", "path"),
        ("GET", "/reports/a%00b/progress", "report_id", "path"),
        ("GET", "/ml/models/a%00b", "model_id", "path"),
        ("GET", "/jobs?kind=a%00b", "kind", "query"),
        ("GET", "/jobs?cursor=%00", "cursor", "query"),
        ("GET", "/products?sort=na%00me", "sort", "query"),
        ("GET", "/products/search?q=a%00b", "q", "query"),
    ],
)
def test_a_nul_in_path_or_query_text_is_422_naming_the_parameter(
    client: httpx.Client, method: str, url: str, name: str, where: str
) -> None:
    refused(client.request(method, url), name, where)
