"""Sorts n random integers with each contender in a fresh process; reports wall time and peak RSS.

    uv run --frozen --with sqrtspace-spacetime==0.1.0 python bench/external_sort.py 1000000 5000000 10000000

Every contender reads the same file (one integer per line) and writes the sorted integers to its own
file; the outputs must be byte-identical to sorted()'s. Peak RSS is the child's maximum resident set as
GNU time reports it (%M).
sqrtspace_spacetime runs only in its own child, with TMPDIR and its storage in a private directory.
"""

from __future__ import annotations

import hashlib
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacetime_service.adapters.spacetime.run_files import Compression

SORT_MEMORY = 64 * 10**6
CONTENDERS = ["copy (no sort)", "sorted()", "ours, gzip", "ours, none", "sqrtspace external_sort", "GNU sort"]


def read_ints(path: str) -> Iterator[int]:
    with Path(path).open() as lines:
        for line in lines:
            yield int(line)


def write_ints(path: str, values: Iterator[int]) -> None:
    with Path(path).open("w") as out:
        out.writelines(map("{}\n".format, values))


def child(contender: str, source: str, target: str, scratch: str) -> None:
    """Runs inside the measured process."""
    if contender == "copy (no sort)":
        write_ints(target, read_ints(source))
    elif contender == "sorted()":
        write_ints(target, iter(sorted(read_ints(source))))
    elif contender.startswith("ours"):
        from spacetime_service.adapters.spacetime.msgpack_external_sorter import MsgpackExternalSorter

        compression: Compression = "gzip" if contender.endswith("gzip") else "none"
        sorter = MsgpackExternalSorter(Path(scratch), compression=compression, budget_bytes=SORT_MEMORY)
        with sorter.sort(read_ints(source)) as result:
            write_ints(target, result)
    elif contender == "sqrtspace external_sort":
        from sqrtspace_spacetime import external_sort

        write_ints(target, iter(external_sort(read_ints(source), storage_path=scratch)))


def file_digest(path: Path) -> str:
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def measure(contender: str, source: Path, work: Path) -> tuple[float, float, int, str]:
    """Wall time, CPU time (user + system, which other load on the machine disturbs less), peak RSS in
    MB, and the output's digest.

    The child runs under GNU time, which forks it from a process of a few MB: Linux carries the RSS
    high-water mark over fork and exec, so a child forked from this process would report at least
    this process's size.
    """
    target = work / f"out-{CONTENDERS.index(contender)}"
    scratch = Path(tempfile.mkdtemp(dir=work))
    peak_file = work / "peak"
    if contender == "GNU sort":
        command = ["sort", "-n", "-S", "64M", "--parallel=2", "-T", str(scratch), "-o", str(target)]
        command.append(str(source))
    else:
        command = [sys.executable, __file__, "--child", contender, str(source), str(target), str(scratch)]
    started = time.perf_counter()
    subprocess.run(
        ["/usr/bin/time", "-f", "%M %U %S", "-o", str(peak_file), *command],
        env={**os.environ, "TMPDIR": str(scratch)},
        check=True,
    )
    elapsed = time.perf_counter() - started
    peak_kb, user, system = peak_file.read_text().split()[-3:]
    digest = file_digest(target)
    target.unlink()
    leftovers = sum(1 for path in scratch.rglob("*") if path.is_file())
    if leftovers:
        print(f"  {contender}: {leftovers} file(s) left in its scratch directory", file=sys.stderr)
    return elapsed, float(user) + float(system), int(peak_kb) // 1024, digest


def main(sizes: list[int]) -> None:
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    print("| n | contender | wall time (s) | CPU time (s) | peak RSS (MB) | output |")
    print("|---:|---|---:|---:|---:|---|")
    for size in sizes:
        with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as directory:
            work = Path(directory)
            source = work / "input"
            rng = random.Random(size)
            write_ints(str(source), (rng.randrange(10**12) for _ in range(size)))
            reference = None
            for contender in CONTENDERS:
                elapsed, cpu, peak_mb, digest = measure(contender, source, work)
                if contender == "sorted()":
                    reference = digest
                verdict = "same" if digest == reference else "DIFFERENT"
                if contender == "copy (no sort)":
                    verdict = "n/a (input order)"
                row = f"| {size:,} | {contender} | {elapsed:.1f} | {cpu:.1f} | {peak_mb} | {verdict} |"
                print(row, flush=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(*sys.argv[2:6])
    else:
        main([int(arg) for arg in sys.argv[1:]] or [1_000_000, 5_000_000])
