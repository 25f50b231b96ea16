"""Who is asking, and what they may do: a principal is an owner and the scopes its credential grants.

The owner is the subject of an OIDC access token or the owner of an API key. Everything a client makes
(jobs, reports, imports, models, aliases, idempotency keys) belongs to that owner, and another owner's
thing answers exactly like one that does not exist. Each capability has a read and a write scope;
`admin` may see and cancel every owner's jobs.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Scope(StrEnum):
    CATALOG_READ = "catalog:read"
    CATALOG_WRITE = "catalog:write"
    ORDERS_READ = "orders:read"
    ORDERS_WRITE = "orders:write"
    JOBS_READ = "jobs:read"
    JOBS_WRITE = "jobs:write"
    REPORTS_READ = "reports:read"
    REPORTS_WRITE = "reports:write"
    ANALYTICS_READ = "analytics:read"
    ANALYTICS_WRITE = "analytics:write"
    ML_READ = "ml:read"
    ML_WRITE = "ml:write"
    ML_ALIASES_READ = "ml-aliases:read"
    ML_ALIASES_WRITE = "ml-aliases:write"
    SYSTEM_READ = "system:read"
    ADMIN = "admin"


DESCRIPTIONS: dict[Scope, str] = {
    Scope.CATALOG_READ: "read products: pages, searches, streams, CSV exports",
    Scope.CATALOG_WRITE: "change products: imports, bulk updates, single products",
    Scope.ORDERS_READ: "read orders",
    Scope.ORDERS_WRITE: "place orders",
    Scope.JOBS_READ: "see one's own jobs and their events",
    Scope.JOBS_WRITE: "cancel and resume one's own jobs",
    Scope.REPORTS_READ: "see and download one's own reports",
    Scope.REPORTS_WRITE: "generate reports",
    Scope.ANALYTICS_READ: "read analytics: summaries, trends, streams, aggregations",
    Scope.ANALYTICS_WRITE: "run heavy analytics: external sorts and group-bys",
    Scope.ML_READ: "see one's own models and their status, predict, extract features",
    Scope.ML_WRITE: "train models",
    Scope.ML_ALIASES_READ: "read model aliases",
    Scope.ML_ALIASES_WRITE: "point model aliases at versions",
    Scope.SYSTEM_READ: "read the memory monitor",
    Scope.ADMIN: "see and cancel every owner's jobs",
}

EVERY_SCOPE_BUT_ADMIN: frozenset[Scope] = frozenset(scope for scope in Scope if scope is not Scope.ADMIN)

ANONYMOUS_OWNER = "anonymous"


def parse_scopes(text: str) -> frozenset[Scope]:
    """Scopes from a space- or comma-separated list (OAuth2 `scope` claims use spaces, the CLI commas).
    Raises ValueError naming an unknown scope."""
    names = [name for name in text.replace(",", " ").split() if name]
    try:
        return frozenset(Scope(name) for name in names)
    except ValueError as error:
        raise ValueError(f"unknown scope in {text!r}; known: {', '.join(Scope)}") from error


@dataclass(frozen=True, slots=True)
class Principal:
    """An authenticated caller. `credential` says how it proved itself: `jwt`, `api-key` or `anonymous`
    (only while no authentication is configured and the service listens on a loopback address);
    `credential_id` is the key's id or the token's `jti`, for the audit log."""

    owner: str
    scopes: frozenset[Scope]
    credential: str
    credential_id: str | None = None

    @property
    def is_admin(self) -> bool:
        return Scope.ADMIN in self.scopes

    def may(self, scope: Scope) -> bool:
        return scope in self.scopes or self.is_admin


def anonymous_principal() -> Principal:
    """The caller of a service that authenticates no one (loopback only): every scope, admin included,
    because it is the machine's own user."""
    return Principal(owner=ANONYMOUS_OWNER, scopes=frozenset(Scope), credential="anonymous")
