"""因果图 (fish bone): the problem in a box at the head (right), the main bones (人 机 料 法 环 测 …)
slanting into the spine above and below, and the causes of each bone as a small tree of labelled
ribs, up to three levels. Labels are wrapped to the room each bone has and laid out in rows, so
none overlaps another; the figure grows in height with the number of causes.

Drawn in centimetres: the axes fill the figure and one data unit is one centimetre on paper.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from matplotlib.patches import FancyBboxPatch

from exporters.charts.common import (
    ACCENT, BAR_EDGE, PT_CM, add_line, png_of, reused_figure, text_width_cm, wrap_lines,
)
from forms.blocks import FishboneBlock, FishboneCause

CAUSE_PT = 9.0
BONE_PT = 10.5
HEAD_PT = 11.0
LINE_GAP = 1.28            # line height / font size
ROW_PAD = 0.12             # cm between rows
GAP = 0.12                 # cm between a rib's end and its label
TRUNK = 0.3                # cm a child's trunk sits left of its parent's label end
SLANT = 0.9                # cm a bone leans over its height
LEFT = 0.35
HEAD_W = 3.0


@dataclass
class _Node:
    lines: list[str]
    depth: int
    children: list[_Node] = field(default_factory=list)
    y: float = 0.0          # the rib's height (text sits above it)
    right: float = 0.0      # where the label ends on the right

    @property
    def height(self) -> float:
        return len(self.lines) * CAUSE_PT * LINE_GAP * PT_CM + ROW_PAD

    def rows(self) -> list[_Node]:
        return [self, *(r for c in self.children for r in c.rows())]


def _nodes(causes: list[str | FishboneCause], depth: int, room: float) -> list[_Node]:
    nodes = []
    for cause in causes:
        name, children = (cause, []) if isinstance(cause, str) else (cause.name, cause.causes)
        width = max(room - (depth - 1) * (TRUNK + GAP), 1.0)
        node = _Node(wrap_lines(name, width, CAUSE_PT), depth)
        node.children = _nodes(children, depth + 1, room)
        nodes.append(node)
    return nodes


@dataclass
class _Bone:
    name: str
    causes: list[_Node]
    top: bool
    x_spine: float = 0.0

    @property
    def rows(self) -> list[_Node]:
        return [r for c in self.causes for r in c.rows()]

    @property
    def height(self) -> float:
        return sum(r.height for r in self.rows)


def draw(block: FishboneBlock, width_cm: float, dpi: int) -> bytes:
    branches = block.branches
    ncols = max(1, math.ceil(len(branches) / 2))
    head_left = width_cm - 0.2 - HEAD_W
    col_w = (head_left - 0.3 - LEFT) / ncols
    room = col_w - SLANT * 0.4 - GAP - 0.35
    bones = [_Bone(b.name, _nodes(b.causes, 1, room), top=(i % 2 == 0)) for i, b in enumerate(branches)]
    for i, bone in enumerate(bones):
        bone.x_spine = LEFT + (i // 2 + 1) * col_w - 0.15
    box_h = BONE_PT * PT_CM * 1.9
    side_top = max([b.height for b in bones if b.top], default=0.8) + 0.45
    side_bottom = max([b.height for b in bones if not b.top], default=0.8) + 0.45
    head_lines = wrap_lines(block.problem.strip() or "（问题未填写）", HEAD_W - 0.35, HEAD_PT)
    head_h = len(head_lines) * HEAD_PT * LINE_GAP * PT_CM + 0.5
    top_edge = max(side_top + box_h + 0.25, head_h / 2 + 0.3)
    bottom_edge = -max(side_bottom + box_h + 0.25, head_h / 2 + 0.3)
    height_cm = top_edge - bottom_edge
    fig, (ax,) = reused_figure("fishbone", width_cm, height_cm, lambda f: [f.add_axes((0, 0, 1, 1))])
    ax.set_xlim(0, width_cm)
    ax.set_ylim(bottom_edge, top_edge)
    ax.axis("off")
    # Spine and head.
    ax.annotate("", xy=(head_left, 0), xytext=(LEFT - 0.15, 0),
                arrowprops={"arrowstyle": "-|>", "linewidth": 2.2, "color": BAR_EDGE, "mutation_scale": 14})
    ax.add_patch(FancyBboxPatch((head_left + 0.05, -head_h / 2), HEAD_W - 0.05, head_h,
                                boxstyle="round,pad=0.02,rounding_size=0.15", facecolor="#F2DCDB",
                                edgecolor=ACCENT, linewidth=1.2))
    ax.text(head_left + 0.05 + (HEAD_W - 0.05) / 2, 0, "\n".join(head_lines), ha="center", va="center",
            fontsize=HEAD_PT, linespacing=LINE_GAP - 0.05)
    for bone in bones:
        _draw_bone(ax, bone, side_top if bone.top else side_bottom)
    return png_of(fig, width_cm, dpi)


def _draw_bone(ax, bone: _Bone, reach: float) -> None:
    sign = 1 if bone.top else -1

    def bone_x(y: float) -> float:   # where the slanted bone is at height ``y``
        return bone.x_spine - SLANT * abs(y) / reach

    x_out = bone_x(reach)
    add_line(ax, [bone.x_spine, x_out], [0, sign * reach], color=BAR_EDGE, linewidth=1.6, solid_capstyle="round")
    box_y = sign * (reach + BONE_PT * PT_CM * 0.95)
    ax.text(x_out, box_y, bone.name.strip() or "（未命名）", ha="center", va="center", fontsize=BONE_PT,
            bbox={"boxstyle": "round,pad=0.3", "facecolor": "#DCE6F2", "edgecolor": BAR_EDGE, "linewidth": 0.9})
    # Rows top-down on both sides: on the top side from the bone's outer end towards the spine.
    rows = bone.rows
    y = 0.3 + bone.height if bone.top else -0.3
    for row in rows:
        y -= row.height
        row.y = y + ROW_PAD * 0.35
    for cause in bone.causes:
        group = cause.rows()
        # The label must clear the bone over its whole height (the bone leans towards the spine).
        cause.right = min(min(bone_x(r.y), bone_x(r.y + r.height)) for r in group) - GAP
        _place_children(cause)
        _draw_cause(ax, cause, rib_right=bone_x(cause.y))


def _place_children(node: _Node) -> None:
    for child in node.children:
        child.right = node.right - TRUNK - GAP
        _place_children(child)


def _draw_cause(ax, node: _Node, rib_right: float) -> None:
    width = max(text_width_cm(line, CAUSE_PT) for line in node.lines)
    left = node.right - width - 0.05
    add_line(ax, [left, rib_right], [node.y, node.y], color="#404040", linewidth=0.8)
    ax.text(node.right, node.y + 0.04, "\n".join(node.lines), ha="right", va="bottom", fontsize=CAUSE_PT,
            linespacing=LINE_GAP - 0.1)
    if node.children:
        trunk = node.right - TRUNK
        add_line(ax, [trunk, trunk], [node.y, node.children[-1].y], color="#404040", linewidth=0.7)
        for child in node.children:
            _draw_cause(ax, child, rib_right=trunk)
