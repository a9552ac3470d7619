"""排列图 (Pareto chart), drawn the way reviewers check it.

Bars by count descending with 其他 last (``forms.blocks.pareto_table``), equal width without gaps;
the left axis runs 0…total and the right axis 0…100 % on the same scale, so 100 % sits at the
total; the cumulative line passes through each bar's upper-right corner; ABC classes 0–80, 80–90,
90–100 % are shaded; N, 数据收集期间 and 制图人 are printed under the chart.
"""
from __future__ import annotations

from decimal import Decimal

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from exporters.charts.common import (
    ACCENT, BAR_COLOR, BAR_EDGE, FONT_SIZE, PT_CM, TEXT_COLOR, add_line, add_rectangle, number_text, png_of,
    reused_figure, unit_suffix, wrap,
)
from forms.blocks import ParetoBlock, pareto_table

ABC_BANDS = ((0, 80, "A", "#F2DCDB"), (80, 90, "B", "#FDE9D9"), (90, 100, "C", "#EBF1DE"))
AXES_RECT = (0.095, 0.2, 0.785, 0.72)
NAME_LINES = 3             # lines of an item's name the room under the bars holds


def _axes(fig: Figure) -> list[Axes]:
    ax = fig.add_axes(AXES_RECT)
    return [ax, ax.twinx()]


def draw(block: ParetoBlock, width_cm: float, dpi: int) -> bytes:
    rows = pareto_table(block.items)
    total = sum((count for _, count, _, _ in rows), Decimal(0))
    n = max(len(rows), 1)
    size = FONT_SIZE - 0.5
    names = [wrap(name, width_cm * 0.785 / n * 0.92, size) for name, _, _, _ in rows]
    # Names wrapped to more lines than the room under the bars holds: the chart grows by the extra
    # lines, the plot keeps its height and the footer its place, so nothing runs into the footer.
    lines = max((name.count("\n") + 1 for name in names), default=1)
    base_cm = width_cm * 0.62
    extra_cm = max(0, lines - NAME_LINES) * size * 1.2 * PT_CM
    height_cm = base_cm + extra_cm
    fig, (ax, ax2) = reused_figure("pareto", width_cm, height_cm, _axes)
    if extra_cm:
        x0, y0, w, h = AXES_RECT
        ax.set_position((x0, (y0 * base_cm + extra_cm) / height_cm, w, h * base_cm / height_cm))
        footer_y = 0.02 * base_cm / height_cm
    else:
        ax.set_position(AXES_RECT)
        footer_y = 0.02
    ax2.set_position(ax.get_position())
    top = float(total) if total > 0 else 1.0
    ax.set_xlim(-0.5, n - 0.5)
    ax.set_ylim(0, top)
    ax2.set_ylim(0, 100)
    # ABC bands on the percentage axis, behind everything; their names at the left edge, above the
    # first bar, where neither the bars' values nor the cumulative line (which starts at the first
    # bar's right edge) can be.
    first_share = float(rows[0][2]) if rows else 0.0
    label_at = {"A": 75.0 if first_share < 68 else 5.0, "B": 85.0, "C": 95.0}
    for low, high, label, colour in ABC_BANDS:
        add_rectangle(ax2, 0, low, 1, high - low, color=colour, zorder=0, linewidth=0,
                      transform=ax2.get_yaxis_transform(which="grid"))
        inside_bar = label == "A" and first_share >= 68
        ax2.text(-0.5 + 0.06, label_at[label], f"{label}类", ha="left", va="center", fontsize=FONT_SIZE - 1,
                 color="white" if inside_bar else "#7F7F7F", zorder=3 if inside_bar else 1)
    for level in (80, 90):
        add_line(ax2, [0, 1], [level, level], color="#7F7F7F", linewidth=0.6, linestyle="--", zorder=1,
                 transform=ax2.get_yaxis_transform(which="grid"))
    ax.set_zorder(ax2.get_zorder() + 1)   # bars and their labels above the bands
    ax.patch.set_visible(False)
    xs = list(range(len(rows)))
    counts = [float(c) for _, c, _, _ in rows]
    for x, count in zip(xs, counts):
        add_rectangle(ax, x - 0.5, 0, 1.0, count, facecolor=BAR_COLOR, edgecolor=BAR_EDGE, linewidth=0.7, zorder=2)
    for x, count in zip(xs, counts):
        # The value inside the top of a tall bar, above a short one: clear of the cumulative labels.
        inside = count >= top * 0.1
        ax.text(x, count - top * 0.015 if inside else count + top * 0.012, number_text(count), ha="center",
                va="top" if inside else "bottom", fontsize=FONT_SIZE - 0.5, zorder=4,
                color="white" if inside else TEXT_COLOR)
    # The cumulative line, through each bar's upper-right corner (on the left scale: running total).
    running = 0.0
    line_x, line_y = [], []
    for x, count in zip(xs, counts):
        running += count
        line_x.append(x + 0.5)
        line_y.append(running)
    add_line(ax, line_x, line_y, color=ACCENT, marker="o", markersize=3.5, linewidth=1.4, zorder=5,
            clip_on=False)
    for x, y, (_, _, _, cumulative) in zip(line_x[:-1], line_y[:-1], rows[:-1]):
        ax.text(x - 0.04, y + top * 0.02, f"{cumulative}%", ha="right", va="bottom",
                fontsize=FONT_SIZE - 1.5, color=ACCENT, zorder=5)
    ax.set_xticks(xs, names, fontsize=size)
    ax.tick_params(axis="x", length=0)
    # Left ticks end exactly at the total, level with 100 % on the right.
    ticks = [t for t in MaxNLocator(nbins=5, integer=True).tick_values(0, top) if 0 <= t < top * 0.9]
    ax.set_yticks([*ticks, top], [*(number_text(t) for t in ticks), number_text(total)])
    ax2.set_yticks(range(0, 101, 20))
    ax2.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:.0f}%"))
    ax.set_ylabel(f"频数{unit_suffix(block.unit)}")
    ax2.set_ylabel("累计频率（%）")
    for axis in (ax, ax2):
        axis.spines["top"].set_visible(False)
    footer = [f"N＝{number_text(total)}{block.unit.strip()}"]
    if block.period.strip():
        footer.append(f"数据收集期间：{block.period.strip()}")
    if block.drawn_by.strip():
        footer.append(f"制图人：{block.drawn_by.strip()}")
    fig.text(0.5, footer_y, "    ".join(footer), ha="center", va="bottom", fontsize=size)
    return png_of(fig, width_cm, dpi)
