"""Port: one transaction, committed explicitly and rolled back otherwise.

Leaving the `with` block rolls back whatever was not committed and releases the connection. The units
of work (`UnitOfWork`, `BatchUnitOfWork`) are transactions that also name the stores working in them.
"""

from __future__ import annotations

from typing import Protocol

from spacetime_service.application.ports.scoped_resource import ScopedResource


class Transaction(ScopedResource, Protocol):
    def commit(self) -> None: ...

    def rollback(self) -> None: ...
