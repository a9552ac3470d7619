"""A cell being typed in hands over its text before the window rebuilds, saves or closes: the
text is in the project before the page that shows it is replaced (a page switch, undo, redo),
before the file is written, before the question about unsaved changes."""
from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QWidget


def hand_over_open_editors(root: QWidget, *, close: bool = True) -> bool:
    """Write what every open cell editor under ``root`` holds into its table, as Enter would;
    ``close`` ends the editing too. Returns whether there was an editor open."""
    found = False
    for view in root.findChildren(QAbstractItemView):
        if view.state() != QAbstractItemView.State.EditingState:
            continue
        index = view.currentIndex()
        editor = view.indexWidget(index) if index.isValid() else None
        if editor is None:
            continue
        found = True
        delegate = view.itemDelegateForIndex(index)
        delegate.commitData.emit(editor)
        if close:
            delegate.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
    return found
