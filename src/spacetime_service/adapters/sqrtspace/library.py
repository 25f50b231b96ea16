"""Imports `sqrtspace-spacetime` once, where it is used, and keeps its import-time side effects in a
directory of the service's own.

Importing the library creates `<tempdir>/spacetime` (mode 0755, where any local user could plant files
its pickle-based parts would load) and builds a machine-wide memory monitor. The service never uses
those parts; it imports the library lazily, with `tempfile`'s directory pointed at a private (0700)
directory under the spill storage for the duration of the import, so the directory it makes is ours.
"""

from __future__ import annotations

import importlib
import tempfile
import threading
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

EXTRA_HINT = (
    "SPACETIME_MEMORY_LIBRARY=sqrtspace needs the optional extra: "
    "pip install 'spacetime-service[sqrtspace]' (see docs/adr/0001-spacetime-adapter.md)"
)

_import_lock = threading.Lock()


class LibraryMissingError(RuntimeError):
    """The setting asks for the library and it is not installed."""


def library_module(name: str, private_dir: Path) -> Any:
    """`sqrtspace_spacetime.<name>`, imported with the temporary directory pointed at `private_dir`."""
    with _import_lock, _temporary_directory(private_dir):
        try:
            return importlib.import_module(f"sqrtspace_spacetime.{name}")
        except ModuleNotFoundError as error:
            if error.name is not None and error.name.startswith("sqrtspace_spacetime"):
                raise LibraryMissingError(EXTRA_HINT) from error
            raise


@contextmanager
def _temporary_directory(private_dir: Path) -> Iterator[None]:
    private_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    private_dir.chmod(0o700)
    previous = tempfile.tempdir
    tempfile.tempdir = str(private_dir)
    try:
        yield
    finally:
        tempfile.tempdir = previous
