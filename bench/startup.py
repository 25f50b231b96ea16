"""Start-up of the CLI and the API: wall time, CPU time and memory of fresh processes, in alternating rounds.

    uv run --frozen python bench/startup.py --rounds 5
    uv run --frozen python bench/startup.py --rounds 5 --postgres postgresql+psycopg://postgres@127.0.0.1:5432/test
    uv run --frozen python bench/startup.py --source /tmp/before --source /tmp/after  # checkouts' src/
    uv run --frozen python bench/startup.py --bytecode-cache /tmp/pyc # with compiled bytecode, as the image

Cases, each a fresh process per round, in an order that alternates between rounds:

- `spacetime --help`, `spacetime --version` and `spacetime products export --help`: under
  /usr/bin/time (GNU), for the wall time, the CPU time (user + system) and the peak RSS of the process
  itself (a parent's `RUSAGE_CHILDREN` high-water mark would carry over from earlier children).
- `spacetime serve` and a bare `uvicorn spacetime_service.entrypoints.http.app:create_app --factory`
  on a database that is already migrated and seeded (SQLite in a temporary directory, made here with
  `spacetime migrate` and `spacetime seed`; PostgreSQL with `--postgres`, in a scratch database
  `st_startup_<hex>` created on that server and dropped at the end): time from launch to the first 200
  of `/readyz`, the process's CPU time by then, and its `VmRSS` (idle: read after one more `/readyz` and
  a second's rest) and `VmHWM` (peak) from /proc.

Children run in the temporary directory (so no `.env` of the checkout applies and `var/` lands
there), with every `SPACETIME_*` variable of this environment removed. Without `--bytecode-cache` they
inherit this environment's bytecode setting as it is: with PYTHONDONTWRITEBYTECODE=1 and no compiled
files in the virtual environment (a `uv sync` without --compile-bytecode), every process compiles
every module it imports. With `--bytecode-cache DIR`, children write and read compiled files under DIR
(PYTHONPYCACHEPREFIX), as the image's compiled environment does; one warm-up run of each case precedes
the rounds.
"""

from __future__ import annotations

import argparse
import http.client
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

GNU_TIME = "/usr/bin/time"
APP_FACTORY = "spacetime_service.entrypoints.http.app:create_app"
READY_TIMEOUT_SECONDS = 120.0
POLL_SECONDS = 0.02
IDLE_SECONDS = 1.0
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Sample:
    wall: float
    cpu: float
    rss_kib: int
    peak_kib: int


@dataclass
class Case:
    name: str
    run: Callable[[], Sample]
    samples: list[Sample] = field(default_factory=list)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def child_environment(database_url: str, source: Path | None, bytecode_cache: Path | None) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if not name.startswith("SPACETIME_")}
    env["DATABASE_URL"] = database_url
    if source is not None:
        env["PYTHONPATH"] = str(source / "src")
    if bytecode_cache is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(bytecode_cache)
    return env


def timed_command(command: Sequence[str], env: dict[str, str], cwd: Path) -> Sample:
    """Runs `command` under GNU time: wall by the clock here, CPU and peak RSS as time saw them."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        started = time.perf_counter()
        subprocess.run(
            [GNU_TIME, "-f", "%U %S %M", "-o", report.name, *command],
            env=env,
            cwd=cwd,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=True,
        )
        wall = time.perf_counter() - started
        user, system, peak = report.read().split()[-3:]
    return Sample(wall, float(user) + float(system), int(peak), int(peak))


def _ready(port: int) -> bool:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", "/readyz")
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


def _status(pid: int) -> dict[str, int]:
    found: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            found[name] = int(value.split()[0])
    return found


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    # utime and stime are fields 14 and 15 of stat; the split above starts at field 3.
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def time_to_ready(command: Sequence[str], port: int, env: dict[str, str], cwd: Path) -> Sample:
    """Launches a server, waits for its first 200 of /readyz, and reads its CPU time and memory."""
    log = cwd / "server.log"
    started = time.perf_counter()
    with log.open("wb") as output:
        server = subprocess.Popen(command, env=env, cwd=cwd, stdout=output, stderr=subprocess.STDOUT)
    try:
        while not _ready(port):
            if server.poll() is not None:
                tail = log.read_text(errors="replace")[-2000:]
                raise RuntimeError(f"{' '.join(command)} ended with {server.returncode}:\n{tail}")
            if time.perf_counter() - started > READY_TIMEOUT_SECONDS:
                raise RuntimeError(f"{' '.join(command)} not ready after {READY_TIMEOUT_SECONDS} s")
            time.sleep(POLL_SECONDS)
        wall = time.perf_counter() - started
        cpu = _cpu_seconds(server.pid)
        _ready(port)
        time.sleep(IDLE_SECONDS)
        memory = _status(server.pid)
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    return Sample(wall, cpu, memory["VmRSS"], memory["VmHWM"])


def seeded(spacetime: str, env: dict[str, str], cwd: Path, products: int, orders: int) -> None:
    for command in (["migrate"], ["seed", "--products", str(products), "--orders", str(orders)]):
        subprocess.run([spacetime, *command], env=env, cwd=cwd, check=True, capture_output=True)


def create_postgres_database(server_url: str) -> str:
    import psycopg

    name = f"st_startup_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server_url.replace("+psycopg", ""), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    return f"{server_url.rpartition('/')[0]}/{name}"


def drop_postgres_database(server_url: str, database_url: str) -> None:
    import psycopg

    name = database_url.rpartition("/")[2]
    with psycopg.connect(server_url.replace("+psycopg", ""), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def api_cases(label: str, bin_dir: Path, env: dict[str, str], cwd: Path) -> list[Case]:
    spacetime = str(bin_dir / "spacetime")
    uvicorn = str(bin_dir / "uvicorn")

    def serve() -> Sample:
        port = free_port()
        return time_to_ready([spacetime, "serve", "--port", str(port)], port, env, cwd)

    def bare() -> Sample:
        port = free_port()
        return time_to_ready([uvicorn, APP_FACTORY, "--factory", "--port", str(port)], port, env, cwd)

    return [Case(f"spacetime serve ({label})", serve), Case(f"uvicorn --factory ({label})", bare)]


def cli_cases(bin_dir: Path, env: dict[str, str], cwd: Path) -> list[Case]:
    spacetime = str(bin_dir / "spacetime")
    commands = (["--help"], ["--version"], ["products", "export", "--help"])

    def timed(args: list[str]) -> Callable[[], Sample]:
        return lambda: timed_command([spacetime, *args], env, cwd)

    return [Case(f"spacetime {' '.join(args)}", timed(args)) for args in commands]


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def report(cases: Sequence[Case], header: str) -> None:
    print(header)
    print()
    print(
        "| case | runs | median wall (s) | min-max wall (s) | median CPU (s) | RSS (MiB) | peak RSS (MiB) |"
    )
    print("|---|---|---|---|---|---|---|")
    for case in cases:
        walls = [sample.wall for sample in case.samples]
        print(
            f"| {case.name} | {len(walls)} | {median(walls):.2f} | {min(walls):.2f}-{max(walls):.2f} "
            f"| {median([sample.cpu for sample in case.samples]):.2f} "
            f"| {median([sample.rss_kib for sample in case.samples]) / 1024:.0f} "
            f"| {median([sample.peak_kib for sample in case.samples]) / 1024:.0f} |"
        )
    print()
    print(
        "RSS: the CLI's peak (GNU time); the server's VmRSS after start, two /readyz and 1 s of rest. "
        "Peak: VmHWM."
    )


def _loads(loads: Sequence[float]) -> str:
    return " ".join(f"{load:.2f}" for load in loads)


def _stop(*_: object) -> None:
    # Once: a second signal must not cut short the cleanup the first one started.
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    sys.exit(143)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--postgres", help="a server's SQLAlchemy URL; a scratch database is made on it")
    parser.add_argument("--products", type=int, default=2000)
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument(
        "--source",
        type=Path,
        action="append",
        help="a checkout whose src/ the children import instead (repeat it to compare checkouts, "
        "each case of each checkout in turn in every round)",
    )
    parser.add_argument("--bytecode-cache", type=Path, help="PYTHONPYCACHEPREFIX for the children")
    parser.add_argument("--no-api", action="store_true", help="the CLI cases only")
    options = parser.parse_args()
    # Stopped with SIGTERM, the server of the running case and the scratch databases go too.
    signal.signal(signal.SIGTERM, _stop)

    bin_dir = Path(sys.executable).parent
    spacetime = str(bin_dir / "spacetime")
    sources: list[Path | None] = [path.resolve() for path in options.source] if options.source else [None]
    postgres_urls: list[str] = []
    with tempfile.TemporaryDirectory(prefix="st_startup_") as scratch:
        cwd = Path(scratch)
        # One list per kind of case, holding that case for each source, so that sources alternate.
        kinds: list[list[Case]] = []
        try:
            for index, source in enumerate(sources):
                suffix = f" [{source.name}]" if len(sources) > 1 and source is not None else ""
                sqlite_env = child_environment(
                    f"sqlite:///{cwd / f'db-{index}.sqlite'}", source, options.bytecode_cache
                )
                cases = cli_cases(bin_dir, sqlite_env, cwd)
                if not options.no_api:
                    seeded(spacetime, sqlite_env, cwd, options.products, options.orders)
                    cases += api_cases("SQLite", bin_dir, sqlite_env, cwd)
                    if options.postgres:
                        postgres_urls.append(create_postgres_database(options.postgres))
                        postgres_env = child_environment(postgres_urls[-1], source, options.bytecode_cache)
                        seeded(spacetime, postgres_env, cwd, options.products, options.orders)
                        cases += api_cases("PostgreSQL", bin_dir, postgres_env, cwd)
                for kind, case in enumerate(cases):
                    case.name += suffix
                    if index == 0:
                        kinds.append([])
                    kinds[kind].append(case)
            every = [case for kind in kinds for case in kind]
            load_before = os.getloadavg()
            if options.bytecode_cache is not None:
                for case in every:
                    case.run()
            for round_number in range(options.rounds):
                ordered = every if round_number % 2 == 0 else list(reversed(every))
                for case in ordered:
                    case.samples.append(case.run())
                    last = case.samples[-1]
                    print(
                        f"round {round_number + 1}: {case.name}: {last.wall:.2f} s wall, "
                        f"{last.cpu:.2f} s CPU, {last.rss_kib / 1024:.0f} MiB",
                        file=sys.stderr,
                    )
            load_after = os.getloadavg()
        finally:
            for url in postgres_urls:
                drop_postgres_database(options.postgres, url)
    bytecode = (
        f"bytecode cached under {options.bytecode_cache}"
        if options.bytecode_cache
        else f"PYTHONDONTWRITEBYTECODE={os.environ.get('PYTHONDONTWRITEBYTECODE', '')!s}"
    )
    checkouts = ", ".join(str(source) for source in sources if source is not None) or "this checkout"
    header = (
        f"{options.rounds} rounds; source {checkouts}; {bytecode}; "
        f"{options.products} products and {options.orders} orders; load average (1, 5, 15 min) "
        f"{_loads(load_before)} before, {_loads(load_after)} after"
    )
    report(every, header)


if __name__ == "__main__":
    main()
