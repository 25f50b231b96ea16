"""deploy/nginx.conf under a real nginx: the file as docker-compose mounts it, inside a minimal main
configuration (docker's nginx image includes conf.d files in its http block the same way).

Two lines are pointed elsewhere, as the test needs: nginx resolves upstream names when it loads its
configuration, and docker-compose's `api` does not exist here, so the upstream is a loopback port; and
it listens on a free loopback port instead of 80. Everything else is the deployed file as it is. The
main configuration may give nginx an address of its own towards the upstream (`proxy_bind`), as
docker-compose gives its nginx a fixed address for SPACETIME_TRUSTED_PROXIES to name.
"""

from __future__ import annotations

import subprocess
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import httpx

from tests.support.uvicorn_server import free_port, stop_process
from tests.support.waiting import wait_until

if TYPE_CHECKING:
    from collections.abc import Iterator

SITE = Path(__file__).resolve().parents[2] / "deploy" / "nginx.conf"
UPSTREAM_LINE = "server api:8000;"
LISTEN_LINE = "listen 80;"


def write_configuration(
    workdir: Path, *, upstream_port: int, listen_port: int, source_address: str | None = None
) -> Path:
    """The main configuration file, with the deployed site beside it; returns the main file. With
    `source_address`, nginx connects to the upstream from that (loopback) address."""
    site = SITE.read_text()
    assert site.count(UPSTREAM_LINE) == 1, "the upstream line moved; update this harness"
    assert site.count(LISTEN_LINE) == 1, "the listen line moved; update this harness"
    site = site.replace(UPSTREAM_LINE, f"server 127.0.0.1:{upstream_port};")
    site = site.replace(LISTEN_LINE, f"listen 127.0.0.1:{listen_port};")
    (workdir / "default.conf").write_text(site)
    temp = workdir / "temp"
    temp.mkdir(exist_ok=True)
    bind = "" if source_address is None else f"proxy_bind {source_address};"
    main = workdir / "nginx.conf"
    main.write_text(
        f"""
pid {workdir / "nginx.pid"};
error_log {workdir / "error.log"} warn;
events {{}}
http {{
    access_log off;
    client_body_temp_path {temp / "body"};
    proxy_temp_path {temp / "proxy"};
    fastcgi_temp_path {temp / "fastcgi"};
    uwsgi_temp_path {temp / "uwsgi"};
    scgi_temp_path {temp / "scgi"};
    {bind}
    include {workdir / "default.conf"};
}}
"""
    )
    return main


def check_configuration(nginx: str, workdir: Path) -> subprocess.CompletedProcess[str]:
    """`nginx -t` of the deployed site (upstream on an unused loopback port: -t does not connect)."""
    main = write_configuration(workdir, upstream_port=free_port(), listen_port=free_port())
    command = [nginx, "-t", "-p", str(workdir), "-c", str(main)]
    return subprocess.run(command, capture_output=True, text=True, check=False, timeout=60)


@contextmanager
def nginx_in_front_of(
    nginx: str, workdir: Path, upstream_port: int, *, source_address: str | None = None
) -> Iterator[str]:
    """A running nginx with the deployed site, proxying to `upstream_port` (from `source_address`, when
    given); yields its base URL."""
    listen_port = free_port()
    main = write_configuration(
        workdir, upstream_port=upstream_port, listen_port=listen_port, source_address=source_address
    )
    command = [nginx, "-p", str(workdir), "-c", str(main), "-g", "daemon off;"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base_url = f"http://127.0.0.1:{listen_port}"

    def answering() -> bool | None:
        if process.poll() is not None:
            raise RuntimeError(
                f"nginx exited with {process.returncode}: {(workdir / 'error.log').read_text()}"
            )
        try:
            httpx.get(f"{base_url}/livez", timeout=1.0)
        except httpx.TransportError:
            return None
        return True

    try:
        wait_until(answering, "nginx answering", seconds=30)
        yield base_url
    finally:
        stop_process(process)
