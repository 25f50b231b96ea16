"""OpenTelemetry tracing: the SDK is set up here only; the rest of the code uses the API.

The exporters follow OTEL_TRACES_EXPORTER (`ObservabilitySettings.trace_exporters`); the sampler
(OTEL_TRACES_SAMPLER and its _ARG) and the resource (OTEL_RESOURCE_ATTRIBUTES, OTEL_SERVICE_NAME) are
the SDK's own reading of the environment. Without an exporter spans still carry ids for the logs.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from opentelemetry import trace
from opentelemetry.sdk.resources import SERVICE_NAME, Resource
from opentelemetry.sdk.trace import SpanProcessor, TracerProvider
from opentelemetry.sdk.trace.export import (
    BatchSpanProcessor,
    ConsoleSpanExporter,
    SimpleSpanProcessor,
    SpanExporter,
)

if TYPE_CHECKING:
    from spacetime_service.bootstrap.observability_settings import (
        ObservabilitySettings,
        TraceExporterName,
    )

# The SDK's service.name when no variable names the service.
_UNNAMED_SERVICE = "unknown_service"


def configure_tracing(
    settings: ObservabilitySettings, exporter: SpanExporter | None = None
) -> TracerProvider:
    """Installs a TracerProvider once per process and returns it (the existing one if already set).
    `exporter`, when given, is used besides those the settings name."""
    current = trace.get_tracer_provider()
    if isinstance(current, TracerProvider):
        return current
    # No sampler passed: the SDK then builds the one OTEL_TRACES_SAMPLER names (parentbased_always_on).
    provider = TracerProvider(resource=service_resource(settings.service_name))
    for name in settings.trace_exporters():
        provider.add_span_processor(_processor(name))
    if exporter is not None:
        provider.add_span_processor(BatchSpanProcessor(exporter))
    trace.set_tracer_provider(provider)
    return provider


def service_resource(fallback_name: str) -> Resource:
    """The resource the SDK reads from the environment, named `fallback_name` if that names nothing."""
    detected = Resource.create()
    name = str(detected.attributes.get(SERVICE_NAME, _UNNAMED_SERVICE))
    if name.startswith(_UNNAMED_SERVICE):
        return detected.merge(Resource({SERVICE_NAME: fallback_name}))
    return detected


def _processor(name: TraceExporterName) -> SpanProcessor:
    if name == "console":
        # One JSON document per span on stdout as each span ends (logs go to stderr): for development,
        # where a batch that waits seconds, or is lost when the process is killed, would only confuse.
        return SimpleSpanProcessor(ConsoleSpanExporter(out=sys.stdout))
    # Imported here: the OTLP exporter pulls in protobuf and requests, which only its users need.
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

    return BatchSpanProcessor(OTLPSpanExporter())
