"""gunicorn settings for production: uvicorn workers, graceful timeouts for long streams, and
Prometheus multiprocess mode. Run: `gunicorn -c deploy/gunicorn.conf.py`."""

import os
import shutil
import tempfile
from pathlib import Path

from spacetime_service.bootstrap.server_workers import plan_from_environment

wsgi_app = "spacetime_service.entrypoints.http.app:create_app()"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Each worker's app judges the loopback rule (no authentication configured: loopback only) by
# SPACETIME_HOST, so it must name the address bound here, not the default 127.0.0.1.
os.environ["SPACETIME_HOST"] = bind.rpartition(":")[0].strip("[]") or bind
worker_class = "uvicorn_worker.UvicornWorker"
# Streams are I/O bound: GUNICORN_WORKERS, else 2 per core plus one, but only as many as the container's
# memory limit holds at GUNICORN_WORKER_MIN_MEMORY each; each worker's SPACETIME_MEMORY_LIMIT is its
# share of that limit (after GUNICORN_MASTER_MEMORY for this process) unless set explicitly. Every
# setting is checked here: a bad one stops gunicorn with one line (exit code 7) before any worker starts.
_plan = plan_from_environment()
workers = _plan.workers
if _plan.memory_limit_bytes is not None:
    os.environ["SPACETIME_MEMORY_LIMIT"] = str(_plan.memory_limit_bytes)  # the workers inherit it
# A stream of millions of rows must not be cut by the worker timeout; heartbeats keep workers alive.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "60"))
keepalive = 5
# Recycle workers now and then so that fragmentation cannot grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = 500
# The reverse proxies whose X-Forwarded-For names the client (addresses or CIDR networks, comma-separated);
# the same setting as `spacetime serve`'s. From any other address the header is ignored.
forwarded_allow_ips = os.environ.get("SPACETIME_TRUSTED_PROXIES", "127.0.0.1")
accesslog = None  # the app logs requests itself, as JSON
preload_app = False  # each worker builds its own engine and pools after the fork


def on_starting(_server):  # type: ignore[no-untyped-def]  # gunicorn's hook signature
    """Every worker writes its Prometheus samples to files in PROMETHEUS_MULTIPROC_DIR, which /metrics
    adds up, so a scrape sees the whole server. Set before any worker starts (they inherit it), and
    emptied: files of an earlier run (a restarted container keeps its /tmp) would add old counts and
    the gauges of pids that no longer run."""
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if not directory:
        directory = tempfile.mkdtemp(prefix="spacetime-prometheus-")
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = directory
    shutil.rmtree(directory, ignore_errors=True)
    Path(directory).mkdir(parents=True, exist_ok=True)


def child_exit(server, worker):  # type: ignore[no-untyped-def]  # gunicorn's hook signature
    """Drops a dead worker's Prometheus files so that its gauges stop counting."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
