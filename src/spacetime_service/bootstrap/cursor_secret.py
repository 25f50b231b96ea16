"""The secret that signs pagination cursors.

SPACETIME_CURSOR_SECRET, when set, is the secret. Left at its default, the secret is the one kept in
SPACETIME_CURSOR_SECRET_FILE (`var/cursor-secret`): the first process to start makes it (32 random
bytes, as hex, in a file only its user may read), and every later process, every worker of the same
machine and the same process after a restart reads it, so that a cursor handed out by one of them is
taken by all. Workers on several machines need SPACETIME_CURSOR_SECRET set, the same on each.
"""

from __future__ import annotations

import os
import secrets
import stat
from typing import TYPE_CHECKING

import structlog

if TYPE_CHECKING:
    from pathlib import Path

    from spacetime_service.bootstrap.settings import ApiSettings

# The placeholder that means "not set": it never signs anything.
DEFAULT_CURSOR_SECRET = "change-me-in-production"  # noqa: S105
SECRET_BYTES = 32

_log = structlog.get_logger("spacetime_service.bootstrap")


class CursorSecretUnusable(Exception):  # noqa: N818 - reads as a sentence at the raise site
    """The kept secret cannot be made or read; the message says what to fix or set instead."""


def cursor_secret(api: ApiSettings) -> bytes:
    configured = api.cursor_secret.get_secret_value()
    if configured != DEFAULT_CURSOR_SECRET:
        return configured.encode()
    return kept_secret(api.cursor_secret_file)


def kept_secret(path: Path) -> bytes:
    """The secret in `path`, made first if there is none. Of processes that start together, exactly
    one secret wins: each writes its own to a private file and links it to `path`, which fails for
    all but the first, and then all read the winner's."""
    if not path.exists():
        _make(path)
    return _read(path)


def _make(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        draft = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        # Created with 0600 from the start, so the secret is never readable by others, not even briefly.
        descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as draft_file:
            draft_file.write(secrets.token_hex(SECRET_BYTES) + "\n")
            draft_file.flush()
            os.fsync(draft_file.fileno())
        try:
            os.link(draft, path)
        except FileExistsError:
            return  # another process made it first; its secret is the one
        finally:
            draft.unlink()
    except OSError as error:
        raise CursorSecretUnusable(
            f"cannot keep a cursor secret in {path} ({error.strerror}); make its directory writable,"
            " set SPACETIME_CURSOR_SECRET_FILE to a writable place, or set SPACETIME_CURSOR_SECRET"
        ) from error
    _log.warning(
        "cursor secret made",
        path=str(path),
        note="kept for every worker of this machine; set SPACETIME_CURSOR_SECRET when workers run on"
        " several machines",
    )


def _read(path: Path) -> bytes:
    try:
        secret = path.read_text(encoding="ascii").strip()
        mode = stat.S_IMODE(path.stat().st_mode)
    except (OSError, UnicodeDecodeError) as error:
        raise CursorSecretUnusable(f"cannot read the cursor secret in {path} ({error})") from error
    if len(secret) < SECRET_BYTES:
        raise CursorSecretUnusable(
            f"the cursor secret in {path} is shorter than {SECRET_BYTES} characters; delete the file to"
            " have a new one made (cursors handed out so far stop working), or set SPACETIME_CURSOR_SECRET"
        )
    if mode & 0o077:
        _log.warning("cursor secret readable by others", path=str(path), mode=oct(mode))
    return secret.encode()
