"""Sorted runs on disk: msgpack records, optionally gzip-compressed. Never pickle.

msgpack keeps None, bool, int (64-bit), float (NaN included) and str exactly; arrays come back as
tuples. SPACETIME_COMPRESSION is "none" (the default) or "gzip" at level 1, which halves the spill
files for about a third more CPU (docs/benchmarks-spacetime.md). Nothing else is offered: the merge
keeps one reader open per run, and a gzip reader needs under 100 KiB where bz2 and lzma need megabytes.
"""

from __future__ import annotations

import gzip
import os
from contextlib import contextmanager
from itertools import islice
from typing import TYPE_CHECKING, Any, Literal, get_args

import msgpack

if TYPE_CHECKING:
    import io
    from collections.abc import Iterable, Iterator
    from pathlib import Path

Compression = Literal["none", "gzip"]
COMPRESSIONS: tuple[str, ...] = get_args(Compression)

READ_BUFFER_BYTES = 16 * 1024
# What one open run costs during the merge: the unpacker's buffer, the file's, and for gzip the
# inflater's window. Measured with 200 open runs: 47 KiB each plain, 71 KiB with gzip.
OPEN_RUN_BYTES = 72 * 1024
_WRITE_BATCH_ROWS = 4096
_GZIP_LEVEL = 1  # runs are read once, soon: speed matters more than size


def _private(path: str, flags: int) -> int:
    return os.open(path, flags, 0o600)


@contextmanager
def _opened(path: Path, mode: Literal["r", "x"], compression: Compression) -> Iterator[io.BufferedIOBase]:
    raw = open(path, "rb", opener=_private) if mode == "r" else open(path, "xb", opener=_private)  # noqa: SIM115
    with raw:
        if compression == "gzip":
            with gzip.GzipFile(fileobj=raw, mode=mode + "b", compresslevel=_GZIP_LEVEL) as packed:
                yield packed
        else:
            yield raw


def write_run(path: Path, records: Iterable[Any], compression: Compression) -> None:
    """Writes `records` to a new file at `path` (fails if it exists)."""
    packer = msgpack.Packer(autoreset=False)
    rows = iter(records)
    with _opened(path, "x", compression) as file:
        while batch := list(islice(rows, _WRITE_BATCH_ROWS)):
            for record in batch:
                packer.pack(record)
            file.write(packer.bytes())
            packer.reset()


@contextmanager
def read_run(path: Path, compression: Compression) -> Iterator[Iterator[Any]]:
    """The records of a run written by `write_run`, streamed; the file closes when the block ends."""
    with _opened(path, "r", compression) as file:
        yield msgpack.Unpacker(file, read_size=READ_BUFFER_BYTES, use_list=False, raw=False)
