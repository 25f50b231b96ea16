"""Spans as OTEL_TRACES_EXPORTER=console prints them (one indented JSON document each), read back
from a process's output, where they sit between its log lines."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

_DECODER = json.JSONDecoder()


@dataclass(frozen=True)
class PrintedSpan:
    name: str
    trace_id: str  # 32 hex digits, as log lines carry it
    span_id: str  # 16 hex digits
    parent_id: str | None
    attributes: dict[str, Any] = field(default_factory=dict)
    links: tuple[tuple[str, str], ...] = ()  # (trace id, span id) of each linked span


def printed_spans(output: str) -> list[PrintedSpan]:
    """Every span document in `output`; log lines and anything else are skipped."""
    spans: list[PrintedSpan] = []
    position = output.find("{")
    while position != -1:
        try:
            document, end = _DECODER.raw_decode(output, position)
        except json.JSONDecodeError:
            position = output.find("{", position + 1)
            continue
        if isinstance(document, dict) and "context" in document and "name" in document:
            spans.append(_span(document))
        position = output.find("{", end)
    return spans


def _span(document: dict[str, Any]) -> PrintedSpan:
    links = tuple(
        (_hex(link["context"]["trace_id"]), _hex(link["context"]["span_id"]))
        for link in document.get("links", [])
    )
    parent = document.get("parent_id")
    return PrintedSpan(
        name=document["name"],
        trace_id=_hex(document["context"]["trace_id"]),
        span_id=_hex(document["context"]["span_id"]),
        parent_id=None if parent is None else _hex(parent),
        attributes=dict(document.get("attributes") or {}),
        links=links,
    )


def _hex(value: str) -> str:
    return value.removeprefix("0x")
