"""A full disk is a transient fault: files written when it is full become `Unavailable`.

Shared by every adapter that writes files. ENOSPC (no space left) and EDQUOT (quota exceeded) pass
once space is freed, so a job that met them is retried from its checkpoint instead of failing; any
other OSError (a missing directory, a permission refused) is the caller's and stays as it is.
"""

from __future__ import annotations

import errno
from contextlib import contextmanager
from typing import TYPE_CHECKING

from spacetime_service.domain.errors import Unavailable

if TYPE_CHECKING:
    from collections.abc import Iterator

DISK_FULL = frozenset({errno.ENOSPC, errno.EDQUOT})


@contextmanager
def translated_disk_errors() -> Iterator[None]:
    try:
        yield
    except OSError as error:
        if error.errno in DISK_FULL:
            raise Unavailable(
                f"no space left on the disk ({errno.errorcode[error.errno]}); retry later"
            ) from error
        raise
