"""Qt's standard dialogs speak Chinese, and the wheel never changes an unfocused choice."""
from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QApplication, QComboBox, QDialogButtonBox, QMessageBox, QScrollArea, QVBoxLayout, QWidget,
)

from ui.chinese import install_chinese
from ui.wheel_guard import install_wheel_guard


def test_standard_buttons_of_the_unsaved_changes_prompt_are_chinese(qapp) -> None:
    install_chinese(qapp)
    box = QMessageBox(QMessageBox.Icon.Question, "未保存的修改", "是否保存？",
                      QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                      | QMessageBox.StandardButton.Cancel)
    texts = {b.text().replace("&", "").split("(")[0] for b in box.buttons()}
    assert texts == {"保存", "丢弃", "取消"}, texts
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Yes | QDialogButtonBox.StandardButton.No)
    assert {b.text().replace("&", "").split("(")[0] for b in buttons.buttons()} == {"是", "否"}
    box.deleteLater()


def _wheel(widget: QWidget, steps: int = -1) -> None:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(QPoint(0, 0))), QPoint(0, 0),
                        QPoint(0, 120 * steps), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_wheel_over_an_unfocused_combo_scrolls_the_page_instead(qtbot, qapp) -> None:
    guard = install_wheel_guard(qapp)
    area = QScrollArea()
    inner = QWidget()
    column = QVBoxLayout(inner)
    combo = QComboBox()
    combo.addItems(["问题解决型", "创新型"])
    column.addWidget(combo)
    column.addSpacing(3000)
    area.setWidget(inner)
    area.resize(300, 200)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    area.setFocus()
    _wheel(combo)
    assert combo.currentText() == "问题解决型"
    assert area.verticalScrollBar().value() > 0
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    _wheel(combo)
    assert combo.currentText() == "创新型"   # a focused box still takes the wheel
    qapp.removeEventFilter(guard)
