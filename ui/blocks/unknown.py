"""A block of a type this version does not know: kept whole in the file, shown, movable."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel

from ui.blocks.base import BlockEditor


class UnknownEditor(BlockEditor):
    def build(self) -> None:
        note = QLabel(f"这一项的类型“{self.block.type}”是本版本不认识的，无法在这里编辑；"
                      "它会原样保存在项目文件中，不会丢失。")
        note.setWordWrap(True)
        note.setStyleSheet("color: #9a5b00;")
        self.body.addWidget(note)

    def is_empty(self) -> bool:
        return False
