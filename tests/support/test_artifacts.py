"""What scripts/test prepares beside the venv for the tests that need it: the service's wheel
(.venv/dist) and the sqrtspace-spacetime library at the extra's locked version (.venv/opt/sqrtspace,
kept out of the venv, whose bin/ would get the library's `spacetime` script). A test that finds one
missing fails in CI and is skipped elsewhere, saying how to make it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.support.servers import IN_CI

ROOT = Path(__file__).resolve().parents[2]
WHEELS = ROOT / ".venv" / "dist"
LIBRARY = ROOT / ".venv" / "opt" / "sqrtspace"
HOW = "run scripts/test, which builds it"


def _missing(what: str) -> None:
    message = f"{what} is missing; {HOW}"
    if IN_CI:
        pytest.fail(f"{message} [CI requires it]", pytrace=False)
    pytest.skip(message)


def built_wheel() -> Path:
    wheels = sorted(WHEELS.glob("spacetime_service-*.whl"))
    if not wheels:
        _missing(f"the service's wheel in {WHEELS}")
    return wheels[-1]


def sqrtspace_library() -> Path:
    """The library's directory, appended to sys.path (after the venv, so the venv's packages win)."""
    if not (LIBRARY / "sqrtspace_spacetime" / "__init__.py").is_file():
        _missing(f"sqrtspace-spacetime in {LIBRARY}")
    if str(LIBRARY) not in sys.path:
        sys.path.append(str(LIBRARY))
    return LIBRARY
