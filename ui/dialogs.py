"""Questions whose buttons say exactly what happens, in words these users trust.

Qt's catalogue names the Discard button 丢弃, which reads like losing work; the unsaved-changes
prompt says 保存 / 不保存 / 取消 instead. The texts are given by a translator installed only while
the question is open, so the prompt stays an ordinary ``QMessageBox.question``.
"""
from __future__ import annotations

from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

Buttons = QMessageBox.StandardButton
# Discard is named per platform: Discard (Windows, KDE), Close without Saving (GNOME), Don't Save (macOS).
_UNSAVED_TEXTS = {"Discard": "不保存", "Close without Saving": "不保存", "Don't Save": "不保存",
                  "Save": "保存", "Cancel": "取消"}


class _ButtonTexts(QTranslator):
    def translate(self, context: str, source: str, disambiguation: str | None = None,  # noqa: D102
                  n: int = -1) -> str | None:
        return _UNSAVED_TEXTS.get(source.replace("&", "")) if context == "QPlatformTheme" else None

    def isEmpty(self) -> bool:  # noqa: N802 (Qt name)
        return False


def ask_unsaved(parent: QWidget | None, title: str, text: str) -> QMessageBox.StandardButton:
    """Save, Discard or Cancel, shown as 保存 / 不保存 / 取消; Escape means 取消."""
    app = QApplication.instance()
    texts = _ButtonTexts(app)
    app.installTranslator(texts)
    try:
        return QMessageBox.question(parent, title, text, Buttons.Save | Buttons.Discard | Buttons.Cancel,
                                    Buttons.Save)
    finally:
        app.removeTranslator(texts)
        texts.deleteLater()
