"""Every environment variable a settings model reads is documented in README's configuration table and
in .env.example, and every value .env.example shows is the setting's default, as the file says."""

from __future__ import annotations

import importlib
import os
import pkgutil
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import spacetime_service.bootstrap
from spacetime_service.bootstrap.settings_errors import environment_variable, settings_models

if TYPE_CHECKING:
    from pydantic_settings import BaseSettings

ROOT = Path(__file__).resolve().parents[2]
ENV_EXAMPLE = ROOT / ".env.example"


def _models() -> list[type[BaseSettings]]:
    # Every module of bootstrap imported first, so that a model no entrypoint has loaded yet counts too.
    package = spacetime_service.bootstrap
    for module in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
        importlib.import_module(module.name)
    models = settings_models()
    assert len(models) >= 10, models
    return sorted(models, key=lambda model: model.__name__)


MODELS = _models()
VARIABLES = sorted({environment_variable(model, name) for model in MODELS for name in model.model_fields})


def _mentions(text: str, variable: str) -> bool:
    # As a whole name: SPACETIME_MAX_STREAMS must not count as documented by SPACETIME_MAX_STREAMS_PER_CLIENT.
    return re.search(rf"(?<![A-Z0-9_]){variable}(?![A-Z0-9_])", text) is not None


def _readme_configuration() -> str:
    readme = (ROOT / "README.md").read_text()
    return readme.split("\n## Configuration\n", 1)[1].split("\n## ", 1)[0]


def test_every_variable_is_in_the_readme_configuration_table() -> None:
    section = _readme_configuration()
    assert [variable for variable in VARIABLES if not _mentions(section, variable)] == []


def test_every_variable_is_in_the_env_example() -> None:
    example = ENV_EXAMPLE.read_text()
    assert [variable for variable in VARIABLES if not _mentions(example, variable)] == []


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_the_env_example_shows_the_defaults(
    model: type[BaseSettings], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in list(os.environ):
        if name.startswith(("SPACETIME_", "OTEL_", "DATABASE_URL")):
            monkeypatch.delenv(name)
    from_example = model(_env_file=ENV_EXAMPLE)
    differing = {
        environment_variable(model, name): (getattr(from_example, name), default)
        for name, field in model.model_fields.items()
        if name in from_example.model_fields_set
        and getattr(from_example, name) != (default := field.get_default(call_default_factory=True))
    }
    assert differing == {}
