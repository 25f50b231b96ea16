"""Reading the container's memory limit from cgroup files (real files laid out as the kernel does)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacetime_service.adapters.spacetime.cgroup_memory_limit import cgroup_memory_limit

if TYPE_CHECKING:
    from pathlib import Path


def layout(tmp_path: Path, files: dict[str, str], self_cgroup: str = "0::/\n") -> tuple[Path, Path]:
    root = tmp_path / "sys-fs-cgroup"
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)
    proc = tmp_path / "proc-self-cgroup"
    proc.write_text(self_cgroup)
    return root, proc


def test_v2_limit_at_the_mount_root(tmp_path: Path) -> None:
    assert cgroup_memory_limit(*layout(tmp_path, {"memory.max": "268435456\n"})) == 268435456


def test_v2_without_a_limit(tmp_path: Path) -> None:
    assert cgroup_memory_limit(*layout(tmp_path, {"memory.max": "max\n"})) is None


def test_v2_takes_the_tightest_level_on_the_process_path(tmp_path: Path) -> None:
    files = {"memory.max": "max", "app.slice/memory.max": "1000000", "app.slice/web/memory.max": "3000000"}
    assert cgroup_memory_limit(*layout(tmp_path, files, "0::/app.slice/web\n")) == 1000000


def test_v2_path_missing_under_the_mount_falls_back_to_the_root(tmp_path: Path) -> None:
    assert cgroup_memory_limit(*layout(tmp_path, {"memory.max": "5000000"}, "0::/docker/abc\n")) == 5000000


def test_v1_limit(tmp_path: Path) -> None:
    self_cgroup = "5:memory:/docker/abc\n4:cpu,cpuacct:/docker/abc\n"
    files = {"memory/memory.limit_in_bytes": "536870912\n"}
    assert cgroup_memory_limit(*layout(tmp_path, files, self_cgroup)) == 536870912


def test_v1_unlimited_is_the_huge_page_aligned_maximum(tmp_path: Path) -> None:
    files = {"memory/memory.limit_in_bytes": "9223372036854771712\n"}
    assert cgroup_memory_limit(*layout(tmp_path, files, "4:memory:/x\n")) is None


def test_no_cgroup_files_at_all(tmp_path: Path) -> None:
    assert cgroup_memory_limit(tmp_path / "absent", tmp_path / "absent-too") is None


def test_a_malformed_proc_file_falls_back_to_the_mount_root(tmp_path: Path) -> None:
    assert cgroup_memory_limit(*layout(tmp_path, {"memory.max": "7000000"}, "garbage\n")) == 7000000
