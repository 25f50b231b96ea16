"""The staged form of an upload: one compact JSON object per valid row, with its line in the upload,
the price as decimal text and LF ends. Whatever the upload's format, the job reads only this."""

from __future__ import annotations

import orjson

from spacetime_service.domain.imports import ImportRecord, import_record


def staged_line(line: int, record: ImportRecord) -> bytes:
    document = {
        "line": line,
        "sku": record.sku,
        "name": record.name,
        "description": record.description,
        "category": record.category,
        "price": str(record.price),
        "stock": record.stock,
    }
    return orjson.dumps(document) + b"\n"


def parse_staged_line(data: bytes) -> tuple[int, ImportRecord]:
    """The line and record of a staged line; the record passes the import rules again."""
    document = orjson.loads(data)
    if not isinstance(document, dict):
        raise ValueError("a staged line is a JSON object")
    line = document.pop("line", None)
    if isinstance(line, bool) or not isinstance(line, int):
        raise ValueError("a staged line names its line in the upload")
    return line, import_record(document, line)


def staged_sku(data: bytes) -> tuple[str, int]:
    """The sku and line of a staged line, without checking the rest again."""
    document = orjson.loads(data)
    return str(document["sku"]), int(document["line"])
