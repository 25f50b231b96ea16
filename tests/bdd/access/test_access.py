"""Steps of features/access/access.feature: a real server that requires credentials, keys made and
revoked through the service's own use cases, and clients that call the server with them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import httpx
import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from spacetime_service.application.identity.create_api_key import CreateApiKeyCommand, NewApiKey
from spacetime_service.application.identity.revoke_api_key import RevokeApiKeyCommand
from spacetime_service.domain.identity import parse_scopes
from tests.support.access import bearer

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacetime_service.bootstrap.containers.root import RootContainer

scenarios("access/access.feature")

REPORT = {"kind": "daily_stats", "start_date": "2025-01-01", "end_date": "2025-01-02"}


@dataclass
class Callers:
    """The scenario's keys by owner, the jobs each owner submitted, and the last answer."""

    keys: dict[str, NewApiKey] = field(default_factory=dict)
    submitted: dict[str, str] = field(default_factory=dict)
    last: httpx.Response | None = None

    def headers(self, owner: str | None) -> dict[str, str]:
        return {} if owner is None else bearer(self.keys[owner].text)


@pytest.fixture
def callers() -> Callers:
    return Callers()


@pytest.fixture
def client(guarded_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=guarded_url, timeout=30) as client:
        yield client


@given("the service requires a credential")
def requires_a_credential(client: httpx.Client) -> None:
    assert client.get("/livez").status_code == 200


@given(parsers.parse('"{owner}" has a key'))
def has_a_key(container: RootContainer, callers: Callers, owner: str) -> None:
    callers.keys[owner] = container.identity.create_api_key().execute(CreateApiKeyCommand(owner))


@given(parsers.parse('"{owner}" has a key with the scopes "{scopes}"'))
def has_a_key_with(container: RootContainer, callers: Callers, owner: str, scopes: str) -> None:
    command = CreateApiKeyCommand(owner, parse_scopes(scopes))
    callers.keys[owner] = container.identity.create_api_key().execute(command)


@when("a client without a key lists its jobs")
def lists_without_a_key(client: httpx.Client, callers: Callers) -> None:
    callers.last = client.get("/jobs")


@when(parsers.parse('"{owner}" lists its jobs'))
def lists_its_jobs(client: httpx.Client, callers: Callers, owner: str) -> None:
    callers.last = client.get("/jobs", headers=callers.headers(owner))


@when(parsers.parse('"{owner}" generates a report'))
def generates_a_report(client: httpx.Client, callers: Callers, owner: str) -> None:
    callers.last = client.post("/reports/generate", json=REPORT, headers=callers.headers(owner))
    if callers.last.status_code == 202:
        callers.submitted[owner] = callers.last.json()["id"]


@when(parsers.parse('the key of "{owner}" is revoked'))
def revoke(container: RootContainer, callers: Callers, owner: str) -> None:
    container.identity.revoke_api_key().execute(RevokeApiKeyCommand(callers.keys[owner].key.id))


@then("the client is refused as unauthenticated")
def refused(callers: Callers) -> None:
    assert callers.last is not None
    assert callers.last.status_code == 401
    assert callers.last.headers["www-authenticate"].startswith("Bearer")


@then(parsers.parse('the client is forbidden for lack of "{scope}"'))
def forbidden(callers: Callers, scope: str) -> None:
    assert callers.last is not None
    assert callers.last.status_code == 403
    assert callers.last.json()["scope"] == scope


@then("the client is answered")
def answered(callers: Callers) -> None:
    assert callers.last is not None
    assert callers.last.status_code == 200, callers.last.text


@then(parsers.parse('"{owner}" lists only the job "{submitter}" submitted'))
def lists_only(client: httpx.Client, callers: Callers, owner: str, submitter: str) -> None:
    listed = client.get("/jobs", headers=callers.headers(owner)).json()["items"]
    assert [job["id"] for job in listed] == [callers.submitted[submitter]]


@then(parsers.parse('"{owner}" cannot find the job "{submitter}" submitted'))
def cannot_find(client: httpx.Client, callers: Callers, owner: str, submitter: str) -> None:
    response = client.get(f"/jobs/{callers.submitted[submitter]}", headers=callers.headers(owner))
    assert response.status_code == 404
