"""文字: a further paragraph between tables and charts."""
from __future__ import annotations

from forms.locations import Path
from ui.blocks.base import BlockEditor, GrowingTextEdit


class TextEditor(BlockEditor):
    def build(self) -> None:
        self.text = GrowingTextEdit(70, 260)
        self.text.setObjectName("block:text")
        self.text.setTabChangesFocus(True)
        self.text.textChanged.connect(lambda: self.set_value("text", self.text.toPlainText()))
        self.body.addWidget(self.text)

    def load(self) -> None:
        self.text.setPlainText(self.block.text)

    def focus_inside(self, rest: Path) -> bool:
        self.text.setFocus()
        return True
