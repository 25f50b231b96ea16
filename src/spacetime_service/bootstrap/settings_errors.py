"""A setting that cannot be read, said in one line: the variable, what it accepts and what it got.

pydantic names a model's field (`memory_limit`) and its own error type; an operator knows the
environment variable (`SPACETIME_MEMORY_LIMIT`). Every entrypoint (`spacetime serve` and the other
commands, the worker, the app factory under gunicorn or uvicorn, deploy/gunicorn.conf.py) catches the
ValidationError where it first reads the settings, writes this line to stderr and exits with
INVALID_SETTINGS_EXIT_CODE, instead of a traceback through the container.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import SecretStr, ValidationError
from pydantic_settings import BaseSettings

if TYPE_CHECKING:
    from collections.abc import Callable

    from pydantic_core import ErrorDetails

T = TypeVar("T")

# The same code as `spacetime serve`'s refusal to start as configured: both mean "fix the settings".
INVALID_SETTINGS_EXIT_CODE = 7
PROGRAM = "spacetime"

# What a value of each kind of pydantic error must look like, in an operator's words.
_ACCEPTS: dict[str, str] = {
    "byte_size": "a size in bytes, or with a unit: 512MB (10^6 bytes), 512MiB (2^20 bytes)",
    "byte_size_unit": "a size in bytes, or with a unit: 512MB (10^6 bytes), 512MiB (2^20 bytes)",
    "int_parsing": "a whole number",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "float_parsing": "a number",
    "float_type": "a number",
    "bool_parsing": "true or false (also 1/0, yes/no, on/off)",
    "literal_error": "one of {expected}",
    "greater_than": "a number greater than {gt}",
    "greater_than_equal": "a number of at least {ge}",
    "less_than": "a number less than {lt}",
    "less_than_equal": "a number of at most {le}",
    "string_too_short": "at least {min_length} characters",
    "string_too_long": "at most {max_length} characters",
    "string_pattern_mismatch": "text matching {pattern}",
    "missing": "a value (it is required)",
}


def built_or_exit(build: Callable[[], T]) -> T:
    """`build()`, which reads the settings; a setting that cannot be read ends the process with its
    line on stderr and INVALID_SETTINGS_EXIT_CODE. For entrypoints with no command line of their own."""
    try:
        return build()
    except ValidationError as error:
        sys.stderr.write(invalid_settings_line(error) + "\n")
        raise SystemExit(INVALID_SETTINGS_EXIT_CODE) from None


def environment_variable(model: type[BaseSettings], field_name: str) -> str:
    """The variable a field is read from: its validation alias, else the model's prefix and its name."""
    alias = model.model_fields[field_name].validation_alias
    if isinstance(alias, str):
        return alias
    prefix = str(model.model_config.get("env_prefix") or "")
    return (prefix + field_name).upper()


def settings_models() -> list[type[BaseSettings]]:
    """Every settings model of the service (subclasses of BaseSettings defined in its packages)."""
    found: list[type[BaseSettings]] = []
    pending = list(BaseSettings.__subclasses__())
    while pending:
        model = pending.pop()
        pending.extend(model.__subclasses__())
        if model.__module__.startswith("spacetime_service.") and model not in found:
            found.append(model)
    return found


def invalid_settings_line(error: ValidationError) -> str:
    """`spacetime: SPACETIME_X: <what it accepts> (got 'value')`, every failed field in one line."""
    model = next((model for model in settings_models() if model.__name__ == error.title), None)
    return f"{PROGRAM}: " + "; ".join(_described(model, detail) for detail in error.errors())


def _described(model: type[BaseSettings] | None, detail: ErrorDetails) -> str:
    accepts = _accepts(detail)
    if not detail["loc"]:
        # A check across fields: its message names the variables itself.
        return accepts
    variable, secret = _variable(model, str(detail["loc"][0]))
    if secret:
        return f"{variable}: {accepts}"  # a URL or secret may hold a password: never echoed
    return f"{variable}: {accepts} (got {_shown(detail['input'])})"


def _variable(model: type[BaseSettings] | None, name: str) -> tuple[str, bool]:
    """The variable, and whether its value is a secret. `name` is a field or already its alias."""
    if model is None or name not in model.model_fields:
        return name.upper(), False
    return environment_variable(model, name), model.model_fields[name].annotation is SecretStr


def _accepts(detail: ErrorDetails) -> str:
    context: dict[str, Any] = dict(detail.get("ctx") or {})
    template = _ACCEPTS.get(detail["type"])
    if template is None:
        # A validator of the service's own: its message says what is wrong and what would do.
        return detail["msg"].removeprefix("Value error, ")
    return template.format(**{key: str(value) for key, value in context.items()})


def _shown(value: object) -> str:
    return repr(value) if isinstance(value, str) else repr(str(value))
