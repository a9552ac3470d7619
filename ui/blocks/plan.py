"""活动计划（甘特图）: tasks with planned and actual dates; the chart below the grid."""
from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCalendarWidget, QMenu, QPushButton, QToolTip, QWidgetAction

from ui.blocks.base import value_kind
from ui.blocks.chart import ChartGridEditor
from ui.fields import parse_date


class PlanEditor(ChartGridEditor):
    list_key = "tasks"
    fields = ()
    preview_below = True

    def build(self) -> None:
        super().build()
        # Dates are typed in any common way (2024-4-10, 2024年4月10日) or picked from a calendar.
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self._picked)
        menu = QMenu(self)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(self.calendar)
        menu.addAction(holder)
        self._menu = menu
        pick = QPushButton("日历…")
        pick.setToolTip("为所选的日期单元格选择日期")
        pick.setAutoDefault(False)
        pick.clicked.connect(self._open_calendar)
        self.grid.button_row.addWidget(pick)
        self.pick = pick

    def _date_cell(self) -> tuple[int, int] | None:
        table = self.grid.table
        row, column = table.currentRow(), table.currentColumn()
        if row < 0 or column < 0 or value_kind(self.row_model, self.keys[column]) != "date":
            return None
        return row, column

    def _open_calendar(self) -> None:
        cell = self._date_cell()
        if cell is None:
            QToolTip.showText(self.pick.mapToGlobal(self.pick.rect().bottomLeft()),
                              "请先选中一个日期单元格（计划开始、计划结束、实际开始或实际结束）。", self.pick)
            return
        item = self.grid.table.item(*cell)
        try:
            date = parse_date(item.text() if item else "")
        except ValueError:
            date = None
        if date:
            self.calendar.setSelectedDate(QDate(date.year, date.month, date.day))
        self._menu.popup(self.pick.mapToGlobal(self.pick.rect().bottomLeft()))

    def _picked(self, date: QDate) -> None:
        self._menu.hide()
        cell = self._date_cell()
        if cell is None:
            return
        item = self.grid.table.item(*cell)
        if item is not None:
            item.setText(f"{date.year():04d}-{date.month():02d}-{date.day():02d}")
