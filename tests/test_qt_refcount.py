"""The installed PySide6 keeps ``None`` alive through thousands of Qt calls that return nothing.

PySide6 6.12.0 on CPython 3.11 takes one reference off ``None`` in every such call (setText,
setToolTip, setData, setIcon, …) until ``None`` is freed and the interpreter aborts with "Fatal
Python error: none_dealloc" — after about 150 keystrokes in the window. pyproject.toml excludes that
combination; this test fails on it (cleanly, before the abort). From CPython 3.12 on ``None`` is
immortal and its count never moves, so the test passes there by construction but still runs.
"""
from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap, QStandardItem
from PySide6.QtWidgets import (
    QComboBox, QLabel, QLineEdit, QPlainTextEdit, QTableWidgetItem, QTreeWidgetItem, QWidget,
)

ROUNDS = 20
CALLS_PER_ROUND = 100          # 12 calls each: 24,000 calls in all
ROLE = Qt.ItemDataRole.UserRole


class _Emitter(QObject):
    fired = Signal(int)


def test_qt_calls_returning_nothing_leave_the_count_of_none_alone(qapp) -> None:
    label, edit, text, combo, widget = QLabel(), QLineEdit(), QPlainTextEdit(), QComboBox(), QWidget()
    combo.addItems(["问题解决型", "创新型"])
    tree_item, table_item, std_item = QTreeWidgetItem(["成果"]), QTableWidgetItem("姓名"), QStandardItem()
    icon = QIcon(QPixmap(8, 8))
    emitter = _Emitter()
    received: list[int] = []
    emitter.fired.connect(received.append)   # a Python slot that returns None to Qt

    start = sys.getrefcount(None)
    for round_ in range(ROUNDS):
        for i in range(CALLS_PER_ROUND):
            label.setText(f"错误 {i}")
            label.setToolTip("字段说明")
            edit.setText("13854601234")
            text.setPlainText("现状调查")
            combo.setCurrentIndex(i % 2)
            widget.setEnabled(i % 2 == 0)
            tree_item.setText(0, f"{i:02d} 成果")
            tree_item.setData(0, ROLE, ("group", i))
            tree_item.setIcon(0, icon)
            table_item.setForeground(QColor("#b00020"))
            std_item.setData(i, ROLE)
            emitter.fired.emit(i)
        lost = start - sys.getrefcount(None)
        # A few references may come and go with caches; a leak loses one per call (1,200 a round).
        assert lost < 200, (
            f"PySide6 {_pyside_version()} on Python {sys.version.split()[0]} lost {lost} references to None "
            f"in {(round_ + 1) * CALLS_PER_ROUND * 12} Qt calls: this combination aborts the window "
            "(Fatal Python error: none_dealloc). See the README's Supported versions.")
    assert label.text() == f"错误 {CALLS_PER_ROUND - 1}" and len(received) == ROUNDS * CALLS_PER_ROUND


def _pyside_version() -> str:
    import PySide6
    return PySide6.__version__
