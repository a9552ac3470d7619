"""方法自查 (Q2–Q15): a report read the way a reviewer reads it (T/CAQ 10201-2020 practice).

These are warnings (附件8/9 are "仅供参考"), except a 目标 that points the wrong way. Each message
names the offending item (the cause, the countermeasure, the person, the number) and says in one
sentence what a reviewer expects. The checks read the typed blocks: 排列图, 因果图, 要因确认表, 对策表,
经济效益计算, 活动计划, and the report's ``goal``. Q1 (the step list) lives with the step rules in
``forms.rules.reports``.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from forms.blocks import (
    OTHER_ITEM, BenefitBlock, CauseCheckBlock, CountermeasureRow, CountermeasuresBlock, FishboneBlock,
    ParetoBlock, PlanBlock, benefit_total, fishbone_leaves, pareto_total,
)
from forms.campaign import CampaignProfile
from forms.group_achievement import GroupAchievement
from forms.group_report import Goal
from forms.report_common import Section
from forms.rules.findings import Reporter
from forms.rules.words import Words, norm, same_item, split_names, words_of
from forms.team_achievement import TeamAchievement
from forms.text import cn_date

DATA_BLOCKS = frozenset({"table", "pareto", "bar", "line"})
"""Blocks that show data (Q2): a table or a chart of numbers."""
EVIDENCE_BLOCKS = DATA_BLOCKS | {"benefit", "image"}
"""Blocks that can show an effect or compare options (Q12, Q14); a photographed chart counts."""
FIVE_W1H = ("measure", "goal", "actions", "place", "owner", "due")


@dataclass
class Placed:
    """A block with its place: the step it is under, its index there, its path."""

    step: str
    index: int
    block: Any   # the model of its type (ParetoBlock, CauseCheckBlock…)
    path: tuple


class ReportBlocks:
    """The blocks of the steps that will print (the first section of each step of the sequence),
    sorted once by type and by step: every check looks them up, none walks the report again."""

    def __init__(self, at: tuple, sections: list[Section], steps: tuple[str, ...]) -> None:
        self.by_type: dict[type, list[Placed]] = {}
        self.types_by_step: dict[str, set[str]] = {}
        self.steps: set[str] = set()
        for section in sections:
            if section.step not in steps or section.step in self.steps:
                continue
            self.steps.add(section.step)
            kinds = self.types_by_step.setdefault(section.step, set())
            for i, block in enumerate(section.blocks):
                kind = type(block)
                kinds.add(block.type)
                if kind in _READ:   # only these are read row by row; the rest only count by type
                    place = Placed(section.step, i, block, (*at, "sections", section.step, "blocks", i))
                    self.by_type.setdefault(kind, []).append(place)


_READ = frozenset({ParetoBlock, FishboneBlock, CauseCheckBlock, CountermeasuresBlock, BenefitBlock, PlanBlock})


def _of(blocks: ReportBlocks, kind: type) -> list[Placed]:
    return blocks.by_type.get(kind, [])


def _types_in(blocks: ReportBlocks, step: str) -> set[str]:
    return blocks.types_by_step.get(step, set())


def _has_step(blocks: ReportBlocks, step: str) -> bool:
    return step in blocks.steps


def _fmt(value: Decimal, unit: str = "") -> str:
    text = format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")
    return f"{text}{unit}"


def _chart_name(kind: str, block: object) -> str:
    title = getattr(block, "title", "").strip()
    return f"{kind}“{title}”" if title else kind


# ---- the checks ------------------------------------------------------------------------------

def _q2_survey_data(r: Reporter, at: tuple, blocks: ReportBlocks) -> None:
    step = "现状调查"
    if _has_step(blocks, step) and not _types_in(blocks, step) & DATA_BLOCKS:
        r.warning((*at, "sections", step),
                  "现状调查还没有数据图表：现状调查应有现场收集的数据，用调查表、排列图、柱状图或折线图表示并找出症结。",
                  "Q2")


def _q3_pareto(r: Reporter, blocks: ReportBlocks) -> None:
    for placed in _of(blocks, ParetoBlock):
        block: ParetoBlock = placed.block
        name = _chart_name("排列图", block)
        named = [i for i in block.items if i.name.strip() and i.name.strip() != OTHER_ITEM]
        total = pareto_total(block.items)
        if total <= 0:
            continue   # nothing to draw yet: the block rules say so, the method has nothing to judge
        if len(named) < 3:
            r.warning((*placed.path, "items"),
                      f"{name}只有{len(named)}个项目：排列图一般有3至9个项目，项目太少时用柱状图更合适。", "Q3")
        elif len(named) > 9:
            r.warning((*placed.path, "items"),
                      f"{name}有{len(named)}个项目：排列图一般不超过9个项目，次要的项目可合并为“其他”。", "Q3")
        other = sum((i.count for i in block.items if i.name.strip() == OTHER_ITEM and i.count is not None),
                    Decimal(0))
        if total > 0 and other * 10 > total:
            share = (other * 100 / total).quantize(Decimal("0.1"))
            r.warning((*placed.path, "items"),
                      f"{name}中“其他”占{_fmt(share)}%（{_fmt(other)}/{_fmt(total)}）：“其他”一般不超过10%，"
                      "应把其中较多的项目单独列出。", "Q3")
        if total < 50:
            r.warning((*placed.path, "items"),
                      f"{name}的总频数只有{_fmt(total)}{block.unit}：排列图的数据一般不少于50个，数据太少时结论不可靠。",
                      "Q3")


def _q4_goal(r: Reporter, at: tuple, goal: Goal) -> None:
    path = (*at, "goal")
    if not goal.indicator.strip() or goal.target is None:
        r.warning(path, "还没有量化的课题指标：问题解决型课题应设定一个目标，写明指标、现状值、目标值和单位。", "Q4")
        return
    unit = goal.unit.strip()
    if not unit:
        r.warning((*path, "unit"),
                  f"课题指标“{goal.indicator.strip()}”没有单位：目标应有数值和单位（如 ℃、%、次/月；计数可写“个”“次”）。",
                  "Q4")
    if goal.direction is None:
        r.warning((*path, "direction"), f"课题指标“{goal.indicator.strip()}”没有选择改进方向：请选择“降低”或“提高”。", "Q4")
    if goal.baseline is None:
        r.warning((*path, "baseline"),
                  f"课题指标“{goal.indicator.strip()}”没有现状值：目标要与现状比较，才看得出改进的幅度。", "Q4")
    if goal.direction is None or goal.baseline is None:
        return
    lower = goal.direction == "降低"
    wrong = goal.target > goal.baseline if lower else goal.target < goal.baseline
    target, baseline = _fmt(goal.target, unit), _fmt(goal.baseline, unit)
    if wrong:
        r.error((*path, "target"),
                f"目标值{target}{'高于' if lower else '低于'}现状值{baseline}，与改进方向“{goal.direction}”相反："
                "目标应在改进方向上优于现状，请核对目标值或改进方向。", "Q4")
    elif goal.target == goal.baseline:
        r.warning((*path, "target"), f"目标值{target}与现状值{baseline}相同：目标应在改进方向上优于现状。", "Q4")


def _q11_goal_reached(r: Reporter, at: tuple, goal: Goal, has_effect_step: bool) -> None:
    path = (*at, "goal")
    if goal.target is None or goal.direction is None:
        return
    unit = goal.unit.strip()
    if goal.achieved is None:
        if has_effect_step:
            r.warning((*path, "achieved"),
                      f"课题指标“{goal.indicator.strip()}”还没有活动后的实际值：效果检查应把活动后的数值与目标值"
                      f"{_fmt(goal.target, unit)}比较。", "Q11")
        return
    lower = goal.direction == "降低"
    missed = goal.achieved > goal.target if lower else goal.achieved < goal.target
    if missed:
        r.warning((*path, "achieved"),
                  f"活动后{_fmt(goal.achieved, unit)}未达到目标值{_fmt(goal.target, unit)}（改进方向：{goal.direction}）："
                  "目标未实现，效果检查应说明原因并提出下一步措施。", "Q11")


def _q5_q6_causes(r: Reporter, blocks: ReportBlocks) -> None:
    fishbones = _of(blocks, FishboneBlock)
    checks = _of(blocks, CauseCheckBlock)
    drawn_in: dict[str, Placed] = {}   # each 末端因素 and the 因果图 it is drawn in
    for placed in fishbones:
        for leaf in fishbone_leaves(placed.block):
            drawn_in.setdefault(leaf, placed)
    leaves = list(drawn_in)
    rows = [(placed, i, row) for placed in checks for i, row in enumerate(placed.block.rows)]
    if fishbones and leaves:
        if not checks:
            r.warning(fishbones[0].path,
                      f"因果图有{len(leaves)}个末端因素，但报告中还没有要因确认表：每个末端因素都应逐条到现场确认是否要因。",
                      "Q6")
        else:
            # Each text normalised once; the rows that confirm each (normalised) leaf, in order.
            leaf_keys = {norm(leaf) for leaf in leaves}
            rows_of: dict[str, list[tuple[Placed, int]]] = {}
            for placed, i, row in rows:
                key = norm(row.cause)
                if key in leaf_keys:
                    rows_of.setdefault(key, []).append((placed, i))
                elif row.cause.strip():
                    r.warning((*placed.path, "rows", i, "cause"),
                              f"要因确认表中的“{row.cause.strip()}”不是因果图的末端因素：要因确认应逐条针对因果图的末端因素。",
                              "Q5")
            for leaf in leaves:
                matching = rows_of.get(norm(leaf), [])
                if not matching:
                    r.warning(drawn_in[leaf].path,
                              f"末端因素“{leaf}”在要因确认表中没有确认：每个末端因素都应逐条确认是否要因。", "Q6")
                elif len(matching) > 1:
                    p, i = matching[1]
                    r.warning((*p.path, "rows", i, "cause"),
                              f"末端因素“{leaf}”在要因确认表中出现了{len(matching)}次：每个末端因素确认一次。", "Q6")
    for placed, i, row in rows:
        at = (*placed.path, "rows", i)
        cause = row.cause.strip()
        if not cause:
            r.warning((*at, "cause"), f"要因确认表第{i + 1}行没有填写末端因素：每行确认一个末端因素。", "Q6")
            continue
        if not row.method.strip():
            r.warning((*at, "method"),
                      f"末端因素“{cause}”没有填写确认方法：要因应到现场用调查、测量、试验等方法确认，不能凭经验或表决。", "Q6")
        if not row.result.strip():
            r.warning((*at, "result"),
                      f"末端因素“{cause}”没有填写确认结果：应写明现场得到的数据及与标准比较的结论。", "Q6")
        if row.is_key.strip() not in ("是", "否"):
            r.warning((*at, "is_key"), f"末端因素“{cause}”没有判定是否要因：请填“是”或“否”。", "Q6")


def _q7_to_q9_countermeasures(r: Reporter, blocks: ReportBlocks, words: Words) -> None:
    check_rows = [(p, i, row) for p in _of(blocks, CauseCheckBlock)
                  for i, row in enumerate(p.block.rows)]
    cm_rows = [(p, i, row) for p in _of(blocks, CountermeasuresBlock)
               for i, row in enumerate(p.block.rows)]
    keys = [(p, i, row) for p, i, row in check_rows if row.is_key.strip() == "是" and row.cause.strip()]
    for p, i, row in keys:
        if not any(same_item(row.cause, cm.cause) for _, _, cm in cm_rows):
            r.warning((*p.path, "rows", i, "cause"),
                      f"要因“{row.cause.strip()}”在对策表中没有对应的对策：每个要因都应制定对策。", "Q7")
    for p, i, row in cm_rows:
        at = (*p.path, "rows", i)
        cause = row.cause.strip()
        if not cause:
            r.warning((*at, "cause"), f"对策表第{i + 1}行没有填写要因：每条对策都应针对一个确认的要因。", "Q7")
        elif check_rows and not any(same_item(cause, k.cause) for _, _, k in keys):
            rejected = any(same_item(cause, c.cause) for _, _, c in check_rows)
            r.warning((*at, "cause"),
                      f"对策表中的“{cause}”" + ("在要因确认表中判定为非要因" if rejected else "不是要因确认表确认的要因")
                      + "：对策应针对确认的要因逐条制定。", "Q7")
        name = row.measure.strip() or cause or f"第{i + 1}行"
        missing = [k for k in FIVE_W1H if not getattr(row, k).strip()]
        if missing:
            r.warning((*at, missing[0]),
                      f"对策“{name}”缺少{'、'.join(CountermeasureRow.label_of(k) for k in missing)}：对策表应按5W1H逐项填写"
                      "（对策、目标、措施、地点、负责人、完成时间）。", "Q8")
        for key in ("measure", "actions"):
            text = getattr(row, key).strip()
            if text and words.attitude_only(text):
                r.warning((*at, key),
                          f"{CountermeasureRow.label_of(key)}“{text}”只是态度要求：对策要具体、可检查，写明做什么、做到什么程度。", "Q9")


def _q10_owners(r: Reporter, blocks: ReportBlocks, a: GroupAchievement | TeamAchievement, noun: str) -> None:
    if not (_of(blocks, CauseCheckBlock) or _of(blocks, CountermeasuresBlock)):
        return
    members = {norm(m.name) for m in a.report.members if m.name.strip()} | \
        {norm(c) for c in a.main_contributors if c.strip()}
    if not members:
        return  # no member table yet: the report's own rules ask for it
    for kind, title in ((CauseCheckBlock, "要因确认"), (CountermeasuresBlock, "对策实施")):
        for p in _of(blocks, kind):
            for i, row in enumerate(p.block.rows):
                if norm(row.owner) in members:
                    continue   # one name, perhaps with a space in it (阿依古丽 买买提)
                for name in split_names(row.owner):
                    if norm(name) not in members:
                        r.warning((*p.path, "rows", i, "owner"),
                                  f"负责人“{name}”不是本{noun}成员：{title}应由{noun}成员负责"
                                  f"（成员表和主要完成人中都没有此人）。", "Q10")


def _q12_effect(r: Reporter, at: tuple, blocks: ReportBlocks) -> None:
    step = "效果检查"
    if not _has_step(blocks, step):
        return
    kinds = _types_in(blocks, step)
    if not kinds & EVIDENCE_BLOCKS:
        r.warning((*at, "sections", step),
                  "效果检查还没有图表：效果检查应用柱状图、排列图或数据表把活动前、目标、活动后的数据对比出来。", "Q12")
    elif "pareto" in _types_in(blocks, "现状调查") and "pareto" not in kinds:
        r.warning((*at, "sections", step),
                  "现状调查用排列图找出了症结，效果检查却没有排列图：应用同样的排列图对比活动前后（同类比较）。", "Q12")


def _q13_benefit(r: Reporter, a: GroupAchievement, blocks: ReportBlocks) -> None:
    tables = _of(blocks, BenefitBlock)
    if not tables:
        return
    total = sum((benefit_total(p.block) for p in tables), Decimal(0))
    if a.economic_benefit is None:
        r.warning(tables[0].path,
                  f"经济效益计算合计{_fmt(total)}万元，申报表的经济效益（万元）却没有填写：两处应是同一个数。", "Q13")
    elif total != a.economic_benefit:
        r.warning(tables[0].path,
                  f"经济效益计算合计{_fmt(total)}万元，与申报表的经济效益{_fmt(a.economic_benefit)}万元不一致："
                  "两处应是同一个数，请核对计算或申报表。", "Q13")


def _q14_options(r: Reporter, at: tuple, blocks: ReportBlocks) -> None:
    step = "提出方案并确定最佳方案"
    if _has_step(blocks, step) and not _types_in(blocks, step) & EVIDENCE_BLOCKS:
        r.warning((*at, "sections", step),
                  "提出方案并确定最佳方案还没有对比表或图：应列出几个方案，用试验或数据比较后确定最佳方案。", "Q14")


_PLAN_DATES = (("plan_start", "计划开始"), ("plan_end", "计划结束"), ("actual_start", "实际开始"),
               ("actual_end", "实际结束"))


def _q15_plan(r: Reporter, at: tuple, a: GroupAchievement, blocks: ReportBlocks, steps: tuple[str, ...]) -> None:
    plans = _of(blocks, PlanBlock)
    if not plans:
        r.warning((*at, "sections", steps[0]),
                  "报告中还没有活动计划（甘特图）：选择课题后应列出活动计划，并对照计划与实际进度。", "Q15")
        return
    start, end = a.report.activity_start, a.report.activity_end
    if start is None and end is None:
        return
    for p in plans:
        for i, task in enumerate(p.block.tasks):
            for key, label in _PLAN_DATES:
                day = getattr(task, key)
                if day is not None and ((start and day < start) or (end and day > end)):
                    span = f"{cn_date(start) if start else '…'}至{cn_date(end) if end else '…'}"
                    r.warning((*p.path, "tasks", i, key),
                              f"活动计划中“{task.name.strip() or f'第{i + 1}项'}”的{label}{cn_date(day)}不在活动时间"
                              f"{span}内：活动计划应在小组活动时间之内，请核对日期。", "Q15")
                    break


# ---- per achievement ---------------------------------------------------------------------------

def check_group_method(r: Reporter, index: int, a: GroupAchievement, profile: CampaignProfile) -> None:
    at = ("group_achievements", index, "report")
    report = a.report
    steps = profile.group_steps(a.topic_type, report.target_kind)
    blocks = ReportBlocks(at, report.sections, steps)
    words = words_of(profile.self_check)
    problem_solving = a.topic_type == "问题解决型"
    if problem_solving and report.target_kind != "指令性目标":
        _q2_survey_data(r, at, blocks)
    _q3_pareto(r, blocks)
    if problem_solving:
        _q4_goal(r, at, report.goal)
    _q5_q6_causes(r, blocks)
    _q7_to_q9_countermeasures(r, blocks, words)
    _q10_owners(r, blocks, a, "小组")
    _q11_goal_reached(r, at, report.goal, _has_step(blocks, "效果检查"))
    if a.topic_type:
        _q12_effect(r, at, blocks)
    _q13_benefit(r, a, blocks)
    if a.topic_type == "创新型":
        _q14_options(r, at, blocks)
    if a.topic_type:
        _q15_plan(r, at, a, blocks, steps)


def check_team_method(r: Reporter, index: int, a: TeamAchievement, profile: CampaignProfile) -> None:
    """A team's report uses the same QC tables when it has them (排列图, 要因确认表, 对策表)."""
    at = ("team_achievements", index, "report")
    report = a.report
    blocks = ReportBlocks(at, report.sections, profile.steps.team)
    _q3_pareto(r, blocks)
    _q5_q6_causes(r, blocks)
    _q7_to_q9_countermeasures(r, blocks, words_of(profile.self_check))
    _q10_owners(r, blocks, a, "班组")
