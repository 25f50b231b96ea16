"""The memory limit of the container (cgroup) this process runs in, if it has one."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

# cgroup v1 writes "no limit" as the largest page-aligned signed 64-bit number; anything this large is
# no limit in practice.
_UNLIMITED_FROM = 1 << 60


def cgroup_memory_limit(
    cgroup_root: Path = Path("/sys/fs/cgroup"), self_cgroup: Path = Path("/proc/self/cgroup")
) -> int | None:
    """The tightest memory limit in bytes over this process's cgroup and its ancestors, or None.

    cgroup v2 (`memory.max`, "max" when unlimited) is read first, then v1 (`memory/memory.limit_in_bytes`).
    The process's own cgroup path comes from /proc/self/cgroup; inside a container that path may not
    exist under the mount (the mount is then the container's own cgroup), so every existing level from
    that path up to the mount root counts.
    """
    paths = _cgroup_paths(self_cgroup)
    v2 = _tightest(cgroup_root, paths.get("", "/"), "memory.max")
    if v2 is not None:
        return v2
    return _tightest(cgroup_root / "memory", paths.get("memory", "/"), "memory.limit_in_bytes")


def _cgroup_paths(self_cgroup: Path) -> dict[str, str]:
    """Controller name ("" for the v2 hierarchy) -> the process's path in that hierarchy."""
    try:
        lines = self_cgroup.read_text().splitlines()
    except OSError:
        return {}
    paths: dict[str, str] = {}
    for line in lines:
        fields = line.split(":", 2)
        if len(fields) == 3:
            _, controllers, path = fields
            for controller in controllers.split(",") if controllers else [""]:
                paths[controller] = path
    return paths


def _tightest(mount: Path, cgroup_path: str, file_name: str) -> int | None:
    relative = PurePosixPath(cgroup_path.lstrip("/"))
    levels = [relative, *relative.parents] if relative.parts else [relative]
    limits = [limit for level in levels if (limit := _read_limit(mount / level / file_name)) is not None]
    return min(limits, default=None)


def _read_limit(path: Path) -> int | None:
    try:
        text = path.read_text().strip()
    except OSError:
        return None
    if not text.isdigit():
        return None  # "max" (v2 without a limit) or something unexpected
    limit = int(text)
    return limit if limit < _UNLIMITED_FROM else None
