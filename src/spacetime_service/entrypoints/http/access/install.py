"""Access at start-up: the loopback rule is judged once, when the app is built, so that a service
that would serve anonymous callers to the network never starts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacetime_service.entrypoints.http.access.policy import access_policy

if TYPE_CHECKING:
    from fastapi import FastAPI

    from spacetime_service.bootstrap.settings import Settings


def install_access(app: FastAPI, settings: Settings) -> None:
    """Raises AuthenticationNotConfigured (saying what to set) instead of building an open service on
    a reachable address. The address is SPACETIME_HOST, which `spacetime serve` and
    deploy/gunicorn.conf.py set from the address they listen on."""
    app.state.access_policy = access_policy(settings.identity, settings.api.host)
