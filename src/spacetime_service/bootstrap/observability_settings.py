"""Settings of logs and traces. The standard `OTEL_*` variables keep their standard meaning: the SDK
itself reads the sampler (OTEL_TRACES_SAMPLER, OTEL_TRACES_SAMPLER_ARG), the resource
(OTEL_RESOURCE_ATTRIBUTES, OTEL_SERVICE_NAME) and the OTLP exporter's endpoint, headers and timeouts;
only the choice of exporters is read here, since the SDK leaves that to its auto-instrumentation."""

from __future__ import annotations

from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

TraceExporterName = Literal["otlp", "console", "none"]
TRACE_EXPORTER_NAMES: tuple[TraceExporterName, ...] = ("otlp", "console", "none")


class ObservabilitySettings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", env_prefix="SPACETIME_")

    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_format: Literal["json", "console"] = "json"
    # The name when neither OTEL_SERVICE_NAME nor service.name in OTEL_RESOURCE_ATTRIBUTES gives one.
    service_name: str = Field("spacetime-service", validation_alias="OTEL_SERVICE_NAME")
    otlp_endpoint: str | None = Field(None, validation_alias="OTEL_EXPORTER_OTLP_ENDPOINT")
    otlp_traces_endpoint: str | None = Field(None, validation_alias="OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
    # A comma-separated list of otlp, console and none; unset means otlp when an OTLP endpoint is set.
    traces_exporter: str | None = Field(None, validation_alias="OTEL_TRACES_EXPORTER")

    def trace_exporters(self) -> tuple[TraceExporterName, ...]:
        """The exporters to install, without "none". Unset, it is otlp when an OTLP endpoint is set and
        nothing otherwise: a development machine without a collector is not filled with export errors.
        An unknown name is a ValueError, so that a typo stops the process instead of losing every span."""
        if self.traces_exporter is None:
            return ("otlp",) if self.otlp_endpoint or self.otlp_traces_endpoint else ()
        chosen: list[TraceExporterName] = []
        for raw in self.traces_exporter.split(","):
            name = raw.strip().lower()
            if not name:
                continue
            known = next((known for known in TRACE_EXPORTER_NAMES if known == name), None)
            if known is None:
                raise ValueError(
                    f"OTEL_TRACES_EXPORTER names {name!r}; use {', '.join(TRACE_EXPORTER_NAMES)}"
                )
            if known != "none" and known not in chosen:
                chosen.append(known)
        return tuple(chosen)
