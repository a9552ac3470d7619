"""活动计划 (甘特图): one row per task; the planned period hollow with a dashed edge above, the actual
period solid below, so the two read apart in colour and in black and white."""
from __future__ import annotations

import datetime as dt
import math

from matplotlib import dates as mdates
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from exporters.charts.common import (
    BAR_COLOR, BAR_EDGE, FONT_SIZE, add_line, add_rectangle, png_of, reused_figure, text_width_cm, wrap,
)
from forms.blocks import PlanBlock, plan_span

ROW_CM = 0.75


def _span(start: dt.date | None, end: dt.date | None) -> tuple[float, float] | None:
    if start is None or end is None or end < start:
        return None
    left = mdates.date2num(start)
    return left, mdates.date2num(end + dt.timedelta(days=1)) - left   # the end day is included


def _axes(fig: Figure) -> list[Axes]:
    """The axes, placed by each drawing, and the legend, the same in every chart."""
    legend = [Patch(facecolor="#DCE6F2", edgecolor=BAR_EDGE, linestyle="--", label="计划"),
              Patch(facecolor=BAR_COLOR, edgecolor=BAR_EDGE, label="实际")]
    fig.legend(handles=legend, loc="upper right", ncols=2, frameon=False, fontsize=FONT_SIZE,
               bbox_to_anchor=(0.97, 1.0))
    return [fig.add_axes((0.2, 0.2, 0.7, 0.6))]


def draw(block: PlanBlock, width_cm: float, dpi: int) -> bytes:
    tasks = block.tasks
    n = max(len(tasks), 1)
    label_cm = 3.6
    height_cm = 2.4 + ROW_CM * n
    left = label_cm / width_cm
    bottom = 1.3 / height_cm
    rect = (left, bottom, 0.97 - left, 1 - bottom - 0.35 / height_cm - 0.5 / height_cm)
    fig, (ax,) = reused_figure("plan", width_cm, height_cm, _axes)
    ax.set_position(rect)   # the rows' share of the height differs from chart to chart
    first, last = plan_span(block)
    if first is None or last is None:
        first = last = dt.date.today()
    ax.set_ylim(n - 0.5, -0.5)
    for row, task in enumerate(tasks):
        planned = _span(task.plan_start, task.plan_end)
        actual = _span(task.actual_start, task.actual_end)
        if planned:
            add_rectangle(ax, planned[0], row - 0.17 - 0.15, planned[1], 0.3, facecolor="#DCE6F2",
                          edgecolor=BAR_EDGE, linestyle="--", linewidth=0.9, zorder=2)
        if actual:
            add_rectangle(ax, actual[0], row + 0.17 - 0.15, actual[1], 0.3, facecolor=BAR_COLOR,
                          edgecolor=BAR_EDGE, linewidth=0.7, zorder=2)
    ax.set_yticks(range(len(tasks)), [wrap(t.name, label_cm - 0.3) for t in tasks])
    ax.tick_params(axis="y", length=0)
    span_days = (last - first).days
    axis_cm = width_cm * (0.97 - left)
    if span_days > 45:
        # A month label every month while they fit side by side, else every second, third… month.
        date_format, date_cm = "%Y.%m", text_width_cm("2023.01", FONT_SIZE) * 1.1   # digits: wider than rough
        month_cm = axis_cm * 30.44 / (span_days + 7)
        locator: mdates.DateLocator = mdates.MonthLocator(interval=max(1, math.ceil((date_cm + 0.12) / month_cm)))
    else:
        date_format, date_cm = "%m.%d", text_width_cm("01.01", FONT_SIZE) * 1.1
        locator = mdates.WeekdayLocator(byweekday=mdates.MO)
    low, high = mdates.date2num(first - dt.timedelta(days=3)), mdates.date2num(last + dt.timedelta(days=4))
    # A date label just before the right end would stick out of the image: give it the room it needs.
    ticks = [t for t in locator.tick_values(mdates.num2date(low), mdates.num2date(high)) if low <= t <= high]
    share = (axis_cm + width_cm * 0.03 - 0.1 - date_cm / 2) / axis_cm
    if ticks and 0 < share < 1:
        high = max(high, low + (ticks[-1] - low) / share)
    ax.set_xlim(low, high)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.DateFormatter(date_format))
    ax.grid(axis="x", color="#D9D9D9", linewidth=0.5, zorder=0)
    if len(tasks) > 1:   # the lines between rows, as one line broken between them
        ys = [v for row in range(1, len(tasks)) for v in (row - 0.5, row - 0.5, float("nan"))]
        xs = [0.0, 1.0, float("nan")] * (len(tasks) - 1)
        add_line(ax, xs, ys, color="#EFEFEF", linewidth=0.5, zorder=0, transform=ax.get_yaxis_transform(which="grid"))
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return png_of(fig, width_cm, dpi)
