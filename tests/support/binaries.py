"""Programs the deployment tests run for real (nginx, promtool). In CI (CI=true) a missing one fails the
run, since .ci/run installs them; elsewhere its tests are skipped with a message that says how to get it."""

from __future__ import annotations

import shutil

import pytest

from tests.support.servers import IN_CI


def required_binary(name: str, debian_package: str) -> str:
    """The path of `name`, or a skip (a failure in CI) when it is not installed."""
    found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin:/sbin:/bin")
    if found is not None:
        return found
    message = f"{name} is not installed; `apt-get install {debian_package}` to run these tests"
    if IN_CI:
        pytest.fail(f"{message} [CI requires it]", pytrace=False)
    pytest.skip(message)
