"""Re-checks claims about sqrtspace-spacetime 0.1.0 that the SpaceTime adapter's design rests on.

    uv run --frozen --with sqrtspace-spacetime==0.1.0 python bench/sqrtspace_claims.py

Each check runs the library in a child process whose TMPDIR is a fresh private directory, so that
its import-time directory and spill files land there, and prints one line of evidence.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile

CHECKS = {
    "import side effects": """
import os, tempfile, threading
before = threading.active_count()
import sqrtspace_spacetime
path = os.path.join(tempfile.gettempdir(), "spacetime")
print(f"creates {path!r}: {os.path.isdir(path)}, mode {oct(os.stat(path).st_mode & 0o777)}; "
      f"threads {before} -> {threading.active_count()}")
""",
    "MemoryMonitor measures the machine": """
import psutil
from sqrtspace_spacetime import MemoryMonitor
from spacetime_service.adapters.spacetime.psutil_memory_monitor import PsutilMemoryMonitor
limit = 256 * 2**20
info = MemoryMonitor(memory_limit=limit).get_memory_info()
ours = PsutilMemoryMonitor(limit).snapshot()
rss = psutil.Process().memory_info().rss / 2**20
machine = psutil.virtual_memory().used / 2**20
print(f"limit 256 MiB, process RSS {rss:.0f} MiB, machine used {machine:.0f} MiB: "
      f"library says {info.percent:.0f} % {info.pressure_level.name}; "
      f"ours says {100 * ours.used_bytes / ours.limit_bytes:.0f} % {ours.pressure.value}")
""",
    "external_sort on organ-pipe data": """
from sqrtspace_spacetime import external_sort
data = [*range(10_001), *range(10_000, -1, -1)]
try:
    print("n=20,002 organ-pipe: sorted correctly:", external_sort(data) == sorted(data))
except RecursionError as error:
    print("n=20,002 organ-pipe: RecursionError", error)
""",
    "external_sort with NaN": """
import math
from sqrtspace_spacetime import external_sort
data = [float(i % 1000) if i % 7 else math.nan for i in range(20_000)]
try:
    out = external_sort(data)
    numbers = [x for x in out if not math.isnan(x)]
    print("n=20,000 floats with NaN: numbers in order:", numbers == sorted(numbers))
except RecursionError as error:
    print("n=20,000 floats with NaN: RecursionError", error)
""",
    "external_groupby with None and mixed keys": """
from sqrtspace_spacetime import external_groupby
# Many distinct keys, so that the library picks its sort-based strategy.
data = [(None if i % 3 == 0 else (i if i % 3 == 1 else str(i)), i) for i in range(20_000)]
try:
    groups = external_groupby(data, key_func=lambda row: row[0])
    print("n=20,000 None/int/str keys:", type(groups).__name__, "of", len(groups), "groups, all in memory")
except TypeError as error:
    print("n=20,000 None/int/str keys: TypeError", error)
""",
}


def main() -> None:
    for name, code in CHECKS.items():
        with tempfile.TemporaryDirectory() as private:
            child = subprocess.run(
                [sys.executable, "-c", code],
                env={**os.environ, "TMPDIR": private},
                capture_output=True,
                text=True,
                timeout=600,
                check=False,
            )
            lines = (child.stdout.strip() or child.stderr.strip().splitlines()[-1]).splitlines()
            print(f"- {name}: {lines[-1]}")


if __name__ == "__main__":
    main()
