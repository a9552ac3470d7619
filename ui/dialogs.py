"""Questions whose buttons say exactly what happens, in words these users trust.

Qt's catalogue names the Discard button 丢弃, which reads like losing work; the unsaved-changes
prompt says 保存 / 不保存 / 取消 instead.
"""
from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

Buttons = QMessageBox.StandardButton


def ask_unsaved(parent: QWidget | None, title: str, text: str) -> QMessageBox.StandardButton:
    """Save, Discard or Cancel, shown as 保存 / 不保存 / 取消; Escape means 取消."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, Buttons.Save | Buttons.Discard | Buttons.Cancel,
                      parent)
    box.button(Buttons.Save).setText("保存")
    box.button(Buttons.Discard).setText("不保存")
    box.button(Buttons.Cancel).setText("取消")
    box.setDefaultButton(Buttons.Save)
    box.setEscapeButton(Buttons.Cancel)
    return Buttons(box.exec())
