"""Charts of the report blocks (排列图, 柱状图, 折线图, 因果图, 甘特图) as PNG images.

One module per kind; :func:`render_chart` is the one entry point, used by the document writers and
by the window's live preview, so the preview is the very image that is exported. Rendered PNGs are
cached by content (``cache``), so the Word and PDF files of one export (and repeated exports) draw
each chart once. matplotlib is imported on the first drawing, not with this package, so starting
the application does not wait for it.
"""
from __future__ import annotations

import warnings
from typing import Any

from exporters.charts.cache import cached, clear_cache, content_key, is_cached
from forms.blocks import CHART_TYPES, BarBlock, FishboneBlock, LineBlock, ParetoBlock, PlanBlock

__all__ = ["CHART_KINDS", "PRINT_WIDTH_CM", "render_chart", "clear_cache", "any_to_draw", "preload"]

CHART_KINDS: frozenset[str] = frozenset(CHART_TYPES)
"""Block types :func:`render_chart` draws: pareto, bar, line, fishbone, plan."""

PRINT_WIDTH_CM: dict[str, float] = {"pareto": 15.0, "fishbone": 16.0, "plan": 15.0, "bar": 12.0, "line": 14.0}
"""The width each kind is printed at in the report books (a 柱状图 of three bars needs less room than
a 因果图). A preview drawn at this width is the exported image itself, served from the cache."""


def _draw(kind: str, block: Any, goal: Any, step: str, width_cm: float, dpi: int) -> bytes:
    import matplotlib

    from exporters.charts import bar, fishbone, gantt, line, pareto
    from exporters.charts.common import rc

    # Layout hints for crowded labels and glyphs missing from both fonts are matplotlib's
    # warnings; the chart is drawn all the same, and users cannot act on them.
    with matplotlib.rc_context(rc()), warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        if kind == "pareto":
            return pareto.draw(block, width_cm, dpi)
        if kind == "bar":
            return bar.draw(block, goal, step, width_cm, dpi)
        if kind == "line":
            return line.draw(block, width_cm, dpi)
        if kind == "fishbone":
            return fishbone.draw(block, width_cm, dpi)
        return gantt.draw(block, width_cm, dpi)


def _kind_and_key(block: Any, goal: Any, step: str, width_cm: float, dpi: int) -> tuple[str, Any, str, str]:
    kinds = {ParetoBlock: "pareto", BarBlock: "bar", LineBlock: "line", FishboneBlock: "fishbone",
             PlanBlock: "plan"}
    kind = next((k for cls, k in kinds.items() if isinstance(block, cls)), None)
    if kind is None:
        raise ValueError(f"不是图表：{getattr(block, 'type', type(block).__name__)}")
    if kind != "bar" or not block.from_goal:
        goal, step = None, ""   # only a 柱状图 from the goal depends on them
    return kind, goal, step, content_key(kind, block, goal, step, width_cm, dpi)


def render_chart(block: Any, *, goal: Any = None, step: str = "", width_cm: float = 15.0,
                 dpi: int = 200) -> bytes:
    """The PNG of a chart block, ``width_cm`` wide when printed, at least 200 dpi (≥ 1200 px).

    ``goal`` (the group report's 课题指标) and ``step`` (the step the block sits in) matter only for
    a 柱状图 with ``from_goal``. Raises ``ValueError`` for a block that is not a chart. Thread-safe.
    """
    kind, goal, step, key = _kind_and_key(block, goal, step, width_cm, dpi)
    return cached(key, lambda: _draw(kind, block, goal, step, width_cm, dpi))


def any_to_draw(project: Any) -> bool:
    """Whether exporting ``project`` would draw a chart: one of its reports' charts, at the width the
    report books print it (:data:`PRINT_WIDTH_CM`, within their 16 cm text width), is in neither
    cache. Cheap (no matplotlib); a chart the books leave out only makes the answer a needless yes."""
    for achievement in [*project.group_achievements, *project.team_achievements]:
        goal = getattr(achievement.report, "goal", None)
        for section in achievement.report.sections:
            for block in section.blocks:
                if block.type in CHART_KINDS:
                    key = _kind_and_key(block, goal, section.step, PRINT_WIDTH_CM[block.type], 200)[3]
                    if not is_cached(key):
                        return True
    return False


def preload() -> None:
    """Import matplotlib and the chart modules and register the fonts, e.g. once before forking
    worker processes that will draw charts (each would otherwise spend about 0.35 s of CPU on it)."""
    from exporters.charts import bar, fishbone, gantt, line, pareto  # noqa: F401
    from exporters.charts.common import font_family
    font_family()
