"""Errors that the domain and the application raise; entrypoints map them to HTTP or exit codes."""

from __future__ import annotations


class DomainError(Exception):
    """Base of every error that carries a message meant for the client."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class InvalidInput(DomainError):  # noqa: N818 - reads as a sentence at the raise site
    """The request names something the service does not accept; `field` says which part, and `line`
    the 1-based line of an uploaded body (import rows, ML records) where the fault was found. The
    detail then starts with `line N: `, so that a message read alone still points at the line."""

    def __init__(self, detail: str, *, field: str | None = None, line: int | None = None) -> None:
        super().__init__(detail if line is None else f"line {line}: {detail}")
        self.field = field
        self.line = line


class NotFound(DomainError):  # noqa: N818
    """The requested entity does not exist."""


class Conflict(DomainError):  # noqa: N818
    """The request clashes with the current state (an idempotency key reused, a job not finished)."""


class TooLarge(DomainError):  # noqa: N818
    """The request is bigger than the service accepts (bytes of a body, rows of an upload)."""


class Unavailable(DomainError):  # noqa: N818
    """The service cannot take the work now (memory pressure, a dependency down); retry later."""

    def __init__(self, detail: str, *, retry_after_seconds: int = 5) -> None:
        super().__init__(detail)
        self.retry_after_seconds = retry_after_seconds


class Unauthenticated(DomainError):  # noqa: N818
    """No credential, or one that was refused. `detail` is for the log only: the client is told no more
    than that its credential was refused (RFC 6750 `invalid_token`) or missing."""

    def __init__(self, detail: str, *, credential_given: bool) -> None:
        super().__init__(detail)
        self.credential_given = credential_given


class Forbidden(DomainError):  # noqa: N818
    """An authenticated caller without the scope an operation needs; `scope` names it."""

    def __init__(self, scope: str) -> None:
        super().__init__(f"this operation needs the scope {scope!r}")
        self.scope = scope


class PreconditionFailed(DomainError):  # noqa: N818
    """The client's copy is stale: the entity changed since the version it names (HTTP 412)."""


class PreconditionRequired(DomainError):  # noqa: N818
    """A change that must name the version it replaces came without one (HTTP 428)."""
