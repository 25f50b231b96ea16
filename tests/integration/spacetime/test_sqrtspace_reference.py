"""Our sqrt_n chunk rule gives the same answers as sqrtspace-spacetime 0.1.0's, which we do not import
in the service (see docs/adr/0001-spacetime-adapter.md); the library runs in a child process whose
temporary directory is private to the test, because importing it creates <tempdir>/spacetime."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from spacetime_service.adapters.spacetime.chunk_sizers import SqrtChunkSizer

SIZES = [0, 1, 99, 100, 101, 12_345, 10**6, 10**8 - 1, 10**8, 10**8 + 1, 10**12]

LIBRARY_RULE = f"""
import json
from sqrtspace_spacetime.config import ChunkStrategy, SpaceTimeConfig
config = SpaceTimeConfig(chunk_strategy=ChunkStrategy.SQRT_N, min_chunk_size=10, max_chunk_size=10_000)
print(json.dumps([config.calculate_chunk_size(n) for n in {SIZES!r}]))
"""


def test_sqrt_n_rule_agrees_with_the_library(tmp_path: Path) -> None:
    child = subprocess.run(
        [sys.executable, "-c", LIBRARY_RULE],
        env={**os.environ, "TMPDIR": str(tmp_path)},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    library = json.loads(child.stdout.splitlines()[-1])
    ours = SqrtChunkSizer(budget_bytes=2**62, min_rows=10, max_rows=10_000)
    assert [ours.rows_per_chunk(n, 1) for n in SIZES] == library
    assert library[:3] == [10, 10, 10]  # the bounds are really exercised
