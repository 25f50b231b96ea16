"""The service's scopes among those a token grants."""

from __future__ import annotations

from typing import Any

from spacetime_service.domain.identity import Scope

_KNOWN = {scope.value: scope for scope in Scope}


def scopes_of_claims(claims: dict[str, Any]) -> frozenset[Scope]:
    """From `scope` (RFC 8693: space-separated names) or `scp` (a list, as some issuers send it).
    Names this service does not know are ignored: one token often carries the scopes of several
    services."""
    granted = claims.get("scope", claims.get("scp"))
    if isinstance(granted, str):
        names = granted.split()
    elif isinstance(granted, list):
        names = [name for name in granted if isinstance(name, str)]
    else:
        names = []
    return frozenset(_KNOWN[name] for name in names if name in _KNOWN)
