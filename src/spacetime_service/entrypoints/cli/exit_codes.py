"""How the CLI ends on a domain error: the message on stderr and an exit code per kind of error."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import typer

from spacetime_service.domain.errors import (
    Conflict,
    DomainError,
    InvalidInput,
    NotFound,
    TooLarge,
    Unavailable,
)

if TYPE_CHECKING:
    from spacetime_service.bootstrap.containers.root import RootContainer

EXIT_CODES: dict[type[DomainError], int] = {
    InvalidInput: 2,
    NotFound: 3,
    Conflict: 4,
    Unavailable: 5,
    TooLarge: 6,
}


def container_of(ctx: typer.Context) -> RootContainer:
    """The container the caller handed in (tests do), else one built from the environment; logs go
    to stderr from here on."""
    # Imported here, like the container: structlog and pydantic are not needed for `--help`.
    from pydantic import ValidationError

    from spacetime_service.entrypoints.cli.log_stream import logs_to_stderr

    logs_to_stderr()
    # A declarative container's instances are dynamic containers, so no isinstance check here.
    if ctx.obj is None:
        # Imported here: the container pulls in every adapter (SQLAlchemy, scikit-learn, Celery, ...),
        # which `spacetime --help` and a mistyped option need not wait for.
        from spacetime_service.bootstrap.containers.root import build_container
        from spacetime_service.bootstrap.settings_errors import (
            INVALID_SETTINGS_EXIT_CODE,
            invalid_settings_line,
        )

        try:
            ctx.obj = build_container()
        except ValidationError as error:
            # One line naming the variable, no traceback: the fix is in the environment, not the code.
            typer.echo(invalid_settings_line(error), err=True)
            raise typer.Exit(INVALID_SETTINGS_EXIT_CODE) from None
    container: RootContainer = ctx.obj
    return container


@contextmanager
def domain_errors_as_exit_codes(container: RootContainer) -> Iterator[RootContainer]:
    """Runs a command: a domain error ends it with its exit code; resources are released either way."""
    try:
        yield container
    except DomainError as error:
        typer.echo(f"error: {error.detail}", err=True)
        code = next((code for kind, code in EXIT_CODES.items() if isinstance(error, kind)), 1)
        raise typer.Exit(code) from error
    finally:
        container.shutdown_resources()
