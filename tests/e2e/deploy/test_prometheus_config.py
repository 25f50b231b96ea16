"""deploy/prometheus.yml is a configuration Prometheus accepts (promtool, the check Prometheus's own
tooling makes), and it scrapes the API and the workers where docker-compose.yml serves their metrics."""

from __future__ import annotations

import subprocess
from pathlib import Path

import yaml

from tests.support.binaries import required_binary

DEPLOY = Path(__file__).resolve().parents[3] / "deploy"


def test_promtool_accepts_the_configuration() -> None:
    promtool = required_binary("promtool", "prometheus")
    result = subprocess.run(
        [promtool, "check", "config", str(DEPLOY / "prometheus.yml")],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_it_scrapes_the_api_and_every_worker() -> None:
    config = yaml.safe_load((DEPLOY / "prometheus.yml").read_text())
    jobs = {job["job_name"]: job for job in config["scrape_configs"]}
    assert jobs["spacetime-api"]["static_configs"][0]["targets"] == ["api:8000"]
    [workers] = jobs["spacetime-worker"]["dns_sd_configs"]
    assert (workers["names"], workers["port"]) == (["worker"], 9100)
