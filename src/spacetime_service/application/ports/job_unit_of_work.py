"""Port: the transaction a job's chunk is committed in, its effects and its job record together.

`jobs` is the job repository on the transaction's own connection: a fenced write through it joins the
transaction, so the chunk's effects, its checkpoint, its progress and its ETA are made durable by one
`commit`, or none of them is. A `BatchUnitOfWork` is one of these.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from spacetime_service.application.ports.job_repository import JobRepository


class JobUnitOfWork(Protocol):
    # A read-only member, so that a unit of work whose `jobs` is its own adapter class is one of these.
    @property
    def jobs(self) -> JobRepository: ...

    def commit(self) -> None: ...
