"""Adapters built on first use, so that importing their libraries (scikit-learn, NumPy, ...) is paid
by the process that uses them, not by every process at start-up."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any, TypeVar, cast

if TYPE_CHECKING:
    from collections.abc import Callable

T = TypeVar("T")


class _Deferred:
    """Stands in for an adapter and builds it on the first attribute looked up."""

    def __init__(self, build: Callable[[], object]) -> None:
        self._build = build
        self._target: object | None = None
        self._lock = threading.Lock()

    def __getattr__(self, name: str) -> Any:
        with self._lock:
            if self._target is None:
                self._target = self._build()
        return getattr(self._target, name)


def deferred(build: Callable[[], T]) -> T:
    """A stand-in for what `build` returns; `build` runs (once) when the first attribute is read."""
    return cast("T", _Deferred(build))
