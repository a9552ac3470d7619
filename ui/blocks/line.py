"""折线图: the points (横轴, 数值), 单位, 横轴名称 and an optional 目标线, with the live chart."""
from __future__ import annotations

from ui.blocks.chart import ChartGridEditor


class LineEditor(ChartGridEditor):
    list_key = "points"
    fields = ("unit", "x_label", "target")
