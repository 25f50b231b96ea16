"""OpenTelemetry tracing: the SDK is set up here only; the rest of the code uses the API.

The OTLP exporter honours the standard `OTEL_EXPORTER_OTLP_*` variables; without an endpoint no
exporter is installed, and spans still carry ids for the logs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from opentelemetry import trace
from opentelemetry.sdk.resources import SERVICE_NAME, Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExporter

if TYPE_CHECKING:
    from spacetime_service.bootstrap.observability_settings import ObservabilitySettings


def configure_tracing(
    settings: ObservabilitySettings, exporter: SpanExporter | None = None
) -> TracerProvider:
    """Installs a TracerProvider once per process and returns it (the existing one if already set)."""
    current = trace.get_tracer_provider()
    if isinstance(current, TracerProvider):
        return current
    provider = TracerProvider(resource=Resource.create({SERVICE_NAME: settings.service_name}))
    if exporter is None and settings.otlp_endpoint and settings.traces_exporter != "none":
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        exporter = OTLPSpanExporter()
    if exporter is not None:
        provider.add_span_processor(BatchSpanProcessor(exporter))
    trace.set_tracer_provider(provider)
    return provider
