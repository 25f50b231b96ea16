"""The security schemes of the OpenAPI document follow the identity settings: API keys always, OpenID
Connect (discovered from the issuer) only when an issuer is configured; every secured operation lists
its scope under each scheme and its 401 and 403 problems."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi.testclient import TestClient
from pydantic import SecretStr

from spacetime_service.bootstrap.containers.root import build_container
from spacetime_service.bootstrap.identity_settings import IdentitySettings
from spacetime_service.bootstrap.settings import ApiSettings, DatabaseSettings, Settings
from spacetime_service.entrypoints.http.app import create_app

if TYPE_CHECKING:
    from pathlib import Path


def _document(tmp_path: Path, identity: IdentitySettings) -> dict[str, Any]:
    settings = Settings(
        database=DatabaseSettings(DATABASE_URL=f"sqlite:///{tmp_path / 'unused.db'}"),
        api=ApiSettings(cursor_secret=SecretStr("unit-test-secret")),
        identity=identity,
    )
    document: dict[str, Any] = create_app(build_container(settings)).openapi()
    return document


def test_without_an_issuer_only_api_keys_are_offered(tmp_path: Path) -> None:
    document = _document(tmp_path, IdentitySettings())
    operation = document["paths"]["/jobs/{job_id}/cancel"]["post"]

    assert document["components"]["securitySchemes"] == {
        "apiKey": {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "stk_...",
            "description": "an API key from `spacetime keys create`, as `Authorization: Bearer stk_...`",
        }
    }
    assert operation["security"] == [{"apiKey": ["jobs:write"]}]
    assert set(operation["responses"]) >= {"401", "403"}
    assert "application/problem+json" in operation["responses"]["403"]["content"]


def test_with_an_issuer_its_discovery_document_is_the_second_scheme(tmp_path: Path) -> None:
    identity = IdentitySettings(
        oidc_issuer="https://login.example.com/realms/main/", oidc_audience="spacetime"
    )
    document = _document(tmp_path, identity)

    assert document["components"]["securitySchemes"]["oidc"]["openIdConnectUrl"] == (
        "https://login.example.com/realms/main/.well-known/openid-configuration"
    )
    assert document["paths"]["/ml/train"]["post"]["security"] == [
        {"apiKey": ["ml:write"]},
        {"oidc": ["ml:write"]},
    ]


def test_the_probes_declare_no_security(tmp_path: Path) -> None:
    document = _document(tmp_path, IdentitySettings(auth_required=True))

    assert "security" not in document["paths"]["/livez"]["get"]
    assert "401" not in document["paths"]["/livez"]["get"]["responses"]


def test_the_docs_page_logs_in_with_pkce(tmp_path: Path) -> None:
    settings = Settings(
        database=DatabaseSettings(DATABASE_URL=f"sqlite:///{tmp_path / 'unused.db'}"),
        api=ApiSettings(cursor_secret=SecretStr("unit-test-secret")),
    )
    with TestClient(create_app(build_container(settings))) as client:
        page = client.get("/docs").text

    assert '"usePkceWithAuthorizationCodeGrant": true' in page
