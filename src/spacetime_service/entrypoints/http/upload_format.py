"""Which format an upload is in, from its Content-Type: `text/csv` or `application/x-ndjson`, UTF-8."""

from __future__ import annotations

from spacetime_service.application.encoding.media_types import CSV_MEDIA_TYPE, NDJSON_MEDIA_TYPE
from spacetime_service.application.encoding.table_encoding import WireFormat
from spacetime_service.entrypoints.http.problems.refusal import RequestRefused

UPLOAD_MEDIA_TYPES = {CSV_MEDIA_TYPE: WireFormat.CSV, NDJSON_MEDIA_TYPE: WireFormat.NDJSON}


class UnsupportedMediaType(RequestRefused):
    """The body is in a media type or charset the endpoint does not read (415 in the error map)."""


def upload_format(content_type: str | None) -> WireFormat:
    """The format the header names; 415 for any other media type or a charset other than UTF-8."""
    media_type, _, parameters = (content_type or "").partition(";")
    found = UPLOAD_MEDIA_TYPES.get(media_type.strip().lower())
    charset = _charset(parameters)
    if found is None or charset not in (None, "utf-8", "utf8"):
        raise UnsupportedMediaType(f"send the products as {CSV_MEDIA_TYPE} or {NDJSON_MEDIA_TYPE}, in UTF-8")
    return found


def _charset(parameters: str) -> str | None:
    for parameter in parameters.split(";"):
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip('"').lower()
    return None


def declared_length(content_length: str | None) -> int | None:
    """The body's length as the client declared it, if it did so readably."""
    if content_length is None or not content_length.strip().isdigit():
        return None
    return int(content_length)
