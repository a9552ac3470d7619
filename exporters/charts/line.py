"""折线图 / 趋势图: the points in order, each value written, an optional dashed target line."""
from __future__ import annotations

from matplotlib.ticker import MaxNLocator

from exporters.charts.common import (
    ACCENT, BAR_EDGE, FONT_SIZE, add_line, number_text, png_of, reused_figure, unit_suffix, wrap,
)
from forms.blocks import LineBlock


def draw(block: LineBlock, width_cm: float, dpi: int) -> bytes:
    points = [p for p in block.points if p.y is not None]
    height_cm = width_cm * 0.5
    fig, (ax,) = reused_figure("line", width_cm, height_cm, lambda f: [f.add_subplot()])
    xs = list(range(len(block.points)))
    ys = [float(p.y) if p.y is not None else float("nan") for p in block.points]
    values = [float(p.y) for p in points]
    if block.target is not None:
        values.append(float(block.target))
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    span = (high - low) or abs(high) or 1.0
    ax.set_ylim(low - span * 0.25, high + span * 0.3)
    ax.set_xlim(-0.5, max(len(xs), 1) - 0.5)
    add_line(ax, xs, ys, color=BAR_EDGE, marker="o", markersize=4, linewidth=1.5, zorder=3)
    for x, y, point in zip(xs, ys, block.points):
        if point.y is not None:
            ax.text(x, y + span * 0.05, number_text(point.y), ha="center", va="bottom",
                    fontsize=FONT_SIZE - 0.5, zorder=4)
    if block.target is not None:
        target = float(block.target)
        add_line(ax, [0, 1], [target, target], color=ACCENT, linestyle="--", linewidth=1.3, zorder=2,
                 transform=ax.get_yaxis_transform(which="grid"))
        # Name the line at the end whose point lies farther from it, on the side away from the points.
        ends = [(abs(ys[i] - target), i) for i in (0, len(ys) - 1) if ys and ys[i] == ys[i]]
        far = max(ends)[1] if ends else len(xs) - 1
        above = not ys or not ends or ys[far] <= target
        ax.text(far + (0.45 if far == 0 else -0.45) if xs else 0.5, target + (span * 0.04 if above else -span * 0.04),
                f"目标值 {number_text(block.target)}{block.unit.strip()}", ha="left" if far == 0 else "right",
                va="bottom" if above else "top", color=ACCENT, fontsize=FONT_SIZE - 0.5)
    n = max(len(xs), 1)
    ax.set_xticks(xs, [wrap(p.x, width_cm * 0.86 / n * 0.9) for p in block.points])
    ax.yaxis.set_major_locator(MaxNLocator(nbins=6))
    ax.grid(axis="y", color="#D9D9D9", linewidth=0.5, zorder=0)
    ax.set_axisbelow(True)
    ax.set_ylabel(f"数值{unit_suffix(block.unit)}")
    if block.x_label.strip():
        ax.set_xlabel(block.x_label.strip())
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return png_of(fig, width_cm, dpi, fit=ax)
