"""经济效益计算: 项目, 金额（万元）, 计算依据, with the computed 合计 under the grid."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel

from forms.blocks import benefit_total
from ui.blocks.base import show_number
from ui.blocks.records import RecordGridEditor


class BenefitEditor(RecordGridEditor):
    list_key = "rows"

    def build(self) -> None:
        super().build()
        self.total = QLabel()
        self.total.setObjectName("benefit-total")
        self.total.setStyleSheet("font-weight: bold;")
        self.total.setToolTip("导出时印在表格最后一行；应与申报表的“经济效益”一致。投入成本请填负数。")
        self.body.addWidget(self.total)

    def load(self) -> None:
        super().load()
        self._show_total()

    def edited(self) -> None:
        self._show_total()
        super().edited()

    def _show_total(self) -> None:
        self.total.setText(f"合计：{show_number(benefit_total(self.block))} 万元")
