"""Checkpoints as JSON files, two generations per job, replaced atomically and fenced by attempt."""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import structlog

from spacetime_service.adapters.filesystem.checkpoint_envelope import Generation, decode, encode
from spacetime_service.adapters.filesystem.checkpoint_paths import CheckpointPaths
from spacetime_service.adapters.filesystem.durable_files import sync_directory, synced_temporary
from spacetime_service.domain.jobs.errors import LeaseLost
from spacetime_service.domain.jobs.json_value import JsonObject, require_json_object

_log = structlog.get_logger(__name__)
_LOCK_FILE = ".lock"


class FilesystemCheckpointStore:
    """A CheckpointStore in `directory`: `<job id>.json` holds the newest generation and
    `<job id>.previous.json` the one before.

    A save writes a temporary file and fsyncs it, moves the current generation to `previous`, renames
    the temporary file to `current` and fsyncs the directory. A crash at any point leaves the new or
    the old generation readable; a file that is torn or damaged fails its digest and is passed over
    for the previous generation, so a partial checkpoint is never loaded. A delete writes a generation
    without a checkpoint, so that it still fences older attempts.

    Every operation holds an exclusive `flock` on the directory's lock file, which makes the fence
    check and the write one step for all threads and processes of this host. The store knows only
    the attempts it has seen (see docs/jobs.md); exactly-once effects need the database store."""

    def __init__(self, directory: Path) -> None:
        self._directory = directory

    def save(self, job_id: str, attempt: int, checkpoint: JsonObject) -> None:
        value = require_json_object(checkpoint, field="checkpoint")
        self._write(job_id, Generation(attempt, value))

    def load(self, job_id: str) -> JsonObject | None:
        paths = CheckpointPaths.of(self._directory, job_id)
        with self._locked():
            newest = self._newest(job_id, paths)
        return None if newest is None else newest.checkpoint

    def delete(self, job_id: str, attempt: int) -> None:
        self._write(job_id, Generation(attempt, None))

    def _write(self, job_id: str, generation: Generation) -> None:
        paths = CheckpointPaths.of(self._directory, job_id)
        with self._locked():
            newest = self._newest(job_id, paths)
            if newest is not None and generation.attempt < newest.attempt:
                raise LeaseLost(
                    f"job {job_id} has a checkpoint of attempt {newest.attempt}; "
                    f"attempt {generation.attempt} may no longer write"
                )
            for stale in paths.stale_temporaries():  # left by a crash: every write holds the lock
                stale.unlink(missing_ok=True)
            written = synced_temporary(self._directory, paths.temporary_prefix, encode(job_id, generation))
            if self._read(job_id, paths.current) is not None:
                os.replace(paths.current, paths.previous)
            os.replace(written, paths.current)
            sync_directory(self._directory)

    def _newest(self, job_id: str, paths: CheckpointPaths) -> Generation | None:
        current = self._read(job_id, paths.current)
        return current if current is not None else self._read(job_id, paths.previous)

    def _read(self, job_id: str, path: Path) -> Generation | None:
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        generation = decode(job_id, data)
        if generation is None:
            _log.warning("checkpoint.damaged_file_ignored", job_id=job_id, file=path.name)
        return generation

    @contextmanager
    def _locked(self) -> Iterator[None]:
        self._directory.mkdir(parents=True, exist_ok=True)
        with open(self._directory / _LOCK_FILE, "a+b") as lock:
            fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                with contextlib.suppress(OSError):
                    fcntl.flock(lock.fileno(), fcntl.LOCK_UN)
