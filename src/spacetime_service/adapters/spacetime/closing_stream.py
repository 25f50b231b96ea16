"""A generator wrapped as a RecordStream: an iterator that can be closed, also by `with`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Generic, Self, TypeVar

from spacetime_service.adapters.spacetime.closed_on_exit import ClosedOnExit

if TYPE_CHECKING:
    from collections.abc import Generator

T = TypeVar("T")


class ClosingStream(ClosedOnExit, Generic[T]):
    """Closing it closes the generator, which runs the generator's `finally` and `with` exits at once
    rather than whenever the garbage collector gets to it."""

    def __init__(self, source: Generator[T, None, None]) -> None:
        self._source = source

    def __iter__(self) -> Self:
        return self

    def __next__(self) -> T:
        return next(self._source)

    def close(self) -> None:
        self._source.close()
