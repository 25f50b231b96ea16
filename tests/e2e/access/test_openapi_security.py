"""Every operation of the OpenAPI document declares one scope, and the running service enforces it:
without a credential the answer is 401, with a key that holds every other scope it is 403 naming the
missing one. Only the probes are public, so an endpoint added without `requires(...)` fails here."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import httpx
import pytest

from spacetime_service.domain.identity import EVERY_SCOPE_BUT_ADMIN, Scope

if TYPE_CHECKING:
    from tests.e2e.access.conftest import GuardedServer

# The only operations of the document that take no credential: probes must answer an orchestrator.
PUBLIC_OPERATIONS = {("get", "/livez"), ("get", "/readyz"), ("get", "/healthz")}
# Outside the document, and public as well: the scrape, the documents themselves, and the front door.
PUBLIC_PATHS = ("/metrics", "/openapi.json", "/docs", "/docs/oauth2-redirect", "/")
SECURITY_SCHEMES = {"apiKey"}


def _document(server: GuardedServer) -> dict[str, Any]:
    document: dict[str, Any] = httpx.get(f"{server.base_url}/openapi.json", timeout=30).json()
    return document


def _operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method, path, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in {"get", "put", "post", "patch", "delete"}
    ]


def _scope_of(operation: dict[str, Any]) -> Scope:
    """The one scope the operation's security requirements name, the same under every scheme."""
    requirements: list[dict[str, list[str]]] = operation.get("security", [])
    assert {scheme for requirement in requirements for scheme in requirement} == SECURITY_SCHEMES
    scopes = {tuple(names) for requirement in requirements for names in requirement.values()}
    assert len(scopes) == 1, scopes
    (names,) = scopes
    assert len(names) == 1, names
    return Scope(names[0])


def _url(server: GuardedServer, path: str) -> str:
    # Any value will do: the credential is checked before the path is.
    return server.base_url + re.sub(r"\{[^}]+\}", "1", path)


def test_every_operation_but_the_probes_declares_one_known_scope(guarded_server: GuardedServer) -> None:
    document = _document(guarded_server)

    public = {
        (method, path) for method, path, operation in _operations(document) if not operation.get("security")
    }
    declared = {
        _scope_of(operation) for _, _, operation in _operations(document) if operation.get("security")
    }

    assert public == PUBLIC_OPERATIONS
    assert Scope.ADMIN not in declared
    assert set(document["components"]["securitySchemes"]) == SECURITY_SCHEMES  # no issuer configured


def test_every_secured_operation_refuses_a_caller_without_a_credential(guarded_server: GuardedServer) -> None:
    refused = []
    with httpx.Client(timeout=30) as client:
        for method, path, operation in _operations(_document(guarded_server)):
            if operation.get("security"):
                response = client.request(method, _url(guarded_server, path), json={})
                if response.status_code != 401 or response.headers.get("www-authenticate") != "Bearer":
                    refused.append((method, path, response.status_code))
                assert response.headers["content-type"] == "application/problem+json"

    assert refused == []


def test_every_secured_operation_refuses_a_key_without_its_scope_naming_it(
    guarded_server: GuardedServer,
) -> None:
    operations = [op for op in _operations(_document(guarded_server)) if op[2].get("security")]
    lacking = {
        scope: guarded_server.key_headers(f"lacks-{scope}", EVERY_SCOPE_BUT_ADMIN - {scope})
        for scope in {_scope_of(operation) for _, _, operation in operations}
    }
    wrong = []
    with httpx.Client(timeout=30) as client:
        for method, path, operation in operations:
            scope = _scope_of(operation)
            response = client.request(method, _url(guarded_server, path), json={}, headers=lacking[scope])
            challenge = f'Bearer error="insufficient_scope", scope="{scope}"'
            if (response.status_code, response.headers.get("www-authenticate")) != (403, challenge):
                wrong.append((method, path, response.status_code))
            elif response.json()["scope"] != scope:
                wrong.append((method, path, response.json()))

    assert wrong == []


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_the_documents_the_scrape_and_the_front_door_need_no_credential(
    guarded_server: GuardedServer, path: str
) -> None:
    response = httpx.get(guarded_server.base_url + path, timeout=30)

    assert response.status_code in {200, 307}


def test_a_refused_key_says_no_more_than_invalid_token(guarded_server: GuardedServer) -> None:
    response = httpx.get(
        f"{guarded_server.base_url}/jobs", headers={"Authorization": "Bearer stk_x_y"}, timeout=30
    )

    assert response.status_code == 401
    assert response.headers["www-authenticate"] == 'Bearer error="invalid_token"'
    assert response.json()["detail"] == "the credential was refused"
