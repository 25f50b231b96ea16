"""gzip for JSON answers, and only for them.

Pages, job records and problem documents are small and repetitive: gzip makes them several times smaller
for a little CPU. Streams are left alone: SSE must reach the client event by event; NDJSON and CSV
exports run at the database's speed, which gzip in this process would halve (a client that wants them
compressed can ask a proxy); file downloads answer byte ranges of the stored file, which an encoding
would change. Starlette already leaves a 206 and an answer that is already encoded uncompressed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.middleware.gzip import DEFAULT_EXCLUDED_CONTENT_TYPES, GZipMiddleware

if TYPE_CHECKING:
    from fastapi import FastAPI

STREAMED_CONTENT_TYPES = (
    "application/x-ndjson",
    "text/csv",
    "application/octet-stream",
    "text/event-stream",
)

# Below this many bytes the gzip header and trailer cost more than they save.
MINIMUM_SIZE_BYTES = 1024
# Level 6 gives nearly all of level 9's ratio on JSON at a fraction of its CPU.
COMPRESS_LEVEL = 6


def add_json_compression(app: FastAPI) -> None:
    app.add_middleware(
        GZipMiddleware,
        minimum_size=MINIMUM_SIZE_BYTES,
        compresslevel=COMPRESS_LEVEL,
        exclude_content_types=(*DEFAULT_EXCLUDED_CONTENT_TYPES, *STREAMED_CONTENT_TYPES),
    )
