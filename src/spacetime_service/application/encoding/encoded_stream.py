"""What a streaming use case hands back: ready-encoded chunks and how to describe them to a client."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator


@dataclass(frozen=True, slots=True)
class EncodedStream:
    """Chunks to send as they come; `media_type` and `filename` describe them to the client. Closing
    `chunks` releases whatever the stream reads from."""

    media_type: str
    filename: str
    chunks: Iterator[bytes]
