"""The `Range` header of a download, read as RFC 9110 section 14 says.

One range in the `bytes` unit is served as a part: `first-last`, `first-` or the suffix `-length`, a
last position past the end standing for the end. Everything else is ignored, which section 14.2 allows
and which sends the whole file (200): a header that does not parse (`bytes=abc`), a range that ends
before it starts (`bytes=5-1`), another unit (`items=0-1`), and a set of more than one range (the
service builds no `multipart/byteranges`). A single range that starts at or past the end of the file,
a suffix of zero bytes, and any range of an empty file are unsatisfiable: 416 with
`Content-Range: bytes */<size>`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_INT_RANGE = re.compile(r"([0-9]+)-([0-9]*)")
_SUFFIX_RANGE = re.compile(r"-([0-9]+)")
# A position with more digits than this is past the end of any file (and int() refuses over 4300).
_MAX_DIGITS = 30
_PAST_ANY_FILE = 10**_MAX_DIGITS
# Optional whitespace around the members of a list (RFC 9110 section 5.6.1).
_OWS = " \t"


@dataclass(frozen=True, slots=True)
class ByteRange:
    """Bytes `first` to `last` of a file of `size` bytes, both included and both inside the file."""

    first: int
    last: int
    size: int

    @property
    def content_range(self) -> str:
        return f"bytes {self.first}-{self.last}/{self.size}"


@dataclass(frozen=True, slots=True)
class UnsatisfiableRange:
    """A range that selects no byte of a file of `size` bytes."""

    size: int

    @property
    def content_range(self) -> str:
        return f"bytes */{self.size}"


def requested_range(header: str | None, size: int) -> ByteRange | UnsatisfiableRange | None:
    """The one range to send of a file of `size` bytes, or None for the whole file."""
    if header is None:
        return None
    unit, equals, range_set = header.partition("=")
    if not equals or unit.lower() != "bytes":
        return None
    # Empty list members are no members (RFC 9110 section 5.6.1): `bytes=0-9,` is one range.
    specs = [spec for spec in (member.strip(_OWS) for member in range_set.split(",")) if spec]
    return _one_range(specs[0], size) if len(specs) == 1 else None


def _one_range(spec: str, size: int) -> ByteRange | UnsatisfiableRange | None:
    if match := _INT_RANGE.fullmatch(spec):
        first = _position(match[1])
        last = _position(match[2]) if match[2] else None
        if last is not None and last < first:
            return None
        if first >= size:
            return UnsatisfiableRange(size)
        return ByteRange(first, size - 1 if last is None else min(last, size - 1), size)
    if match := _SUFFIX_RANGE.fullmatch(spec):
        length = _position(match[1])
        if length == 0 or size == 0:
            return UnsatisfiableRange(size)
        return ByteRange(max(size - length, 0), size - 1, size)
    return None


def _position(digits: str) -> int:
    significant = digits.lstrip("0") or "0"
    return int(significant) if len(significant) <= _MAX_DIGITS else _PAST_ANY_FILE
