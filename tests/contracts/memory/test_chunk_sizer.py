"""What every √n ChunkSizer does, the service's own and sqrtspace-spacetime's (the optional adapter):
the same answers, within bounds and the byte budget, at least one row."""

from __future__ import annotations

import math
import os
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from spacetime_service.adapters.spacetime.chunk_sizers import SqrtChunkSizer
from spacetime_service.adapters.sqrtspace.chunk_sizer import LibraryChunkSizer
from tests.support.test_artifacts import sqrtspace_library

if TYPE_CHECKING:
    from pathlib import Path

    from spacetime_service.application.ports.chunk_sizer import ChunkSizer

MIN_ROWS, MAX_ROWS = 100, 100_000
BUDGET = 10**9
SIZES = [0, 1, 99, 100, 101, 10_000, 12_345, 10**6, 10**8 - 1, 10**8, 10**8 + 1, 10**10, 10**12]


def _sizer(kind: str, budget: int, tmp_path: Path) -> ChunkSizer:
    if kind == "builtin":
        return SqrtChunkSizer(budget_bytes=budget, min_rows=MIN_ROWS, max_rows=MAX_ROWS)
    sqrtspace_library()
    return LibraryChunkSizer(
        budget_bytes=budget, min_rows=MIN_ROWS, max_rows=MAX_ROWS, private_dir=tmp_path / "lib"
    )


@pytest.fixture(params=["builtin", "sqrtspace"])
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def test_about_the_square_root_within_the_bounds(kind: str, tmp_path: Path) -> None:
    sizer = _sizer(kind, BUDGET, tmp_path)
    for n in SIZES:
        assert sizer.rows_per_chunk(n, 1) == max(MIN_ROWS, min(math.isqrt(n), MAX_ROWS)), n


def test_an_unknown_size_takes_the_most(kind: str, tmp_path: Path) -> None:
    assert _sizer(kind, BUDGET, tmp_path).rows_per_chunk(None, 1) == MAX_ROWS


def test_the_byte_budget_caps_the_rows_but_never_below_one(kind: str, tmp_path: Path) -> None:
    sizer = _sizer(kind, 50_000, tmp_path)
    assert sizer.rows_per_chunk(10**12, 100) == 500
    assert sizer.rows_per_chunk(10**12, 10**9) == 1


def test_chunks_never_shrink_as_the_input_grows(kind: str, tmp_path: Path) -> None:
    sizer = _sizer(kind, BUDGET, tmp_path)
    answers = [sizer.rows_per_chunk(n, 1) for n in SIZES]
    assert answers == sorted(answers)


def test_the_librarys_import_makes_its_directory_in_the_private_one_only(tmp_path: Path) -> None:
    # A fresh interpreter, since the library is imported once per process.
    library = sqrtspace_library()
    system_tmp, private = tmp_path / "tmp", tmp_path / "private"
    system_tmp.mkdir()
    script = (
        "import sys; from pathlib import Path; "
        f"sys.path.append({str(library)!r}); "
        "from spacetime_service.adapters.sqrtspace.chunk_sizer import LibraryChunkSizer; "
        f"LibraryChunkSizer(budget_bytes=1, min_rows=1, max_rows=2, private_dir=Path({str(private)!r}))"
    )
    subprocess.run([sys.executable, "-c", script], check=True, env={**os.environ, "TMPDIR": str(system_tmp)})
    assert (private / "spacetime").is_dir()
    assert private.stat().st_mode & 0o777 == 0o700
    assert list(system_tmp.iterdir()) == []
