"""活动计划 (甘特图): one row per task; the planned period hollow with a dashed edge above, the actual
period solid below, so the two read apart in colour and in black and white."""
from __future__ import annotations

import datetime as dt

from matplotlib import dates as mdates
from matplotlib.patches import Patch

from exporters.charts.common import BAR_COLOR, BAR_EDGE, FONT_SIZE, png_of, reused_figure, wrap
from forms.blocks import PlanBlock, plan_span

ROW_CM = 0.75


def _span(start: dt.date | None, end: dt.date | None) -> tuple[float, float] | None:
    if start is None or end is None or end < start:
        return None
    left = mdates.date2num(start)
    return left, mdates.date2num(end + dt.timedelta(days=1)) - left   # the end day is included


def draw(block: PlanBlock, width_cm: float, dpi: int) -> bytes:
    tasks = block.tasks
    n = max(len(tasks), 1)
    label_cm = 3.6
    height_cm = 2.4 + ROW_CM * n
    left = label_cm / width_cm
    bottom = 1.3 / height_cm
    rect = (left, bottom, 0.97 - left, 1 - bottom - 0.35 / height_cm - 0.5 / height_cm)
    fig, (ax,) = reused_figure("plan", width_cm, height_cm, lambda f: [f.add_axes(rect)])
    ax.set_position(rect)   # the rows' share of the height differs from chart to chart
    first, last = plan_span(block)
    if first is None or last is None:
        first = last = dt.date.today()
    ax.set_xlim(mdates.date2num(first - dt.timedelta(days=3)), mdates.date2num(last + dt.timedelta(days=4)))
    ax.set_ylim(n - 0.5, -0.5)
    for row, task in enumerate(tasks):
        planned = _span(task.plan_start, task.plan_end)
        actual = _span(task.actual_start, task.actual_end)
        if planned:
            ax.barh(row - 0.17, planned[1], left=planned[0], height=0.3, color="#DCE6F2",
                    edgecolor=BAR_EDGE, linestyle="--", linewidth=0.9, zorder=2)
        if actual:
            ax.barh(row + 0.17, actual[1], left=actual[0], height=0.3, color=BAR_COLOR,
                    edgecolor=BAR_EDGE, linewidth=0.7, zorder=2)
    ax.set_yticks(range(len(tasks)), [wrap(t.name, label_cm - 0.3) for t in tasks])
    ax.tick_params(axis="y", length=0)
    span_days = (last - first).days
    locator = mdates.MonthLocator() if span_days > 45 else mdates.WeekdayLocator(byweekday=mdates.MO)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y.%m" if span_days > 45 else "%m.%d"))
    ax.grid(axis="x", color="#D9D9D9", linewidth=0.5, zorder=0)
    for y in range(1, len(tasks)):
        ax.axhline(y - 0.5, color="#EFEFEF", linewidth=0.5, zorder=0)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    legend = [Patch(facecolor="#DCE6F2", edgecolor=BAR_EDGE, linestyle="--", label="计划"),
              Patch(facecolor=BAR_COLOR, edgecolor=BAR_EDGE, label="实际")]
    fig.legend(handles=legend, loc="upper right", ncols=2, frameon=False, fontsize=FONT_SIZE,
               bbox_to_anchor=(0.97, 1.0))
    return png_of(fig, width_cm, dpi)
