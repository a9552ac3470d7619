"""帮助 → 使用说明: a short Chinese guide bundled with the program, shown inside the window."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

import resources
from ui.preview import fitted_size

GUIDE = Path(resources.__file__).parent / "help" / "guide.html"


class GuideDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("使用说明 — 质量成果申报助手")
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)   # offline: nothing leaves the machine
        try:
            self.browser.setHtml(GUIDE.read_text(encoding="utf-8"))
        except OSError:
            self.browser.setPlainText("找不到使用说明文件，请重新安装本程序。")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        width, height = fitted_size(parent)
        self.resize(min(720, width), min(640, height))


def show_guide(parent: QWidget | None) -> None:
    GuideDialog(parent).exec()
