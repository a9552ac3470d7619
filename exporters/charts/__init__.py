"""Charts of the report blocks (排列图, 柱状图, 折线图, 因果图, 甘特图) as PNG images.

One module per kind; :func:`render_chart` is the one entry point, used by the document writers and
by the window's live preview, so the preview is the very image that is exported. Rendered PNGs are
cached by content, so the Word and PDF files of one export (and repeated exports) draw each chart
once.
"""
from __future__ import annotations

from typing import Any

from exporters.charts import bar, fishbone, gantt, line, pareto
from exporters.charts.common import cached_render, clear_cache
from forms.blocks import CHART_TYPES, BarBlock, FishboneBlock, LineBlock, ParetoBlock, PlanBlock

__all__ = ["CHART_KINDS", "render_chart", "clear_cache"]

CHART_KINDS: frozenset[str] = frozenset(CHART_TYPES)
"""Block types :func:`render_chart` draws: pareto, bar, line, fishbone, plan."""


def render_chart(block: Any, *, goal: Any = None, step: str = "", width_cm: float = 15.0,
                 dpi: int = 200) -> bytes:
    """The PNG of a chart block, ``width_cm`` wide when printed, at least 200 dpi (≥ 1200 px).

    ``goal`` (the group report's 课题指标) and ``step`` (the step the block sits in) matter only for
    a 柱状图 with ``from_goal``. Raises ``ValueError`` for a block that is not a chart.
    """
    if isinstance(block, ParetoBlock):
        return cached_render("pareto", block, None, "", width_cm, dpi,
                             lambda: pareto.draw(block, width_cm, dpi))
    if isinstance(block, BarBlock):
        used_goal = goal if block.from_goal else None
        used_step = step if block.from_goal else ""
        return cached_render("bar", block, used_goal, used_step, width_cm, dpi,
                             lambda: bar.draw(block, used_goal, used_step, width_cm, dpi))
    if isinstance(block, LineBlock):
        return cached_render("line", block, None, "", width_cm, dpi, lambda: line.draw(block, width_cm, dpi))
    if isinstance(block, FishboneBlock):
        return cached_render("fishbone", block, None, "", width_cm, dpi,
                             lambda: fishbone.draw(block, width_cm, dpi))
    if isinstance(block, PlanBlock):
        return cached_render("plan", block, None, "", width_cm, dpi, lambda: gantt.draw(block, width_cm, dpi))
    raise ValueError(f"不是图表：{getattr(block, 'type', type(block).__name__)}")
