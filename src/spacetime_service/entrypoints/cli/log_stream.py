"""Where the CLI's logs go: standard error, like its progress, since standard output carries data.

structlog left unconfigured prints to standard output, and a command that runs a job here (`--wait`)
logs the job's life; its lines would land among the CSV or JSON a script reads. The HTTP app and the
worker configure logging themselves (to stderr too); the CLI only fills the gap when nobody has.
"""

from __future__ import annotations

import sys

import structlog


def logs_to_stderr() -> None:
    """Points structlog at standard error unless logging is configured already."""
    if not structlog.is_configured():
        structlog.configure(logger_factory=_current_stderr)


def _current_stderr(*_names: object) -> structlog.PrintLogger:
    # Looked up at each log call, not once: a test runner swaps sys.stderr for every command it invokes.
    return structlog.PrintLogger(sys.stderr)
