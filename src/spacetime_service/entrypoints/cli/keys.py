"""`spacetime keys create|list|revoke`: API keys of service accounts, for operators.

A new key's text is printed once, as the last line of standard output (everything else goes to
standard error), so that `spacetime keys create --owner etl | tail -n 1` captures it; only a hash of
its secret is stored. Domain errors print to stderr and end with the exit codes of cli/exit_codes.py.
"""

from __future__ import annotations

import json
from typing import Annotated

import typer

from spacetime_service.entrypoints.cli.durations import parse_duration
from spacetime_service.entrypoints.cli.exit_codes import container_of, domain_errors_as_exit_codes
from spacetime_service.entrypoints.cli.key_lines import key_table

# The use cases are imported inside the commands, not here: `--help` needs only the options.

keys_app = typer.Typer(
    name="keys", help="Create, list and revoke API keys of service accounts.", no_args_is_help=True
)


@keys_app.command("create")
def create_key(
    ctx: typer.Context,
    *,
    owner: Annotated[str, typer.Option(help="the service account the key speaks for")],
    scopes: Annotated[
        str | None, typer.Option(help="comma-separated, e.g. catalog:read,jobs:read (default: all but admin)")
    ] = None,
    expires_in: Annotated[
        str | None, typer.Option(help="lifetime such as 90m, 12h or 30d (default: none)")
    ] = None,
) -> None:
    """Creates a key and prints it once, as the last line of standard output."""
    from spacetime_service.application.identity.create_api_key import CreateApiKeyCommand
    from spacetime_service.application.identity.presenter import api_key_view
    from spacetime_service.domain.identity import parse_scopes

    try:
        granted = None if scopes is None else parse_scopes(scopes)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--scopes") from error
    lifetime = None if expires_in is None else parse_duration(expires_in)
    with domain_errors_as_exit_codes(container_of(ctx)) as container:
        new = container.identity.create_api_key().execute(CreateApiKeyCommand(owner, granted, lifetime))
    key = new.key
    expires = api_key_view(key)["expires_at"] or "never"
    scopes_text = " ".join(sorted(key.scopes))
    typer.echo(f"created key {key.id} for {key.owner}, expires {expires}, scopes {scopes_text}", err=True)
    typer.echo("store it now: it cannot be shown again", err=True)
    typer.echo(new.text)


@keys_app.command("list")
def list_keys(
    ctx: typer.Context,
    *,
    owner: Annotated[str | None, typer.Option(help="only this owner's keys (default: every owner's)")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="a JSON array of key records")] = False,
) -> None:
    """Every key, oldest first, revoked and expired ones included; never a secret."""
    from spacetime_service.application.identity.list_api_keys import ListApiKeysCommand
    from spacetime_service.application.identity.presenter import api_key_view

    with domain_errors_as_exit_codes(container_of(ctx)) as container:
        keys = container.identity.list_api_keys().execute(ListApiKeysCommand(owner))
        now = container.clock().now()
    if as_json:
        typer.echo(json.dumps([api_key_view(key) for key in keys], indent=2))
        return
    for line in key_table(keys, now):
        typer.echo(line)


@keys_app.command("revoke")
def revoke_key(
    ctx: typer.Context,
    key_id: Annotated[str, typer.Argument(help="the key's id")],
    *,
    as_json: Annotated[bool, typer.Option("--json", help="the revoked key's record as JSON")] = False,
) -> None:
    """Revokes a key: every process refuses it from now on."""
    from spacetime_service.application.identity.presenter import api_key_view
    from spacetime_service.application.identity.revoke_api_key import RevokeApiKeyCommand

    with domain_errors_as_exit_codes(container_of(ctx)) as container:
        key = container.identity.revoke_api_key().execute(RevokeApiKeyCommand(key_id))
    if as_json:
        typer.echo(json.dumps(api_key_view(key)))
        return
    typer.echo(f"revoked key {key.id} of {key.owner} at {api_key_view(key)['revoked_at']}")
