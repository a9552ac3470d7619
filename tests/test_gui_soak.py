"""A long session in the real window: a 200-achievement project, thousands of keystrokes across its
pages with the live checks running after every burst, and at the end the window is alive, every
keystroke is in the project and the findings are exactly those of the text left in it.

On PySide6 6.12.0 with CPython 3.11 this aborted the interpreter after about 28 keystrokes
("Fatal Python error: none_dealloc"); see tests/test_qt_refcount.py.
"""
from __future__ import annotations

import copy
import gc
import shutil
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.settings import Settings
from exporters.checks import check_all
from forms.project_file import load_project
from forms.sample import SAMPLE_ATTACHMENTS, SAMPLE_DIR
from tests.conftest import write_json
from ui.fields import BoundField
from ui.main_window import MainWindow

GROUPS, TEAMS = 140, 60
PAGES = 40                       # achievements visited, spread over the whole project
BAD_MOBILE = "1385460"           # 7 digits: an error until 4 more are typed
MOBILE_ERROR = "不是有效的手机号码"


@pytest.fixture
def big_project(tmp_path: Path, sample_data: dict) -> Path:
    groups, teams = sample_data["group_achievements"], sample_data["team_achievements"]
    sample_data["group_achievements"] = [copy.deepcopy(groups[i % len(groups)]) for i in range(GROUPS)]
    sample_data["team_achievements"] = [copy.deepcopy(teams[i % len(teams)]) for i in range(TEAMS)]
    shutil.copytree(SAMPLE_DIR / SAMPLE_ATTACHMENTS, tmp_path / SAMPLE_ATTACHMENTS)
    return write_json(tmp_path / "二百项成果.qcproj", sample_data)


@pytest.fixture
def window(qtbot, big_project: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    monkeypatch.setattr("ui.main_window.ask_unsaved", lambda *a: QMessageBox.StandardButton.Discard)
    w = MainWindow(Settings())
    qtbot.addWidget(w)
    assert w.open_path(big_project)
    w.recheck_timer.setInterval(0)     # the live check still runs from the event loop, just sooner
    w.resize(1366, 768)
    w.show()
    yield w
    w.dirty = False
    w.close()


def _field(window: MainWindow, key: str, depth: int = 3) -> BoundField:
    (found,) = [f for f in window.page.fields if f.key == key and len(f.path) == depth]
    return found


def _clear(qtbot, editor: QWidget) -> None:
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Delete)


def _type_chinese(editor: QWidget, text: str) -> None:
    """One input-method commit per character, as a pinyin input method sends them."""
    for ch in text:
        event = QInputMethodEvent("", [])
        event.setCommitString(ch)
        QApplication.sendEvent(editor, event)


def _settle(qtbot, window: MainWindow) -> None:
    """Let the debounced live check run, as it does when the user pauses."""
    QApplication.processEvents()
    qtbot.waitUntil(lambda: not window.recheck_timer.isActive(), timeout=30000)   # a loaded machine is slow


def _mobile_errors(findings) -> set[tuple]:
    return {tuple(f.path[:2]) for f in findings if MOBILE_ERROR in f.message}


def test_thousands_of_edits_on_200_achievements(window: MainWindow, qtbot, big_project: Path) -> None:
    assert _mobile_errors(window.findings) == set()
    # Windows of earlier tests, deleted later, would free their references to None during this one.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    none_refs = sys.getrefcount(None)
    keys = 0
    expected: dict[tuple, dict[str, str]] = {}
    left_bad: set[tuple] = set()
    for n in range(PAGES):
        kind, lst, count = ("group", "group_achievements", GROUPS) if n % 3 else ("team", "team_achievements", TEAMS)
        index = (n * 37) % count
        window.tree.setCurrentItem(window._find_item((kind, index)))
        assert window.page.index == index

        contact = _field(window, "contact_person")
        _clear(qtbot, contact.editor)
        name = f"联系人{n:02d}号"
        _type_chinese(contact.editor, name)
        keys += 1 + len(name)

        # A mobile number typed digit by digit: wrong at first, shown under the field by the live check.
        mobile = _field(window, "mobile")
        _clear(qtbot, mobile.editor)
        qtbot.keyClicks(mobile.editor, BAD_MOBILE)
        keys += 1 + len(BAD_MOBILE)
        _settle(qtbot, window)
        assert bool(mobile.messages.text()) and MOBILE_ERROR in mobile.messages.text()
        assert (lst, index) in _mobile_errors(window.findings)
        number = BAD_MOBILE
        if n % 8 != 5:                      # most are completed; every eighth is left wrong
            qtbot.keyClicks(mobile.editor, f"{n:04d}")
            keys += 4
            number += f"{n:04d}"
            _settle(qtbot, window)
            assert not mobile.messages.text()
        else:
            left_bad.add((lst, index))

        # The summary, a long text: a line added at its end, then taken back with Backspace.
        summary = _field(window, "summary")
        summary.editor.setFocus()
        summary.editor.moveCursor(summary.editor.textCursor().MoveOperation.End)
        before = summary.editor.toPlainText()
        line = f"第{n}次修改：巡检记录已补充完整。"
        qtbot.keyClick(summary.editor, Qt.Key.Key_Return)
        _type_chinese(summary.editor, line)
        for _ in range(len(line) + 1):
            qtbot.keyClick(summary.editor, Qt.Key.Key_Backspace)
        qtbot.keyClick(summary.editor, Qt.Key.Key_Return)
        qtbot.keyClicks(summary.editor, "QC")
        keys += 2 * (len(line) + 1) + 3

        # Keystrokes in the title rename the achievement in the tree as they are typed.
        title = _field(window, "title")
        title.editor.setFocus()
        title.editor.end(False)
        qtbot.keyClicks(title.editor, f" v{n}")
        keys += len(f" v{n}")
        _settle(qtbot, window)
        assert window.tree.currentItem().text(0).endswith(f" v{n}")

        # On the report's cover tab: the presenter (发布人), typed after switching tabs.
        window.page.tabs.setCurrentIndex(1)
        presenter = _field(window, "presenter", depth=4)
        _clear(qtbot, presenter.editor)
        _type_chinese(presenter.editor, f"发布人{n}")
        keys += 1 + len(f"发布人{n}")
        _settle(qtbot, window)
        expected[(lst, index)] = {"contact_person": name, "mobile": number,
                                  "summary": before + "\nQC", "title": title.editor.text()}
        assert getattr(window.project, lst)[index].report.presenter == f"发布人{n}"

    assert keys > 2500
    assert window.isVisible() and window.isWindowModified()
    project = window.project
    for (lst, index), values in expected.items():
        achievement = getattr(project, lst)[index]
        assert {k: getattr(achievement, k) for k in values} == values
    # The findings shown are those of the project as typed: the numbers left wrong, and nothing else new.
    fresh = check_all(project, base_dir=big_project.parent)
    assert [f.as_check() for f in window.findings] == [f.as_check() for f in fresh]
    assert _mobile_errors(window.findings) == left_bad
    errors = sum(f.is_error for f in fresh)
    assert window.counts.text().startswith(f"错误 {errors} ")
    assert len(window.problems.finding_items()) == len(fresh)
    if sys.version_info < (3, 12):     # from 3.12 on None is immortal and this count never moves
        assert none_refs - sys.getrefcount(None) < 200

    assert window.save()
    saved = load_project(big_project)
    assert [(a.contact_person, a.mobile) for a in saved.group_achievements] == \
           [(a.contact_person, a.mobile) for a in project.group_achievements]
    assert len(saved.group_achievements) + len(saved.team_achievements) == GROUPS + TEAMS


def test_a_closed_window_writes_no_more_drafts(qtbot, big_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app import autosave
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    w = MainWindow(Settings())
    qtbot.addWidget(w)
    assert w.open_path(big_project)
    w.show()
    w.project.declarant.contact_person = "未保存"
    w.mark_changed()
    assert w.autosave_timer.isActive() and w.autosave_pending
    assert w.close()                     # the user chose 不保存
    assert not w.autosave_timer.isActive()
    assert autosave.pending_drafts() == []
