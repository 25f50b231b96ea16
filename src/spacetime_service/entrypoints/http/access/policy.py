"""The loopback rule: a service that authenticates no one serves only its own machine.

Without an OIDC issuer and without SPACETIME_AUTH_REQUIRED, a request without a credential is the
anonymous machine user, which is safe only while nobody else can connect: so the service must listen
on a loopback address, and refuses to start on any other. SPACETIME_AUTH_REQUIRED=true asks for a
credential even on loopback. A request that brings a credential is verified in every case. And
whatever the settings say, a request without a credential that reached the service on an address
other than loopback is refused: the settings name the address served, but a bare uvicorn may have
been told another one.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacetime_service.bootstrap.identity_settings import IdentitySettings

_LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})


class AuthenticationNotConfigured(Exception):  # noqa: N818 - reads as a sentence at the raise site
    """The service would serve anonymous callers on an address other machines can reach."""


@dataclass(frozen=True, slots=True)
class AccessPolicy:
    """`anonymous_allowed`: a request without a credential is the anonymous principal, not a 401."""

    anonymous_allowed: bool


def is_loopback(host: str) -> bool:
    """Whether `host` (an address or a name, IPv6 possibly in brackets) can only be reached from this
    machine. A name other than localhost counts as reachable: what it resolves to can change."""
    name = host.strip().strip("[]").lower()
    if name in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def arrived_on_loopback(server: object) -> bool:
    """Whether a connection whose local end is `server` (the ASGI scope's `(host, port)`) came over
    loopback. An address that is no IP (a Unix socket's path, an in-process client's name) is local to
    the machine; no local end known is taken as the start-up rule's word."""
    if not isinstance(server, tuple | list) or not server or not isinstance(server[0], str):
        return True
    try:
        return ipaddress.ip_address(server[0]).is_loopback
    except ValueError:
        return True


def access_policy(identity: IdentitySettings, host: str) -> AccessPolicy:
    """The policy of a service listening on `host`; raises AuthenticationNotConfigured, saying what to
    set, when no authentication is configured and `host` is not a loopback address."""
    authenticates = identity.auth_required or identity.oidc_configured
    if not authenticates and not is_loopback(host):
        raise AuthenticationNotConfigured(
            f"the service would listen on {host}, which other machines can reach, without authentication:"
            " set SPACETIME_AUTH_REQUIRED=true (API keys: `spacetime keys create --owner NAME`) or"
            " SPACETIME_OIDC_ISSUER and SPACETIME_OIDC_AUDIENCE, or listen on 127.0.0.1"
        )
    return AccessPolicy(anonymous_allowed=not authenticates)
