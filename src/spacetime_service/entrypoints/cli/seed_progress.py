"""How far `spacetime seed` has come: the use case reports rows loaded per table, the display shows
products and orders as one amount of rows, since both are known before the load starts."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacetime_service.entrypoints.cli.progress import ProgressDisplay


class SeedProgress:
    """A `ProgressListener` of SeedDemoData: `(table, rows loaded into it so far)`."""

    def __init__(self, display: ProgressDisplay) -> None:
        self._display = display
        self._loaded: dict[str, int] = {}

    def __call__(self, table: str, done: int) -> None:
        self._loaded[table] = done
        self._display.update(sum(self._loaded.values()), note=table)
