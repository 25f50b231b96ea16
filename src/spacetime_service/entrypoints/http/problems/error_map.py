"""The declarative map from error classes to HTTP problems: one row per kind of failure."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from spacetime_service.domain.errors import (
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    PreconditionFailed,
    PreconditionRequired,
    TooLarge,
    Unauthenticated,
    Unavailable,
)
from spacetime_service.domain.quotas import QuotaExceeded
from spacetime_service.entrypoints.http.problems.document import ABOUT_BLANK, problem_type_uri
from spacetime_service.entrypoints.http.streams.limits import StreamsBusy, TooManyStreams
from spacetime_service.entrypoints.http.upload_format import UnsupportedMediaType


@dataclass(frozen=True, slots=True)
class ProblemKind:
    """A status with its problem type: a slug of the service's own types, or None for `about:blank`
    (RFC 9457 section 4.2.1), whose title is the status's reason phrase."""

    status: int
    slug: str | None
    title: str

    @property
    def type_uri(self) -> str:
        return ABOUT_BLANK if self.slug is None else problem_type_uri(self.slug)


# Every rejected parameter is 422, whether FastAPI's own validation or a domain rule refused it, so that
# a client handles bad input in one place.
ERROR_PROBLEMS: Mapping[type[Exception], ProblemKind] = {
    InvalidInput: ProblemKind(422, "invalid-input", "The request has an invalid parameter"),
    NotFound: ProblemKind(404, "not-found", "Not found"),
    Unauthenticated: ProblemKind(401, "unauthenticated", "A valid credential is required"),
    Forbidden: ProblemKind(403, "insufficient-scope", "The credential lacks a scope"),
    Conflict: ProblemKind(409, "conflict", "The request conflicts with the current state"),
    TooLarge: ProblemKind(413, "too-large", "The request is too large"),
    PreconditionFailed: ProblemKind(412, "precondition-failed", "The entity changed since the version given"),
    PreconditionRequired: ProblemKind(428, "precondition-required", "The request must name a version"),
    Unavailable: ProblemKind(503, "unavailable", "The service cannot take the request now"),
    TooManyStreams: ProblemKind(429, "too-many-streams", "Too many open streams"),
    QuotaExceeded: ProblemKind(429, "quota-exceeded", "The owner's quota is used up"),
    StreamsBusy: ProblemKind(503, "streams-busy", "The service serves as many streams as it can"),
    UnsupportedMediaType: ProblemKind(415, None, "Unsupported Media Type"),
}

VALIDATION_PROBLEM = ERROR_PROBLEMS[InvalidInput]
INTERNAL_PROBLEM = ProblemKind(500, "internal-error", "Internal server error")


def problem_kind_for(error: Exception) -> ProblemKind:
    """The row of the nearest mapped ancestor class, so that subclasses inherit their parent's status."""
    for cls in type(error).__mro__:
        kind = ERROR_PROBLEMS.get(cls)
        if kind is not None:
            return kind
    return INTERNAL_PROBLEM
