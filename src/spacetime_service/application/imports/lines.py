"""The lines of an upload, read from a stream of byte chunks with one line in memory at a time."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacetime_service.domain.errors import TooLarge
from spacetime_service.domain.imports import InvalidRow

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from spacetime_service.application.imports.limits import ImportLimits

UTF8_BOM = b"\xef\xbb\xbf"


def numbered_lines(chunks: Iterable[bytes], limits: ImportLimits) -> Iterator[tuple[int, str]]:
    """Each line of `upload_lines` with its 1-based number."""
    return enumerate(upload_lines(chunks, limits), start=1)


def upload_lines(chunks: Iterable[bytes], limits: ImportLimits) -> Iterator[str]:
    """Each line, decoded from UTF-8 and ending as it ended (LF, CRLF, or nothing for a last line
    without an end). A leading byte order mark is dropped. A body longer than `max_body_bytes` is
    TooLarge, and a line longer than `max_line_bytes` (its end aside) or not UTF-8 is an InvalidRow
    naming the line; both are refused before more of the body is read."""
    pending = bytearray()
    received = 0
    line = 0
    for chunk in chunks:
        received += len(chunk)
        if received > limits.max_body_bytes:
            raise TooLarge(f"an upload is at most {limits.max_body_bytes} bytes")
        pending += chunk
        start = 0
        while (end := pending.find(b"\n", start)) >= 0:
            line += 1
            yield _decoded(bytes(pending[start : end + 1]), line, limits)
            start = end + 1
        del pending[:start]
        if len(pending) > limits.max_line_bytes:
            raise _too_long(line + 1, limits)
    if pending:
        yield _decoded(bytes(pending), line + 1, limits)


def _decoded(raw: bytes, line: int, limits: ImportLimits) -> str:
    if line == 1:
        raw = raw.removeprefix(UTF8_BOM)
    if len(raw.rstrip(b"\r\n")) > limits.max_line_bytes:
        raise _too_long(line, limits)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidRow(line, "line", "the line is not valid UTF-8") from None


def _too_long(line: int, limits: ImportLimits) -> InvalidRow:
    return InvalidRow(line, "line", f"a line is at most {limits.max_line_bytes} bytes")
