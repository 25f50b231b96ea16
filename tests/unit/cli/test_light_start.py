"""`spacetime --help` loads no adapter: the container (and with it SQLAlchemy, scikit-learn, Celery)
is imported only by a command that runs. Checked in a fresh interpreter, by what it imported."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("sqlalchemy", "sklearn", "celery", "skops", "spacetime_service.bootstrap.containers.root")


def test_help_imports_no_adapter() -> None:
    script = (
        "import json, sys\n"
        "from typer.testing import CliRunner\n"
        "from spacetime_service.entrypoints.cli.main import app\n"
        "result = CliRunner().invoke(app, ['--help'])\n"
        f"print(json.dumps([result.exit_code, [m for m in {HEAVY!r} if m in sys.modules]]))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    exit_code, loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert exit_code == 0
    assert loaded == []
