"""A setting that cannot be read stops every entrypoint with one line on stderr that names the
variable and what it accepts, no traceback, and exit code 7: real `spacetime` processes, the app
factory as uvicorn and gunicorn's workers call it, gunicorn's master with deploy/gunicorn.conf.py, and
Celery's own tools loading the deployment's Celery app."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from spacetime_service.bootstrap.settings_errors import INVALID_SETTINGS_EXIT_CODE

SPACETIME = str(Path(sys.executable).with_name("spacetime"))
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
CELERY = str(Path(sys.executable).with_name("celery"))
CELERY_APP = "spacetime_service.entrypoints.worker.celery_app"
GUNICORN_CONFIG = Path(__file__).parents[3] / "deploy" / "gunicorn.conf.py"
FACTORY = "from spacetime_service.entrypoints.http.app import create_app; create_app()"
PROCESS_SECONDS = 120

MEMORY_LIMIT = ("SPACETIME_MEMORY_LIMIT", "lots", "a size in bytes")
JOB_RUNNER = ("SPACETIME_JOB_RUNNER", "carrier-pigeon", "one of 'in_process' or 'celery'")
COMPRESSION = ("SPACETIME_COMPRESSION", "rar", "one of 'none' or 'gzip'")


def _run(command: list[str], tmp_path: Path, variable: str, value: str) -> subprocess.CompletedProcess[str]:
    # Run in an empty directory, so that no .env file of the checkout adds settings of its own.
    env = {name: value for name, value in os.environ.items() if not name.startswith("SPACETIME_")}
    env.update({"DATABASE_URL": f"sqlite:///{tmp_path / 'unused.db'}", variable: value})
    return subprocess.run(
        command, check=False, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=PROCESS_SECONDS
    )


@pytest.mark.parametrize(
    ("command", "setting"),
    [
        pytest.param([SPACETIME, "serve", "--no-demo"], MEMORY_LIMIT, id="serve"),
        pytest.param([SPACETIME, "worker"], JOB_RUNNER, id="worker"),
        pytest.param([SPACETIME, "jobs", "list"], COMPRESSION, id="jobs-list"),
        pytest.param([sys.executable, "-c", FACTORY], JOB_RUNNER, id="app-factory"),
        pytest.param([GUNICORN, "-c", str(GUNICORN_CONFIG)], MEMORY_LIMIT, id="gunicorn"),
        pytest.param([CELERY, "-A", CELERY_APP, "inspect", "ping"], COMPRESSION, id="celery-tools"),
    ],
)
def test_a_bad_setting_is_one_line_naming_the_variable(
    tmp_path: Path, command: list[str], setting: tuple[str, str, str]
) -> None:
    variable, value, accepts = setting
    finished = _run(command, tmp_path, variable, value)

    assert finished.returncode == INVALID_SETTINGS_EXIT_CODE, finished.stderr
    assert "Traceback" not in finished.stderr
    [line] = finished.stderr.splitlines()
    assert line.startswith(f"spacetime: {variable}: ")
    assert accepts in line
    assert line.endswith(f"(got {value!r})")
    assert finished.stdout == ""
