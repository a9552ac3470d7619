"""Saving never loses the previous file, keeps its permissions, flushes the backup, cleans up after
an interrupted save and says in Chinese why it failed; every file that opens can be saved again."""
from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from forms import project_file
from forms.project import Project
from forms.project_file import (
    STALE_TEMP_SECONDS, ProjectFileError, load_project, remove_stale_temp_files, save_project,
)

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes and process ids")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@posix_only
@pytest.mark.parametrize("mode", [0o644, 0o664, 0o600, 0o640])
def test_saving_keeps_the_files_mode(sample: Project, tmp_path: Path, mode: int) -> None:
    path = tmp_path / "p.qcproj"
    save_project(sample, path)
    path.chmod(mode)
    sample.declarant.name = "新名称"
    save_project(sample, path)
    assert _mode(path) == mode
    assert _mode(tmp_path / "p.qcproj.bak") == mode


@posix_only
def test_a_new_file_gets_the_usual_default_mode(sample: Project, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        save_project(sample, tmp_path / "new.qcproj")
    finally:
        os.umask(old)
    assert _mode(tmp_path / "new.qcproj") == 0o644


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="names fsynced files through /proc")
def test_the_backup_is_flushed_to_disk(sample: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "p.qcproj"
    save_project(sample, path)
    synced: list[str] = []
    real_fsync = os.fsync

    def recording_fsync(fd: int) -> None:
        synced.append(os.readlink(f"/proc/self/fd/{fd}"))
        real_fsync(fd)

    monkeypatch.setattr(project_file.os, "fsync", recording_fsync)
    save_project(sample, path)
    names = [Path(name).name for name in synced]
    assert any(name.startswith(".p.qcproj.bak.") and name.endswith(".tmp") for name in names), names
    assert any(name.startswith(".p.qcproj.") and not name.startswith(".p.qcproj.bak") for name in names)


@posix_only
def test_temporary_files_of_an_interrupted_save_are_removed_on_save_and_open(
        sample: Project, tmp_path: Path) -> None:
    path = tmp_path / "p.qcproj"
    save_project(sample, path)
    dead = _dead_pid()
    stale = [tmp_path / f".p.qcproj.{dead}-0123abcd.tmp", tmp_path / f".p.qcproj.bak.{dead}-89abcdef.tmp",
             tmp_path / ".p.qcproj.k3j_9x2a.tmp", tmp_path / ".p.qcproj.bak.tmp"]
    old = time.time() - STALE_TEMP_SECONDS - 60
    for name in stale:
        name.write_text("half a project", encoding="utf-8")
    for name in stale[2:]:          # names of earlier versions carry no process id: judged by age
        os.utime(name, (old, old))
    alive = tmp_path / f".p.qcproj.{os.getpid()}-00000000.tmp"      # a save in progress (ours)
    recent_legacy = tmp_path / ".p.qcproj.abcdefgh.tmp"               # maybe in progress
    foreign = [tmp_path / ".p.qcproj.notes.tmp", tmp_path / "p.qcproj.tmp",
               tmp_path / f".other.qcproj.{dead}-0123abcd.tmp", tmp_path / f".p.qcproj.{dead}-0123abcd.tmp.txt"]
    for name in [alive, recent_legacy, *foreign]:
        name.write_text("not ours to delete", encoding="utf-8")

    load_project(path)
    assert not any(name.exists() for name in stale)
    assert alive.exists() and recent_legacy.exists() and all(name.exists() for name in foreign)

    again = tmp_path / f".p.qcproj.{dead}-fedcba98.tmp"
    again.write_text("half a project", encoding="utf-8")
    save_project(sample, path)
    assert not again.exists() and alive.exists() and all(name.exists() for name in foreign)
    assert remove_stale_temp_files(path) == []


@pytest.mark.parametrize("code, expected", [
    (errno.EROFS, "只读"), (errno.ENOSPC, "磁盘空间不足"), (errno.EACCES, "没有权限"), (errno.EBUSY, "文件被占用"),
])
def test_os_errors_are_told_in_chinese_and_the_old_file_stays(
        sample: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, expected: str) -> None:
    path = tmp_path / "p.qcproj"
    save_project(sample, path)
    save_project(sample, path)
    before, backup = path.read_bytes(), (tmp_path / "p.qcproj.bak").read_bytes()

    def failing_replace(src: object, dst: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(project_file.os, "replace", failing_replace)
    sample.declarant.name = "不应写入"
    with pytest.raises(ProjectFileError) as info:
        save_project(sample, path)
    message = str(info.value)
    assert message.startswith("无法保存“p.qcproj”：") and expected in message
    assert os.strerror(code) not in message
    assert path.read_bytes() == before and (tmp_path / "p.qcproj.bak").read_bytes() == backup
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.qcproj", "p.qcproj.bak"]


def test_an_unreadable_file_is_told_in_chinese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "p.qcproj"
    path.write_text("{}", encoding="utf-8")

    def failing_read(self: Path) -> bytes:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(Path, "read_bytes", failing_read)
    with pytest.raises(ProjectFileError, match="无法读取.*磁盘或U盘可能已损坏") as info:
        load_project(path)
    assert "Input/output" not in str(info.value)


OPENS_BUT_COULD_NOT_BE_SAVED = [
    ("surrogate_in_unknown_key", '{"format": "qcdesk", "version": 1, "x\\ud800y": 1}'),
    ("surrogate_in_unknown_value", '{"format": "qcdesk", "version": 1, "erp": ["\\udc00", {"k": "a\\ud800"}]}'),
    ("surrogate_in_unknown_block", '{"format": "qcdesk", "version": 1, "group_achievements": [{"report": '
     '{"sections": [{"step": "选择课题", "blocks": [{"type": "视频", "url": "\\ud83d"}]}]}}]}'),
    ("deep_unknown_value", '{"format": "qcdesk", "version": 1, "declarant": {"x": ' + "[" * 500 + "]" * 500 + "}}"),
    ("deep_but_allowed", '{"format": "qcdesk", "version": 1, "declarant": {"x": ' + "[" * 60 + "]" * 60 + "}}"),
    ("big_number_kept_as_extra", '{"format": "qcdesk", "version": 1, "erp": 1e999999999}'),
    ("decimal_kept_as_extra", '{"format": "qcdesk", "version": 1, "erp": 12.5, "n": 3}'),
]


@pytest.mark.parametrize("case, text", OPENS_BUT_COULD_NOT_BE_SAVED, ids=[c[0] for c in OPENS_BUT_COULD_NOT_BE_SAVED])
def test_every_file_that_opens_can_be_saved_and_reopened(tmp_path: Path, case: str, text: str) -> None:
    path = tmp_path / f"{case}.qcproj"
    path.write_text(text, encoding="utf-8")
    try:
        project = load_project(path)
    except ProjectFileError as exc:
        assert "\n" not in str(exc)      # refused at open with a message: nothing typed in vain
        return
    save_project(project, path)
    again = load_project(path)
    assert again.model_dump(mode="json") == project.model_dump(mode="json")
    assert "\\ud8" not in path.read_text(encoding="utf-8")


def test_unknown_keys_lose_only_the_lone_surrogates(tmp_path: Path) -> None:
    path = tmp_path / "u.qcproj"
    path.write_text('{"format": "qcdesk", "version": 1, "x\\ud800y": "a\\udc00b", "emoji": "\\ud83d\\ude00"}',
                    encoding="utf-8")
    save_project(load_project(path), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["xy"] == "ab" and data["emoji"] == "😀"


def test_a_project_too_big_to_open_again_is_not_saved(sample: Project, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "p.qcproj"
    save_project(sample, path)
    before = path.read_bytes()
    monkeypatch.setattr(project_file, "MAX_FILE_BYTES", len(before) + 100)
    sample.group_achievements[0].summary += "补充" * 100
    with pytest.raises(ProjectFileError, match="无法保存“p.qcproj”：项目过大.*原来的文件保持不变"):
        save_project(sample, path)
    assert path.read_bytes() == before


def test_a_text_too_long_to_open_again_is_named_when_saving(sample: Project, tmp_path: Path) -> None:
    sample.reviewers[0].experience = "经历" * 100_001
    with pytest.raises(ProjectFileError) as info:
        save_project(sample, tmp_path / "p.qcproj")
    assert str(info.value).startswith(f"无法保存“p.qcproj”：附件7 第1个评委（{sample.reviewers[0].name}）")
    assert "相关经历描述：文字过长（200,002 字，上限 200,000 字）" in str(info.value)
    assert not (tmp_path / "p.qcproj").exists()


def test_a_draft_with_a_text_too_long_to_save_is_still_recovered(sample: Project, tmp_path: Path) -> None:
    from app import autosave
    sample.group_achievements[0].summary = "简介" * 150_000
    autosave.write_draft(sample, tmp_path / "p.qcproj")
    [draft] = autosave.pending_drafts()
    recovered = autosave.recover(draft)
    assert recovered is not None and recovered.group_achievements[0].summary == "简介" * 150_000
    with pytest.raises(ProjectFileError, match="QC小组简介和主要活动过程与效果：文字过长（300,000 字"):
        save_project(recovered, tmp_path / "p.qcproj")
