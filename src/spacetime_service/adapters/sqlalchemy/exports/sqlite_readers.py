"""Several SQLite connections read one export side by side, over one snapshot, emitted in order.

In WAL mode readers do not block each other, and the driver lets go of the GIL while SQLite steps, so
k connections in k threads build k chunks at once. Reader `p` of `k` builds chunks p, p + k, ... into
a queue of its own (two chunks deep, so memory stays bounded), and the chunks are taken from the
queues in turn; the bytes are those of one reader.

They must see one snapshot, and SQLite cannot hand a snapshot from one connection to another through
this driver. So a third connection holds the write lock (`BEGIN IMMEDIATE`) while the readers begin:
no commit can then fall between their snapshots. It lets go as soon as they have begun, so writers wait
for the start of an export only. When the lock cannot be had (another writer kept it past the busy
timeout, a read-only file), when the connection is already in a transaction (its snapshot may be older
than any a new reader could take) or the database lives in memory (other connections would not see
it), the export is read by one connection.

The readers take no lock of their own while SQLite steps (the driver lets go of the GIL), and the one
lock they took inside SQLite for every allocation, its memory statistics', is off (sqlite_memstatus).
Two readers building the CSV lines of 1M orders in a standalone run spent their wall time on a CPU or
waiting for one: per thread, of 1.53 s, 0.68 s on a CPU, 0.79 s runnable in the queue and 0.06 s
asleep, one or two sleeps a query (the GIL taken back after a step); a GIL-free hash loop in two
threads fared the same then. So they use two cores when the machine has two to spare; when other work
holds a core, the two share one.
"""

from __future__ import annotations

import queue
import sqlite3
import threading
from contextlib import ExitStack
from typing import TYPE_CHECKING

from spacetime_service.adapters.sqlalchemy.errors import translated_errors
from spacetime_service.adapters.sqlalchemy.exports.sqlite_stream import (
    ChunkQueries,
    driver_of,
    one_reader,
    own_chunks,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sqlalchemy import Connection, Engine

# Readers of one export unless the engine says otherwise (SPACETIME_EXPORT_BACKENDS). With a core to
# spare two readers halve the SQL's wall time; when other work fills both cores they add no CPU, and the
# time follows the CPU: 1.33 s per 1M-order CSV export with two readers, 1.12 s with one, 1.36 s for a
# row per fetch (load average 11). Measured side by side (bench/export_http.py, docs/benchmarks-export.md)
# the 1M CSV export took 1.40 to 1.89 s against 1.51 to 3.84 s before, and 1.75 to 2.56 s for `sqlite3 -csv`.
DEFAULT_READERS = 2
_END = object()
_QUEUE_CHUNKS = 2
_PUT_WAIT_SECONDS = 0.1


def shared_chunks(
    connection: Connection, queries: ChunkQueries, *, first: bytes, rows: int, readers: int
) -> Iterator[bytes]:
    """`first` (a CSV header, or nothing) then every chunk, built by up to `readers` connections."""
    driver = driver_of(connection)
    if readers < 2 or driver.in_transaction or _in_memory(connection.engine):
        yield from one_reader(connection, queries, first=first, rows=rows)
        return
    with ExitStack() as stack:
        drivers = [driver]
        for _ in range(readers - 1):
            with translated_errors():  # no connection free in time is Unavailable, as for the first one
                drivers.append(driver_of(stack.enter_context(connection.engine.connect())))
        if not _begin_on_one_snapshot(connection.engine, drivers):
            yield from one_reader(connection, queries, first=first, rows=rows)
            return
        for reader in drivers:
            stack.callback(reader.rollback)
        threads = [
            _Reader(own_chunks(reader, queries, rows, part, len(drivers)))
            for part, reader in enumerate(drivers)
        ]
        for thread in threads:  # the readers stop before their transactions end
            stack.callback(thread.close)
        yield from _in_turn(threads, first)


def _in_memory(engine: Engine) -> bool:
    database = engine.url.database or ""
    return not database or database == ":memory:" or "mode=memory" in str(engine.url)


def _begin_on_one_snapshot(engine: Engine, drivers: list[sqlite3.Connection]) -> bool:
    """Begins a read transaction on every driver connection while no one can commit; False (and
    nothing begun) when the write lock could not be had."""
    with translated_errors():
        locking = engine.connect()
    with locking:
        lock = driver_of(locking)
        try:
            lock.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:
            return False
        try:
            for reader in drivers:
                reader.execute("BEGIN")
                # the first read of a transaction is what takes its snapshot
                reader.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
        except BaseException:
            for reader in drivers:
                reader.rollback()
            raise
        finally:
            lock.rollback()
    return True


def _in_turn(readers: list[_Reader], first: bytes) -> Iterator[bytes]:
    """`first`, then one chunk of each reader in turn: chunk i of the export is chunk i // k of reader
    i % k. When one reader ends the export has ended."""
    pending = first
    while True:
        for reader in readers:
            chunk = reader.next()
            if chunk is None:
                if pending:
                    yield pending
                return
            yield pending + chunk if pending else chunk
            pending = b""


class _Reader:
    """Runs a chunk iterator in a thread of its own, a bounded queue ahead of the consumer."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._queue: queue.Queue[object] = queue.Queue(maxsize=_QUEUE_CHUNKS)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sqlite-export-reader", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            for chunk in self._chunks:
                if not self._put(chunk):
                    return
            self._put(_END)
        except BaseException as error:  # noqa: BLE001 - handed to the consumer, which raises it
            self._put(error)

    def _put(self, item: object) -> bool:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=_PUT_WAIT_SECONDS)
            except queue.Full:
                continue
            return True
        return False

    def next(self) -> bytes | None:
        """The reader's next chunk, None at its end; its error, raised here."""
        item = self._queue.get()
        if item is _END:
            return None
        if isinstance(item, BaseException):
            raise item
        return item  # type: ignore[return-value]  # the queue holds chunks, errors or the end

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
