"""Which exporters OTEL_TRACES_EXPORTER installs, and the service's name from the OTEL_* variables."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from spacetime_service.bootstrap.observability_settings import ObservabilitySettings
from spacetime_service.bootstrap.telemetry import service_resource

if TYPE_CHECKING:
    from pathlib import Path


def settings(monkeypatch: pytest.MonkeyPatch, **variables: str) -> ObservabilitySettings:
    for name in ("OTEL_TRACES_EXPORTER", "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    return ObservabilitySettings(_env_file=None)


def test_unchosen_spans_go_to_otlp_only_when_an_endpoint_is_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert settings(monkeypatch).trace_exporters() == ()
    with_endpoint = settings(monkeypatch, OTEL_EXPORTER_OTLP_ENDPOINT="http://collector:4318")
    assert with_endpoint.trace_exporters() == ("otlp",)
    traces_only = settings(monkeypatch, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT="http://collector:4318/v1/traces")
    assert traces_only.trace_exporters() == ("otlp",)


@pytest.mark.parametrize(
    ("value", "exporters"),
    [
        ("console", ("console",)),
        ("otlp", ("otlp",)),
        ("none", ()),
        ("Console, otlp", ("console", "otlp")),
        ("otlp,otlp,none", ("otlp",)),
    ],
)
def test_the_named_exporters_are_installed(
    monkeypatch: pytest.MonkeyPatch, value: str, exporters: tuple[str, ...]
) -> None:
    assert settings(monkeypatch, OTEL_TRACES_EXPORTER=value).trace_exporters() == exporters


def test_an_unknown_exporter_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValueError, match="jaeger"):
        settings(monkeypatch, OTEL_TRACES_EXPORTER="jaeger").trace_exporters()


def test_the_resource_follows_the_standard_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OTEL_SERVICE_NAME", raising=False)
    monkeypatch.setenv(
        "OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=staging,service.name=from-attributes"
    )
    named_by_attributes = service_resource("spacetime-service").attributes
    monkeypatch.setenv("OTEL_SERVICE_NAME", "from-name")
    named = service_resource("spacetime-service").attributes
    monkeypatch.delenv("OTEL_SERVICE_NAME")
    monkeypatch.setenv("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=staging")
    unnamed = service_resource("spacetime-service").attributes

    assert (named_by_attributes["service.name"], named["service.name"]) == ("from-attributes", "from-name")
    assert (unnamed["service.name"], unnamed["deployment.environment"]) == ("spacetime-service", "staging")


def test_a_process_takes_its_sampler_and_resource_from_the_standard_variables(tmp_path: Path) -> None:
    # A process installs one tracer provider, once: a fresh interpreter shows what start-up builds.
    script = (
        "from spacetime_service.bootstrap.observability_settings import ObservabilitySettings\n"
        "from spacetime_service.bootstrap.telemetry import configure_tracing\n"
        "provider = configure_tracing(ObservabilitySettings())\n"
        "print(provider.sampler.get_description())\n"
        "print(provider.resource.attributes['service.name'])\n"
        "print(provider.resource.attributes['deployment.environment'])\n"
    )
    environment = {
        **os.environ,
        "OTEL_TRACES_SAMPLER": "parentbased_traceidratio",
        "OTEL_TRACES_SAMPLER_ARG": "0.25",
        "OTEL_SERVICE_NAME": "spacetime-worker",
        "OTEL_RESOURCE_ATTRIBUTES": "deployment.environment=staging",
        "OTEL_TRACES_EXPORTER": "none",
    }

    shown = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()

    assert shown[0].startswith("ParentBased{root:TraceIdRatioBased{0.25}")
    assert shown[1:] == ["spacetime-worker", "staging"]
