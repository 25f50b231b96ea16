"""The provisioned Grafana dashboard asks for figures the service really exports: every metric name in
its PromQL is one that a real app's /metrics shows after a small report job, and every expression is
PromQL that Prometheus's own tooling (promtool) accepts."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families
from pydantic import SecretStr

from spacetime_service.bootstrap.containers.root import build_container
from spacetime_service.bootstrap.settings import ApiSettings, DatabaseSettings, Settings
from spacetime_service.entrypoints.http.app import create_app
from tests.support.binaries import required_binary
from tests.support.in_runner import in_runner_memory
from tests.support.job_waiting import wait_for_end
from tests.support.seed import seed

GRAFANA = Path(__file__).resolve().parents[3] / "deploy" / "grafana"
DASHBOARD = GRAFANA / "dashboards" / "spacetime-service.json"
REPORT = {"kind": "daily_stats", "start_date": "2025-01-01", "end_date": "2025-01-03"}
# The names a family of each type is scraped as; a family with no sample yet (a labelled counter no
# job has moved) still has its HELP and TYPE lines, and Prometheus will see these names once it moves.
SAMPLE_SUFFIXES = {"counter": ("_total",), "gauge": ("",), "histogram": ("_bucket", "_count", "_sum")}

# What is left of an expression once strings, selectors' label matchers, ranges and grouping clauses
# are gone: identifiers are then functions (followed by "("), operators and keywords, or metric names.
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_MATCHERS = re.compile(r"\{[^}]*\}")
_RANGE = re.compile(r"\[[^\]]*\]")
_GROUPING = re.compile(r"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")
# Possessive, so that a function's name cannot match short of its last letter, before the "(".
_IDENTIFIER = re.compile(r"(?<![\w.])([A-Za-z_:][\w:]*+)(?!\s*\()")
_KEYWORDS = {"and", "or", "unless", "bool", "offset", "inf", "nan", "group_left", "group_right"}


def metric_names(expression: str) -> set[str]:
    stripped = _STRING.sub('""', expression)
    for pattern in (_MATCHERS, _RANGE, _GROUPING):
        stripped = pattern.sub(" ", stripped)
    return {name for name in _IDENTIFIER.findall(stripped) if name.lower() not in _KEYWORDS}


def expressions() -> list[str]:
    dashboard = json.loads(DASHBOARD.read_text())
    return [
        target["expr"]
        for panel in dashboard["panels"]
        if panel["type"] != "row"
        for target in panel["targets"]
    ]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """Every sample name a real app's scrape shows, after a report job ran in it."""
    workdir = tmp_path_factory.mktemp("dashboard")
    url = f"sqlite:///{workdir / 'dashboard.db'}"
    seed(url, product_count=50, order_count=500)
    settings = Settings(
        database=DatabaseSettings(DATABASE_URL=url),
        api=ApiSettings(cursor_secret=SecretStr("dashboard-test-secret")),
        # The breaker measures the process it runs in, here pytest itself (tests/support/in_runner.py).
        memory=in_runner_memory(workdir / "spill"),
    )
    with TestClient(create_app(build_container(settings))) as client:
        submitted = client.post("/reports/generate", json=REPORT)
        assert submitted.status_code == 202, submitted.text
        assert wait_for_end(client, submitted.json()["id"])["status"] == "succeeded"
        scrape = client.get("/metrics")
    assert scrape.status_code == 200
    names: set[str] = set()
    for family in text_string_to_metric_families(scrape.text):
        names |= {sample.name for sample in family.samples}
        names |= {family.name + suffix for suffix in SAMPLE_SUFFIXES.get(family.type, ())}
    return names


def test_the_name_reader_skips_functions_labels_and_ranges() -> None:
    expression = (
        'histogram_quantile(0.95, sum by (le, route) (rate(a_seconds_bucket{route!="/x", job=~"b"}[5m])))'
        " / on (route) group_left clamp_min(b_total offset 1h, 1e-9) > bool 0"
    )
    assert metric_names(expression) == {"a_seconds_bucket", "b_total"}


def test_every_metric_the_dashboard_asks_for_is_exported(exported: set[str]) -> None:
    asked = {name for expression in expressions() for name in metric_names(expression)}
    assert asked, "the dashboard asks for no metric"
    assert sorted(asked - exported) == []


def test_the_dashboard_covers_jobs_throughput_latency_memory_breaker_and_cache() -> None:
    asked = {name for expression in expressions() for name in metric_names(expression)}
    assert asked >= {
        "spacetime_jobs_submitted_total", "spacetime_jobs_finished_total", "spacetime_jobs_queued",
        "spacetime_jobs_running", "spacetime_job_processed_rows_total", "spacetime_job_processed_bytes_total",
        "spacetime_http_request_duration_seconds_bucket", "spacetime_job_duration_seconds_bucket",
        "spacetime_job_chunk_duration_seconds_bucket", "spacetime_memory_used_bytes",
        "spacetime_memory_pressure_level", "spacetime_memory_breaker_open",
        "spacetime_memory_breaker_refusals_total", "spacetime_cache_hits_total",
        "spacetime_cache_misses_total", "spacetime_cache_evictions_total", "spacetime_cache_size_bytes",
    }  # fmt: skip


def test_promtool_accepts_every_expression(tmp_path: Path) -> None:
    promtool = required_binary("promtool", "prometheus")
    # Grafana's interval variables are not PromQL; Grafana puts a duration in their place.
    rules = [
        {"record": f"dashboard:expression_{index}", "expr": expression.replace("$__rate_interval", "1m")}
        for index, expression in enumerate(expressions())
    ]
    path = tmp_path / "dashboard-rules.yml"
    path.write_text(yaml.safe_dump({"groups": [{"name": "dashboard", "rules": rules}]}))
    result = subprocess.run(
        [promtool, "check", "rules", str(path)], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr
