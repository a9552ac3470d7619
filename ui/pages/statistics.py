"""附件6 活动统计表, with 普及率 and 成果率 computed live."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton

from forms.statistics import REVIEW_FORMATS, Statistics, format_rate, unit_of
from ui.pages.base import FieldGrid, FormPage, PageContext


class StatisticsPage(FormPage):
    rebuild = Signal()

    def __init__(self, context: PageContext) -> None:
        self.title = f"活动统计表（附件6，{context.profile.statistics_period}）"
        super().__init__(context)
        grid = self.single_grid()
        if context.project.statistics is None:
            grid.add(QLabel("本单位还没有填写活动统计表。通知要求与成果一并报送。"), wide=True)
            start = QPushButton("开始填写活动统计表")
            start.clicked.connect(self._start)
            grid.add(start)
            grid.finish()
            return
        s = context.project.statistics
        at = ("statistics",)
        grid.heading("QC小组")
        for key in ("qc_groups_registered_total", "qc_groups_registered", "qc_participants", "employees"):
            self.field(grid, s, key, (*at, key), label=_with_unit(s, key))
        self.popularity = self._derived(grid, "本年度QC小组普及率 = 参加QC小组人数 / 职工总数 × 100%")
        for key in ("qc_groups_active", "qc_economic_benefit", "qc_groups_with_results"):
            self.field(grid, s, key, (*at, key), label=_with_unit(s, key))
        self.result = self._derived(grid, "本年度QC小组成果率 = 取得成果小组数 / QC小组注册数 × 100%")
        for key in ("qc_funding", "qc_rewards"):
            self.field(grid, s, key, (*at, key), label=_with_unit(s, key))
        grid.heading("质量信得过班组")
        for key in ("teams", "teams_total", "team_participants", "team_funding", "team_rewards"):
            self.field(grid, s, key, (*at, key), label=_with_unit(s, key))
        self.field(grid, s, "review_formats", (*at, "review_formats"), choices=REVIEW_FORMATS)
        self.field(grid, s, "remarks", (*at, "remarks"), kind="long", min_height=120)
        grid.finish()
        self.changed.connect(self.update_rates)
        self.update_rates()

    def _derived(self, grid: FieldGrid, caption: str) -> QLabel:
        label = QLabel()
        label.setObjectName("derived")
        label.setStyleSheet("background: #eef3f8; padding: 6px; border-radius: 3px;")
        label.setToolTip("自动计算，不需要填写；分母为0时显示“—”。")
        label.setProperty("caption", caption)
        grid.add(label, wide=True)
        return label

    def update_rates(self) -> None:
        s = self.context.project.statistics
        if s is None:
            return
        for label, value in ((self.popularity, s.popularity_rate), (self.result, s.result_rate)):
            label.setText(f"{label.property('caption')}：<b>{format_rate(value)}</b>")

    def _start(self) -> None:
        self.change(("statistics",), "开始填写活动统计表",
                    lambda: setattr(self.context.project, "statistics", Statistics()))
        self.rebuild.emit()


def _with_unit(s: Statistics, key: str) -> str:
    unit = unit_of(key)
    return f"{Statistics.label_of(key)}（{unit}）" if unit else Statistics.label_of(key)
