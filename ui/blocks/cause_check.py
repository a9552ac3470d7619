"""要因确认表: a row per 末端因素 (确认内容, 确认方法, 标准, 确认结果, 负责人, 完成日期, 是否要因)."""
from __future__ import annotations

from ui.blocks.grid import ChoiceDelegate
from ui.blocks.records import RecordGridEditor


class CauseCheckEditor(RecordGridEditor):
    list_key = "rows"

    def build(self) -> None:
        super().build()
        self.grid.set_delegate(self.keys.index("is_key"), ChoiceDelegate(("是", "否")))
