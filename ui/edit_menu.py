"""The 编辑 menu: 撤销 and 重做 over the whole project, whatever page or box has the focus.

Text boxes have an undo of their own that would take Ctrl+Z first and forget everything once
the page changes; in the main window the keys go to the project's undo stack instead.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

from ui.editing import hand_over_open_editors

if TYPE_CHECKING:
    from ui.main_window import MainWindow

UNDO_KEYS = (QKeySequence("Ctrl+Z"),)
REDO_KEYS = (QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z"))


class _ProjectUndoKeys(QObject):
    """Lets Ctrl+Z / Ctrl+Y in a text box of ``window`` reach the 编辑 menu's actions."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(watched, QWidget):
            return False
        if watched.window() is not self._window:
            return False   # a dialog's own boxes keep their own undo
        assert isinstance(event, QKeyEvent)
        sequence = QKeySequence(event.keyCombination())
        if any(sequence.matches(k) == QKeySequence.SequenceMatch.ExactMatch for k in (*UNDO_KEYS, *REDO_KEYS)):
            return True   # not taken by the box: the window's shortcut fires
        return False


def _finish_cell_edit() -> None:
    """A table cell being edited hands over what is typed first, so Ctrl+Z undoes that too."""
    focus = QApplication.focusWidget()
    parent = focus.parentWidget() if focus is not None else None
    while parent is not None and not isinstance(parent, QAbstractItemView):
        parent = parent.parentWidget()
    if parent is not None and focus is not parent:
        delegate = parent.itemDelegate()
        delegate.commitData.emit(focus)   # as pressing Enter would
        delegate.closeEditor.emit(focus)


def _finish_page(window: MainWindow) -> None:
    """Any other cell of the page still open (the focus went to the menu) hands over too: after
    the undo, the page is rebuilt from the project, and an editor left open would be lost."""
    if window.page is not None:
        hand_over_open_editors(window.page)


def _follow(action: QAction, verb: str, text: str) -> None:
    if not shiboken6.isValid(action):
        return   # the window is being destroyed
    action.setText(f"{verb} {text}" if text else verb)


def install_edit_menu(window: MainWindow) -> None:
    """Add 编辑(&E) with 撤销/重做 after the 文件 menu, wired to the window's document."""
    stack = window.document.stack
    undo = QAction("撤销", window)
    undo.setShortcuts(list(UNDO_KEYS))
    undo.triggered.connect(lambda: (_finish_cell_edit(), _finish_page(window), window.document.undo()))
    redo = QAction("重做", window)
    redo.setShortcuts(list(REDO_KEYS))
    redo.triggered.connect(lambda: (_finish_cell_edit(), _finish_page(window), window.document.redo()))
    for action, verb, can, text, can_signal, text_signal in (
        (undo, "撤销", stack.canUndo, stack.undoText, stack.canUndoChanged, stack.undoTextChanged),
        (redo, "重做", stack.canRedo, stack.redoText, stack.canRedoChanged, stack.redoTextChanged),
    ):
        action.setEnabled(can())
        _follow(action, verb, text())
        can_signal.connect(action.setEnabled)
        text_signal.connect(lambda t, a=action, v=verb: _follow(a, v, t))
    menu = window.menuBar().addMenu("编辑(&E)")
    menu.addAction(undo)
    menu.addAction(redo)
    window.act_undo, window.act_redo, window.edit_menu = undo, redo, menu
    window._undo_keys = _ProjectUndoKeys(window)
    QApplication.instance().installEventFilter(window._undo_keys)
