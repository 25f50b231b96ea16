"""The conditional statements behind each job transition (`domain.jobs.transitions` is the rule).

Every write is one UPDATE whose WHERE clause is the transition's precondition, so it either applies
atomically or matches no row; nothing is read first and written later.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, Update, and_, case, literal, or_, select, update

from spacetime_service.adapters.sqlalchemy.jobs.tables import jobs
from spacetime_service.adapters.sqlalchemy.schema.column_types import UtcDateTime
from spacetime_service.domain.jobs.status import LEASED_STATUSES, JobStatus

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable
    from datetime import datetime

    from spacetime_service.domain.jobs.lease import Lease

LEASED = sorted(status.value for status in LEASED_STATUSES)


def statuses_in(statuses: Iterable[JobStatus]) -> ColumnElement[bool]:
    return jobs.c.status.in_(sorted(status.value for status in statuses))


def keyed(owner: str, key: str) -> ColumnElement[bool]:
    """The owner's job with this idempotency key: an equality on both columns of the partial unique
    index (owner, idempotency_key) WHERE idempotency_key IS NOT NULL, which the equality implies, so
    both databases answer from the index instead of scanning the owner's jobs."""
    return and_(jobs.c.owner == owner, jobs.c.idempotency_key == key)


def lease_expired(now: datetime) -> ColumnElement[bool]:
    """Leased, and the lease ended at or before `now` (a lease that ends now has expired)."""
    expiry = jobs.c.lease_expires_at
    return and_(jobs.c.status.in_(LEASED), or_(expiry.is_(None), expiry <= now))


def claimable(now: datetime) -> ColumnElement[bool]:
    return or_(jobs.c.status == JobStatus.QUEUED.value, lease_expired(now))


def claim(dialect: str, lease: Lease, *, job_id: str | None, kinds: Collection[str] | None) -> Update:
    """Takes the lease of the oldest claimable job (or of `job_id`), in one statement.

    On PostgreSQL the candidate is locked with FOR UPDATE SKIP LOCKED: of two claimers the second
    skips the row the first holds (and, once the first commits, finds it no longer claimable), so
    neither waits and only one wins. SQLite has one writer at a time (BEGIN IMMEDIATE)."""
    now = lease.heartbeat_at
    candidate = select(jobs.c.id).where(claimable(now))
    if job_id is not None:
        candidate = candidate.where(jobs.c.id == job_id)
    if kinds is not None:
        candidate = candidate.where(jobs.c.kind.in_(sorted(kinds)))
    candidate = candidate.order_by(jobs.c.created_at, jobs.c.id).limit(1)
    if dialect == "postgresql":
        candidate = candidate.with_for_update(skip_locked=True)
    cancelling = JobStatus.CANCELLING.value
    return (
        update(jobs)
        .where(jobs.c.id == candidate.scalar_subquery(), claimable(now))
        .values(
            # A cancelling job stays cancelling: its new attempt only ends it.
            status=case((jobs.c.status == cancelling, cancelling), else_=JobStatus.RUNNING.value),
            attempt=jobs.c.attempt + 1,
            lease_holder=lease.holder,
            lease_expires_at=lease.expires_at,
            heartbeat_at=lease.heartbeat_at,
            started_at=case((jobs.c.started_at.is_(None), _time(now)), else_=jobs.c.started_at),
            **bumped(now),
        )
        .returning(*jobs.c)
    )


def fenced(job_id: str, attempt: int, statuses: Collection[JobStatus] = LEASED_STATUSES) -> Update:
    """An UPDATE of the job only while it is in `statuses` (leased by default) at exactly `attempt`."""
    allowed = LEASED_STATUSES.intersection(statuses)
    return (
        update(jobs)
        .where(jobs.c.id == job_id, jobs.c.attempt == attempt, statuses_in(allowed))
        .returning(*jobs.c)
    )


def cancel(job_id: str, now: datetime) -> Update:
    """Queued ends cancelled at once (finished now); running becomes cancelling; other statuses match no
    row (they cannot become queued or running again, so a read after it shows them as they stay)."""
    queued = jobs.c.status == JobStatus.QUEUED.value
    return (
        update(jobs)
        .where(jobs.c.id == job_id, statuses_in((JobStatus.QUEUED, JobStatus.RUNNING)))
        .values(
            status=case((queued, JobStatus.CANCELLED.value), else_=JobStatus.CANCELLING.value),
            finished_at=case((queued, _time(now)), else_=jobs.c.finished_at),
            **bumped(now),
        )
        .returning(*jobs.c)
    )


def bumped(now: datetime) -> dict[str, object]:
    """Every write but the heartbeat: a new version, updated now."""
    return {"version": jobs.c.version + 1, "updated_at": now}


def _time(moment: datetime) -> ColumnElement[datetime]:
    # Typed, so that SQLite gets the same UTC text as a column comparison would bind.
    return literal(moment, type_=UtcDateTime)
