"""The operator's path end to end: `spacetime keys create` (a process of its own) prints a key as its
last line, a server that requires credentials serves it within its scopes, and after
`spacetime keys revoke` the same server refuses it."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import TYPE_CHECKING

import httpx

from tests.support.access import bearer

if TYPE_CHECKING:
    from tests.e2e.access.conftest import GuardedServer


def _keys(server: GuardedServer, *args: str) -> str:
    """The standard output of `spacetime keys <args>` over the server's database."""
    url = server.engine.url.render_as_string(hide_password=False)
    command = [sys.executable, "-m", "spacetime_service.entrypoints.cli.main", "keys", *args]
    finished = subprocess.run(
        command,
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    return finished.stdout


def test_a_key_from_the_cli_is_served_within_its_scopes_until_it_is_revoked(
    guarded_server: GuardedServer,
) -> None:
    key = _keys(guarded_server, "create", "--owner", "e2e-cli", "--scopes", "jobs:read").splitlines()[-1]
    key_id = key.split("_")[1]
    with httpx.Client(base_url=guarded_server.base_url, headers=bearer(key), timeout=30) as client:
        listed = client.get("/jobs")
        forbidden = client.post("/reports/generate", json={})
        _keys(guarded_server, "revoke", key_id)
        revoked = client.get("/jobs")

    assert listed.status_code == 200
    assert (forbidden.status_code, forbidden.json()["scope"]) == (403, "reports:write")
    assert revoked.status_code == 401
    assert revoked.headers["www-authenticate"] == 'Bearer error="invalid_token"'
