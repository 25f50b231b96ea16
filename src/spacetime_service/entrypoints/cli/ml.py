"""`spacetime ml train|models|show|status|alias|predict|extract`: the ML use cases of the HTTP API,
for operators and scripts.

`train --wait` runs the job in this process (the runner claims it) and shows its progress on stderr
until it ends; without it the job waits for a server or `spacetime jobs resume`. `predict` and `extract` read
NDJSON records from a file or stdin (or stored records with --min-id/--max-id/--created-*), write
NDJSON or CSV to stdout, and exit 2 when a record is bad (after an NDJSON error line if output began).
Errors print to stderr and end with the exit codes of cli/exit_codes.py.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from spacetime_service.application.encoding.table_encoding import WireFormat
from spacetime_service.domain.ml.model_version import ModelStatus
from spacetime_service.entrypoints.cli.exit_codes import container_of, domain_errors_as_exit_codes

if TYPE_CHECKING:
    from spacetime_service.domain.ml.model_version import ModelVersion

# The use cases are imported inside the commands, not here: `--help` needs only the options.

ml_app = typer.Typer(name="ml", help="Train models, read the registry, predict and extract features.")

READ_BYTES = 64 * 1024
FeatureOption = Annotated[list[str] | None, typer.Option("--feature", help="repeatable; the task's defaults")]
InputOption = Annotated[Path | None, typer.Option("--input", help="NDJSON records ('-' or none: stdin)")]
JsonOption = Annotated[bool, typer.Option("--json", help="one JSON object, as HTTP shows it, on one line")]
MomentOption = Annotated[
    datetime | None, typer.Option(formats=["%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%d %H:%M:%S%z"])
]


@ml_app.callback()
def _root(ctx: typer.Context) -> None:
    """Models learnt from the order history, in bounded memory, with checkpoints that resume exactly."""
    # Builds no container: each command gets its own through container_of, and `ml train --help`
    # (which runs this callback first) needs none.


@ml_app.command("train")
def train(
    ctx: typer.Context,
    task: str,
    *,
    feature: FeatureOption = None,
    epochs: int = 1,
    chunk_rows: int = 10_000,
    checkpoint_every: int = 10,
    validation_fraction: float = 0.1,
    seed: int = 0,
    created_from: MomentOption = None,
    created_to: MomentOption = None,
    alias: Annotated[str | None, typer.Option(help="pointed at the model once it is ready")] = None,
    owner: str = "cli",
    idempotency_key: str | None = None,
    wait: Annotated[bool, typer.Option(help="run the job here and print its progress until it ends")] = False,
    poll_seconds: Annotated[float, typer.Option(min=0.05)] = 1.0,
    as_json: JsonOption = False,
) -> None:
    """Submits a training job; prints the model id (the job's id), or with --json the version and its
    job as `POST /ml/train` answers (once the job ended, with --wait)."""
    from spacetime_service.application.ml.train_model import TrainModelCommand
    from spacetime_service.domain.jobs.status import JobStatus
    from spacetime_service.domain.ml.specs import DataRange, ModelSpec, TrainingRequest
    from spacetime_service.domain.ml.training_job import TrainingJobRequest
    from spacetime_service.entrypoints.cli.job_wait import wait_for_job
    from spacetime_service.entrypoints.cli.ml_lines import train_document

    with domain_errors_as_exit_codes(container_of(ctx)) as container:
        spec = ModelSpec(task, tuple(feature or ()), seed)
        request = TrainingRequest(
            spec,
            DataRange(created_from, created_to),
            epochs,
            validation_fraction,
            chunk_rows,
            checkpoint_every,
        )
        command = TrainModelCommand(owner, TrainingJobRequest(request, alias), idempotency_key)
        result = container.ml.train_model().execute(command)
        if not as_json:
            typer.echo(result.model_id)
        job = wait_for_job(container, result.job, poll_seconds) if wait else result.job
        if as_json:
            details = container.ml.get_model().execute(result.model_id)
            aliases = [alias.name for alias in details.aliases]
            typer.echo(json.dumps(train_document(details.version, aliases, job)))
    if wait and job.status is not JobStatus.SUCCEEDED:
        raise typer.Exit(1)


@ml_app.command("models")
def list_models(
    ctx: typer.Context,
    *,
    task: str | None = None,
    status: ModelStatus | None = None,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 20,
    cursor: str | None = None,
    as_json: Annotated[bool, typer.Option("--json", help="one JSON object per line")] = False,
) -> None:
    """Model versions, newest first; prints the cursor of the next page to stderr when there is one."""
    from spacetime_service.application.ml.list_models import ListModelsCommand
    from spacetime_service.entrypoints.cli.ml_lines import model_document, model_line

    with domain_errors_as_exit_codes(container_of(ctx)) as container:
        page = container.ml.list_models().execute(ListModelsCommand(task, status, limit, cursor))
    versions: list[ModelVersion] = list(page.items)
    for version in versions:
        typer.echo(json.dumps(model_document(version)) if as_json else model_line(version))
    if page.next_cursor:
        typer.echo(f"next cursor: {page.next_cursor}", err=True)


@ml_app.command("show")
def show_model(ctx: typer.Context, model_id: str, *, as_json: JsonOption = False) -> None:
    """One model version as JSON, with its aliases (indented; on one line with --json)."""
    from spacetime_service.entrypoints.cli.ml_lines import model_document

    with domain_errors_as_exit_codes(container_of(ctx)) as container:
        details = container.ml.get_model().execute(model_id)
    aliases = [alias.name for alias in details.aliases]
    typer.echo(json.dumps(model_document(details.version, aliases), indent=None if as_json else 2))


@ml_app.command("status")
def model_status(ctx: typer.Context, model_id: str, *, as_json: JsonOption = False) -> None:
    """A version's status with its training job's progress, epoch and latest metrics, as JSON
    (indented; on one line with --json)."""
    from spacetime_service.entrypoints.cli.ml_lines import status_document

    with domain_errors_as_exit_codes(container_of(ctx)) as container:
        status = container.ml.get_model_status().execute(model_id)
    typer.echo(json.dumps(status_document(status), indent=None if as_json else 2))


@ml_app.command("alias")
def set_alias(
    ctx: typer.Context, task: str, name: str, model_id: str, *, as_json: JsonOption = False
) -> None:
    """Points the alias NAME of TASK at a ready model version."""
    from spacetime_service.application.ml.set_model_alias import SetModelAliasCommand

    with domain_errors_as_exit_codes(container_of(ctx)) as container:
        alias = container.ml.set_model_alias().execute(SetModelAliasCommand(task, name, model_id))
    if as_json:
        typer.echo(json.dumps({"task": alias.task, "name": alias.name, "model_id": alias.model_id}))
        return
    typer.echo(f"{alias.task}/{alias.name} -> {alias.model_id}")


@ml_app.command("predict")
def predict(
    ctx: typer.Context,
    *,
    model_id: str | None = None,
    task: str | None = None,
    alias: str | None = None,
    owner: Annotated[str, typer.Option(help="whose alias --alias names")] = "cli",
    input_path: InputOption = None,
    min_id: int | None = None,
    max_id: int | None = None,
    created_from: MomentOption = None,
    created_to: MomentOption = None,
    chunk_rows: Annotated[int, typer.Option(min=1, max=10_000)] = 1000,
) -> None:
    """Predictions as NDJSON: for the records of --input (or stdin), or for stored records chosen by
    --min-id/--max-id/--created-from/--created-to. Choose the model by --model-id or --task and --alias."""
    from spacetime_service.application.ml.batch_predict import BatchPredictCommand, ModelChoice
    from spacetime_service.entrypoints.cli.ml_streams import records_of, write_stream

    with (
        domain_errors_as_exit_codes(container_of(ctx)) as container,
        records_of(input_path, min_id, max_id, created_from, created_to) as records,
    ):
        # By id the operator reaches any owner's version; an alias is always some owner's.
        choice = ModelChoice(model_id, task, alias, owner if model_id is None else None)
        command = BatchPredictCommand(choice, records, chunk_rows)
        write_stream(container.ml.batch_predict().execute(command))


@ml_app.command("extract")
def extract(
    ctx: typer.Context,
    task: str,
    *,
    feature: FeatureOption = None,
    wire_format: Annotated[WireFormat, typer.Option("--format")] = WireFormat.NDJSON,
    input_path: InputOption = None,
    min_id: int | None = None,
    max_id: int | None = None,
    created_from: MomentOption = None,
    created_to: MomentOption = None,
    chunk_rows: Annotated[int, typer.Option(min=1, max=10_000)] = 1000,
) -> None:
    """Encoded features as NDJSON or CSV, for the records of --input (or stdin) or stored records."""
    from spacetime_service.application.ml.extract_features import ExtractFeaturesCommand
    from spacetime_service.entrypoints.cli.ml_streams import records_of, write_stream

    with (
        domain_errors_as_exit_codes(container_of(ctx)) as container,
        records_of(input_path, min_id, max_id, created_from, created_to) as records,
    ):
        command = ExtractFeaturesCommand(task, records, tuple(feature or ()), wire_format, chunk_rows)
        write_stream(container.ml.extract_features().execute(command))
