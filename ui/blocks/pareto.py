"""排列图: its items and counts, 单位, 数据收集期间 and 制图人, with the live chart beside them."""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel

from forms.blocks import pareto_total
from ui.blocks.base import show_number
from ui.blocks.chart import ChartGridEditor


class ParetoEditor(ChartGridEditor):
    list_key = "items"
    fields = ("unit", "drawn_by", "period")

    def build_extra(self, column: Any) -> None:
        self.total = QLabel()
        self.total.setStyleSheet("color: #555;")
        self.total.setWordWrap(True)
        self.total.setToolTip("导出时按频数从大到小排列，“其他”排在最后。")
        column.addWidget(self.total)

    def load(self) -> None:
        super().load()
        self._show_total()

    def edited(self) -> None:
        self._show_total()
        super().edited()

    def _show_total(self) -> None:
        total = pareto_total(self.block.items)
        self.total.setText(f"合计 N = {show_number(total)} {self.block.unit}（导出时按频数从大到小排列，“其他”最后）")
