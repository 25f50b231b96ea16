"""Our sqrt_n chunk rule gives the same answers as sqrtspace-spacetime 0.1.0's. The library is not
installed in the project's environment (its `spacetime` console script would replace the service's; see
docs/adr/0001-spacetime-adapter.md): uv runs it in an ephemeral environment of its own, in a child process
whose temporary directory is private to the test, because importing it creates <tempdir>/spacetime."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from spacetime_service.adapters.spacetime.chunk_sizers import SqrtChunkSizer

LIBRARY = "sqrtspace-spacetime==0.1.0"
SIZES = [0, 1, 99, 100, 101, 12_345, 10**6, 10**8 - 1, 10**8, 10**8 + 1, 10**12]

LIBRARY_RULE = f"""
import json
from sqrtspace_spacetime.config import ChunkStrategy, SpaceTimeConfig
config = SpaceTimeConfig(chunk_strategy=ChunkStrategy.SQRT_N, min_chunk_size=10, max_chunk_size=10_000)
print(json.dumps([config.calculate_chunk_size(n) for n in {SIZES!r}]))
"""


def _uv() -> list[str]:
    found = shutil.which("uv")
    return [found] if found else ["python3", "-m", "uv"]


def test_sqrt_n_rule_agrees_with_the_library(tmp_path: Path) -> None:
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    isolated = ["run", "--isolated", "--no-project", "--python", python, "--with", LIBRARY]
    child = subprocess.run(
        [*_uv(), *isolated, "python", "-c", LIBRARY_RULE],
        env={**os.environ, "TMPDIR": str(tmp_path)},
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    library = json.loads(child.stdout.splitlines()[-1])
    ours = SqrtChunkSizer(budget_bytes=2**62, min_rows=10, max_rows=10_000)
    assert [ours.rows_per_chunk(n, 1) for n in SIZES] == library
    assert library[:3] == [10, 10, 10]  # the bounds are really exercised
