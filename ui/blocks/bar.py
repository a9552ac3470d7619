"""柱状图: bars typed in a grid, or taken from the report's 课题指标 (``from_goal``)."""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QLabel

from forms.blocks import goal_bars
from ui.blocks.base import show_number
from ui.blocks.chart import ChartGridEditor


class BarEditor(ChartGridEditor):
    list_key = "bars"
    fields = ("unit",)

    def build_extra(self, column: Any) -> None:
        info = type(self.block).model_fields["from_goal"]
        self.from_goal = QCheckBox(info.title)
        self.from_goal.setObjectName("block:from_goal")
        self.from_goal.setToolTip(info.description or "")
        self.from_goal.toggled.connect(self._toggled)
        self.goal_note = QLabel()
        self.goal_note.setWordWrap(True)
        self.goal_note.setStyleSheet("color: #555;")
        column.addWidget(self.from_goal)
        column.addWidget(self.goal_note)

    def load(self) -> None:
        super().load()
        self.from_goal.setChecked(self.block.from_goal)
        self._show_goal()

    def _toggled(self, on: bool) -> None:
        self._show_goal()
        self.set_value("from_goal", on)

    def _show_goal(self) -> None:
        on = self.from_goal.isChecked()
        self.grid.setVisible(not on)     # the bars come from the goal: nothing to type
        self.field_edits["unit"].setPlaceholderText("空着则用课题指标的单位" if on else "")
        self.goal_note.setVisible(on)
        goal = self.context.goal()
        if not on:
            return
        if goal is None:
            self.goal_note.setText("这份报告没有课题指标，请在表格中填写柱子。")
            return
        unit = goal.unit or self.block.unit
        bars = "，".join(f"{b.label} {show_number(b.value) or '（未填）'}{unit if b.value is not None else ''}"
                        for b in goal_bars(goal, self.step))
        self.goal_note.setText(f"柱子取自“封面与概况”中的课题指标：{bars}。")

    def after_goal_change(self) -> None:
        self._show_goal()
        super().after_goal_change()
