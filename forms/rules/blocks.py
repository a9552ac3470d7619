"""Rules on the content blocks of the report books: what cannot be printed as it stands.

A block type this version does not know (kept, never printed), a picture that is missing or not a
picture, a chart without data. Each is a warning at the block, since the rest of the report still
prints (the export puts a placeholder line where the block would be). Whether a report holds the
charts and tables a reviewer expects is the 方法自查's business, not this module's.
"""
from __future__ import annotations

from os import PathLike
from typing import Any

from forms.blocks import (
    BLOCK_LABELS, BarBlock, FishboneBlock, ImageBlock, LineBlock, ParetoBlock, PlanBlock, UnknownBlock,
    goal_bar_keys,
)
from forms.project import Project
from forms.rules.findings import Reporter

# The first bytes of the picture formats Word, PDF and Pillow all take.
_PICTURE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a", b"BM", b"II*\x00", b"MM\x00*")

_CHART_DATA_KEY = {"pareto": "items", "bar": "bars", "line": "points", "fishbone": "branches", "plan": "tasks"}


def _has_leaf(causes: list) -> bool:
    """Whether ``fishbone_leaves`` would find a 末端因素 here: stops at the first one."""
    for cause in causes:
        if isinstance(cause, str):
            if cause.strip():
                return True
        elif cause.causes:
            if _has_leaf(cause.causes):
                return True
        elif cause.name.strip():
            return True
    return False


def chart_data_missing(block: Any, goal: Any = None, step: str = "") -> str | None:
    """Why a chart block cannot be drawn (a short Chinese phrase), or ``None`` when it can."""
    if isinstance(block, ParetoBlock):
        if not any(i.count is not None and i.count > 0 for i in block.items):
            return "还没有项目和频数"
    elif isinstance(block, BarBlock):
        # What ``bars_of`` would draw, without making the bars: the goal's values or the block's own.
        if block.from_goal and goal is not None:
            drawn = any(getattr(goal, key, None) is not None for key in goal_bar_keys(step))
        else:
            drawn = any(b.value is not None for b in block.bars)
        if not drawn:
            return "还没有课题指标的数值" if block.from_goal else "还没有柱子的数值"
    elif isinstance(block, LineBlock):
        if not any(p.y is not None for p in block.points):
            return "还没有数据点"
    elif isinstance(block, FishboneBlock):
        if not any(_has_leaf(branch.causes) for branch in block.branches):
            return "还没有原因"
    elif isinstance(block, PlanBlock):
        if not any((t.plan_start and t.plan_end) or (t.actual_start and t.actual_end) for t in block.tasks):
            return "还没有带起止日期的活动"
    return None


def _picture_problem(head: bytes | None) -> str | None:
    """What is wrong with a picture file, given its first bytes (``None``: it cannot be read)."""
    if head is None:
        return "无法读取图片文件"
    if head.startswith(_PICTURE_MAGIC) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return None
    return "不是可识别的图片（请用 JPG 或 PNG 格式）"


def _check_block(r: Reporter, at: tuple, block: Any, goal: Any, step: str,
                 base_dir: str | PathLike[str] | None) -> None:
    if isinstance(block, UnknownBlock):
        kind = block.type.strip() or "（未注明）"
        r.warning((*at, "type"), f"报告中有本版本不认识的内容类型“{kind}”，已原样保留但不会打印。")
        return
    if isinstance(block, ImageBlock):
        name = block.path.strip()
        if not name:
            r.warning((*at, "path"), "还没有选择图片文件，导出时此处只印一行提示。")
            return
        path = r.files.resolve(name, base_dir)
        if path is None or not r.files.is_file(path):
            return   # a missing file is an error of forms.rules.files, like every attachment
        problem = _picture_problem(r.files.head(path))
        if problem:
            r.warning((*at, "path"), f"{problem}“{name}”，导出时此处只印一行提示。请重新选择图片或删除该项。")
        return
    kind = getattr(block, "type", "")
    if kind in _CHART_DATA_KEY:
        missing = chart_data_missing(block, goal, step)
        if missing:
            r.warning((*at, _CHART_DATA_KEY[kind]), f"{BLOCK_LABELS[kind]}{missing}，导出时不会画出。")


def check_blocks(r: Reporter, project: Project, base_dir: str | PathLike[str] | None = None) -> None:
    """Findings for the blocks of every report step of every achievement."""
    for kind, items in (("group_achievements", project.group_achievements),
                        ("team_achievements", project.team_achievements)):
        for index, achievement in enumerate(items):
            report = achievement.report
            goal = getattr(report, "goal", None)
            for section in report.sections:
                for position, block in enumerate(section.blocks):
                    at = (kind, index, "report", "sections", section.step, "blocks", position)
                    _check_block(r, at, block, goal, section.step, base_dir)
