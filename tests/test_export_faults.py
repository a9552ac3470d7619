"""Output faults: a read-only target, a full disk, a file held open, a failure while moving into
place, unreadable attachments. After each: the earlier bundle and the user's files are as they
were, no temporary folder is left, and the message is Chinese.

Real faults use a small tmpfs mounted for the test (read-only by remount); where mounting is not
allowed the real-fault tests skip and the simulated ones (an OS call raising the errno) still run.
"""
from __future__ import annotations

import errno
import hashlib
import math
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from exporters import bundle, bundle_swap
from exporters.bundle import AttachmentUnreadable, ExportFailed, ExportRefused, export_bundle
from forms.project import Project
from forms.project_file import load_project
from forms.rules import check_project

ENGLISH = ("Read-only", "No space", "Permission denied", "Errno", "busy", "Device or resource")


@pytest.fixture
def project_file(one_group_file: Path) -> Path:
    return one_group_file


def _snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _retitle(project_file: Path) -> Project:
    project = load_project(project_file)
    project.group_achievements[0].title += "（修订）"
    return project


def _assert_chinese(message: str, *expected: str) -> None:
    assert all(word in message for word in expected), message
    assert not any(word in message for word in ENGLISH), message


def _mount(where: Path, request: pytest.FixtureRequest, size: int) -> Path:
    where.mkdir()
    if os.name != "posix" or shutil.which("mount") is None:
        pytest.skip("no mount command on this system")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"mounting a small file system is not allowed here: {done.stderr.strip()}")
    request.addfinalizer(lambda: subprocess.run(["umount", "-l", str(where)], capture_output=True))
    return where


def _earlier_bundle(project_file: Path, out: Path) -> dict[str, str]:
    export_bundle(load_project(project_file), out, base_dir=project_file.parent)
    (out / "盖章页.pdf").write_bytes(b"stamped")
    return _snapshot(out)


# ---- a read-only target ----------------------------------------------------------------------

def test_read_only_file_system(project_file: Path, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    mount = _mount(tmp_path / "u盘", request, 64 << 20)
    out = mount / "申报包"
    before = _earlier_bundle(project_file, out)
    subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
    with pytest.raises(ExportFailed) as failed:
        export_bundle(_retitle(project_file), out, base_dir=project_file.parent)
    _assert_chinese(str(failed.value), "无法写入申报包", "只读")
    assert _snapshot(out) == before and os.listdir(mount) == ["申报包"]


def test_read_only_simulated(project_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "申报包"
    before = _earlier_bundle(project_file, out)

    def read_only(*args: object, **kwargs: object) -> str:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(bundle.tempfile, "mkdtemp", read_only)
    with pytest.raises(ExportFailed) as failed:
        export_bundle(_retitle(project_file), out, base_dir=project_file.parent)
    _assert_chinese(str(failed.value), "只读")
    assert _snapshot(out) == before and sorted(os.listdir(tmp_path)) == ["proj", "申报包"]


# ---- a full disk -----------------------------------------------------------------------------

def _blocks(folder: Path) -> int:
    return sum(math.ceil(p.stat().st_size / 4096) * 4096 + 4096 for p in folder.rglob("*"))


def test_full_disk(project_file: Path, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    probe = tmp_path / "probe"
    export_bundle(load_project(project_file), probe, base_dir=project_file.parent)
    size = _blocks(probe) * 3 // 2          # room for one bundle, not for a second beside it
    mount = _mount(tmp_path / "小盘", request, size)
    out = mount / "申报包"
    before = _earlier_bundle(project_file, out)
    with pytest.raises(ExportFailed) as failed:
        export_bundle(_retitle(project_file), out, base_dir=project_file.parent, make_zip=True)
    _assert_chinese(str(failed.value), "磁盘空间不足")
    assert _snapshot(out) == before and os.listdir(mount) == ["申报包"]


def test_full_disk_simulated(project_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "申报包"
    before = _earlier_bundle(project_file, out)
    real = bundle.write_pdf
    calls: list[int] = []

    def full_after_one(layout: object, path: object) -> None:
        calls.append(1)
        if len(calls) > 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(layout, path)  # type: ignore[arg-type]

    monkeypatch.setattr(bundle, "write_pdf", full_after_one)
    with pytest.raises(ExportFailed) as failed:
        export_bundle(_retitle(project_file), out, base_dir=project_file.parent)
    _assert_chinese(str(failed.value), "磁盘空间不足")
    assert _snapshot(out) == before and sorted(os.listdir(tmp_path)) == ["proj", "申报包"]


# ---- failures while the new bundle moves into place ------------------------------------------

@pytest.mark.parametrize(("fail_at", "code", "words"), [
    (1, errno.EBUSY, "文件被占用"),           # the first of the earlier bundle's files
    (12, errno.ENOSPC, "磁盘空间不足"),       # halfway through the new files
    (10_000, errno.EROFS, "只读"),            # the zip, the very last move
])
def test_failure_while_moving_into_place_puts_everything_back(
        project_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        fail_at: int, code: int, words: str) -> None:
    out = tmp_path / "申报包"
    export_bundle(load_project(project_file), out, base_dir=project_file.parent, make_zip=True)
    (out / "盖章页.pdf").write_bytes(b"stamped")
    before, zip_before = _snapshot(out), (tmp_path / "申报包.zip").read_bytes()
    real = bundle_swap._rename
    moves: list[Path] = []

    def failing(src: Path, dst: Path) -> None:
        moves.append(dst)
        last_zip = dst.name == "申报包.zip" and src.name.startswith(".")
        if len(moves) == fail_at or (fail_at == 10_000 and last_zip):
            raise OSError(code, os.strerror(code), str(dst))
        real(src, dst)

    monkeypatch.setattr(bundle_swap, "_rename", failing)
    with pytest.raises(ExportFailed) as failed:
        export_bundle(_retitle(project_file), out, base_dir=project_file.parent, make_zip=True)
    _assert_chinese(str(failed.value), words)
    assert len(moves) >= min(fail_at, 12)
    assert _snapshot(out) == before
    assert (tmp_path / "申报包.zip").read_bytes() == zip_before
    assert sorted(os.listdir(tmp_path)) == ["proj", "申报包", "申报包.zip"]


def test_a_file_changed_during_export_is_not_overwritten(project_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "申报包"
    _earlier_bundle(project_file, out)
    table = out / "附件6_活动统计表.docx"

    def edit_meanwhile(done: int, total: int, what: str) -> None:
        if done == 2:
            table.write_bytes(b"edited while exporting")

    with pytest.raises(ExportFailed, match="导出过程中“申报包/附件6_活动统计表.docx”被修改了"):
        export_bundle(_retitle(project_file), out, base_dir=project_file.parent, progress=edit_meanwhile)
    assert table.read_bytes() == b"edited while exporting"
    assert sorted(os.listdir(tmp_path)) == ["proj", "申报包"]


# ---- attachments that cannot be read ---------------------------------------------------------

RECORD = "示例附件/节能先锋QC小组活动记录.pdf"


def _break_during_export(project_file: Path, out: Path, damage: Callable[[Path], None],
                         draft: bool = False) -> ExportFailed | None:
    """Export, damaging the attachment just before it is copied (after the check passed)."""
    source = project_file.parent / RECORD

    def progress(done: int, total: int, what: str) -> None:
        if what.endswith("节能先锋QC小组活动记录.pdf"):
            damage(source)

    try:
        export_bundle(load_project(project_file), out, base_dir=project_file.parent, draft=draft,
                      progress=progress)
    except ExportFailed as exc:
        return exc
    return None


def _vanish(path: Path) -> None:
    path.unlink()


def _folder_instead(path: Path) -> None:
    path.unlink()
    path.mkdir()


@pytest.mark.parametrize("damage", [_vanish, _folder_instead])
def test_unreadable_attachment_is_named_with_its_field(project_file: Path, tmp_path: Path,
                                                       damage: Callable[[Path], None]) -> None:
    assert RECORD in load_project(project_file).group_achievements[0].attachments
    failed = _break_during_export(project_file, tmp_path / "out", damage)
    assert isinstance(failed, AttachmentUnreadable)
    message = str(failed)
    assert message.startswith(f"无法读取附件文件“{RECORD}”（附件2 第1个小组成果《降低常减压装置加热炉排烟温度》 › ")
    assert "小组活动记录" in message and "写入" not in message
    _assert_chinese(message)
    assert sorted(os.listdir(tmp_path)) == ["proj"]


def test_unreadable_attachment_is_left_out_of_a_draft_with_a_note(project_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    source = project_file.parent / RECORD
    result = None

    def progress(done: int, total: int, what: str) -> None:
        if what.endswith("节能先锋QC小组活动记录.pdf"):
            source.unlink()

    result = export_bundle(load_project(project_file), out, base_dir=project_file.parent, draft=True,
                           progress=progress)
    assert not any(f.path.endswith("节能先锋QC小组活动记录.pdf") for f in result.files)
    assert any(n.startswith("草稿中略去了一个附件：无法读取附件文件") for n in result.notes)


def test_permission_denied_attachment_is_a_finding_and_named_on_export(
        project_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = project_file.parent / RECORD
    if os.geteuid() != 0:
        source.chmod(0)                       # a real fault where permissions apply
    else:                                     # root reads everything: the OS call raises instead
        import builtins
        real_open = builtins.open

        def guarded(file: object, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
            if Path(str(file)) == source:
                raise PermissionError(errno.EACCES, "Permission denied", str(file))
            return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

        monkeypatch.setattr(builtins, "open", guarded)
    findings = [f for f in check_project(load_project(project_file), base_dir=project_file.parent) if f.is_error]
    assert [(f.form, f.field) for f in findings] == [("附件2", "attachments")]
    _assert_chinese(findings[0].message, f"文件“{RECORD}”无法读取：没有权限")
    with pytest.raises(ExportRefused) as refused:   # a final export: the check has the error
        export_bundle(load_project(project_file), tmp_path / "out", base_dir=project_file.parent)
    assert [f.message for f in refused.value.findings if f.is_error] == [findings[0].message]
    assert sorted(os.listdir(tmp_path)) == ["proj"]


def test_temporary_folders_of_a_killed_export_are_swept(project_file: Path, tmp_path: Path) -> None:
    stale = tmp_path / ".申报包.abcd1234.qcdesk-tmp"
    (stale / "小组成果").mkdir(parents=True)
    (stale / "小组成果" / "半成品.docx").write_bytes(b"x")
    stale_zip = tmp_path / ".申报包.zip.abcd_123.qcdesk-tmp"
    stale_zip.write_bytes(b"PK")
    fresh = tmp_path / ".申报包.fresh123.qcdesk-old"      # an export still running: left alone
    fresh.mkdir()
    lookalike = tmp_path / ".申报包.abcd1234.qcdesk-tmp.mine"
    lookalike.write_bytes(b"not ours")
    hour_ago = os.path.getmtime(stale) - 2 * bundle_swap.STALE_AFTER_S
    for path in (stale, stale_zip, lookalike):
        os.utime(path, (hour_ago, hour_ago))
    export_bundle(load_project(project_file), tmp_path / "申报包", base_dir=project_file.parent)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == sorted([fresh.name, lookalike.name])
