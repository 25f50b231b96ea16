"""Settings of logs and traces; the OTLP exporter itself reads the standard `OTEL_*` variables."""

from __future__ import annotations

from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class ObservabilitySettings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", env_prefix="SPACETIME_")

    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_format: Literal["json", "console"] = "json"
    service_name: str = Field("spacetime-service", validation_alias="OTEL_SERVICE_NAME")
    otlp_endpoint: str | None = Field(None, validation_alias="OTEL_EXPORTER_OTLP_ENDPOINT")
    traces_exporter: str = Field("otlp", validation_alias="OTEL_TRACES_EXPORTER")
