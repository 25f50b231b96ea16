"""Our sqrt_n chunk rule gives the same answers as sqrtspace-spacetime 0.1.0's. The library is not
installed in the project's environment (its `spacetime` console script would replace the service's; see
docs/adr/0001-spacetime-adapter.md): uv runs it in an ephemeral environment of its own, in a child process
whose temporary directory is private to the test, because importing it creates <tempdir>/spacetime.

uv downloads the library from the package index, so the test is skipped when the index (or the proxy
in front of it) cannot be reached."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import urllib.request
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

from spacetime_service.adapters.spacetime.chunk_sizers import SqrtChunkSizer

if TYPE_CHECKING:
    from pathlib import Path

LIBRARY = "sqrtspace-spacetime==0.1.0"
DEFAULT_INDEX = "https://pypi.org/simple"
CONNECT_SECONDS = 5.0
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


def _index_url() -> str:
    """The index uv would download from: the one named by its environment, or PyPI."""
    for name in ("UV_DEFAULT_INDEX", "UV_INDEX_URL"):
        if os.environ.get(name):
            return os.environ[name]
    return DEFAULT_INDEX


def _first_hop(url: str) -> tuple[str, int]:
    """The host and port uv opens a connection to for `url`: the proxy in front of it, if any."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    proxy = urllib.request.getproxies().get(parts.scheme)
    if proxy and not urllib.request.proxy_bypass(host):
        parts = urlsplit(proxy if "://" in proxy else f"http://{proxy}")
        host = parts.hostname or ""
    return host, parts.port or (443 if parts.scheme == "https" else 80)


def _require_index() -> None:
    index = _index_url()
    host, port = _first_hop(index)
    try:
        socket.create_connection((host, port), timeout=CONNECT_SECONDS).close()
    except OSError as error:
        pytest.skip(f"needs the package index {index} ({host}:{port}) to download {LIBRARY}: {error}")


def test_sqrt_n_rule_agrees_with_the_library(tmp_path: Path) -> None:
    _require_index()
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
