"""A stored file as a download, under the conditional and range rules of RFC 9110.

The order is section 13.2.2's: `If-None-Match` naming the ETag answers 304 with the ETag and no body;
an `If-Range` that does not hold drops the Range; then the Range (byte_ranges) selects one part (206
with its `Content-Range`), is unsatisfiable (416 problem+json with `Content-Range: bytes */<size>`), or
is ignored (the whole file, 200). Every answer but 304 and 416 carries `ETag`, `Accept-Ranges: bytes`
and `Content-Disposition`; a HEAD gets the same status and headers as the GET, without the body.

Starlette's FileResponse sends the whole file or one range well, HEAD included, but it reads the
request's `Range` itself and answers what the RFC says to ignore with 400 or a text/plain 416.
DecidedFileResponse therefore shows it a request whose Range is the one decided here, or none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.exceptions import HTTPException
from starlette.responses import FileResponse, Response

from spacetime_service.entrypoints.http.streams.byte_ranges import UnsatisfiableRange, requested_range
from spacetime_service.entrypoints.http.streams.content_disposition import attachment
from spacetime_service.entrypoints.http.streams.entity_tags import if_range_holds, none_match_holds

if TYPE_CHECKING:
    import os
    from collections.abc import Mapping
    from pathlib import Path

    from starlette.requests import Request
    from starlette.types import Receive, Scope, Send

    from spacetime_service.entrypoints.http.streams.byte_ranges import ByteRange

RANGE_NOT_SATISFIABLE = 416
NOT_MODIFIED = 304


class DecidedFileResponse(FileResponse):
    """Starlette's FileResponse over the request with its `Range` replaced by `byte_range` (removed
    when None) and its `If-Range` removed: the whole file (200) or exactly that part (206)."""

    def __init__(
        self,
        path: Path,
        byte_range: ByteRange | None,
        *,
        stat_result: os.stat_result,
        media_type: str,
        headers: Mapping[str, str],
    ) -> None:
        super().__init__(path, media_type=media_type, headers=headers, stat_result=stat_result)
        self.byte_range = byte_range

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = [(name, value) for name, value in scope["headers"] if name not in (b"range", b"if-range")]
        if self.byte_range is not None:
            wanted = f"bytes={self.byte_range.first}-{self.byte_range.last}"
            headers.append((b"range", wanted.encode("latin-1")))
        await super().__call__({**scope, "headers": headers}, receive, send)


def serve_file(request: Request, path: Path, *, etag: str, media_type: str, filename: str) -> Response:
    """The answer to a GET or HEAD of the file at `path`, whose content has the strong tag `etag`
    (unquoted). Raises HTTPException(416) for an unsatisfiable range; the problem handlers render it."""
    quoted = f'"{etag}"'
    if none_match_holds(request.headers.get("if-none-match"), quoted):
        return Response(status_code=NOT_MODIFIED, headers={"ETag": quoted})
    stat_result = path.stat()
    wanted = None
    if if_range_holds(request.headers.get("if-range"), quoted):
        wanted = requested_range(request.headers.get("range"), stat_result.st_size)
    if isinstance(wanted, UnsatisfiableRange):
        raise HTTPException(
            RANGE_NOT_SATISFIABLE,
            detail=f"the range selects no byte of this file of {wanted.size} bytes",
            headers={"Content-Range": wanted.content_range},
        )
    headers = {"ETag": quoted, "Content-Disposition": attachment(filename)}
    return DecidedFileResponse(path, wanted, stat_result=stat_result, media_type=media_type, headers=headers)
