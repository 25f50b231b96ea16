"""Times a product import over HTTP against each database's own bulk path, and the server's peak memory.

    uv run --frozen python bench/import_http.py --postgres postgresql://postgres@127.0.0.1:5432/postgres \
        --rows 200000 --rows 1000000 --runs 3 [--compare-src /path/to/an/older/checkout]

For SQLite (a file in a temporary folder) and PostgreSQL (a database of its own, dropped at the end) it
writes a CSV of --rows new products and, in --runs rounds on an emptied catalog:
- the tool: `sqlite3` `.import` into a table, or `psql` `\\copy` into a temporary table, then one
  `INSERT ... SELECT ... ON CONFLICT (sku) DO UPDATE` into `products`;
- the service: `curl --data-binary @file` to `POST /products/import` on one uvicorn process (its answer
  comes once the upload is checked and staged), then the job polled until it ends; the same file once
  more, every row now unchanged. With --compare-src, a second uvicorn serves that source tree
  ("before"), and each round runs the tool, the older server and this one, in turn.
Prints one line per measurement and a Markdown table of medians; "rate vs tool" is the tool's time over
the service's whole import (answer plus job). Beside the times it reports CPU seconds (user + system,
from /proc): the server process's (or the sqlite3/psql client's), and on PostgreSQL the database's:
the server's pooled backends on the benchmark's database, or the tool's own backend, which reads its
/proc entry before it ends (other work on the same PostgreSQL server does not count).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from functools import partial
from pathlib import Path

import httpx
import psycopg
from sqlalchemy import text

from export_http import peak_during, postgres_database, server
from spacetime_service.adapters.sqlalchemy.engine import create_database_engine
from spacetime_service.adapters.sqlalchemy.migrations import upgrade_to_head
from spacetime_service.domain.catalog import CATEGORIES

_UPSERT = (
    "INSERT INTO products (sku, name, description, category, price, stock, created_at, updated_at)"
    " SELECT sku, name, description, category, CAST(ROUND(CAST(price AS NUMERIC) * 100) AS BIGINT),"
    " CAST(stock AS INTEGER), {now}, {now} FROM {source} WHERE true"
    " ON CONFLICT (sku) DO UPDATE SET name = excluded.name, description = excluded.description,"
    " category = excluded.category, price = excluded.price, stock = excluded.stock,"
    " updated_at = excluded.updated_at"
)


_TICK = os.sysconf("SC_CLK_TCK")


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system) of a process."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _TICK  # utime, stime


def database_cpu(url: str) -> float:
    """CPU seconds of the live backends on `url`'s database (the server's pool); 0 for SQLite."""
    if url.startswith("sqlite"):
        return 0.0
    plain = url.replace("postgresql+psycopg://", "postgresql://", 1)
    with psycopg.connect(plain, autocommit=True) as connection:
        me = connection.info.backend_pid
        rows = connection.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> %s", (me,)
        ).fetchall()
    total = 0.0
    for (pid,) in rows:
        try:
            total += process_cpu(pid)
        except FileNotFoundError:
            continue  # ended since
    return total


def write_csv(path: Path, rows: int) -> None:
    rng = random.Random(7)
    with path.open("w", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(["sku", "name", "description", "category", "price", "stock"])
        for index in range(rows):
            category = CATEGORIES[index % len(CATEGORIES)]
            price = f"{rng.randint(1, 9_999_999) / 100:.2f}"
            description = f'A "nice", thing number {index}'
            writer.writerow(
                [f"IMP-{index:08d}", f"Product {index}", description, category, price, rng.randint(0, 500)]
            )


def empty_catalog(url: str) -> None:
    engine = create_database_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM products"))
    engine.dispose()


def product_count(url: str) -> int:
    engine = create_database_engine(url)
    with engine.connect() as connection:
        count = int(connection.execute(text("SELECT count(*) FROM products")).scalar_one())
    engine.dispose()
    return count


def tool(url: str, csv_path: Path, workdir: Path) -> tuple[float, float, float]:
    """Seconds, the client's CPU seconds and the database's (PostgreSQL)."""
    if url.startswith("sqlite"):
        database = url.removeprefix("sqlite:///")
        # A new table takes its column names from the header row.
        upsert = _UPSERT.format(now="'2026-01-01 00:00:00.000000'", source="staging")
        script = f".mode csv\n.import {csv_path} staging\n{upsert};\nDROP TABLE staging;\n"
        command = ["sqlite3", database]
    else:
        plain = url.replace("postgresql+psycopg://", "postgresql://", 1)
        # The backend prints its own utime and stime (clock ticks) from /proc before it ends.
        script = (
            "CREATE TEMPORARY TABLE staging (sku text, name text, description text, category text,"
            " price text, stock text);\n"
            f"\\copy staging FROM '{csv_path}' WITH (FORMAT csv, HEADER true)\n"
            f"{_UPSERT.format(now='now()', source='staging')};\n"
            "SELECT array_to_string((string_to_array(split_part(pg_read_file('/proc/' || pg_backend_pid()"
            " || '/stat'), ') ', 2), ' '))[12:13], ' ');\n"
        )
        command = ["psql", "-q", "-At", "-v", "ON_ERROR_STOP=1", plain]
    client = os.times()
    started = time.perf_counter()
    output = subprocess.run(
        command, input=script, text=True, check=True, cwd=workdir, capture_output=True
    ).stdout.split()
    elapsed = time.perf_counter() - started
    ended = os.times()
    client_cpu = ended.children_user - client.children_user + ended.children_system - client.children_system
    backend_cpu = (int(output[-2]) + int(output[-1])) / _TICK if not url.startswith("sqlite") else 0.0
    return elapsed, client_cpu, backend_cpu


def service_import(base: str, csv_path: Path, pid: int, url: str) -> tuple[float, float, dict[str, float]]:
    """Seconds to the 202 answer, seconds to the job's end, and the job's counts with the CPU seconds
    of the server and the database up to the answer and after it."""
    server, database = process_cpu(pid), database_cpu(url)
    started = time.perf_counter()
    answer = subprocess.run(
        ["curl", "-sS", "--fail", "-X", "POST", "-H", "Content-Type: text/csv",
         "--data-binary", f"@{csv_path}", f"{base}/products/import"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    accepted = time.perf_counter() - started
    server_answer, database_answer = process_cpu(pid), database_cpu(url)
    job_id = json.loads(answer)["id"]
    while True:
        job = httpx.get(f"{base}/jobs/{job_id}", timeout=30).json()
        if job["status"] in {"succeeded", "failed", "cancelled"}:
            break
        time.sleep(0.05)
    total = time.perf_counter() - started
    if job["status"] != "succeeded":
        raise RuntimeError(f"the import ended {job['status']}: {job['error']}")
    counts: dict[str, float] = json.loads(job["result_ref"])
    counts["server cpu: answer"] = server_answer - server
    counts["server cpu: job"] = process_cpu(pid) - server_answer
    counts["database cpu: answer"] = database_answer - database
    counts["database cpu: job"] = database_cpu(url) - database_answer
    return accepted, total, counts


def bench(name: str, url: str, rows: int, runs: int, workdir: Path, compare_src: Path | None) -> list[str]:
    upgrade_to_head(url)
    csv_path = workdir / f"products-{rows}.csv"
    if not csv_path.exists():
        write_csv(csv_path, rows)
    servers: list[tuple[str, dict[str, str]]] = [("service", {})]
    if compare_src is not None:
        servers.insert(0, ("before", {"PYTHONPATH": str(compare_src / "src")}))
    times: dict[str, list[float]] = {}
    peaks: dict[str, float] = {}
    with ExitStack() as stack:
        running = []
        for label, extra in servers:
            # The servers share the database, and so the job table: each runner must claim only the
            # jobs of its own server, which wake it at once. A poll would let it take the other's.
            env = {
                "SPACETIME_IMPORT_STAGING": str(workdir / f"staging-{label}"),
                "SPACETIME_POLL_SECONDS": "3600",
                **extra,
            }
            running.append((label, *stack.enter_context(server(url, workdir, env))))
        # Contenders alternate within each round: the tool, then each server on an emptied catalog.
        for _ in range(runs):
            empty_catalog(url)
            elapsed, client_cpu, tool_database_cpu = tool(url, csv_path, workdir)
            times.setdefault("tool", []).append(elapsed)
            times.setdefault("tool: client cpu", []).append(client_cpu)
            times.setdefault("tool: database cpu", []).append(tool_database_cpu)
            print(f"{name} {rows} tool: {elapsed:.2f} s, cpu {client_cpu:.2f} s, database cpu"
                  f" {tool_database_cpu:.2f} s", file=sys.stderr)  # fmt: skip
            if product_count(url) != rows:
                raise RuntimeError("the tool did not load every row")
            for label, base, pid in running:
                empty_catalog(url)
                for kind in ("new rows", "unchanged rows"):
                    (accepted, total, counts), run_peak = peak_during(
                        pid, partial(service_import, base, csv_path, pid, url)
                    )
                    peaks[label] = max(peaks.get(label, 0.0), run_peak)
                    times.setdefault(f"{label}, {kind}: answer", []).append(accepted)
                    times.setdefault(f"{label}, {kind}: whole import", []).append(total)
                    for part in ("server cpu", "database cpu"):
                        spent = counts[f"{part}: answer"] + counts[f"{part}: job"]
                        times.setdefault(f"{label}, {kind}: {part}", []).append(spent)
                    print(f"{name} {rows} {label} {kind}: {accepted:.2f} s, {total:.2f} s, {counts}",
                          file=sys.stderr)  # fmt: skip
    tool_time = statistics.median(times["tool"])
    tool_cpu = statistics.median(times["tool: client cpu"])
    tool_database = statistics.median(times["tool: database cpu"])
    lines = [
        f"| {name} | {rows:,} | tool (bulk load + one upsert) | {tool_time:.2f} s | | {tool_cpu:.2f} s"
        f" | {tool_database:.2f} s | 1.00 |"
    ]
    for label, _ in servers:
        for kind in ("new rows", "unchanged rows"):
            answer = statistics.median(times[f"{label}, {kind}: answer"])
            whole = statistics.median(times[f"{label}, {kind}: whole import"])
            server_cpu = statistics.median(times[f"{label}, {kind}: server cpu"])
            database = statistics.median(times[f"{label}, {kind}: database cpu"])
            lines.append(
                f"| {name} | {rows:,} | {label}, {kind} | {whole:.2f} s (202 after {answer:.2f} s)"
                f" | {peaks[label]:.1f} MiB | {server_cpu:.2f} s | {database:.2f} s"
                f" | {tool_time / whole:.2f} |"
            )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", help="an admin URL of a PostgreSQL server; skipped when absent")
    parser.add_argument("--rows", type=int, action="append", help="products per file (repeatable)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only")
    parser.add_argument("--compare-src", type=Path, help="another source tree, served too as 'before'")
    args = parser.parse_args()
    lines = ["| database | products | import | median time | server peak RSS | client/server CPU"
             " | database CPU | rate vs tool |", "|---|---:|---|---:|---:|---:|---:|---:|"]  # fmt: skip
    for rows in args.rows or [200_000]:
        with tempfile.TemporaryDirectory(prefix="import-http-") as folder:
            workdir = Path(folder)
            if not args.no_sqlite:
                url = f"sqlite:///{workdir / 'bench.db'}"
                lines += bench("SQLite", url, rows, args.runs, workdir, args.compare_src)
            if args.postgres:
                with postgres_database(args.postgres, "st_import_bench", keep=False) as url:
                    lines += bench("PostgreSQL", url, rows, args.runs, workdir, args.compare_src)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
