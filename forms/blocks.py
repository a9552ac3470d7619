"""Report content blocks: what a step of 附件8/附件9 holds besides its text.

Tables, QC tables (要因确认表, 对策表, 经济效益), chart data (排列图, 柱状图, 折线图, 因果图, 甘特图) and
photographs, as ``Section.blocks``. The keys are the public contract of forms.md ("Report content").
A block of a type this version does not know is kept as it is (``UnknownBlock``) and reported by
the rules, never dropped. Drawing lives in ``exporters``; this module only holds data and the
computations that rules and documents share (the 排列图's order and percentages, the 因果图's leaves).
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal, Union

from pydantic import BeforeValidator, Discriminator, Tag

from forms.fields import Date, FormModel, Money, Number, Text, field, none_as_empty_list

OTHER_ITEM = "其他"
"""The 排列图's miscellaneous item: always printed last, whatever its size."""

BLOCK_LABELS: dict[str, str] = {
    "text": "文字",
    "table": "表格",
    "pareto": "排列图",
    "bar": "柱状图",
    "line": "折线图",
    "fishbone": "因果图",
    "cause_check": "要因确认表",
    "countermeasures": "对策表",
    "plan": "活动计划（甘特图）",
    "benefit": "经济效益计算",
    "image": "图片",
}
"""Every block type this version knows, with its Chinese name, in the order menus offer them."""

CHART_TYPES = frozenset({"pareto", "bar", "line", "fishbone", "plan"})
"""Blocks printed as a figure (图n); the image block is a figure too."""
FIGURE_TYPES = CHART_TYPES | {"image"}
TABLE_TYPES = frozenset({"table", "cause_check", "countermeasures", "benefit"})
"""Blocks printed as a table (表n). A 排列图 also prints its frequency table."""


def _rows(value: Any) -> Any:
    return none_as_empty_list(value)


def _yes_no(value: Any) -> Any:
    # 是否要因 is 是/否 in the file; a script may write true/false.
    if isinstance(value, bool):
        return "是" if value else "否"
    return value


Rows = Annotated[list[list[Text]], BeforeValidator(_rows)]


class BlockBase(FormModel):
    type: str = ""   # each kind narrows it to its own literal; declared here so files list it first
    title: Text = field("标题", "图、表的名称，导出时编号为“图1”“表1”……", default="")
    note: Text = field("说明", "印在图表下方，如 制表人、日期、数据来源。", default="")


class TextBlock(BlockBase):
    type: Literal["text"] = "text"
    text: Text = field("文字", default="")


class TableBlock(BlockBase):
    type: Literal["table"] = "table"
    columns: Annotated[list[Text], BeforeValidator(_rows)] = field("表头", default=[])
    rows: Rows = field("数据行", "可从 Excel 复制粘贴。", default=[])


class ParetoItem(FormModel):
    name: Text = field("项目", default="")
    count: Number | None = field("频数")


class ParetoBlock(BlockBase):
    type: Literal["pareto"] = "pareto"
    unit: Text = field("单位", "如 次、件。", default="")
    items: Annotated[list[ParetoItem], BeforeValidator(_rows)] = field("项目及频数", default=[])
    period: Text = field("数据收集期间", "如 2023年6月1日—6月30日。", default="")
    drawn_by: Text = field("制图人", default="")


class BarItem(FormModel):
    label: Text = field("名称", default="")
    value: Number | None = field("数值")


class BarBlock(BlockBase):
    type: Literal["bar"] = "bar"
    unit: Text = field("单位", default="")
    bars: Annotated[list[BarItem], BeforeValidator(_rows)] = field("柱", "按给定顺序画出。", default=[])
    from_goal: bool = field(
        "取自课题指标", "勾选后柱子取自报告的课题指标：设定目标为 现状/目标，效果检查为 活动前/目标/活动后，"
        "不必重复输入数字。", default=False)


class LinePoint(FormModel):
    x: Text = field("横轴", default="")
    y: Number | None = field("数值")


class LineBlock(BlockBase):
    type: Literal["line"] = "line"
    unit: Text = field("单位", default="")
    x_label: Text = field("横轴名称", "如 月份、日期。", default="")
    points: Annotated[list[LinePoint], BeforeValidator(_rows)] = field("数据点", default=[])
    target: Number | None = field("目标线", "填写后画成虚线。")


class FishboneCause(FormModel):
    name: Text = field("原因", default="")
    causes: Annotated[list[Union[Text, FishboneCause]], BeforeValidator(_rows)] = field(
        "下一层原因", default=[])


class FishboneBranch(FormModel):
    name: Text = field("大骨", "通常为 人、机、料、法、环、测 之一。", default="")
    causes: Annotated[list[Union[Text, FishboneCause]], BeforeValidator(_rows)] = field(
        "原因", "可分层，最多三层；最末一层为末端因素。", default=[])


class FishboneBlock(BlockBase):
    type: Literal["fishbone"] = "fishbone"
    problem: Text = field("问题（鱼头）", default="")
    branches: Annotated[list[FishboneBranch], BeforeValidator(_rows)] = field("大骨", default=[])


class CauseCheckRow(FormModel):
    cause: Text = field("末端因素", default="")
    content: Text = field("确认内容", default="")
    method: Text = field("确认方法", default="")
    standard: Text = field("标准", default="")
    result: Text = field("确认结果", default="")
    owner: Text = field("负责人", default="")
    date: Text = field("完成日期", default="")
    is_key: Annotated[Text, BeforeValidator(_yes_no)] = field("是否要因", "是 或 否。", default="")


class CauseCheckBlock(BlockBase):
    type: Literal["cause_check"] = "cause_check"
    rows: Annotated[list[CauseCheckRow], BeforeValidator(_rows)] = field("要因确认", default=[])


class CountermeasureRow(FormModel):
    cause: Text = field("要因", default="")
    measure: Text = field("对策", default="")
    goal: Text = field("目标", default="")
    actions: Text = field("措施", default="")
    place: Text = field("地点", default="")
    owner: Text = field("负责人", default="")
    due: Text = field("完成时间", default="")


class CountermeasuresBlock(BlockBase):
    type: Literal["countermeasures"] = "countermeasures"
    rows: Annotated[list[CountermeasureRow], BeforeValidator(_rows)] = field("对策（5W1H）", default=[])


class PlanTask(FormModel):
    name: Text = field("活动内容", default="")
    plan_start: Date | None = field("计划开始")
    plan_end: Date | None = field("计划结束")
    actual_start: Date | None = field("实际开始")
    actual_end: Date | None = field("实际结束")


class PlanBlock(BlockBase):
    type: Literal["plan"] = "plan"
    tasks: Annotated[list[PlanTask], BeforeValidator(_rows)] = field("活动计划", default=[])


class BenefitRow(FormModel):
    item: Text = field("项目", default="")
    amount: Money | None = field("金额（万元）", "节约或创效为正，投入成本为负。")
    basis: Text = field("计算依据", default="")


class BenefitBlock(BlockBase):
    type: Literal["benefit"] = "benefit"
    rows: Annotated[list[BenefitRow], BeforeValidator(_rows)] = field("效益项目", default=[])


class ImageBlock(BlockBase):
    type: Literal["image"] = "image"
    path: Text = field("图片文件", "相对于项目文件的路径，或绝对路径。", default="")


class UnknownBlock(FormModel):
    """A block of a type this version does not know: kept whole (extra keys too), reported."""

    type: Text = ""
    title: Text = ""
    note: Text = ""


KNOWN_BLOCKS: dict[str, type[BlockBase]] = {
    "text": TextBlock, "table": TableBlock, "pareto": ParetoBlock, "bar": BarBlock,
    "line": LineBlock, "fishbone": FishboneBlock, "cause_check": CauseCheckBlock,
    "countermeasures": CountermeasuresBlock, "plan": PlanBlock, "benefit": BenefitBlock,
    "image": ImageBlock,
}


def _block_tag(value: Any) -> str:
    kind = value.get("type") if isinstance(value, dict) else getattr(value, "type", None)
    kind = kind.strip() if isinstance(kind, str) else kind
    return kind if kind in KNOWN_BLOCKS else "unknown"


def _normalise_type(value: Any) -> Any:
    if isinstance(value, dict) and isinstance(value.get("type"), str):
        kind = value["type"].strip()
        if kind != value["type"] and kind in KNOWN_BLOCKS:
            value = {**value, "type": kind}
    return value


Block = Annotated[
    Union[
        Annotated[TextBlock, Tag("text")],
        Annotated[TableBlock, Tag("table")],
        Annotated[ParetoBlock, Tag("pareto")],
        Annotated[BarBlock, Tag("bar")],
        Annotated[LineBlock, Tag("line")],
        Annotated[FishboneBlock, Tag("fishbone")],
        Annotated[CauseCheckBlock, Tag("cause_check")],
        Annotated[CountermeasuresBlock, Tag("countermeasures")],
        Annotated[PlanBlock, Tag("plan")],
        Annotated[BenefitBlock, Tag("benefit")],
        Annotated[ImageBlock, Tag("image")],
        Annotated[UnknownBlock, Tag("unknown")],
    ],
    Discriminator(_block_tag),
]
"""Any block; the ``type`` key selects the model, an unknown type gives ``UnknownBlock``."""

def _normalise_blocks(value: Any) -> Any:
    value = none_as_empty_list(value)
    return [_normalise_type(v) for v in value] if isinstance(value, list) else value


Blocks = Annotated[list[Block], BeforeValidator(_normalise_blocks)]


def new_block(kind: str) -> BlockBase:
    """An empty block of ``kind`` (one of ``BLOCK_LABELS``)."""
    return KNOWN_BLOCKS[kind]()


# ---- computations shared by rules and documents ------------------------------------------------

def pareto_order(items: list[ParetoItem]) -> list[ParetoItem]:
    """Items by count, descending (stable for ties), with 其他 last whatever its size."""
    named = [i for i in items if i.name.strip() != OTHER_ITEM]
    other = [i for i in items if i.name.strip() == OTHER_ITEM]
    named.sort(key=lambda i: i.count if i.count is not None else Decimal(0), reverse=True)
    return named + other


def pareto_table(items: list[ParetoItem]) -> list[tuple[str, Decimal, Decimal, Decimal]]:
    """The frequency table: (项目, 频数, 频率 %, 累计频率 %) in print order, percentages to 2 places.

    The cumulative percentage is computed from the running count, so the last row is exactly 100.
    """
    ordered = pareto_order(items)
    counts = [i.count if i.count is not None else Decimal(0) for i in ordered]
    total = sum(counts, Decimal(0))
    rows: list[tuple[str, Decimal, Decimal, Decimal]] = []
    running = Decimal(0)
    for item, count in zip(ordered, counts):
        running += count
        if total:
            share = (count * 100 / total).quantize(Decimal("0.01"))
            cumulative = (running * 100 / total).quantize(Decimal("0.01"))
        else:
            share = cumulative = Decimal(0)
        rows.append((item.name, count, share, cumulative))
    return rows


def pareto_total(items: list[ParetoItem]) -> Decimal:
    return sum((i.count for i in items if i.count is not None), Decimal(0))


def fishbone_leaves(block: FishboneBlock) -> list[str]:
    """The 末端因素: every cause with no cause under it, depth first, in order, de-duplicated."""
    leaves: list[str] = []
    seen: set[str] = set()   # a set, so that thousands of causes stay linear

    def walk(causes: list[str | FishboneCause]) -> None:
        for cause in causes:
            if isinstance(cause, str):
                name, children = cause, []
            else:
                name, children = cause.name, cause.causes
            if children:
                walk(children)
            elif name.strip() and name.strip() not in seen:
                seen.add(name.strip())
                leaves.append(name.strip())

    for branch in block.branches:
        walk(branch.causes)
    return leaves


def benefit_total(block: BenefitBlock) -> Decimal:
    """The total of an 经济效益计算 table (costs are negative amounts)."""
    return sum((row.amount for row in block.rows if row.amount is not None), Decimal(0))


def plan_span(block: PlanBlock) -> tuple[dt.date | None, dt.date | None]:
    """The earliest and the latest date anywhere in the plan."""
    dates = [d for t in block.tasks
             for d in (t.plan_start, t.plan_end, t.actual_start, t.actual_end) if d is not None]
    return (min(dates), max(dates)) if dates else (None, None)


GOAL_BAR_STEPS: dict[str, tuple[str, ...]] = {
    "设定目标": ("baseline", "target"),
    "设定目标及目标可行性论证": ("baseline", "target"),
    "目标可行性论证": ("baseline", "target"),
}
_GOAL_BAR_LABELS = {"baseline": ("现状", "活动前"), "target": ("目标", "目标"), "achieved": ("活动后", "活动后")}


def goal_bar_keys(step: str) -> tuple[str, ...]:
    """The keys of ``Goal`` whose values a ``from_goal`` 柱状图 under ``step`` shows (see ``goal_bars``)."""
    return GOAL_BAR_STEPS.get(step, ("baseline", "target", "achieved"))


def goal_bars(goal: Any, step: str) -> list[BarItem]:
    """The bars a ``from_goal`` 柱状图 shows under ``step``, from the report's ``goal``.

    设定目标 (and its variants) compares 现状 with 目标; any other step, 效果检查 above all, shows
    活动前/目标/活动后. A value not yet typed gives a bar without a value.
    """
    keys = goal_bar_keys(step)
    before = len(keys) == 2
    return [BarItem(label=_GOAL_BAR_LABELS[k][0 if before else 1], value=getattr(goal, k, None))
            for k in keys]


def bars_of(block: BarBlock, goal: Any, step: str) -> list[BarItem]:
    """What a 柱状图 prints: its own bars, or the goal's when ``from_goal`` is set."""
    return goal_bars(goal, step) if block.from_goal and goal is not None else list(block.bars)
