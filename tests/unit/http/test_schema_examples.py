"""Every body in the OpenAPI document has an example, and every example is a valid body."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from spacetime_service.entrypoints.http.schema_examples import EXAMPLES

if TYPE_CHECKING:
    from fastapi.testclient import TestClient
    from pydantic import BaseModel


@pytest.mark.parametrize("model", list(EXAMPLES), ids=lambda model: model.__name__)
def test_each_example_is_valid_for_its_model(model: type[BaseModel]) -> None:
    model.model_validate(EXAMPLES[model])


def _exemplified(schema: dict[str, Any]) -> bool:
    if "enum" in schema or "examples" in schema or "example" in schema:
        return True
    properties = schema.get("properties", {})
    return bool(properties) and all("examples" in p or "example" in p for p in properties.values())


def test_every_schema_of_the_document_has_an_example(client: TestClient) -> None:
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    missing = sorted(name for name, schema in schemas.items() if not _exemplified(schema))
    assert missing == []
