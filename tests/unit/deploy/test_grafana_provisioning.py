"""Grafana in docker-compose.yml: its provisioning and dashboards are the repository's files, mounted
where the provisioning looks for them; its datasource is the compose Prometheus, under the uid every
panel names; it restarts, answers a health check and is published on loopback only."""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[3]
GRAFANA = ROOT / "deploy" / "grafana"


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return loaded


@pytest.fixture(scope="module")
def mounts(compose: dict[str, Any]) -> dict[str, str]:
    """Container path -> host path (relative to the repository) of each bind mount, `:ro` checked."""
    found: dict[str, str] = {}
    for volume in compose["services"]["grafana"]["volumes"]:
        source, target, *mode = volume.split(":")
        if source.startswith("./"):
            assert mode == ["ro"], volume
            found[target] = source.removeprefix("./")
    return found


def _yaml(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(path.read_text())
    return loaded


def test_the_service_runs_restarts_and_answers_a_health_check(compose: dict[str, Any]) -> None:
    grafana = compose["services"]["grafana"]
    assert grafana["image"].startswith("grafana/grafana:")
    assert grafana["restart"] == "unless-stopped"
    assert grafana["depends_on"] == ["prometheus"]
    assert grafana["ports"] == ["127.0.0.1:3000:3000"]
    check = grafana["healthcheck"]
    assert "http://127.0.0.1:3000/api/health" in " ".join(check["test"])
    assert {"interval", "timeout", "retries"} <= set(check)
    assert "grafana:/var/lib/grafana" in grafana["volumes"]
    assert "grafana" in compose["volumes"]


def test_the_admin_password_must_be_given(compose: dict[str, Any]) -> None:
    password = compose["services"]["grafana"]["environment"]["GF_SECURITY_ADMIN_PASSWORD"]
    assert password.startswith("${GRAFANA_ADMIN_PASSWORD:?")


def test_the_provisioning_and_the_dashboards_are_mounted(mounts: dict[str, str]) -> None:
    assert mounts["/etc/grafana/provisioning"] == "deploy/grafana/provisioning"
    dashboards = mounts["/etc/grafana/dashboards"]
    [provider] = _yaml(GRAFANA / "provisioning" / "dashboards" / "spacetime.yml")["providers"]
    assert provider["type"] == "file"
    assert provider["options"]["path"] == "/etc/grafana/dashboards"
    assert sorted(path.name for path in (ROOT / dashboards).glob("*.json")) == ["spacetime-service.json"]


def test_the_home_dashboard_is_a_mounted_file(compose: dict[str, Any], mounts: dict[str, str]) -> None:
    home = PurePosixPath(
        compose["services"]["grafana"]["environment"]["GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"]
    )
    assert (ROOT / mounts[str(home.parent)] / home.name).is_file()


def test_the_datasource_is_the_compose_prometheus(compose: dict[str, Any]) -> None:
    [source] = _yaml(GRAFANA / "provisioning" / "datasources" / "prometheus.yml")["datasources"]
    published = compose["services"]["prometheus"]["ports"][0].split(":")[-1]
    assert (source["type"], source["url"]) == ("prometheus", f"http://prometheus:{published}")
    assert source["isDefault"] is True
    dashboard = json.loads((GRAFANA / "dashboards" / "spacetime-service.json").read_text())
    named = {
        (target["datasource"]["type"], target["datasource"]["uid"])
        for panel in dashboard["panels"]
        if panel["type"] != "row"
        for target in panel["targets"]
    }
    assert named == {("prometheus", source["uid"])}
