"""Turns off SQLite's memory statistics for the process, so that its allocations take no global mutex.

With statistics on (the library's default), every `sqlite3_malloc`, `realloc` and `free` locks one
mutex shared by all connections of the process, to count the bytes in use. An export builds each line
with `printf`, which grows its buffer a few times per row, so the mutex is taken several times per row:
pthread_mutex_lock and unlock were 14 % of a reader thread's profile, and without them a 1M-order CSV
export cost 1.22 to 1.33 s of server CPU instead of 1.53 to 1.63 s. It is also the one lock the export's
reader threads share. SQLite recommends building without it (SQLITE_DEFAULT_MEMSTATUS=0); the system
library keeps it, and the switch, `sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0)`, is only taken while the
library is shut down. The sqlite3 module starts the library when it is imported, so this stops and starts
it again: safe only while nothing of SQLite is alive, which is what `sqlite3_memory_used() == 0` says
(every open connection holds memory). When anything is alive, or the symbols cannot be reached (a
statically linked module), nothing is changed. The service reads none of the figures it turns off
(`sqlite3_memory_used`, `sqlite3_status`), and uses no heap limit (which needs them).
"""

from __future__ import annotations

import _sqlite3
import ctypes
import threading

_SQLITE_OK = 0
_SQLITE_CONFIG_MEMSTATUS = 9
_lock = threading.Lock()
_tried = False


def stop_memory_statistics() -> bool:
    """Turns the statistics off once per process when no SQLite connection exists; True when they are
    off after the call because of it."""
    global _tried  # noqa: PLW0603 - one switch per process, however many engines are made
    with _lock:
        if _tried:
            return False
        _tried = True
        try:
            # The module's own handle: its symbols resolve to the SQLite library it was linked with.
            library = ctypes.CDLL(_sqlite3.__file__)
            memory_used = library.sqlite3_memory_used
            shutdown, config, initialize = (
                library.sqlite3_shutdown,
                library.sqlite3_config,
                library.sqlite3_initialize,
            )
        except (OSError, AttributeError):
            return False
        memory_used.restype = ctypes.c_int64
        if memory_used() != 0:
            return False
        shutdown()
        switched: bool = config(_SQLITE_CONFIG_MEMSTATUS, ctypes.c_int(0)) == _SQLITE_OK
        if initialize() != _SQLITE_OK:
            raise RuntimeError("SQLite did not start again after its memory statistics were turned off")
        return switched
