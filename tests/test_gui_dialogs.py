"""Every dialog the window opens speaks Chinese: standard buttons, file dialogs, the unsaved prompt.

Each dialog is really opened; a timer reads what it shows (buttons, labels) and closes it.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import (
    QAbstractButton, QApplication, QComboBox, QDialog, QFileDialog, QLabel, QMessageBox,
)

from app.settings import Settings
from ui.chinese import install_chinese
from ui.dialogs import ask_unsaved
from ui.main_window import MainWindow

LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def _texts(dialog: QDialog) -> list[str]:
    if isinstance(dialog, QMessageBox):
        return [b.text().replace("&", "") for b in dialog.buttons()] + [dialog.text()]
    found = [b.text().replace("&", "") for b in dialog.findChildren(QAbstractButton) if b.isVisibleTo(dialog)]
    found += [label.text() for label in dialog.findChildren(QLabel) if label.isVisibleTo(dialog)]
    for combo in dialog.findChildren(QComboBox):
        found += [combo.itemText(i) for i in range(combo.count()) if combo.isVisibleTo(dialog)]
    return [t for t in found if t and "/" not in t and "\\" not in t]   # folder names are not UI


def _read_next_dialog(seen: list[list[str]], button: QMessageBox.StandardButton | None = None) -> None:
    """Once a modal dialog is up, keep its texts and close it (with ``button`` for a message box)."""
    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(20, poll)
            return
        seen.append(_texts(dialog))
        if isinstance(dialog, QMessageBox) and button is not None and dialog.button(button) is not None:
            dialog.button(button).click()
        else:
            dialog.reject()
    QTimer.singleShot(0, poll)


def _english(texts: list[str]) -> list[str]:
    # Names of files and extensions are not words of the interface.
    return [t for t in texts if LATIN_WORD.search(re.sub(r"\(\*[^)]*\)|\*\.\w+|qcproj|Ctrl\+\w|PDF|Word|Excel|"
                                                          r"T/CAQ[\d -]+|UTF-8", "", t))]


@pytest.fixture
def window(qtbot, qapp, sample_path: Path):
    install_chinese(qapp)
    w = MainWindow(Settings())
    qtbot.addWidget(w)
    w.open_path(sample_path)
    w.show()
    yield w
    w.dirty = False
    w.close()


def test_unsaved_prompt_says_save_dont_save_cancel(qtbot, qapp) -> None:
    install_chinese(qapp)
    seen: list[list[str]] = []
    _read_next_dialog(seen, QMessageBox.StandardButton.Cancel)
    assert ask_unsaved(None, "质量成果申报助手", "是否保存？") == QMessageBox.StandardButton.Cancel
    assert sorted(seen[0][:3]) == sorted(["保存", "不保存", "取消"])
    # Only this prompt renames Discard; other questions keep Qt's texts.
    assert QCoreApplication.translate("QPlatformTheme", "Discard") != "不保存"


def test_closing_a_changed_project_asks_in_chinese(window: MainWindow) -> None:
    window.dirty = True
    seen: list[list[str]] = []
    _read_next_dialog(seen, QMessageBox.StandardButton.Cancel)
    assert not window.close()
    window.dirty = False
    assert {"保存", "不保存", "取消"} <= set(seen[0]) and not _english(seen[0])


def test_delete_and_about_dialogs_are_chinese(window: MainWindow) -> None:
    window.tree.setCurrentItem(window._find_item(("group", 0)))
    seen: list[list[str]] = []
    _read_next_dialog(seen, QMessageBox.StandardButton.No)
    window.delete_achievement()
    assert {"是", "否"} <= {t.split("(")[0] for t in seen[0]}, seen
    _read_next_dialog(seen)
    window.about()
    assert not _english(seen[0]) and seen[1][0] == "确定", seen   # 关于 names the fonts' licences


def test_a_file_that_cannot_be_opened_is_reported_in_chinese(window: MainWindow, tmp_path: Path) -> None:
    bad = tmp_path / "坏.qcproj"
    bad.write_text("[1, 2]", encoding="utf-8")
    seen: list[list[str]] = []
    _read_next_dialog(seen, QMessageBox.StandardButton.Ok)
    assert not window.open_path(bad)
    assert not _english(seen[0]) and any("项目文件" in t for t in seen[0]), seen


@pytest.mark.parametrize("action", ["open_dialog", "save_as"])
def test_file_dialogs_are_chinese(window: MainWindow, action: str) -> None:
    seen: list[list[str]] = []
    _read_next_dialog(seen)
    getattr(window, action)()
    assert seen and not _english(seen[0]), seen
    assert any("项目文件" in t for t in seen[0])


def test_qt_file_dialog_labels_are_translated(qtbot, qapp) -> None:
    install_chinese(qapp)
    dialog = QFileDialog(None, "打开项目")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not _english(_texts(dialog)), _texts(dialog)
