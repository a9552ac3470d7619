"""方法自查 Q1–Q15: each check trips on a report that has the fault and stays quiet on one that has not.

The clean reports are the sample's, completed by hand with their blocks (tests/report_fixtures.py).
"""
from __future__ import annotations

import pytest

from tests.report_fixtures import (
    G0, benefit, complete, coded, countermeasures, messages, pareto, plan,
)
from tests.rule_helpers import findings

G1 = ("group_achievements", 1, "report")


def _section(data: dict, group: int, step: str) -> dict:
    report = data["group_achievements"][group]["report"]
    return next(s for s in report["sections"] if s["step"] == step)


@pytest.fixture
def data(sample_data: dict) -> dict:
    return complete(sample_data)


def test_the_complete_reports_pass_every_check(data: dict) -> None:
    found = findings(data)
    assert found == []


def test_every_method_finding_has_its_category_and_code(data: dict) -> None:
    data["group_achievements"][0]["report"]["goal"] = None
    _section(data, 1, "效果检查")["blocks"] = []
    found = [f for f in findings(data) if f.code.startswith("Q")]
    assert found and all(f.category == "方法自查" for f in found)
    assert all(f.as_check()["category"] == "方法自查" for f in found)


# Q1 ------------------------------------------------------------------------------------------------

def test_q1_a_step_with_blocks_only_has_content(data: dict) -> None:
    _section(data, 0, "原因分析")["text"] = ""
    assert coded(findings(data), "Q1") == []      # the 因果图 is its content
    _section(data, 0, "原因分析")["blocks"] = []
    (finding,) = coded(findings(data), "Q1")
    assert finding.level == "error" and finding.path == (*G0, "sections", "原因分析")
    assert finding.message == "具体内容 › 原因分析：这一步还没有内容，请按问题解决型（自定目标）课题的步骤填写。"


def test_q1_a_directive_target_has_no_survey(data: dict) -> None:
    report = data["group_achievements"][2]["report"]
    assert coded(findings(data), "Q1") == []
    report["sections"].insert(1, {"step": "现状调查", "text": "统计了优等品率。"})
    (finding,) = coded(findings(data), "Q1")
    assert finding.level == "warning" and "不是问题解决型（指令性目标）课题的步骤" in finding.detail


# Q2 ------------------------------------------------------------------------------------------------

def test_q2_survey_needs_data(data: dict) -> None:
    _section(data, 0, "现状调查")["blocks"] = [{"type": "line", "points": [{"x": "6月", "y": 168}]}]
    assert coded(findings(data), "Q2") == []
    _section(data, 0, "现状调查")["blocks"] = [{"type": "image", "path": ""}, {"type": "text", "text": "见照片"}]
    (finding,) = coded(findings(data), "Q2")
    assert finding.path == (*G0, "sections", "现状调查")
    assert finding.detail.startswith("现状调查还没有数据图表：")


# Q3 ------------------------------------------------------------------------------------------------

def test_q3_pareto_item_count(data: dict) -> None:
    survey = _section(data, 0, "现状调查")
    survey["blocks"] = [pareto([("甲", 40), ("乙", 20), ("其他", 2)])]
    assert messages(findings(data), "Q3") == [
        "排列图“排烟温度超标原因排列图”只有2个项目：排列图一般有3至9个项目，项目太少时用柱状图更合适。"]
    survey["blocks"] = [pareto([(f"项目{i}", 10) for i in range(10)])]
    assert "有10个项目：排列图一般不超过9个项目" in messages(findings(data), "Q3")[0]
    survey["blocks"] = [pareto([(f"项目{i}", 10) for i in range(9)])]
    assert messages(findings(data), "Q3") == []


def test_q3_other_at_most_ten_percent_and_fifty_data(data: dict) -> None:
    survey = _section(data, 0, "现状调查")
    survey["blocks"] = [pareto([("甲", 30), ("乙", 20), ("丙", 10), ("其他", 7)])]
    (finding,) = coded(findings(data), "Q3")
    assert finding.detail == ("排列图“排烟温度超标原因排列图”中“其他”占10.4%（7/67）：“其他”一般不超过10%，"
                              "应把其中较多的项目单独列出。")
    assert finding.path == (*G0, "sections", "现状调查", "blocks", 0, "items")
    survey["blocks"] = [pareto([("甲", 20), ("乙", 15), ("丙", 10), ("其他", 3)])]
    assert messages(findings(data), "Q3") == [
        "排列图“排烟温度超标原因排列图”的总频数只有48次：排列图的数据一般不少于50个，数据太少时结论不可靠。"]
    survey["blocks"] = [pareto([("甲", 20), ("乙", 15), ("丙", 10), ("其他", 5)])]
    assert messages(findings(data), "Q3") == []
    survey["blocks"] = [pareto([("甲", 0), ("乙", 0)])]     # not drawn yet: nothing to judge
    assert messages(findings(data), "Q3") == []


# Q4 and Q11 ----------------------------------------------------------------------------------------

def test_q4_problem_solving_states_a_goal(data: dict) -> None:
    data["group_achievements"][0]["report"]["goal"] = None
    (finding,) = coded(findings(data), "Q4")
    assert finding.path == (*G0, "goal") and finding.label == "课题指标"
    data["group_achievements"][1]["report"]["goal"] = None     # 创新型: not asked
    assert [f.path[1] for f in coded(findings(data), "Q4")] == [0]


def test_q4_unit_and_baseline(data: dict) -> None:
    goal = data["group_achievements"][0]["report"]["goal"]
    goal["unit"] = ""
    goal["baseline"] = None
    found = coded(findings(data), "Q4")
    assert [f.path[-1] for f in found] == ["unit", "baseline"]
    assert found[0].detail.startswith("课题指标“加热炉排烟温度”没有单位：")


def test_q4_target_pointing_the_wrong_way_is_an_error(data: dict) -> None:
    goal = data["group_achievements"][0]["report"]["goal"]
    goal["target"] = 175
    (finding,) = coded(findings(data), "Q4")
    assert finding.level == "error" and finding.path == (*G0, "goal", "target")
    assert finding.detail.startswith("目标值175℃高于现状值168℃，与改进方向“降低”相反：")
    goal["target"] = 168
    (finding,) = coded(findings(data), "Q4")
    assert finding.level == "warning" and "与现状值168℃相同" in finding.detail


def test_q11_target_not_reached(data: dict) -> None:
    goal = data["group_achievements"][2]["report"]["goal"]      # 提高: 96 wanted
    goal["achieved"] = 95.5
    (finding,) = coded(findings(data), "Q11")
    assert finding.path == ("group_achievements", 2, "report", "goal", "achieved")
    assert finding.detail == ("活动后95.5%未达到目标值96%（改进方向：提高）："
                              "目标未实现，效果检查应说明原因并提出下一步措施。")
    goal["achieved"] = 96
    assert coded(findings(data), "Q11") == []
    goal["achieved"] = None
    assert "还没有活动后的实际值" in messages(findings(data), "Q11")[0]


# Q5 and Q6 -----------------------------------------------------------------------------------------

def test_q5_confirmed_causes_are_fishbone_leaves(data: dict) -> None:
    table = _section(data, 0, "确定主要原因")["blocks"][0]
    table["rows"][1]["cause"] = "空气预热器换热差"       # a middle bone, not an end cause
    found = findings(data)
    (q5,) = coded(found, "Q5")
    assert q5.path == (*G0, "sections", "确定主要原因", "blocks", 0, "rows", 1, "cause")
    assert q5.detail == "要因确认表中的“空气预热器换热差”不是因果图的末端因素：要因确认应逐条针对因果图的末端因素。"
    assert q5.label == "具体内容 › 确定主要原因 › 图表与数据 第1项 › 要因确认 第2项 › 末端因素"
    # …and the leaf it replaced is now unconfirmed.
    assert messages(found, "Q6") == ["末端因素“吹灰操作卡不完善”在要因确认表中没有确认：每个末端因素都应逐条确认是否要因。"]


def test_q5_needs_a_fishbone(data: dict) -> None:
    _section(data, 0, "原因分析")["blocks"] = [{"type": "text", "text": "用关联图分析。"}]
    table = _section(data, 0, "确定主要原因")["blocks"][0]
    table["rows"][1]["cause"] = "任意原因"
    assert coded(findings(data), "Q5") == []


def test_q6_every_leaf_confirmed_with_method_and_result(data: dict) -> None:
    table = _section(data, 0, "确定主要原因")["blocks"][0]
    table["rows"][3].update(method="", result="  ", is_key="待定")
    found = coded(findings(data), "Q6")
    assert [f.path[-1] for f in found] == ["method", "result", "is_key"]
    assert found[0].detail.startswith("末端因素“操作人员技能不足”没有填写确认方法：")
    _section(data, 0, "确定主要原因")["blocks"] = []
    (missing,) = coded(findings(data), "Q6")
    assert missing.path == (*G0, "sections", "原因分析", "blocks", 0)
    assert missing.detail.startswith("因果图有4个末端因素，但报告中还没有要因确认表")


def test_q6_a_leaf_confirmed_twice(data: dict) -> None:
    table = _section(data, 0, "确定主要原因")["blocks"][0]
    table["rows"].append(dict(table["rows"][0]))
    (twice,) = coded(findings(data), "Q6")
    assert twice.path[-3:] == ("rows", 4, "cause") and "出现了2次" in twice.detail


# Q7, Q8 and Q9 -------------------------------------------------------------------------------------

def test_q7_every_key_cause_has_a_countermeasure(data: dict) -> None:
    cms = _section(data, 0, "制定对策")["blocks"][0]
    del cms["rows"][0]
    (finding,) = coded(findings(data), "Q7")
    assert finding.detail == "要因“热管泄漏”在对策表中没有对应的对策：每个要因都应制定对策。"
    assert finding.path == (*G0, "sections", "确定主要原因", "blocks", 0, "rows", 0, "cause")


def test_q7_a_shortened_cause_still_matches(data: dict) -> None:
    _section(data, 0, "制定对策")["blocks"][0]["rows"][1]["cause"] = "吹灰操作卡 不完善。"
    assert coded(findings(data), "Q7") == []


def test_q7_every_countermeasure_answers_a_key_cause(data: dict) -> None:
    rows = _section(data, 0, "制定对策")["blocks"][0]["rows"]
    rows.append(dict(rows[0], cause="操作人员技能不足", measure="开展技能比武"))
    rows.append(dict(rows[0], cause="燃烧器喷嘴磨损", measure="更换喷嘴"))
    found = coded(findings(data), "Q7")
    assert [f.detail for f in found] == [
        "对策表中的“操作人员技能不足”在要因确认表中判定为非要因：对策应针对确认的要因逐条制定。",
        "对策表中的“燃烧器喷嘴磨损”不是要因确认表确认的要因：对策应针对确认的要因逐条制定。"]
    assert found[0].label == "具体内容 › 制定对策 › 图表与数据 第1项 › 对策（5W1H） 第4项 › 要因"


def test_q8_five_w_one_h(data: dict) -> None:
    row = _section(data, 0, "制定对策")["blocks"][0]["rows"][2]
    row.update(place="", due=" ")
    (finding,) = coded(findings(data), "Q8")
    assert finding.path[-3:] == ("rows", 2, "place")
    assert finding.detail == ("对策“校验氧含量分析仪”缺少地点、完成时间：对策表应按5W1H逐项填写"
                              "（对策、目标、措施、地点、负责人、完成时间）。")


def test_q9_attitudes_are_not_countermeasures(data: dict) -> None:
    row = _section(data, 0, "制定对策")["blocks"][0]["rows"][1]
    row.update(measure="加强安全培训，提高责任心。", actions="加强培训：组织3次吹灰操作培训并考核")
    (finding,) = coded(findings(data), "Q9")
    assert finding.path[-1] == "measure"
    assert finding.detail == "对策“加强安全培训，提高责任心。”只是态度要求：对策要具体、可检查，写明做什么、做到什么程度。"
    row["measure"] = "修订吹灰操作卡"
    assert coded(findings(data), "Q9") == []


def test_q9_words_come_from_the_campaign_profile(data: dict) -> None:
    from forms.campaign import load_campaign
    from forms.project import Project
    from forms.rules import check_project
    profile = load_campaign(2024)
    lists = profile.self_check.model_copy(update={"attitude_phrases": ("严格*执行",)})
    changed = profile.model_copy(update={"self_check": lists})
    _section(data, 0, "制定对策")["blocks"][0]["rows"][0]["measure"] = "严格遵守执行"
    found = check_project(Project.model_validate(data), changed)
    assert [f.detail.split("”")[0] for f in found if f.code == "Q9"] == ["对策“严格遵守执行"]


# Q10 -----------------------------------------------------------------------------------------------

def test_q10_owners_are_members(data: dict) -> None:
    cms = _section(data, 0, "制定对策")["blocks"][0]
    cms["rows"][0]["owner"] = "阿依古丽·买买提、王五"
    _section(data, 0, "确定主要原因")["blocks"][0]["rows"][2]["owner"] = "外协单位"
    found = coded(findings(data), "Q10")
    assert [f.detail for f in found] == [
        "负责人“外协单位”不是本小组成员：要因确认应由小组成员负责（成员表和主要完成人中都没有此人）。",
        "负责人“王五”不是本小组成员：对策实施应由小组成员负责（成员表和主要完成人中都没有此人）。"]
    assert found[1].label.endswith("对策（5W1H） 第1项 › 负责人")


def test_q10_a_name_with_a_space_is_one_member(data: dict) -> None:
    group = data["group_achievements"][0]
    group["main_contributors"][2] = group["report"]["members"][2]["name"] = "阿依古丽 买买提"
    _section(data, 0, "制定对策")["blocks"][0]["rows"][0]["owner"] = "阿依古丽 买买提"
    assert coded(findings(data), "Q10") == []


def test_q10_applies_to_team_reports_too(data: dict) -> None:
    team = data["team_achievements"][0]["report"]
    step = next(s for s in team["sections"] if s["step"] == "改进与创新")
    step["blocks"] = [{"type": "countermeasures", "rows": [dict(countermeasures()["rows"][0], owner="曹丽娟")]}]
    assert coded(findings(data), "Q10") == []
    step["blocks"][0]["rows"][0]["owner"] = "路人甲"
    (finding,) = coded(findings(data), "Q10")
    assert finding.form == "附件9" and "不是本班组成员" in finding.detail


# Q12 -----------------------------------------------------------------------------------------------

def test_q12_effect_check_needs_a_chart(data: dict) -> None:
    _section(data, 2, "效果检查")["blocks"] = []
    (finding,) = coded(findings(data), "Q12")
    assert finding.path == ("group_achievements", 2, "report", "sections", "效果检查")
    assert finding.detail.startswith("效果检查还没有图表：")


def test_q12_like_with_like(data: dict) -> None:
    effect = _section(data, 0, "效果检查")
    effect["blocks"] = [b for b in effect["blocks"] if b["type"] != "pareto"]
    (finding,) = coded(findings(data), "Q12")
    assert "效果检查却没有排列图" in finding.detail


# Q13 -----------------------------------------------------------------------------------------------

def test_q13_benefit_total_equals_the_form(data: dict) -> None:
    effect = _section(data, 0, "效果检查")
    effect["blocks"][2] = benefit(("350", "-15"))
    (finding,) = coded(findings(data), "Q13")
    assert finding.detail == ("经济效益计算合计335万元，与申报表的经济效益337.74万元不一致："
                              "两处应是同一个数，请核对计算或申报表。")
    assert finding.path == (*G0, "sections", "效果检查", "blocks", 2)
    data["group_achievements"][0]["economic_benefit"] = "335.00"
    assert coded(findings(data), "Q13") == []


# Q14 -----------------------------------------------------------------------------------------------

def test_q14_innovation_compares_options(data: dict) -> None:
    step = _section(data, 1, "提出方案并确定最佳方案")
    step["blocks"] = [{"type": "text", "text": "选定超声波方案。"}]
    (finding,) = coded(findings(data), "Q14")
    assert finding.path == (*G1, "sections", "提出方案并确定最佳方案")
    step["blocks"] = [{"type": "bar", "bars": [{"label": "方案一", "value": 3}, {"label": "方案二", "value": 5}]}]
    assert coded(findings(data), "Q14") == []


# Q15 -----------------------------------------------------------------------------------------------

def test_q15_a_plan_within_the_activity_time(data: dict) -> None:
    first = _section(data, 0, "选择课题")
    first["blocks"] = [plan("2023-04-20")]
    (finding,) = coded(findings(data), "Q15")
    assert finding.path == (*G0, "sections", "选择课题", "blocks", 0, "tasks", 0, "plan_start")
    assert finding.detail.startswith("活动计划中“选择课题”的计划开始2023年4月20日不在活动时间2023年5月8日至2023年11月20日内")
    first["blocks"] = []
    (missing,) = coded(findings(data), "Q15")
    assert missing.path == (*G0, "sections", "选择课题") and "还没有活动计划" in missing.detail


def test_a_block_in_a_step_that_does_not_print_is_not_checked(data: dict) -> None:
    # 现状调查 is kept when the target kind changes, but not exported, so not checked.
    data["group_achievements"][0]["report"]["target_kind"] = "指令性目标"
    _section(data, 0, "现状调查")["blocks"] = [pareto([("甲", 1)])]
    assert coded(findings(data), "Q3") == []
