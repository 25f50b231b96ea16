"""A base for resources that a `with` block closes when it is left, by any route."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, Self

if TYPE_CHECKING:
    from types import TracebackType


class ClosedOnExit(ABC):
    """`with` gives the resource itself and calls `close()` on the way out."""

    @abstractmethod
    def close(self) -> None:
        """Releases what the resource holds; safe to call more than once."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
