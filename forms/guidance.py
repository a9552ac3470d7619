"""Step-by-step guidance for the report steps, as data: what each step must contain, which tools
(report blocks) fit it and what reviewers usually mark down.

Drawn from public QC teaching practice for T/CAQ 10201-2020 (QC groups) and T/CAQ 10204-2017
(trusted teams). It is advice, not the standard's text, and claims no official score.
"""
from __future__ import annotations

from dataclasses import dataclass

GROUP_STANDARD = "T/CAQ 10201-2020"
TEAM_STANDARD = "T/CAQ 10204-2017"


@dataclass(frozen=True)
class StepGuidance:
    contains: str              # what the step must contain
    tools: tuple[str, ...]     # tools (report blocks) that fit
    mistakes: tuple[str, ...]  # what reviewers usually mark down


_PROBLEM_SOLVING: dict[str, StepGuidance] = {
    "选择课题": StepGuidance(
        "说明课题来源（上级要求、现场问题或顾客需求）和为什么现在要解决，用数据说话；课题名称简短具体，"
        "直接说明改进什么（降低…、提高…、减少…）；附活动计划。",
        ("数据表", "柱状图", "折线图", "活动计划（甘特图）"),
        ("课题太大或太笼统", "选题理由长篇叙述而没有数据")),
    "现状调查": StepGuidance(
        "在现场按明确的时间段收集数据，逐层分层直到找出症结；写明现状值（基准值）。",
        ("数据表", "排列图", "柱状图", "折线图"),
        ("没有数据或不是现场实测", "没有图表", "排列图画法不规范（“其他”应放最后）", "没有找到症结")),
    "设定目标": StepGuidance(
        "设定一个量化目标并写明单位；说明目标依据（上级指令、历史最好水平、同行水平或测算）。",
        ("柱状图（现状与目标）", "课题目标"),
        ("目标没有数值", "没有目标依据", "设定多个目标")),
    "目标可行性论证": StepGuidance(
        "指令性目标不做现状调查，在设定目标之后论证目标能否实现：能力、对标水平、资源，都要有数据。",
        ("数据表", "柱状图"),
        ("只用文字论证，没有数据",)),
    "原因分析": StepGuidance(
        "针对症结分析原因，通常按人、机、料、法、环、测展开，一直分析到可以直接采取措施的末端因素。",
        ("因果图（鱼骨图）", "关联图", "系统图"),
        ("停留在现象，没有分析到末端因素", "把小组无法控制的因素列为原因", "一张因果图分析多个问题")),
    "确定主要原因": StepGuidance(
        "对每一条末端因素逐条到现场、对照标准、用数据确认是否为要因。",
        ("要因确认表",),
        ("用投票或打分代替现场确认", "没有确认标准", "末端因素没有逐条确认")),
    "制定对策": StepGuidance(
        "每条要因一行，按 5W1H 写明：对策（做什么）、目标（可检查）、措施（怎么做）、地点、负责人、完成时间。",
        ("对策表",),
        ("对策与要因不一一对应", "对策和措施混淆", "写“加强教育”“提高责任心”等态度而不是行动",
         "目标无法检查", "负责人不是小组成员")),
    "对策实施": StepGuidance(
        "逐条说明每项对策按计划实施的情况，并对照该对策的目标检查效果（数据、照片）。",
        ("数据表", "图片", "柱状图", "折线图"),
        ("没有逐条检查对策效果", "没有实施证据")),
    "效果检查": StepGuidance(
        "用与现状调查相同的方法和时间长度，对比活动后指标与目标、现状；用同样的排列图看症结占比变化；"
        "计算经济效益并经财务部门确认。",
        ("柱状图（活动前/目标/活动后）", "排列图", "折线图", "经济效益"),
        ("只看主要指标", "样本太少", "与现状调查用的图表不同", "效益夸大", "效益与申报表不一致")),
    "制定巩固措施": StepGuidance(
        "写明哪些做法已纳入标准（作业指导书、工艺卡片的修订，附编号），并给出巩固期的数据。",
        ("数据表", "折线图"),
        ("只有承诺没有标准文件", "没有巩固期数据")),
    "总结和下一步打算": StepGuidance(
        "总结小组在专业技术、管理方法和小组成员素质方面的收获，提出下一个课题。",
        ("数据表（自我评价）",),
        ("空泛的赞扬，没有具体收获",)),
}

_INNOVATION: dict[str, StepGuidance] = {
    "选择课题": StepGuidance(
        "说明需求从哪里来，以及从其他领域借鉴了什么（查新、借鉴的思路和依据）；课题名称说明要研制或创新什么。",
        ("数据表", "柱状图", "活动计划（甘特图）"),
        ("需求没有说清", "没有借鉴依据")),
    "设定目标及目标可行性论证": StepGuidance(
        "设定量化目标（可有多个但要与课题对应），并用借鉴的数据、试验或测算论证目标可以实现。",
        ("课题目标", "柱状图", "数据表"),
        ("目标没有数值", "只用文字论证可行性")),
    "提出方案并确定最佳方案": StepGuidance(
        "提出多个方案（总体方案和分级方案），用试验或数据逐一比较，选出最佳方案。",
        ("数据表（方案比较）", "柱状图", "系统图"),
        ("只提一个方案就称为“最佳”", "比较没有数据")),
    "制定对策": StepGuidance(
        "针对最佳方案中要实施的内容逐项制定对策，按 5W1H 写明对策、目标、措施、地点、负责人、完成时间。",
        ("对策表",),
        ("对策与最佳方案不对应", "目标无法检查")),
    "对策实施": StepGuidance(
        "逐条说明对策的实施过程，并对照每项对策的目标检查效果（数据、照片）。",
        ("数据表", "图片", "柱状图"),
        ("没有逐条检查对策效果", "没有实施证据")),
    "效果检查": StepGuidance(
        "检查课题目标是否实现，计算经济效益并经财务部门确认，说明社会效益。",
        ("柱状图（目标与实际）", "经济效益"),
        ("效益夸大", "效益与申报表不一致")),
    "标准化": StepGuidance(
        "把创新成果形成图纸、工艺文件、作业指导书等标准（附编号），说明推广应用情况。",
        ("数据表", "图片"),
        ("只有承诺没有标准文件",)),
    "总结和下一步打算": _PROBLEM_SOLVING["总结和下一步打算"],
}

_TEAM: dict[str, StepGuidance] = {
    "明确定位": StepGuidance(
        "说明班组在组织中的定位：承担的职责、工作内容和在流程中的位置。",
        ("数据表",),
        ("定位空泛，看不出班组的特点",)),
    "识别顾客及其他相关方": StepGuidance(
        "列出班组的内部、外部顾客和其他相关方（上下工序、管理部门等）。",
        ("数据表",),
        ("只列出外部顾客，漏掉上下工序",)),
    "识别确定关键需求": StepGuidance(
        "通过调查了解各方的需求，用数据确定关键需求。",
        ("数据表", "柱状图", "排列图"),
        ("需求没有调查依据", "没有区分关键需求")),
    "确定关键改进工作": StepGuidance(
        "根据关键需求确定班组要改进的关键工作，说明两者的对应关系。",
        ("数据表",),
        ("改进工作与关键需求不对应",)),
    "建立目标和测量指标": StepGuidance(
        "为每项关键改进工作建立量化目标和测量指标，写明测量方法和频次。",
        ("数据表", "课题目标"),
        ("目标不可测量", "指标与附件3 班组指标不一致")),
    "提升人员素质": StepGuidance(
        "说明培训、技能提升和多能工培养的做法和结果（培训出勤率、考核合格率等）。",
        ("数据表", "柱状图", "图片"),
        ("只写做法，没有结果数据",)),
    "完善基础管理": StepGuidance(
        "说明制度、标准、现场（5S）、安全等基础管理的完善情况。",
        ("数据表", "图片"),
        ("罗列制度名称，没有执行效果",)),
    "改进与创新": StepGuidance(
        "说明开展的 QC 小组活动、合理化建议和创新成果。",
        ("数据表", "柱状图", "图片"),
        ("只有数量，没有具体成果",)),
    "达成目标": StepGuidance(
        "用附件3 的班组指标和目标对比，给出各指标随时间的变化。",
        ("折线图", "柱状图", "数据表"),
        ("没有与目标对比", "数据与附件3 申报表不一致")),
    "提炼特色": StepGuidance(
        "提炼班组建设中可推广的特色做法和经验。",
        ("数据表",),
        ("特色泛泛而谈，不是本班组独有",)),
}


def guidance_for(step: str, sequence: str = "problem") -> StepGuidance | None:
    """The guidance of ``step`` in ``sequence`` ("problem", "innovation" or "team")."""
    table = {"innovation": _INNOVATION, "team": _TEAM}.get(sequence, _PROBLEM_SOLVING)
    return table.get(step)


def guidance_html(step: str, sequence: str = "problem") -> str:
    """The guidance as short rich text for a hint panel, or "" when there is none."""
    g = guidance_for(step, sequence)
    if g is None:
        return ""
    standard = TEAM_STANDARD if sequence == "team" else GROUP_STANDARD
    mistakes = "；".join(g.mistakes)
    return (f"<b>本步应包括</b>（{standard}）：{g.contains}<br>"
            f"<b>适用工具</b>：{'、'.join(g.tools)}<br>"
            f"<b>常见扣分</b>：{mistakes}。")
