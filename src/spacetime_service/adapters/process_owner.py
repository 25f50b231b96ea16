"""The host and process that own a temporary file or directory, written into its name.

Shared by the adapters that leave such names (spill directories, partial staged uploads), so that a
later process on the same host can tell what a crashed process left from what a live one still writes.
"""

from __future__ import annotations

import os
import socket

import psutil


def host_tag() -> str:
    """This host's name with every character other than a letter or digit as `_` (so never `-`),
    at most 40 characters."""
    return "".join(c if c.isalnum() else "_" for c in socket.gethostname())[:40] or "host"


def process_tag() -> str:
    """`<host>-<pid>` of this process."""
    return f"{host_tag()}-{os.getpid()}"


def is_dead_here(host: str, pid: int) -> bool:
    """Whether `host` is this host and no process `pid` runs on it (the owner crashed)."""
    return host == host_tag() and pid != os.getpid() and not psutil.pid_exists(pid)
