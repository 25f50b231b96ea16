"""Signals that stop a handler at a chunk boundary.

They derive from BaseException, like asyncio's CancelledError, so that a handler's broad
`except Exception` cannot swallow them and carry on working after it was told to stop.
"""

from __future__ import annotations


class JobInterrupted(BaseException):
    """The handler must stop now; its last checkpoint is saved, so nothing is lost."""


class JobCancelled(JobInterrupted):
    """Someone cancelled the job; it ends cancelled."""


class JobSuspended(JobInterrupted):
    """The runner is shutting down; the job goes back to queued and resumes elsewhere from its checkpoint."""
