"""柱状图: bars in the given order, each value written on its bar, the axis from 0.

With ``from_goal`` the bars come from the report's 课题指标 (``forms.blocks.bars_of``): 现状/目标 under
设定目标, 活动前/目标/活动后 under 效果检查; the 目标 bar is drawn hatched so it reads as a target.
"""
from __future__ import annotations

from typing import Any

from matplotlib.ticker import MaxNLocator

from exporters.charts.common import (
    BAR_COLOR, BAR_EDGE, FONT_SIZE, TARGET_COLOR, add_rectangle, number_text, png_of, reused_figure,
    unit_suffix, wrap,
)
from forms.blocks import BarBlock, bars_of

TARGET_LABELS = frozenset({"目标", "目标值"})


def draw(block: BarBlock, goal: Any, step: str, width_cm: float, dpi: int) -> bytes:
    bars = bars_of(block, goal, step)
    unit = block.unit
    if block.from_goal and goal is not None and not unit.strip():
        unit = getattr(goal, "unit", "") or ""
    height_cm = width_cm * 0.5
    fig, (ax,) = reused_figure("bar", width_cm, height_cm, lambda f: [f.add_subplot()])
    n = max(len(bars), 1)
    values = [float(b.value) if b.value is not None else 0.0 for b in bars]
    top = max([v for v in values if v > 0], default=1.0)
    ax.set_xlim(-0.6, n - 0.4)
    ax.set_ylim(0, top * 1.18)   # from 0, with room for the values above the bars
    width = 0.55 if n > 2 else 0.45
    xs = list(range(len(bars)))
    for x, bar, value in zip(xs, bars, values):
        is_target = bar.label.strip() in TARGET_LABELS
        add_rectangle(ax, x - width / 2, 0, width, value, facecolor=TARGET_COLOR if is_target else BAR_COLOR,
                      edgecolor=BAR_EDGE, linewidth=0.7, hatch="//" if is_target else None, zorder=2)
        if bar.value is not None:
            ax.text(x, value + top * 0.015, f"{number_text(bar.value)}{unit.strip()}", ha="center",
                    va="bottom", fontsize=FONT_SIZE, zorder=3)
    ax.set_xticks(xs, [wrap(b.label, width_cm * 0.86 / n * 0.9) for b in bars])
    ax.tick_params(axis="x", length=0)
    ax.yaxis.set_major_locator(MaxNLocator(nbins=6))
    ax.grid(axis="y", color="#D9D9D9", linewidth=0.5, zorder=0)
    ax.set_axisbelow(True)
    indicator = (getattr(goal, "indicator", "") or "") if block.from_goal and goal is not None else ""
    ax.set_ylabel(f"{indicator.strip() or '数值'}{unit_suffix(unit)}")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return png_of(fig, width_cm, dpi, fit=ax)
