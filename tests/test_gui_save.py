"""The window's save, save-as and autosave survive every failure: a Chinese message (or a status
note for autosave), the traceback in the log, the changes still marked unsaved, nothing lost."""
from __future__ import annotations

import errno
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

import ui.main_window as main_window
from app import autosave
from app.logs import log_file
from forms.project_file import ProjectFileError, load_project
from ui.main_window import MainWindow


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append(f"{title}|{text}"))
    return shown


def _edit(window: MainWindow) -> None:
    window.project.declarant.name = "改过的单位名称"
    window.mark_changed()


def _failing(exc: BaseException):
    def fail(*args: object, **kwargs: object) -> None:
        raise exc
    return fail


@pytest.mark.parametrize("exc, expected", [
    (RuntimeError("unexpected"), "保存时发生意外错误，原来的文件保持不变。详细信息已记录在日志文件"),
    (RecursionError("maximum recursion depth exceeded"), "保存时发生意外错误"),
    (UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed"), "保存时发生意外错误"),
    (OSError(errno.ENOSPC, "No space left on device"), "无法保存“示例.qcproj”：磁盘空间不足"),
    (ProjectFileError("无法保存“示例.qcproj”：该位置是只读的"), "该位置是只读的"),
])
def test_any_failure_of_save_is_a_chinese_message_and_nothing_is_lost(
        window: MainWindow, sample_path: Path, monkeypatch: pytest.MonkeyPatch, warnings: list[str],
        exc: BaseException, expected: str) -> None:
    before = sample_path.read_bytes()
    _edit(window)
    monkeypatch.setattr(main_window, "save_project", _failing(exc))
    assert window.save() is False
    assert len(warnings) == 1 and warnings[0].startswith("保存失败|") and expected in warnings[0]
    assert "No space" not in warnings[0] and "Traceback" not in warnings[0]
    assert window.dirty and window.project.declarant.name == "改过的单位名称"
    assert sample_path.read_bytes() == before
    draft = autosave.draft_path(window.path, window.session)
    assert load_project_from_draft(draft).declarant.name == "改过的单位名称"
    assert "Traceback" in log_file().read_text(encoding="utf-8")


def load_project_from_draft(path: Path):
    drafts = [d for d in autosave.pending_drafts() if d.path == path]
    assert drafts, path
    return drafts[0].load()


def test_save_as_failing_keeps_the_old_name_and_the_changes(
        window: MainWindow, sample_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        warnings: list[str]) -> None:
    _edit(window)
    target = tmp_path / "另存.qcproj"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(main_window, "save_project", _failing(KeyError("x")))
    assert window.save_as() is False
    assert window.path == sample_path.absolute() and window.dirty and not target.exists()
    assert "保存时发生意外错误" in warnings[0]


def test_a_failure_after_the_file_is_written_still_counts_as_saved(
        window: MainWindow, sample_path: Path, monkeypatch: pytest.MonkeyPatch, warnings: list[str]) -> None:
    _edit(window)
    monkeypatch.setattr(window, "_refresh_recent", _failing(RuntimeError("menu")))
    assert window.save() is True
    assert not window.dirty and warnings == []
    assert load_project(sample_path).declarant.name == "改过的单位名称"


@pytest.mark.parametrize("exc, note", [
    (OSError(errno.EROFS, "Read-only file system"), "自动保存失败：该位置是只读的"),
    (ValueError("bad"), "自动保存失败：发生意外错误"),
    (RecursionError(), "自动保存失败：发生意外错误"),
])
def test_autosave_failing_is_a_status_note_and_it_tries_again(
        window: MainWindow, monkeypatch: pytest.MonkeyPatch, warnings: list[str], exc: BaseException,
        note: str) -> None:
    _edit(window)
    real = autosave.write_draft
    monkeypatch.setattr(autosave, "write_draft", _failing(exc))
    window.autosave_now()
    assert window.saved_label.text().startswith(note) and "Read-only" not in window.saved_label.text()
    assert window.autosave_pending and window.dirty and warnings == []
    monkeypatch.setattr(autosave, "write_draft", real)
    window.autosave_now()
    assert window.saved_label.text() == "已自动保存草稿" and not window.autosave_pending


def test_copying_the_files_along_failing_is_a_message_too(
        window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, warnings: list[str]) -> None:
    _edit(window)
    target = tmp_path / "别处" / "另存.qcproj"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(main_window, "relocated", _failing(OSError(errno.EACCES, "Permission denied")))
    assert window.save_as() is False
    assert "没有权限" in warnings[0] and "Permission denied" not in warnings[0]
    assert window.dirty and not target.exists()
