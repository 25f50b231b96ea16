"""A small reader of text/event-stream lines, as the HTML standard parses them (field: value)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterator


@dataclass
class Message:
    """One dispatched block: its fields as sent (`id`, `event`, `retry`, joined `data`) and comments."""

    id: str | None = None
    event: str | None = None
    data_lines: list[str] = field(default_factory=list)
    retry: int | None = None
    comments: list[str] = field(default_factory=list)

    @property
    def data(self) -> str:
        return "\n".join(self.data_lines)

    def json(self) -> Any:
        return json.loads(self.data)

    @property
    def is_ping(self) -> bool:
        return bool(self.comments) and self.event is None and not self.data_lines


def messages(lines: Iterator[str]) -> Iterator[Message]:
    """Blocks separated by blank lines; a block with no field or comment is skipped."""
    current = Message()
    for line in lines:
        if line == "":
            if current != Message():
                yield current
            current = Message()
            continue
        name, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if name == "":
            current.comments.append(value)
        elif name == "id":
            current.id = value
        elif name == "event":
            current.event = value
        elif name == "data":
            current.data_lines.append(value)
        elif name == "retry" and value.isdigit():
            current.retry = int(value)
    if current != Message():
        yield current


def events(lines: Iterator[str]) -> Iterator[Message]:
    """Only the blocks that carry data (the ones an EventSource dispatches)."""
    return (message for message in messages(lines) if message.data_lines)
