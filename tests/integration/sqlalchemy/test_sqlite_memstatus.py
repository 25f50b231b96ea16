"""SQLite's memory statistics are turned off only while no connection of the process exists. The
switch is process-wide, so each case runs in an interpreter of its own."""

from __future__ import annotations

import subprocess
import sys
import textwrap

_MEMORY_USED = """
import ctypes, sqlite3, _sqlite3
from spacetime_service.adapters.sqlalchemy.exports.sqlite_memstatus import stop_memory_statistics
used = ctypes.CDLL(_sqlite3.__file__).sqlite3_memory_used
used.restype = ctypes.c_int64
"""


def _run(code: str) -> str:
    script = _MEMORY_USED + textwrap.dedent(code)
    return subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True).stdout


def test_with_no_connection_open_the_statistics_are_turned_off_once() -> None:
    out = _run("""
        first = stop_memory_statistics()
        connection = sqlite3.connect(":memory:")
        rows = connection.execute("SELECT printf('%d-%s', 7, 'x') FROM (VALUES (1), (2))").fetchall()
        print(first, stop_memory_statistics(), used(), rows)
    """)

    assert out.split(maxsplit=3) == ["True", "False", "0", "[('7-x',), ('7-x',)]\n"]


def test_an_open_connection_keeps_the_statistics_and_keeps_working() -> None:
    out = _run("""
        connection = sqlite3.connect(":memory:")
        connection.execute("CREATE TABLE t (x)")
        switched = stop_memory_statistics()
        connection.execute("INSERT INTO t VALUES (printf('%05d', 42))")
        print(switched, used() > 0, connection.execute("SELECT x FROM t").fetchone()[0])
    """)

    assert out.split() == ["False", "True", "00042"]
