"""The media types the service reads and writes, named once for the use cases and the entrypoints."""

from __future__ import annotations

NDJSON_MEDIA_TYPE = "application/x-ndjson"
CSV_MEDIA_TYPE = "text/csv"
# What a CSV download declares: the bytes are always UTF-8, so the charset is stated, not guessed.
CSV_UTF8_MEDIA_TYPE = f"{CSV_MEDIA_TYPE}; charset=utf-8"
JSON_MEDIA_TYPE = "application/json"
GZIP_MEDIA_TYPE = "application/gzip"
EVENT_STREAM_MEDIA_TYPE = "text/event-stream"
PROBLEM_MEDIA_TYPE = "application/problem+json"
